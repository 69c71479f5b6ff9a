import { Alert, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../../../components/QueryError';
import { fetchDashboard, partyKeys } from '../../api';

/** Basic grids in scope that no party organisation covers yet (from the dashboard's per-grid list). */
export function GridsWithoutOrg({ unitId }: { unitId?: string }) {
  const { t } = useTranslation('party');
  const q = useQuery({ queryKey: partyKeys.dashboard(unitId), queryFn: ({ signal }) => fetchDashboard(unitId, signal) });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const rows = q.data?.grids.filter((g) => !g.hasOrg) ?? [];
  return (
    <>
      {q.data && <Alert style={{ marginBottom: 12 }} type={rows.length ? 'warning' : 'success'} showIcon title={t('orgs.noOrgSummary', { count: rows.length, total: q.data.grids.length })} />}
      <Table
        rowKey="gridId" size="middle" className="gg-hscroll" loading={q.isPending} dataSource={rows} data-testid="party-grids-no-org"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('orgs.grid'), dataIndex: 'name', width: 200, render: (v: string, r) => <Link to={`/units/${r.gridId}`}>{v}</Link> },
          { title: t('orgs.gridCode'), dataIndex: 'code', width: 180 },
          { title: t('orgs.members'), dataIndex: 'members', width: 100 },
        ]}
      />
    </>
  );
}
