import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Radio, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../../auth/useMe';
import { QueryError } from '../../../../components/QueryError';
import { usePartyErrorText as useErrorText } from '../../errors';
import { createCourse, fetchCourses, partyKeys } from '../../api';

interface Values { title: string; mode: 'online' | 'offline'; materialUrl?: string; hours: number }

/** Courses: online material (指尖课堂) or offline sessions held by organisations. */
export function CoursesTab() {
  const { t } = useTranslation('party');
  const can = useCan();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form);
  const q = useQuery({ queryKey: partyKeys.courses, queryFn: ({ signal }) => fetchCourses(signal) });
  const add = useMutation({
    mutationFn: (v: Values) => createCourse({ title: v.title.trim(), mode: v.mode, hours: v.hours, materialUrl: v.mode === 'online' ? v.materialUrl?.trim() || null : null }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: partyKeys.all }); setOpen(false); form.resetFields(); },
  });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12}>
      {can('party.write') && <div><Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('training.addCourse')}</Button></div>}
      <Table
        rowKey="id" size="middle" className="gg-hscroll" loading={q.isPending} dataSource={q.data?.items} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="party-courses"
        columns={[
          { title: t('training.col.title'), dataIndex: 'title', width: 240, render: (v: string, c) => (c.materialUrl ? <a href={c.materialUrl} target="_blank" rel="noreferrer">{v}</a> : v) },
          { title: t('training.col.mode'), dataIndex: 'mode', width: 100, render: (m: string) => <Tag color={m === 'online' ? 'blue' : 'red'}>{t(m === 'online' ? 'training.online' : 'training.offline')}</Tag> },
          { title: t('training.col.hours'), dataIndex: 'hours', width: 80 },
          { title: t('training.col.sessions'), dataIndex: 'sessions', width: 80 },
        ]}
      />
      <Modal open={open} title={t('training.addCourse')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: add.isPending }} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" initialValues={{ mode: 'offline', hours: 2 }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="title" label={t('training.col.title')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="mode" label={t('training.col.mode')}><Radio.Group options={[{ value: 'offline', label: t('training.offline') }, { value: 'online', label: t('training.online') }]} /></Form.Item>
          {mode === 'online' && <Form.Item name="materialUrl" label={t('training.materialUrl')} rules={[{ type: 'url' }]}><Input /></Form.Item>}
          <Form.Item name="hours" label={t('training.col.hours')}><InputNumber min={0} max={100} step={0.5} /></Form.Item>
        </Form>
        {add.isError && <Alert type="error" showIcon title={errorText(add.error)} />}
      </Modal>
    </Flex>
  );
}
