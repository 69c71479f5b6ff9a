import { Alert, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { QueryError } from '../../../../components/QueryError';
import { fetchMemberRecord, partyKeys, type MemberRecord } from '../../api';

type Activity = MemberRecord['activities'][number];
type Entry = MemberRecord['pointEntries'][number];
type Training = MemberRecord['trainings'][number];
const STATUS_COLOR: Record<Entry['status'], string> = { approved: 'green', pending: 'gold', rejected: 'default' };

/** 服务档案 in the member drawer: 双报到 activities and hours, the points ledger, trainings attended. */
export function MemberRecordSection({ memberId }: { memberId: string }) {
  const { t } = useTranslation('party');
  const q = useQuery({ queryKey: partyKeys.memberRecord(memberId), queryFn: ({ signal }) => fetchMemberRecord(memberId, signal) });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  const r = q.data;
  const small = { size: 'small' as const, className: 'gg-hscroll', pagination: { pageSize: 10, hideOnSinglePage: true, size: 'small' as const } };

  return (
    <div data-testid="party-member-record">
      <Typography.Title level={5}>{t('record.title')}</Typography.Title>
      <Tabs size="small" items={[
        {
          key: 'service', label: t('record.service', { hours: r.serviceHours }),
          children: (
            <>
              {r.dualRegistration
                ? <Alert type="success" showIcon style={{ marginBottom: 8 }} title={t('record.dualAt', { community: r.dualRegistration.communityName, on: r.dualRegistration.registeredOn })} />
                : <Typography.Paragraph type="secondary">{t('record.noDual')}</Typography.Paragraph>}
              <Table<Activity> {...small} rowKey="signupId" dataSource={r.activities} data-testid="party-record-activities" columns={[
                { title: t('services.col.title'), dataIndex: 'title', width: 140, ellipsis: true },
                { title: t('services.col.startsAt'), dataIndex: 'startsAt', width: 110, render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
                { title: t('services.col.community'), dataIndex: 'communityName', width: 110, ellipsis: true },
                { title: t('services.col.checkedIn'), key: 'in', width: 80, render: (_, a) => (a.checkedInAt ? <Tag color="green">{t('record.yes')}</Tag> : '—') },
                { title: t('services.col.hours'), dataIndex: 'hours', width: 90, align: 'right' },
              ]} />
            </>
          ),
        },
        {
          key: 'points', label: t('record.points', { points: r.points }),
          children: (
            <Table<Entry> {...small} rowKey="id" dataSource={r.pointEntries} data-testid="party-record-points" columns={[
              { title: t('points.col.on'), dataIndex: 'occurredOn', width: 110 },
              { title: t('points.col.rule'), key: 'what', render: (_, e) => e.ruleName ?? e.reason ?? '—', ellipsis: true },
              { title: t('points.col.points'), dataIndex: 'points', width: 70, align: 'right' },
              { title: t('points.col.status'), dataIndex: 'status', width: 90, render: (s: Entry['status']) => <Tag color={STATUS_COLOR[s]}>{t(`points.status.${s}`)}</Tag> },
            ]} />
          ),
        },
        {
          key: 'training', label: t('record.training', { hours: r.trainingHours }),
          children: (
            <Table<Training> {...small} rowKey="sessionId" dataSource={r.trainings} data-testid="party-record-trainings" columns={[
              { title: t('training.col.heldOn'), dataIndex: 'heldOn', width: 110 },
              { title: t('training.col.title'), dataIndex: 'courseTitle', ellipsis: true },
              { title: t('training.col.mode'), dataIndex: 'mode', width: 80, render: (m: Training['mode']) => t(`training.${m}`) },
              { title: t('training.col.hours'), dataIndex: 'hours', width: 70, align: 'right' },
            ]} />
          ),
        },
      ]} />
    </div>
  );
}
