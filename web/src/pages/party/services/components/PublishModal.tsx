import { Alert, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { UnitTreeSelect } from '../../../../components/UnitTreeSelect';
import { usePartyErrorText as useErrorText } from '../../errors';
import { createActivity, partyKeys } from '../../api';

interface Values { communityId: string; title: string; category?: string; place?: string; startsAt: Dayjs; plannedHours: number; capacity?: number }

/** A community publishes a service activity (发布服务项目) for registered members to sign up to. */
export function PublishModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('party');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => createActivity({
      communityId: v.communityId, title: v.title.trim(), category: v.category?.trim() || null, place: v.place?.trim() || null,
      startsAt: v.startsAt.format(), plannedHours: v.plannedHours, capacity: v.capacity ?? null,
    }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: partyKeys.all }); form.resetFields(); onClose(); },
  });
  return (
    <Modal open={open} title={t('services.publish')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ plannedHours: 2 }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="communityId" label={t('services.col.community')} rules={[{ required: true }]}><UnitTreeSelect selectableKinds={['community']} /></Form.Item>
        <Form.Item name="title" label={t('services.col.title')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="category" label={t('services.category')}><Input maxLength={32} /></Form.Item>
        <Form.Item name="place" label={t('services.col.place')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="startsAt" label={t('services.col.startsAt')} rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="plannedHours" label={t('services.plannedHours')}><InputNumber min={0} max={24} step={0.5} /></Form.Item>
        <Form.Item name="capacity" label={t('services.capacity')}><InputNumber min={1} max={10000} /></Form.Item>
      </Form>
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} />}
    </Modal>
  );
}
