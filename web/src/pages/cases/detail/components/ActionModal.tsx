import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Radio, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CASE_TRANSITIONS, DISPATCH_TRANSITIONS, RISK_LEVELS, SATISFACTION } from '@gridgov/common';
import { ApiError } from '../../../../api/client';
import { UnitTreeSelect } from '../../../../components/UnitTreeSelect';
import { useErrorText } from '../../../../lib/errors';
import { caseAction, fetchCases, type CaseDetail } from '../../api';
import { DepartmentsPicker, toDispatchDepartments, useDepartments, type DeptChoice } from '../../shared/DepartmentsPicker';
import { useCatalogue } from '../../shared/useCatalogue';
import { useActionLabel } from '../../shared/labels';

type Field = 'reason' | 'note' | 'departments' | 'intoCaseId' | 'gridId' | 'rating' | 'mediation' | 'until' | 'risk' | 'instructions' | 'dispatchId';

/** What each move asks for: the table's required fields first, then the optional ones that help. */
function fieldsFor(action: string): { required: Field[]; optional: Field[] } {
  const row = CASE_TRANSITIONS.find((r) => r.action === action) ?? DISPATCH_TRANSITIONS.find((r) => r.action === action);
  const required = [...(row?.requires ?? [])] as Field[];
  const optional: Field[] = [];
  if (action === 'accept') optional.push('risk');
  if (action === 'dispatch') optional.push('instructions');
  if (action === 'approve_extension' || action === 'deny_extension') required.unshift('dispatchId');
  if (!required.includes('note') && !required.includes('reason')) optional.push('note');
  return { required, optional };
}

interface Party { name: string; role: string }

interface Props {
  detail: CaseDetail;
  action: string | null;
  onClose: () => void;
  /** After success or a 409: the page refetches the case. */
  onChanged: () => void;
}

