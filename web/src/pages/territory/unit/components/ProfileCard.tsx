import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Modal, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../../auth/useMe';
import { useErrorText } from '../../../../lib/errors';
import type { UnitDetail, UnitProfile } from '../../types';
import { saveProfile, unitKeys } from '../api';

type ProfileForm = { population?: number | null; households?: number | null; traits?: string; keyWork?: string; risks?: string };

/**
 * Traits, key work and risks arrive as a list (seeded data) or as text (saved from this form, one item per
 * line); both are shown as a list of items.
 */
function profileItems(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String).map((x) => x.trim()).filter(Boolean);
  if (typeof v === 'string') return v.split(/\n+/).map((x) => x.trim()).filter(Boolean);
  return [];
}

/** 网格画像: population, households, 人口特点, 工作重点, 隐患风险; editable with territory.write. */
export function ProfileCard({ detail }: { detail: UnitDetail }) {
  const { t } = useTranslation('territory');
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const profile = detail.unit.profile ?? {};
  const notSet = <Typography.Text type="secondary">{t('profile.notSet')}</Typography.Text>;
  const list = (v: unknown, color?: string) => {
    const items = profileItems(v);
    return items.length ? <Flex gap={4} wrap>{items.map((x) => <Tag key={x} color={color} style={{ marginInlineEnd: 0 }}>{x}</Tag>)}</Flex> : notSet;
  };
  const num = (v: unknown) => (typeof v === 'number' ? v.toLocaleString() : notSet);

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
        {typeof profile.partyOrg === 'string' && <Descriptions.Item label={t('profile.partyOrg')}>{profile.partyOrg}</Descriptions.Item>}
        {typeof profile.partyMembers === 'number' && <Descriptions.Item label={t('profile.partyMembers')}>{num(profile.partyMembers)}</Descriptions.Item>}
        <Descriptions.Item label={t('profile.traits')} span={2}>{list(profile.traits)}</Descriptions.Item>
        <Descriptions.Item label={t('profile.keyWork')} span={2}>{list(profile.keyWork, 'blue')}</Descriptions.Item>
        <Descriptions.Item label={t('profile.risks')} span={2}>{list(profile.risks, 'orange')}</Descriptions.Item>
        {typeof profile.note === 'string' && profile.note && <Descriptions.Item label={t('profile.note')} span={2}>{profile.note}</Descriptions.Item>}
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
      traits: String(v.traits ?? '').trim(), keyWork: String(v.keyWork ?? '').trim(), risks: String(v.risks ?? '').trim(),
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
          // Lists are edited one item per line.
          traits: profileItems(profile.traits).join('\n'),
          keyWork: profileItems(profile.keyWork).join('\n'),
          risks: profileItems(profile.risks).join('\n'),
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label={t('profile.population')} name="population"><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
        <Form.Item label={t('profile.households')} name="households"><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
        <Form.Item label={t('profile.traits')} name="traits" extra={t('profile.onePerLine')}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount /></Form.Item>
        <Form.Item label={t('profile.keyWork')} name="keyWork"><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount /></Form.Item>
        <Form.Item label={t('profile.risks')} name="risks"><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount /></Form.Item>
      </Form>
    </Modal>
  );
}
