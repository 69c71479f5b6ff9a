import { Col, Row, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../../components/QueryError';
import { fetchServiceStats, partyKeys } from '../../api';
import { pct } from '../../labels';

/** Statistics per organ (how many of its members registered, hours served) and per member. */
export function ServiceStatsTab({ unitId }: { unitId?: string }) {
  const { t } = useTranslation('party');
  const q = useQuery({ queryKey: partyKeys.serviceStats(unitId), queryFn: ({ signal }) => fetchServiceStats(unitId, signal) });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t('services.byOrgan')}</Typography.Title>
        <Table
          rowKey="organName" size="small" className="gg-hscroll" loading={q.isPending} dataSource={q.data?.byOrgan} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="party-stats-organ"
          columns={[
            { title: t('services.organName'), dataIndex: 'organName', width: 180 },
            { title: t('services.col.registered'), key: 'reg', width: 120, render: (_, r) => `${r.registered} / ${r.members} (${pct(r.members ? r.registered / r.members : 0)})` },
            { title: t('services.activities'), dataIndex: 'activities', width: 80 },
            { title: t('services.col.hours'), dataIndex: 'hours', width: 80 },
          ]}
        />
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t('services.byMember')}</Typography.Title>
        <Table
          rowKey="memberId" size="small" className="gg-hscroll" loading={q.isPending} dataSource={q.data?.byMember} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="party-stats-member"
          columns={[
            { title: t('services.col.member'), dataIndex: 'name', width: 100 },
            { title: t('register.workUnit'), dataIndex: 'workUnit', width: 160, render: (v: string | null) => v ?? '—' },
            { title: t('services.activities'), dataIndex: 'activities', width: 80 },
            { title: t('services.col.hours'), dataIndex: 'hours', width: 80 },
          ]}
        />
      </Col>
    </Row>
  );
}
