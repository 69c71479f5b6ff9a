import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Segmented, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { POST_KINDS, POST_KIND_LABELS } from '@gridgov/common';
import { useCan } from '../../../../auth/useMe';
import { QueryError } from '../../../../components/QueryError';
import { UnitTreeSelect } from '../../../../components/UnitTreeSelect';
import { usePartyErrorText as useErrorText } from '../../errors';
import { addPostMember, createPost, fetchPosts, partyKeys } from '../../api';
import { MemberSelect } from '../../components/MemberSelect';
import { useLabel } from '../../labels';

const KIND_COLOR = { responsibility_post: 'red', pioneer_post: 'volcano', commando: 'purple' } as const;
interface Values { kind: string; name: string; gridId: string; duty?: string }

export function PostsTab({ unitId }: { unitId?: string }) {
  const { t } = useTranslation('party');
  const can = useCan();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const kindLabel = useLabel(POST_KIND_LABELS);
  const [kind, setKind] = useState<string>('all');
  const [open, setOpen] = useState(false);
  const [adding, setAdding] = useState<{ postId: string; memberId?: string } | null>(null);
  const [form] = Form.useForm<Values>();
  const q = useQuery({ queryKey: partyKeys.posts(unitId), queryFn: ({ signal }) => fetchPosts(unitId, signal) });
  const refresh = () => void qc.invalidateQueries({ queryKey: partyKeys.all });
  const add = useMutation({ mutationFn: (v: Values) => createPost({ ...v, duty: v.duty?.trim() || null }), onSuccess: () => { refresh(); setOpen(false); form.resetFields(); } });
  const join = useMutation({ mutationFn: (a: { postId: string; memberId: string }) => addPostMember(a.postId, a.memberId), onSuccess: () => { refresh(); setAdding(null); } });
  const rows = q.data?.items.filter((p) => kind === 'all' || p.kind === kind);
  const count = (k: string) => q.data?.items.filter((p) => p.kind === k).length ?? 0;

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Segmented value={kind} onChange={(v) => setKind(String(v))} options={[{ value: 'all', label: t('posts.all') }, ...POST_KINDS.map((k) => ({ value: k, label: `${kindLabel(k)} ${count(k)}` }))]} />
        {can('party.write') && <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('posts.add')}</Button>}
      </Flex>
      <Table
        rowKey="id" size="middle" className="gg-hscroll" loading={q.isPending} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="party-posts"
        columns={[
          { title: t('posts.col.name'), dataIndex: 'name', width: 200 },
          { title: t('posts.col.kind'), dataIndex: 'kind', width: 120, render: (k: keyof typeof KIND_COLOR) => <Tag color={KIND_COLOR[k]}>{kindLabel(k)}</Tag> },
          { title: t('posts.col.grid'), dataIndex: 'gridName', width: 160, render: (v: string | null, p) => (p.gridId ? <Link to={`/units/${p.gridId}`}>{v ?? p.gridId}</Link> : '—') },
          { title: t('posts.col.duty'), dataIndex: 'duty', width: 220, ellipsis: true, render: (v: string | null) => v ?? '—' },
          {
            title: t('posts.col.members'), key: 'members', width: 260,
            render: (_, p) => (
              <Flex gap={4} wrap align="center">
                {p.members.map((m) => <Tag key={m.memberId}>{m.name}</Tag>)}
                {can('party.write') && <Button size="small" type="link" icon={<UserAddOutlined />} onClick={() => setAdding({ postId: p.id })}>{t('posts.addMember')}</Button>}
              </Flex>
            ),
          },
        ]}
      />
      <Modal open={open} title={t('posts.add')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: add.isPending }} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'responsibility_post' }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="kind" label={t('posts.col.kind')}><Select options={POST_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} /></Form.Item>
          <Form.Item name="name" label={t('posts.col.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="gridId" label={t('posts.col.grid')} rules={[{ required: true }]}><UnitTreeSelect selectableKinds={['grid']} /></Form.Item>
          <Form.Item name="duty" label={t('posts.col.duty')}><Input.TextArea maxLength={500} rows={3} /></Form.Item>
        </Form>
        {add.isError && <Alert type="error" showIcon title={errorText(add.error)} />}
      </Modal>
      <Modal open={Boolean(adding)} title={t('posts.addMember')} onCancel={() => setAdding(null)} footer={null} destroyOnHidden>
        <Space.Compact style={{ width: '100%' }}>
          <MemberSelect unitId={unitId} value={adding?.memberId} onChange={(v) => setAdding((a) => (a ? { ...a, memberId: v } : a))} style={{ flex: 1 }} />
          <Button type="primary" disabled={!adding?.memberId} loading={join.isPending} onClick={() => adding?.memberId && join.mutate({ postId: adding.postId, memberId: adding.memberId })}>{t('posts.addMember')}</Button>
        </Space.Compact>
        {join.isError && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorText(join.error)} />}
      </Modal>
    </Flex>
  );
}
