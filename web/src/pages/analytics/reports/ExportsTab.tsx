import { App, Button, Card, DatePicker, Form, Progress, Radio, Select, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { EXPORT_TABLES, EXPORT_TABLE_LABELS, type ExportJob, type ExportTable } from '@gridgov/common';
import { errorMessage } from '../../../api/client';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { usePick } from '../../../lib/commonLabels';
import { analyticsKeys, createExport, fetchExports } from '../api';

interface Values { table: ExportTable; unitId: string; range: [Dayjs, Dayjs]; format: 'xlsx' | 'csv' }
const STATE_COLOURS = { queued: 'default', running: 'processing', done: 'success', failed: 'error' } as const;

/** Exports: any table by scope and dates as a background job; the list polls while a job runs, then offers the file. */
export function ExportsTab({ unitId }: { unitId: string }) {
  const { t } = useTranslation('analytics');
  const { message } = App.useApp();
  const pick = usePick();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const jobs = useQuery({
    queryKey: analyticsKeys.exports, queryFn: ({ signal }) => fetchExports(signal),
    refetchInterval: (q) => (q.state.data?.some((j) => j.state === 'queued' || j.state === 'running') ? 1500 : false),
  });
  const start = useMutation({
    mutationFn: (v: Values) => createExport({ table: v.table, unitId: v.unitId, from: v.range[0].format('YYYY-MM-DD'), to: v.range[1].format('YYYY-MM-DD'), format: v.format }),
    onSuccess: () => {
      void message.success(t('exports.started'));
      void qc.invalidateQueries({ queryKey: analyticsKeys.exports });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <Card size="small" title={t('exports.title')}>
      <Form<Values>
        form={form} layout="inline" data-testid="export-form" onFinish={(v) => start.mutate(v)}
        initialValues={{ table: 'cases', unitId, range: [dayjs().startOf('month'), dayjs()], format: 'xlsx' }}
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        <Form.Item name="table" label={t('exports.table')}>
          <Select style={{ width: 200 }} data-testid="export-table" options={EXPORT_TABLES.map((x) => ({ value: x, label: pick(EXPORT_TABLE_LABELS, x) }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t('exports.scope')} rules={[{ required: true }]}>
          <UnitTreeSelect allowClear={false} style={{ width: 240 }} data-testid="export-scope" />
        </Form.Item>
        <Form.Item name="range" label={t('exports.dates')} rules={[{ required: true }]}>
          <DatePicker.RangePicker allowClear={false} data-testid="export-dates" />
        </Form.Item>
        <Form.Item name="format" label={t('exports.format')}>
          <Radio.Group optionType="button" options={[{ value: 'xlsx', label: 'Excel' }, { value: 'csv', label: 'CSV' }]} data-testid="export-format" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="export-submit">{t('exports.start')}</Button>
      </Form>
      <Table<ExportJob>
        size="small" rowKey="id" dataSource={jobs.data ?? []} loading={jobs.isPending} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 720 }}
        data-testid="export-jobs" locale={{ emptyText: t('exports.none') }}
        onRow={(j) => ({ 'data-testid': 'export-job', 'data-state': j.state } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('exports.table'), dataIndex: 'table', render: (v: ExportTable) => pick(EXPORT_TABLE_LABELS, v) },
          { title: t('exports.dates'), key: 'dates', render: (_: unknown, j) => `${j.from} ~ ${j.to}` },
          { title: t('exports.format'), dataIndex: 'format', width: 70 },
          {
            title: t('exports.progress'), key: 'progress', width: 220,
            render: (_: unknown, j) => (j.state === 'failed'
              ? <Tag color="error" title={j.error ?? ''}>{t('exports.state.failed')}</Tag>
              : <Progress percent={Math.round(j.progress * 100)} size="small" status={j.state === 'done' ? 'success' : 'active'} data-testid="export-progress" />),
          },
          { title: t('exports.stateCol'), dataIndex: 'state', width: 90, render: (v: ExportJob['state']) => <Tag color={STATE_COLOURS[v]}>{t(`exports.state.${v}`)}</Tag> },
          {
            title: '', key: 'file', width: 110,
            render: (_: unknown, j) => (j.state === 'done' && j.downloadUrl
              ? <Button size="small" icon={<DownloadOutlined />} href={j.downloadUrl} download data-testid="export-download">{t('exports.download')}</Button>
              : null),
          },
        ]}
      />
    </Card>
  );
}
