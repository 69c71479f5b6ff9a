import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/errors';
import { newKey, type DraftPhoto } from '../../field/offline/db';
import { PhotoCapture } from '../../field/report/PhotoCapture';
// The camera button's thumbnail styles (gg-field-*), also when the card is shown outside the field view.
import '../../field/field.css';
import { emergencyKeys, reportDirective, uploadDirectivePhotos, type MyDirective, type ReportField } from '../api';
import { usePair } from '../labels';

type Value = string | number | boolean | null | undefined;

/**
 * 反馈: the directive's report fields (and those added on the way down), numbers as counts, plus a note.
 * Numbers go to `counts` (whole, ≥ 0) as well as `fields`, so the board can add them up. Photos are shrunk to JPEG
 * on the phone (the field app's camera button) and uploaded first, once (Idempotency-Key), then named by the report.
 */
export function ReportModal({ directive: d, onClose }: { directive: MyDirective; onClose: () => void }) {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const pair = usePair();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ fields: Record<string, Value>; note?: string }>();
  const fields: ReportField[] = [...d.reportFields, ...d.additions.flatMap((a) => a.reportFields)];
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  // One key per set of photos: a retry after a lost answer gets the stored photos back instead of a second copy.
  const [key, setKey] = useState(newKey);
  const changePhotos = (p: DraftPhoto[]) => {
    setPhotos(p);
    setKey(newKey());
  };

  const m = useMutation({
    mutationFn: async (v: { fields?: Record<string, Value>; note?: string }) => {
      const ids = photos.length ? (await uploadDirectivePhotos(d.id, d.grid.gridId, photos, key)).photos.map((p) => p.id) : [];
      const values = Object.fromEntries(Object.entries(v.fields ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== '')) as Record<string, string | number | boolean>;
      const counts = Object.fromEntries(Object.entries(values).filter(([, x]) => typeof x === 'number')) as Record<string, number>;
      return reportDirective(d.id, { gridId: d.grid.gridId, fields: values, counts, photos: ids, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: emergencyKeys.all });
      message.success(t('field.reported'));
      onClose();
    },
    onError: (e) => message.error(errorText(e)),
  });

  return (
    <Modal
      open
      title={t('field.reportTitle')}
      onCancel={onClose}
      okText={t('field.reportSubmit')}
      okButtonProps={{ loading: m.isPending, 'data-testid': 'report-submit' }}
      onOk={() => void form.validateFields().then((v) => m.mutate(v))}
      destroyOnHidden
      width={520}
    >
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>{d.title}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{d.grid.gridName}</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="report-form">
        {fields.map((f) => {
          const rules = f.required && f.type !== 'boolean' ? [{ required: true, message: t('field.fieldRequired', { field: pair(f) }) }] : [];
          const name = ['fields', f.key];
          if (f.type === 'boolean') {
            return <Form.Item key={f.key} name={name} label={pair(f)} valuePropName="checked" initialValue={false}><Switch /></Form.Item>;
          }
          if (f.type === 'text') {
            return <Form.Item key={f.key} name={name} label={pair(f)} rules={rules}><Input maxLength={2000} /></Form.Item>;
          }
          return (
            <Form.Item key={f.key} name={name} label={pair(f)} rules={rules}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} inputMode="numeric" data-testid={`report-field-${f.key}`} />
            </Form.Item>
          );
        })}
        <Form.Item name="note" label={t('field.note')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('field.notePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('field.photos')} extra={t('field.photosHint')}>
          <PhotoCapture value={photos} onChange={changePhotos} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
