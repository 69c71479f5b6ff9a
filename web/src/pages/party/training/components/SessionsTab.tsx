import { useState } from 'react';
import { Alert, Button, DatePicker, Flex, Form, Input, Modal, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { useCan } from '../../../../auth/useMe';
import { QueryError } from '../../../../components/QueryError';
import { usePartyErrorText as useErrorText } from '../../errors';
import { createSession, fetchCourses, fetchMembers, fetchSessions, partyKeys, recordAttendance, type Sessions } from '../../api';
import { OrgSelect } from '../../components/OrgSelect';

type Session = Sessions['items'][number];
interface Values { courseId: string; orgId: string; heldOn: Dayjs; place?: string }

/** Sessions held by organisations; attendance is ticked from the organisation's member list. */
export function SessionsTab({ unitId }: { unitId?: string }) {
  const { t } = useTranslation('party');
  const can = useCan();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [att, setAtt] = useState<{ session: Session; ids: string[] } | null>(null);
  const [form] = Form.useForm<Values>();
  const q = useQuery({ queryKey: partyKeys.sessions(unitId), queryFn: ({ signal }) => fetchSessions(unitId, signal) });
  const courses = useQuery({ queryKey: partyKeys.courses, queryFn: ({ signal }) => fetchCourses(signal) });
  const mq = { orgId: att?.session.orgId, limit: 500, offset: 0 };
  const orgMembers = useQuery({ queryKey: partyKeys.members(mq), queryFn: ({ signal }) => fetchMembers(mq, signal), enabled: Boolean(att) });
  const refresh = () => void qc.invalidateQueries({ queryKey: partyKeys.all });
  const add = useMutation({
    mutationFn: (v: Values) => createSession({ courseId: v.courseId, orgId: v.orgId, heldOn: v.heldOn.format('YYYY-MM-DD'), place: v.place?.trim() || null }),
    onSuccess: () => { refresh(); setOpen(false); form.resetFields(); },
  });
  const mark = useMutation({ mutationFn: () => recordAttendance(att!.session.id, att!.ids), onSuccess: () => { refresh(); setAtt(null); } });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12}>
      {can('party.write') && <div><Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('training.addSession')}</Button></div>}
      <Table
        rowKey="id" size="middle" className="gg-hscroll" loading={q.isPending} dataSource={q.data?.items} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="party-sessions"
        columns={[
          { title: t('training.col.heldOn'), dataIndex: 'heldOn', width: 110 },
          { title: t('training.col.title'), dataIndex: 'courseTitle', width: 220 },
          { title: t('orgs.name'), dataIndex: 'orgName', width: 200 },
          { title: t('training.col.place'), dataIndex: 'place', width: 160, render: (v: string | null) => v ?? '—' },
          { title: t('training.col.attended'), dataIndex: 'attended', width: 80 },
          { title: '', key: 'act', width: 110, render: (_, s) => (can('party.write') ? <Button size="small" onClick={() => setAtt({ session: s, ids: [] })}>{t('training.attendance')}</Button> : null) },
        ]}
      />
      <Modal open={open} title={t('training.addSession')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: add.isPending }} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item name="courseId" label={t('training.col.title')} rules={[{ required: true }]}><Select options={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))} /></Form.Item>
          <Form.Item name="orgId" label={t('orgs.name')} rules={[{ required: true }]}><OrgSelect unitId={unitId} /></Form.Item>
          <Form.Item name="heldOn" label={t('training.col.heldOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="place" label={t('training.col.place')}><Input maxLength={100} /></Form.Item>
        </Form>
        {add.isError && <Alert type="error" showIcon title={errorText(add.error)} />}
      </Modal>
      <Modal open={Boolean(att)} title={`${t('training.attendance')} · ${att?.session.courseTitle ?? ''}`} onCancel={() => setAtt(null)} onOk={() => mark.mutate()} okButtonProps={{ loading: mark.isPending, disabled: !att?.ids.length }} destroyOnHidden>
        <Select
          mode="multiple" style={{ width: '100%' }} loading={orgMembers.isPending} value={att?.ids} placeholder={t('training.pickAttendees')}
          onChange={(ids: string[]) => setAtt((a) => (a ? { ...a, ids } : a))} optionFilterProp="label"
          options={(orgMembers.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
        />
        {mark.isError && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorText(mark.error)} />}
      </Modal>
    </Flex>
  );
}
