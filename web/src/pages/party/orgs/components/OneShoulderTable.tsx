import { Alert, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../../../components/QueryError';
import { fetchOneShoulder, partyKeys } from '../../api';

const COLOR = { no_org: 'red', no_secretary: 'orange', no_grid_leader: 'gold', different_person: 'blue' } as const;

/** 一肩挑: grids where the grid leader is not also the branch secretary (or one of them is missing). */
export function OneShoulderTable({ unitId }: { unitId?: string }) {
  const { t } = useTranslation('party');
  const q = useQuery({ queryKey: partyKeys.oneShoulder(unitId), queryFn: ({ signal }) => fetchOneShoulder(unitId, signal) });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      {q.data && (
        <Alert style={{ marginBottom: 12 }} type={q.data.total ? 'warning' : 'success'} showIcon
          title={t('orgs.oneShoulderSummary', { failing: q.data.total, checked: q.data.gridsChecked })} description={t('orgs.oneShoulderWhy')} />
      )}
      <Table
        rowKey="gridId" size="middle" className="gg-hscroll" loading={q.isPending} dataSource={q.data?.items} data-testid="party-one-shoulder"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('orgs.grid'), dataIndex: 'gridName', width: 180, render: (v: string, r) => <Link to={`/units/${r.gridId}`}>{v}</Link> },
          { title: t('orgs.gridCode'), dataIndex: 'gridCode', width: 160 },
          { title: t('orgs.name'), dataIndex: 'orgName', width: 180, render: (v: string | null) => v ?? '—' },
          { title: t('orgs.gridLeader'), dataIndex: 'gridLeaderName', width: 100, render: (v: string | null) => v ?? '—' },
          { title: t('orgs.secretary'), dataIndex: 'secretaryName', width: 100, render: (v: string | null) => v ?? '—' },
          { title: t('orgs.reason'), dataIndex: 'reason', width: 150, render: (r: keyof typeof COLOR) => <Tag color={COLOR[r]}>{t(`orgs.reasons.${r}`)}</Tag> },
        ]}
      />
    </>
  );
}
