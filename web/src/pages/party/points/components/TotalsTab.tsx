import { Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../../components/QueryError';
import { fetchPointTotals, partyKeys } from '../../api';

/** Approved points per organisation (an organisation's total, not a ranking of people). */
export function TotalsTab({ unitId }: { unitId?: string }) {
  const { t } = useTranslation('party');
  const q = useQuery({ queryKey: partyKeys.pointTotals(unitId), queryFn: ({ signal }) => fetchPointTotals(unitId, signal) });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Table
      rowKey="orgId" size="middle" className="gg-hscroll" loading={q.isPending} dataSource={q.data?.items} pagination={{ pageSize: 20, hideOnSinglePage: true }}
      data-testid="party-point-totals"
      columns={[
        { title: t('orgs.name'), dataIndex: 'orgName', width: 220 },
        { title: t('orgs.members'), dataIndex: 'members', width: 90 },
        { title: t('points.col.points'), dataIndex: 'points', width: 100 },
        { title: t('points.perMember'), key: 'avg', width: 100, render: (_, r) => (r.members ? (r.points / r.members).toFixed(1) : '—') },
        { title: t('points.pending'), dataIndex: 'pending', width: 90 },
      ]}
    />
  );
}
