import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitName } from '../../../lib/labels';
import type { Breakdown, IndicatorKey } from '@gridgov/common';
import { fmtCount, fmtRate } from '../components/format';
import { useIndicatorText } from '../components/indicatorText';
import { Panel } from './Panel';

type Row = Breakdown['rows'][number];
const COLS: IndicatorKey[] = ['casesReceived', 'responseRate', 'resolutionRate', 'satisfactionRate', 'overdueOpen'];

/** One row per child unit this month; clicking a row moves the cockpit down to it (city → … → grid). */
export function BreakdownTable({ data, loading, onDrill, compact }: { data: Breakdown | undefined; loading: boolean; onDrill: (id: string) => void; compact: boolean }) {
  const { t } = useTranslation('analytics');
  const text = useIndicatorText();
  const unitName = useUnitName();
  const value = (r: Row, k: IndicatorKey) => {
    const v = r.indicators.find((i) => i.key === k);
    return k.endsWith('Rate') ? fmtRate(v?.value) : fmtCount(v?.value);
  };
  const cols = compact ? COLS.filter((k) => k !== 'resolutionRate' && k !== 'overdueOpen') : COLS;
  return (
    <Panel title={t('cockpit.breakdown')} extra={<span style={{ fontSize: 12, fontWeight: 400, color: 'rgba(255,255,255,0.55)' }}>{t('cockpit.drillHint')}</span>} testId="cockpit-breakdown">
      <Table<Row>
        size="small" rowKey="unitId" pagination={false} loading={loading} scroll={{ y: 260 }} dataSource={data?.rows ?? []}
        locale={{ emptyText: t('cockpit.noChildren') }}
        onRow={(r) => ({ onClick: () => onDrill(r.unitId), style: { cursor: 'pointer' }, 'data-testid': 'cockpit-drill-row', 'data-unit-id': r.unitId, 'data-kind': r.kind } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('col.unit'), dataIndex: 'name', ellipsis: true, render: (_: string, r) => <a style={{ color: '#9fd1ff' }}>{unitName(r)}</a> },
          ...cols.map((k) => ({ key: k, title: text(k).short, width: compact ? 82 : 88, align: 'right' as const, render: (_: unknown, r: Row) => value(r, k) })),
        ]}
      />
    </Panel>
  );
}
