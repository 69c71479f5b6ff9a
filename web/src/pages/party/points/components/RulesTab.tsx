import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../../auth/useMe';
import { QueryError } from '../../../../components/QueryError';
import { usePartyErrorText as useErrorText } from '../../errors';
import { createPointRule, fetchPointRules, partyKeys, updatePointRule } from '../../api';

/** Configurable rules (activity → points); a district or community may add its own beside the general ones. */
export function RulesTab({ unitId }: { unitId?: string }) {
  const { t } = useTranslation('party');
  const can = useCan();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ code: string; name: string; points: number }>();
  const q = useQuery({ queryKey: partyKeys.pointRules(unitId), queryFn: ({ signal }) => fetchPointRules(unitId, signal) });
  const refresh = () => void qc.invalidateQueries({ queryKey: partyKeys.all });
  const add = useMutation({ mutationFn: (v: { code: string; name: string; points: number }) => createPointRule({ ...v, unitId: unitId ?? null }), onSuccess: () => { refresh(); setOpen(false); form.resetFields(); } });
  const toggle = useMutation({ mutationFn: ({ id, active }: { id: string; active: boolean }) => updatePointRule(id, { active }), onSuccess: refresh });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12}>
      {can('party.write') && <div><Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('points.addRule')}</Button></div>}
      {toggle.isError && <Alert type="error" showIcon title={errorText(toggle.error)} />}
      <Table
        rowKey="id" size="middle" className="gg-hscroll" loading={q.isPending} dataSource={q.data?.items} pagination={false} data-testid="party-point-rules"
        columns={[
          { title: t('points.col.rule'), dataIndex: 'name', width: 220 },
          { title: t('points.col.code'), dataIndex: 'code', width: 140 },
          { title: t('points.col.points'), dataIndex: 'points', width: 80, render: (p: number) => <Tag color={p >= 0 ? 'green' : 'red'}>{p > 0 ? `+${p}` : p}</Tag> },
          { title: t('points.col.scope'), dataIndex: 'unitId', width: 100, render: (u: string | null) => (u ? t('points.local') : t('points.general')) },
          { title: t('points.col.active'), dataIndex: 'active', width: 80, render: (a: boolean, r) => <Switch size="small" checked={a} disabled={!can('party.write')} onChange={(v) => toggle.mutate({ id: r.id, active: v })} /> },
        ]}
      />
      <Modal open={open} title={t('points.addRule')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: add.isPending }} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ points: 1 }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="name" label={t('points.col.rule')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="code" label={t('points.col.code')} extra={t('points.codeHint')} rules={[{ required: true, pattern: /^[a-z0-9_]{1,40}$/ }]}><Input maxLength={40} /></Form.Item>
          <Form.Item name="points" label={t('points.col.points')} rules={[{ required: true }]}><InputNumber min={-100} max={100} /></Form.Item>
        </Form>
        {add.isError && <Alert type="error" showIcon title={errorText(add.error)} />}
      </Modal>
    </Flex>
  );
}
