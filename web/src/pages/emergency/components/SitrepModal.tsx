import { App, Form, Input, InputNumber, Modal, Skeleton, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/errors';
import { emergencyKeys, fetchEmergency, fetchPlan, submitSitrep } from '../api';
import { usePair } from '../labels';

/** 情况报告 from one grid: the plan's situation-report fields for the current period (numbers and text). */
export function SitrepModal({ emergencyId, gridId, gridName, onClose }: { emergencyId: string; gridId: string; gridName: string; onClose: () => void }) {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const pair = usePair();
  const qc = useQueryClient();
  const [form] = Form.useForm<Record<string, number | string | null>>();
  const em = useQuery({ queryKey: emergencyKeys.detail(emergencyId), queryFn: ({ signal }) => fetchEmergency(emergencyId, signal) });
  const planId = em.data?.planId;
  const plan = useQuery({ queryKey: emergencyKeys.plan(planId ?? ''), queryFn: ({ signal }) => fetchPlan(planId!, signal), enabled: Boolean(planId), staleTime: 5 * 60_000 });
  const m = useMutation({
    mutationFn: (v: Record<string, number | string | null>) => submitSitrep(emergencyId, {
      gridId,
      values: Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined && x !== '')) as Record<string, number | string>,
    }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['emergency', 'sitreps', emergencyId] });
      message.success(t('sitrep.sent'));
      onClose();
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Modal open title={t('sitrep.title')} onCancel={onClose} okText={t('sitrep.submit')} destroyOnHidden
      okButtonProps={{ loading: m.isPending, disabled: !plan.data, 'data-testid': 'sitrep-submit' }}
      onOk={() => void form.validateFields().then((v) => m.mutate(v))}>
      <Typography.Paragraph type="secondary">{em.data?.title} · {gridName}</Typography.Paragraph>
      {!plan.data ? <Skeleton active /> : (
        <Form form={form} layout="vertical" data-testid="sitrep-form">
          {plan.data.sitrep.fields.map((f) => (
            <Form.Item key={f.key} name={f.key} label={`${pair(f)}${f.unit ? ` (${f.unit})` : ''}`}>
              {f.aggregate === 'latest' && !f.unit ? <Input maxLength={500} /> : <InputNumber min={0} style={{ width: '100%' }} inputMode="numeric" />}
            </Form.Item>
          ))}
        </Form>
      )}
    </Modal>
  );
}
