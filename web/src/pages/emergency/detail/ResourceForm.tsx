import { App, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RESOURCE_KINDS } from '@gridgov/common';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { errorField, useErrorText } from '../../../lib/errors';
import { createResource, type Resource } from '../api';
import { useResourceLabel } from '../labels';

interface Values { kind: Resource['kind']; name: string; unitId: string; capacity: number; occupancy?: number; note?: string }

/**
 * 新增应急资源: kind, name, the unit it belongs to, capacity and current occupancy. The position is the point
 * clicked on the map, or (none clicked) a point inside the unit chosen by the server. A refusal naming a field
 * (occupancy above capacity, a point far outside the unit) is shown on that field.
 */
export function ResourceForm({ unitId, point, onClose }: { unitId: string; point: { lon: number; lat: number } | null; onClose: () => void }) {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const kind = useResourceLabel();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const m = useMutation({
    mutationFn: (v: Values) => createResource({
      kind: v.kind, name: v.name.trim(), unitId: v.unitId, capacity: v.capacity, occupancy: v.occupancy ?? 0,
      ...(point ?? {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['emergency', 'resources'] });
      message.success(t('resources.added', { name: r.name }));
      onClose();
    },
    onError: (e) => {
      const field = errorField(e);
      const name = field === 'lon' || field === 'lat' ? 'unitId' : field;
      if (name && ['kind', 'name', 'unitId', 'capacity', 'occupancy', 'note'].includes(name)) form.setFields([{ name: name as keyof Values, errors: [errorText(e)] }]);
      else message.error(errorText(e));
    },
  });

  return (
    <Modal open title={t('resources.addTitle')} onCancel={onClose} okText={t('resources.add')} destroyOnHidden
      okButtonProps={{ loading: m.isPending, 'data-testid': 'resource-submit' }} onOk={() => void form.validateFields().then((v) => m.mutate(v))}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'shelter', unitId, occupancy: 0 }} data-testid="resource-form">
        <Form.Item name="kind" label={t('resources.kind')} rules={[{ required: true }]}>
          <Select data-testid="resource-kind" options={RESOURCE_KINDS.map((k) => ({ value: k, label: kind(k) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('resources.name')} rules={[{ required: true, whitespace: true, message: t('resources.nameRequired') }]}>
          <Input maxLength={120} data-testid="resource-name" placeholder={t('resources.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="unitId" label={t('resources.unit')} rules={[{ required: true, message: t('resources.unitRequired') }]}>
          <UnitTreeSelect data-testid="resource-unit" allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Space size={12} style={{ display: 'flex' }} wrap>
          <Form.Item name="capacity" label={t('resources.capacity')} rules={[{ required: true, message: t('resources.capacityRequired') }]}>
            <InputNumber min={0} max={1_000_000} precision={0} inputMode="numeric" data-testid="resource-capacity" />
          </Form.Item>
          <Form.Item name="occupancy" label={t('resources.occupancy')} dependencies={['capacity']} rules={[({ getFieldValue }) => ({
            validator: (_, v?: number) => (v != null && getFieldValue('capacity') != null && v > getFieldValue('capacity')
              ? Promise.reject(new Error(t('resources.overCapacity'))) : Promise.resolve()),
          })]}>
            <InputNumber min={0} max={1_000_000} precision={0} inputMode="numeric" data-testid="resource-occupancy" />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="resource-position">
          <EnvironmentOutlined /> {point ? t('resources.pointPicked', { lon: point.lon.toFixed(5), lat: point.lat.toFixed(5) }) : t('resources.pointAuto')}
        </Typography.Paragraph>
        <Form.Item name="note" label={t('resources.note')}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('resources.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
