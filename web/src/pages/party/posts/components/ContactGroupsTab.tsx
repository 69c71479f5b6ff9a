import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Table, Tag, Tooltip } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useCan } from '../../../../auth/useMe';
import { QueryError } from '../../../../components/QueryError';
import { usePartyErrorText as useErrorText } from '../../errors';
import { fetchContactGroups, partyKeys, recordVisit, type ContactGroups } from '../../api';

type Group = ContactGroups['items'][number];
interface Values { householdId: string; visitedOn: Dayjs; note?: string }

/** 党员联系户: each member looks after a group of households; visits are recorded against a household. */
export function ContactGroupsTab({ unitId }: { unitId?: string }) {
  const { t } = useTranslation('party');
  const can = useCan();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [group, setGroup] = useState<Group | null>(null);
  const [form] = Form.useForm<Values>();
  const q = useQuery({ queryKey: partyKeys.contactGroups(unitId), queryFn: ({ signal }) => fetchContactGroups(unitId, signal) });
  const visit = useMutation({
    mutationFn: (v: Values) => recordVisit(group!.id, { householdId: v.householdId, visitedOn: v.visitedOn.format('YYYY-MM-DD'), note: v.note?.trim() || undefined }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: partyKeys.all }); setGroup(null); form.resetFields(); },
  });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const stale = (d: string | null) => !d || dayjs().diff(dayjs(d), 'day') > 90;
  return (
    <>
      <Table
        rowKey="id" size="middle" className="gg-hscroll" loading={q.isPending} dataSource={q.data?.items} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="party-contact-groups"
        columns={[
          { title: t('posts.col.group'), dataIndex: 'name', width: 180 },
          { title: t('posts.col.member'), dataIndex: 'memberName', width: 100 },
          { title: t('posts.col.grid'), dataIndex: 'gridName', width: 160, render: (v: string | null) => v ?? '—' },
          {
            title: t('posts.col.households'), key: 'households', width: 260, ellipsis: { showTitle: false },
            render: (_, g) => (g.householdList.length === 0 ? 0 : (
              <Tooltip title={g.householdList.map((h) => h.address).join('；')}>
                <span>{g.households} · {g.householdList[0]!.address}{g.householdList.length > 1 ? ` ${t('posts.andMore', { count: g.householdList.length - 1 })}` : ''}</span>
              </Tooltip>
            )),
          },
          { title: t('posts.col.visits'), dataIndex: 'visits', width: 90 },
          { title: t('posts.col.lastVisit'), dataIndex: 'lastVisitOn', width: 130, render: (v: string | null) => <Tag color={stale(v) ? 'orange' : 'green'}>{v ?? t('posts.never')}</Tag> },
          { title: '', key: 'act', width: 110, render: (_, g) => (can('party.write') && g.householdIds.length ? <Button size="small" onClick={() => setGroup(g)}>{t('posts.recordVisit')}</Button> : null) },
        ]}
      />
      <Modal open={Boolean(group)} title={`${t('posts.recordVisit')} · ${group?.name ?? ''}`} onCancel={() => setGroup(null)} onOk={() => form.submit()} okButtonProps={{ loading: visit.isPending }} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" initialValues={{ visitedOn: dayjs() }} onFinish={(v) => visit.mutate(v)}>
          <Form.Item name="householdId" label={t('posts.household')} rules={[{ required: true }]}>
            <Select data-testid="party-visit-household" options={(group?.householdList ?? []).map((h) => ({ value: h.id, label: h.headName ? `${h.address} · ${t('posts.head', { name: h.headName })}` : h.address }))} />
          </Form.Item>
          <Form.Item name="visitedOn" label={t('posts.visitedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="note" label={t('posts.note')}><Input.TextArea maxLength={500} rows={3} /></Form.Item>
        </Form>
        {visit.isError && <Alert type="error" showIcon title={errorText(visit.error)} />}
      </Modal>
    </>
  );
}
