import { useMemo, useState } from 'react';
import { Alert, App, Button, Calendar, Card, Col, Flex, Form, Input, Modal, Radio, Row, Segmented, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/QueryError';
import { useErrorText } from '../../../lib/errors';
import { adminKeys, deleteDay, fetchCalendar, setDay, type CalendarDay } from '../api';

const YEARS = [2026, 2027];

/** Working calendar (Asia/Shanghai): public holidays and make-up workdays; weekends are implied. */
export function CalendarTab() {
  const { t } = useTranslation('catalogue');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [year, setYear] = useState(() => (YEARS.includes(dayjs().year()) ? dayjs().year() : YEARS[0]!));
  const [month, setMonth] = useState<Dayjs>(() => dayjs(`${year}-01-01`));
  const [editing, setEditing] = useState<string | null>(null);
  const [form] = Form.useForm<{ kind: CalendarDay['kind']; name: string }>();
  const cal = useQuery({ queryKey: adminKeys.calendar(year), queryFn: ({ signal }) => fetchCalendar(year, signal) });
  const byDay = useMemo(() => new Map((cal.data ?? []).map((d) => [d.day, d])), [cal.data]);

  const done = (text: string) => {
    void message.success(text);
    void qc.invalidateQueries({ queryKey: adminKeys.calendar(year) });
    setEditing(null);
  };
  const save = useMutation({ mutationFn: (v: { kind: CalendarDay['kind']; name: string }) => setDay(editing!, v), onSuccess: () => done(tc('state.saved')) });
  const remove = useMutation({ mutationFn: () => deleteDay(editing!), onSuccess: () => done(t('calendar.removed', { day: editing })) });

  const open = (d: Dayjs) => {
    const key = d.format('YYYY-MM-DD');
    const cur = byDay.get(key);
    const weekend = d.day() === 0 || d.day() === 6;
    form.setFieldsValue(cur ?? { kind: weekend ? 'workday' : 'holiday', name: '' });
    save.reset();
    remove.reset();
    setEditing(key);
  };

  const cell = (d: Dayjs) => {
    const e = byDay.get(d.format('YYYY-MM-DD'));
    if (!e) return null;
    return (
      <Tag color={e.kind === 'holiday' ? 'red' : 'blue'} style={{ marginInlineEnd: 0, maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {e.kind === 'holiday' ? t('calendar.holidayShort') : t('calendar.workdayShort')} {e.name}
      </Tag>
    );
  };

  if (cal.isError) return <QueryError error={cal.error} onRetry={() => void cal.refetch()} />;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={16}>
        <Card size="small" data-testid="work-calendar">
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
            <Segmented
              value={year}
              options={YEARS.map((y) => ({ value: y, label: String(y) }))}
              onChange={(y) => { setYear(y as number); setMonth(dayjs(`${y}-01-01`)); }}
            />
            <Flex gap={6}>
              <Tag color="red">{t('calendar.holidayShort')} · {t('calendar.holiday')}</Tag>
              <Tag color="blue">{t('calendar.workdayShort')} · {t('calendar.workday')}</Tag>
            </Flex>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('calendar.help')}</Typography.Paragraph>
          <Calendar
            value={month}
            validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
            onPanelChange={(d) => setMonth(d)}
            onSelect={(d, info) => { setMonth(d); if (info.source === 'date') open(d); }}
            cellRender={(d, info) => (info.type === 'date' ? cell(d) : null)}
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('calendar.list', { count: cal.data?.length ?? 0 })}>
          <Table<CalendarDay>
            size="small"
            rowKey="day"
            loading={cal.isPending}
            dataSource={cal.data ?? []}
            pagination={false}
            scroll={{ y: 520 }}
            onRow={(r) => ({ onClick: () => { setMonth(dayjs(r.day)); open(dayjs(r.day)); }, style: { cursor: 'pointer' } })}
            columns={[
              { title: t('calendar.date'), dataIndex: 'day', width: 110 },
              { title: '', dataIndex: 'kind', width: 70, render: (k: string) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{k === 'holiday' ? t('calendar.holidayShort') : t('calendar.workdayShort')}</Tag> },
              { title: t('calendar.name'), dataIndex: 'name' },
            ]}
          />
        </Card>
      </Col>
      <Modal
        open={Boolean(editing)}
        title={t('calendar.edit', { day: editing })}
        onCancel={() => setEditing(null)}
        footer={[
          byDay.has(editing ?? '') ? <Button key="d" danger loading={remove.isPending} onClick={() => remove.mutate()}>{t('calendar.remove')}</Button> : null,
          <Button key="c" onClick={() => setEditing(null)}>{tc('action.cancel')}</Button>,
          <Button key="s" type="primary" loading={save.isPending} onClick={() => void form.validateFields().then((v) => save.mutate(v))} data-testid="calendar-save">{tc('action.save')}</Button>,
        ]}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('calendar.kind')}>
            <Radio.Group optionType="button" options={[{ value: 'holiday', label: t('calendar.holiday') }, { value: 'workday', label: t('calendar.workday') }]} />
          </Form.Item>
          <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={40} placeholder={t('calendar.namePlaceholder')} />
          </Form.Item>
        </Form>
        {(save.isError || remove.isError) && <Alert type="error" showIcon title={errorText(save.error ?? remove.error)} />}
      </Modal>
    </Row>
  );
}
