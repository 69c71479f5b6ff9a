import { useEffect, useMemo } from 'react';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { useErrorText } from '../../../lib/errors';
import { declareEmergency, emergencyKeys, fetchPlans, type Level } from '../api';
import { levelColour, typeOrder, LEVELS, useIncidentLabel, useLevelLabel, useSeverityLabel } from '../labels';

interface Values { incidentType: string; unitId: string; level: Level; title: string }

/** 启动应急响应: incident type and level pick the plan; the area is any unit in the user's scope. */
export function DeclareModal({ incidentType, onClose, onDone }: { incidentType?: string; onClose: () => void; onDone: (id: string) => void }) {
  const { t, i18n } = useTranslation('emergency');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const incident = useIncidentLabel();
  const levelLabel = useLevelLabel();
  const severity = useSeverityLabel();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const plans = useQuery({ queryKey: emergencyKeys.plans, queryFn: ({ signal }) => fetchPlans(signal), staleTime: 5 * 60_000 });
  const type = Form.useWatch('incidentType', form);
  const level = Form.useWatch('level', form);
  const types = useMemo(() => [...new Set((plans.data ?? []).map((p) => p.incidentType))].sort((a, b) => typeOrder(a) - typeOrder(b)), [plans.data]);
  const plan = plans.data?.find((p) => p.incidentType === type && p.level === level);

  // The plan's name is proposed as the title until the user types their own.
  useEffect(() => {
    if (plan && !form.isFieldTouched('title')) form.setFieldValue('title', i18n.language === 'en-US' ? plan.nameEn || plan.name : plan.name);
  }, [plan, form, i18n.language]);

  const m = useMutation({
    mutationFn: declareEmergency,
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: emergencyKeys.all });
      message.success(t('declare.done'));
      onDone(r.id);
    },
    onError: (e) => message.error(errorText(e)),
  });

  const submit = () => void form.validateFields().then((v) => {
    if (!plan) {
      form.setFields([{ name: 'level', errors: [t('declare.noPlan')] }]);
      return;
    }
    m.mutate({ planId: plan.id, unitId: v.unitId, level: v.level, title: v.title.trim() });
  });

  return (
    <Modal
      open
      title={t('declare.title')}
      onCancel={onClose}
      okText={t('declare.submit')}
      okButtonProps={{ danger: true, loading: m.isPending, 'data-testid': 'declare-submit' }}
      onOk={submit}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ incidentType, level: 4 }} data-testid="declare-form">
        <Form.Item name="incidentType" label={t('declare.type')} rules={[{ required: true, message: t('declare.typeRequired') }]}>
          <Select data-testid="declare-type" loading={plans.isPending} options={types.map((x) => ({ value: x, label: incident(x) }))} />
        </Form.Item>
        <Form.Item name="level" label={t('declare.level')} rules={[{ required: true }]} extra={level ? severity(level) : undefined}>
          <Radio.Group
            optionType="button"
            data-testid="declare-level"
            options={LEVELS.map((l) => ({ value: l, label: <span style={{ color: levelColour(l), fontWeight: 600 }}>{levelLabel(l)}</span> }))}
          />
        </Form.Item>
        <Form.Item name="unitId" label={t('declare.area')} rules={[{ required: true, message: t('declare.areaRequired') }]} extra={t('declare.areaHint')}>
          <UnitTreeSelect data-testid="declare-unit" allowClear={false} style={{ width: '100%' }} placeholder={t('declare.areaPlaceholder')} />
        </Form.Item>
        <Form.Item name="title" label={t('declare.name')} rules={[{ required: true, whitespace: true, min: 2, message: t('declare.nameRequired') }, { max: 120 }]}>
          <Input data-testid="declare-title" maxLength={120} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
