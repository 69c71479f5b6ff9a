import { App, Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/errors';
import { emergencyKeys, forwardDirective, type Directive, type ReportField } from '../api';
import { ReportFieldsEditor } from './ReportFieldsEditor';

/** 转发并补充: an intermediate level (street, community) passes the directive down with its own additions. */
export function ForwardModal({ directive, unitId, unitName, onClose }: { directive: Directive; unitId: string; unitName: string; onClose: () => void }) {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ note: string; reportFields: ReportField[] }>();
  const m = useMutation({
    // Keys of added fields are this unit's and this forward's own (the server refuses a key the directive or another
    // level already asks for).
    mutationFn: (v: { note: string; reportFields: ReportField[] }) => {
      const stamp = Date.now().toString(36);
      return forwardDirective(directive.id, {
        unitId, note: v.note.trim(),
        ...(v.reportFields?.length ? { reportFields: v.reportFields.map((f, i) => ({ ...f, key: f.key || `u${unitId}x${stamp}n${i + 1}`, en: f.en ?? '', type: f.type ?? 'number', required: Boolean(f.required) })) } : {}),
      });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: emergencyKeys.all });
      message.success(t('forward.done'));
      onClose();
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Modal open title={t('forward.title')} onCancel={onClose} okText={t('forward.submit')} width={640} destroyOnHidden
      okButtonProps={{ loading: m.isPending, 'data-testid': 'forward-submit' }}
      onOk={() => void form.validateFields().then((v) => m.mutate(v))}>
      <Typography.Paragraph type="secondary">{t('forward.hint', { unit: unitName, title: directive.title })}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ reportFields: [] }}>
        <Form.Item name="note" label={t('forward.note')} rules={[{ required: true, whitespace: true, message: t('forward.noteRequired') }]}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="forward-note" />
        </Form.Item>
        <ReportFieldsEditor max={10} />
      </Form>
    </Modal>
  );
}
