import { App, Button, DatePicker, Drawer, Form, Grid, Input, Radio, Select, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useErrorText } from '../../../lib/errors';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { emergencyKeys, fetchPlan, issueDirective, type Emergency, type ReportField } from '../api';
import { ReportFieldsEditor } from './ReportFieldsEditor';

interface Values {
  templateKey?: string;
  title: string;
  body: string;
  dueAt: Dayjs;
  reportFields: ReportField[];
  target: 'area' | 'units';
  unitIds: (string | undefined)[];
}

/** 下达指令: from one of the plan's templates or blank; to the whole area or chosen units inside it. */
export function ComposeDirective({ em, onClose, onDone }: { em: Emergency; onClose: () => void; onDone: (id: string) => void }) {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const plan = useQuery({ queryKey: emergencyKeys.plan(em.planId), queryFn: ({ signal }) => fetchPlan(em.planId, signal), staleTime: 5 * 60_000 });
  const target = Form.useWatch('target', form);

  const applyTemplate = (key: string | undefined) => {
    const tpl = plan.data?.directiveTemplates.find((x) => x.key === key);
    if (!tpl) return;
    form.setFieldsValue({ title: tpl.title, body: tpl.body, dueAt: dayjs().add(tpl.dueMinutes, 'minute'), reportFields: tpl.reportFields });
  };

  const m = useMutation({
    mutationFn: (v: Values) => issueDirective(em.id, {
      title: v.title.trim(),
      body: v.body.trim(),
      dueAt: v.dueAt.toISOString(),
      targetUnitIds: v.target === 'area' ? [em.unitId] : [...new Set(v.unitIds.filter((x): x is string => Boolean(x)))],
      reportFields: (v.reportFields ?? []).map((f, i) => ({ ...f, key: f.key || `f${i + 1}`, en: f.en ?? '', type: f.type ?? 'number', required: Boolean(f.required) })),
      ...(v.templateKey ? { templateKey: v.templateKey } : {}),
    }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: emergencyKeys.directives(em.id) });
      message.success(t('directive.sent'));
      onDone(r.id);
    },
    onError: (e) => message.error(errorText(e)),
  });

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={t('directive.new')}
      data-testid="directive-compose"
      extra={<Button type="primary" danger loading={m.isPending} onClick={() => void form.validateFields().then((v) => m.mutate(v))} data-testid="directive-send">{t('directive.send')}</Button>}
    >
      <Form form={form} layout="vertical" initialValues={{ target: 'area', unitIds: [undefined], reportFields: [], dueAt: dayjs().add(2, 'hour') }}>
        <Form.Item name="templateKey" label={t('directive.template')}>
          <Select
            allowClear
            data-testid="directive-template"
            loading={plan.isPending}
            placeholder={t('directive.templateNone')}
            options={(plan.data?.directiveTemplates ?? []).map((x) => ({ value: x.key, label: x.title }))}
            onChange={applyTemplate}
          />
        </Form.Item>
        <Form.Item name="title" label={t('directive.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('directive.titleRequired') }, { max: 120 }]}>
          <Input maxLength={120} data-testid="directive-title" />
        </Form.Item>
        <Form.Item name="body" label={t('directive.body')} rules={[{ required: true, whitespace: true, message: t('directive.bodyRequired') }]}>
          <Input.TextArea rows={5} maxLength={8000} data-testid="directive-body" />
        </Form.Item>
        <Form.Item name="dueAt" label={t('directive.dueAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="target" label={t('directive.target')}>
          <Radio.Group options={[{ value: 'area', label: t('directive.targetArea', { area: em.unitName }) }, { value: 'units', label: t('directive.targetUnits') }]} />
        </Form.Item>
        {target === 'units' && (
          <Form.List name="unitIds">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
                {fields.map((f) => (
                  <Space.Compact key={f.key} style={{ width: '100%' }}>
                    <Form.Item name={f.name} noStyle rules={[{ required: true, message: t('directive.unitRequired') }]}>
                      <UnitTreeSelect style={{ width: '100%' }} placeholder={t('directive.unitPlaceholder')} />
                    </Form.Item>
                    {fields.length > 1 && <Button onClick={() => remove(f.name)}>{t('action.remove')}</Button>}
                  </Space.Compact>
                ))}
                <Button type="dashed" onClick={() => add(undefined)} block>{t('directive.addUnit')}</Button>
              </Space>
            )}
          </Form.List>
        )}
        <ReportFieldsEditor />
      </Form>
    </Drawer>
  );
}
