import { App, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorField, useErrorText } from '../../../lib/errors';
import { updateResource, type Resource } from '../api';
import { useResourceLabel } from '../labels';

interface Values { capacity: number; occupancy: number; note?: string }

/** 更新占用: the shelter's current occupancy (and capacity, note) as people come and go. */
export function ResourceEdit({ resource: r, onClose }: { resource: Resource; onClose: () => void }) {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const kind = useResourceLabel();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const m = useMutation({
    mutationFn: (v: Values) => updateResource(r.id, { capacity: v.capacity, occupancy: v.occupancy, note: v.note?.trim() ?? '' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['emergency', 'resources'] });
      message.success(t('resources.updated', { name: r.name }));
      onClose();
    },
    onError: (e) => {
      const field = errorField(e);
      if (field === 'capacity' || field === 'occupancy') form.setFields([{ name: field, errors: [errorText(e)] }]);
      else message.error(errorText(e));
    },
  });
  return (
    <Modal open title={t('resources.editTitle', { name: r.name })} onCancel={onClose} okText={t('resources.save')} destroyOnHidden
      okButtonProps={{ loading: m.isPending, 'data-testid': 'resource-save' }} onOk={() => void form.validateFields().then((v) => m.mutate(v))}>
      <Typography.Paragraph type="secondary">{kind(r.kind)} · {r.unitName}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ capacity: r.capacity, occupancy: r.occupancy, note: r.note ?? '' }} data-testid="resource-edit-form">
        <Space size={12} style={{ display: 'flex' }} wrap>
          <Form.Item name="occupancy" label={t('resources.occupancy')} dependencies={['capacity']} rules={[{ required: true, message: t('resources.occupancyRequired') }, ({ getFieldValue }) => ({
            validator: (_, v?: number) => (v != null && v > getFieldValue('capacity') ? Promise.reject(new Error(t('resources.overCapacity'))) : Promise.resolve()),
          })]}>
            <InputNumber min={0} max={1_000_000} precision={0} inputMode="numeric" autoFocus data-testid="resource-edit-occupancy" />
          </Form.Item>
          <Form.Item name="capacity" label={t('resources.capacity')} rules={[{ required: true, message: t('resources.capacityRequired') }]}>
            <InputNumber min={0} max={1_000_000} precision={0} inputMode="numeric" data-testid="resource-edit-capacity" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('resources.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
