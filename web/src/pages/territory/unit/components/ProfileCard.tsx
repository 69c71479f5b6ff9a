import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../../auth/useMe';
import { useErrorText } from '../../../../lib/errors';
import type { UnitDetail, UnitProfile } from '../../types';
import { saveProfile, unitKeys } from '../api';

type ProfileForm = { population?: number | null; households?: number | null; traits?: string; keyWork?: string; risks?: string };

/** 网格画像: population, households, 人口特点, 工作重点, 隐患风险; editable with territory.write. */
export function ProfileCard({ detail }: { detail: UnitDetail }) {
  const { t } = useTranslation('territory');
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const profile = detail.unit.profile ?? {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? <span className="gg-pre-line">{v}</span> : <Typography.Text type="secondary">{t('profile.notSet')}</Typography.Text>);
  const num = (v: unknown) => (typeof v === 'number' ? v.toLocaleString() : <Typography.Text type="secondary">{t('profile.notSet')}</Typography.Text>);

  return (
    <Card
      title={detail.unit.kind === 'grid' ? t('profile.title') : t('profile.titleUnit')}
      style={{ height: '100%' }}
      extra={can('territory.write') && (
        <Button icon={<EditOutlined />} size="small" onClick={() => setEditing(true)} data-testid="profile-edit">{t('profile.edit')}</Button>
      )}
    >
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" data-testid="unit-profile">
        <Descriptions.Item label={t('profile.population')}>{num(profile.population)}</Descriptions.Item>
        <Descriptions.Item label={t('profile.households')}>{num(profile.households)}</Descriptions.Item>
        <Descriptions.Item label={t('profile.traits')} span={2}>{text(profile.traits)}</Descriptions.Item>
        <Descriptions.Item label={t('profile.keyWork')} span={2}>{text(profile.keyWork)}</Descriptions.Item>
        <Descriptions.Item label={t('profile.risks')} span={2}>{text(profile.risks)}</Descriptions.Item>
      </Descriptions>
      {editing && <ProfileModal unitId={detail.unit.id} profile={profile} onClose={() => setEditing(false)} />}
    </Card>
  );
}

function ProfileModal({ unitId, profile, onClose }: { unitId: string; profile: UnitProfile; onClose: () => void }) {
  const { t } = useTranslation('territory');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [form] = Form.useForm<ProfileForm>();
  const save = useMutation({
    mutationFn: (v: ProfileForm) => saveProfile(unitId, {
      // Only fields the user filled in are sent; empty numbers are left as they were.
      ...(v.population != null ? { population: v.population } : {}),
      ...(v.households != null ? { households: v.households } : {}),
      traits: v.traits ?? '', keyWork: v.keyWork ?? '', risks: v.risks ?? '',
    }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: unitKeys.detail(unitId) });
      void message.success(t('profile.saved'));
      onClose();
    },
  });

  return (
    <Modal
      open
      title={t('profile.editTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      {save.isError && <Typography.Text type="danger">{errorText(save.error)}</Typography.Text>}
      <Form<ProfileForm>
        form={form}
        layout="vertical"
        initialValues={{
          population: typeof profile.population === 'number' ? profile.population : undefined,
          households: typeof profile.households === 'number' ? profile.households : undefined,
          traits: profile.traits ?? '', keyWork: profile.keyWork ?? '', risks: profile.risks ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label={t('profile.population')} name="population"><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
        <Form.Item label={t('profile.households')} name="households"><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
        <Form.Item label={t('profile.traits')} name="traits"><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount /></Form.Item>
        <Form.Item label={t('profile.keyWork')} name="keyWork"><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount /></Form.Item>
        <Form.Item label={t('profile.risks')} name="risks"><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount /></Form.Item>
      </Form>
    </Modal>
  );
}