/** One modal for every move: fields built from the transition table; 409s explained and the case reloaded. */
export function ActionModal({ detail, action, onClose, onChanged }: Props) {
  const { t } = useTranslation('cases');
  const { t: tc } = useTranslation();
  const label = useActionLabel();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [depts, setDepts] = useState<DeptChoice>({ assist: [] });
  const [parties, setParties] = useState<Party[]>([{ name: '', role: '' }, { name: '', role: '' }]);
  const [conflict, setConflict] = useState<string | null>(null);
  const { required, optional } = fieldsFor(action ?? '');
  const has = (f: Field) => required.includes(f) || optional.includes(f);
  const req = (f: Field) => required.includes(f);

  // The category's default lead/assisting departments (keys), resolved to the departments serving the case's district.
  const deps = useDepartments();
  const { byCode } = useCatalogue();
  const defaults = useMemo<DeptChoice>(() => {
    const cat = detail.category?.code ? byCode.get(detail.category.code) : undefined;
    const path = detail.path?.split('.') ?? [];
    const find = (key: string | null | undefined) => (key ? deps.data?.find((d) => d.key === key && path.includes(d.unitId))?.id : undefined);
    const lead = find(cat?.leadDepartment);
    return { lead, assist: (cat?.assistDepartments ?? []).map(find).filter((x): x is string => Boolean(x) && x !== lead) };
  }, [detail, byCode, deps.data]);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    setDepts(defaults);
    setParties([{ name: '', role: '' }, { name: '', role: '' }]);
    setConflict(null);
    // Reset only when another move is opened (defaults are filled by the effect below).
  }, [action, form]);
  // Departments load after the modal may have opened: fill the defaults unless a lead was already picked.
  useEffect(() => {
    if (action) setDepts((d) => (d.lead ? d : defaults));
  }, [defaults, action]);

  const m = useMutation({
    mutationFn: async (values: Record<string, unknown>) => {
      const body: Record<string, unknown> = { version: detail.version };
      for (const k of ['reason', 'note', 'gridId', 'dispatchId'] as const) if (values[k]) body[k] = values[k];
      if (values.risk) body.riskLevel = values.risk;
      if (values.until) body.until = (values.until as { toISOString: () => string }).toISOString();
      if (has('departments')) body.departments = toDispatchDepartments(depts, (values.instructions as string | undefined) || undefined);
      if (has('rating')) body.rating = { resolved: values.resolved === 'yes', satisfaction: values.satisfaction, comment: values.comment || undefined };
      if (has('mediation')) body.mediation = { parties: parties.filter((p) => p.name.trim()).map((p) => ({ name: p.name.trim(), role: p.role.trim() || '-' })) };
      if (values.intoCaseId) {
        // Staff know tracking numbers, the API wants an id: look the number up.
        const raw = String(values.intoCaseId).trim();
        let id = raw;
        if (!/^\d+$/.test(raw)) {
          const r = await fetchCases({ view: 'all', q: raw, pageSize: 5 });
          id = r.items.find((c) => c.trackingNo === raw)?.id ?? raw;
        }
        body.intoCaseId = id;
      }
      return caseAction(detail.id, action!, body);
    },
    onSuccess: () => {
      void message.success(t('modal.done', { action: label(action!) }));
      onChanged();
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'CASE_VERSION_CONFLICT') {
        setConflict(t('modal.conflict'));
        onChanged();
      } else if (e instanceof ApiError && e.code === 'CASE_INVALID_TRANSITION') {
        const allowed = (e.details?.allowed as string[] | undefined) ?? [];
        setConflict(t('modal.invalid', { allowed: allowed.map(label).join('、') || '—' }));
        onChanged();
      }
    },
  });

  const submit = async () => {
    // The form shows its own messages; a failed validation is not an error to report.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    if (has('departments') && !depts.lead) return;
    if (has('mediation') && parties.filter((p) => p.name.trim()).length < 2) return;
    m.mutate(values);
  };
  const reqRule = (field: string) => ({ required: true, whitespace: true, message: t('modal.required', { field }) });
  const openDispatches = detail.dispatches.filter((d) => d.state === 'acknowledged' && d.extension?.state === 'requested');

  return (
    <Modal
      open={Boolean(action)}
      title={action ? t('modal.title', { action: label(action), no: detail.trackingNo }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="c" onClick={onClose}>{tc('action.cancel')}</Button>,
        <Button key="s" type="primary" danger={['reject', 'return', 'verify_failed', 'mediation_failed'].includes(action ?? '')} loading={m.isPending} onClick={() => void submit()} data-testid="action-submit">
          {t('modal.submit')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" data-testid="action-form" initialValues={{ risk: detail.riskLevel, resolved: 'yes', satisfaction: 'satisfied' }}>
        {has('dispatchId') && (
          <Form.Item name="dispatchId" label={t('fields.dispatch')} rules={[{ required: true, message: t('modal.required', { field: t('fields.dispatch') }) }]} initialValue={openDispatches[0]?.id}>
            <Select options={openDispatches.map((d) => ({ value: d.id, label: `${d.departmentName} · ${d.extension?.reason ?? ''}` }))} />
          </Form.Item>
        )}
        {has('departments') && (
          <Form.Item label={t('fields.departments')} required validateStatus={m.isIdle || depts.lead ? undefined : 'error'} help={!depts.lead ? t('modal.leadRequired') : undefined}>
            <DepartmentsPicker value={depts} onChange={setDepts} />
          </Form.Item>
        )}
        {has('instructions') && <Form.Item name="instructions" label={t('fields.instructions')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>}
        {has('risk') && (
          <Form.Item name="risk" label={t('fields.risk')}>
            <Radio.Group optionType="button" options={RISK_LEVELS.map((r) => ({ value: r, label: t(`riskLong.${r}`) }))} />
          </Form.Item>
        )}
        {has('gridId') && (
          <Form.Item name="gridId" label={t('fields.gridId')} rules={[{ required: true, message: t('modal.required', { field: t('fields.gridId') }) }]}>
            <UnitTreeSelect selectableKinds={['grid']} />
          </Form.Item>
        )}
        {has('intoCaseId') && (
          <Form.Item name="intoCaseId" label={t('fields.intoCaseId')} rules={[reqRule(t('fields.intoCaseId'))]}><Input /></Form.Item>
        )}
        {has('mediation') && (
          <>
            <Form.Item label={t('fields.parties')} required help={parties.filter((p) => p.name.trim()).length < 2 ? t('modal.minParties') : undefined}>
              <Flex vertical gap={6}>
                {parties.map((p, i) => (
                  <Flex key={i} gap={6}>
                    <Input placeholder={t('fields.partyName')} value={p.name} onChange={(e) => setParties((ps) => ps.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
                    <Input placeholder={t('fields.partyRole')} value={p.role} onChange={(e) => setParties((ps) => ps.map((x, j) => (j === i ? { ...x, role: e.target.value } : x)))} />
                    <Button icon={<DeleteOutlined />} disabled={parties.length <= 2} onClick={() => setParties((ps) => ps.filter((_, j) => j !== i))} />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} type="dashed" onClick={() => setParties((ps) => [...ps, { name: '', role: '' }])}>{t('fields.addParty')}</Button>
              </Flex>
            </Form.Item>
          </>
        )}
        {has('rating') && (
          <>
            <Form.Item name="resolved" label={t('fields.resolved')}>
              <Radio.Group options={[{ value: 'yes', label: t('detail.resolvedYes') }, { value: 'no', label: t('detail.resolvedNo') }]} />
            </Form.Item>
            <Form.Item name="satisfaction" label={t('fields.satisfaction')}>
              <Radio.Group optionType="button" options={SATISFACTION.map((s) => ({ value: s, label: t(`satisfaction.${s}`) }))} />
            </Form.Item>
            <Form.Item name="comment" label={t('fields.comment')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          </>
        )}
        {has('until') && (
          <Form.Item name="until" label={t('fields.until')} rules={[{ required: true, message: t('modal.required', { field: t('fields.until') }) }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {has('reason') && (
          <Form.Item name="reason" label={t('fields.reason')} rules={req('reason') ? [reqRule(t('fields.reason'))] : []}>
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="action-reason" />
          </Form.Item>
        )}
        {has('note') && (
          <Form.Item name="note" label={t('fields.note')} rules={req('note') ? [reqRule(t('fields.note'))] : []}>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="action-note" />
          </Form.Item>
        )}
      </Form>
      {conflict && <Alert type="warning" showIcon title={conflict} data-testid="action-conflict" />}
      {m.isError && !conflict && <Alert type="error" showIcon title={errorText(m.error)} data-testid="action-error" />}
    </Modal>
  );
}
