import { useState } from 'react';
import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Segmented, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useCan } from '../../../../auth/useMe';
import { QueryError } from '../../../../components/QueryError';
import { usePartyErrorText as useErrorText } from '../../errors';
import { createPoint, decidePoint, fetchPointRules, fetchPoints, partyKeys } from '../../api';
import { MemberSelect } from '../../components/MemberSelect';

const STATUS_COLOR = { pending: 'gold', approved: 'green', rejected: 'default' } as const;
interface Values { memberId: string; ruleId?: string; points?: number; reason?: string; occurredOn: Dayjs }

/** The points ledger: anyone with party.write records, a secretary (party.manage) approves or rejects. */
export function LedgerTab({ unitId }: { unitId?: string }) {
  const { t } = useTranslation('party');
  const can = useCan();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string>('pending');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const st = status === 'all' ? undefined : status;
  const q = useQuery({ queryKey: partyKeys.points(unitId, st), queryFn: ({ signal }) => fetchPoints(unitId, st, signal) });
  const rules = useQuery({ queryKey: partyKeys.pointRules(unitId), queryFn: ({ signal }) => fetchPointRules(unitId, signal) });
  const refresh = () => void qc.invalidateQueries({ queryKey: partyKeys.all });
  const decide = useMutation({ mutationFn: ({ id, d }: { id: string; d: 'approved' | 'rejected' }) => decidePoint(id, d), onSuccess: refresh });
  const add = useMutation({
    mutationFn: (v: Values) => createPoint({ memberId: v.memberId, ruleId: v.ruleId, points: v.ruleId ? undefined : v.points, reason: v.reason?.trim() || null, occurredOn: v.occurredOn.format('YYYY-MM-DD') }),
    onSuccess: () => { refresh(); setOpen(false); form.resetFields(); },
  });
  const ruleId = Form.useWatch('ruleId', form);

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Segmented value={status} onChange={(v) => setStatus(String(v))} options={(['pending', 'approved', 'rejected', 'all'] as const).map((s) => ({ value: s, label: t(`points.status.${s}`) }))} />
        {can('party.write') && <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('points.addEntry')}</Button>}
      </Flex>
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {decide.isError && <Alert type="error" showIcon title={errorText(decide.error)} />}
      <Table
        rowKey="id" size="middle" className="gg-hscroll" loading={q.isFetching} dataSource={q.data?.items} data-testid="party-points-ledger"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('points.col.member'), dataIndex: 'memberName', width: 100 },
          { title: t('points.col.rule'), key: 'rule', width: 200, render: (_, e) => e.ruleName ?? e.reason ?? '—' },
          { title: t('points.col.points'), dataIndex: 'points', width: 80, render: (p: number) => (p > 0 ? `+${p}` : p) },
          { title: t('points.col.on'), dataIndex: 'occurredOn', width: 110 },
          { title: t('points.col.status'), dataIndex: 'status', width: 90, render: (s: keyof typeof STATUS_COLOR) => <Tag color={STATUS_COLOR[s]}>{t(`points.status.${s}`)}</Tag> },
          {
            title: '', key: 'act', width: 150,
            render: (_, e) => (e.status === 'pending' && can('party.manage') ? (
              <Space>
                <Button size="small" type="primary" onClick={() => decide.mutate({ id: e.id, d: 'approved' })}>{t('points.approve')}</Button>
                <Button size="small" onClick={() => decide.mutate({ id: e.id, d: 'rejected' })}>{t('points.reject')}</Button>
              </Space>
            ) : null),
          },
        ]}
      />
      <Modal open={open} title={t('points.addEntry')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: add.isPending }} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" initialValues={{ occurredOn: dayjs() }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="memberId" label={t('points.col.member')} rules={[{ required: true }]}><MemberSelect unitId={unitId} /></Form.Item>
          <Form.Item name="ruleId" label={t('points.col.rule')}>
            <Select allowClear options={(rules.data?.items ?? []).filter((r) => r.active).map((r) => ({ value: r.id, label: `${r.name}（${r.points > 0 ? '+' : ''}${r.points}）` }))} />
          </Form.Item>
          {!ruleId && <Form.Item name="points" label={t('points.col.points')} rules={[{ required: true }]}><InputNumber min={-100} max={100} /></Form.Item>}
          <Form.Item name="reason" label={t('points.reason')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="occurredOn" label={t('points.col.on')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        </Form>
        {add.isError && <Alert type="error" showIcon title={errorText(add.error)} />}
      </Modal>
    </Flex>
  );
}
