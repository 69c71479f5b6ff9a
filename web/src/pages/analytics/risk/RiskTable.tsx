import { Grid, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitName } from '../../../lib/labels';
import type { RiskResponse } from '@gridgov/common';
import { fmtScore } from '../components/format';
import { scoreColour } from './scoreColour';

type Row = RiskResponse['grids'][number];

/** Per-grid risk score with the reasons that make it up (each reason: what, how many, how many points). */
export function RiskTable({ rows, onOpen }: { rows: Row[]; onOpen: (gridId: string) => void }) {
  const { t, i18n } = useTranslation('analytics');
  const en = i18n.language === 'en-US';
  const unitName = useUnitName();
  // On a phone the reasons go under the grid's name: a third column would leave them a sliver.
  const narrow = !Grid.useBreakpoint().sm;
  const max = rows[0]?.score ?? 0;
  const reasons = (r: Row) => r.reasons.map((x, i) => (
    <Tooltip key={i} title={t('risk.contribution', { points: fmtScore(x.contribution), count: x.count })}>
      <Tag style={{ marginBottom: 2, whiteSpace: 'normal' }}>{en ? x.en : x.zh} <b>+{fmtScore(x.contribution)}</b></Tag>
    </Tooltip>
  ));
  return (
    <Table<Row>
      data-testid="risk-table" size="small" rowKey="gridId" dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: t('risk.noRisk') }}
      scroll={narrow ? undefined : { x: 640 }}
      onRow={(r) => ({ 'data-testid': 'risk-row', 'data-grid-id': r.gridId } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        {
          title: t('col.grid'), dataIndex: 'name', width: narrow ? undefined : 200,
          render: (_: string, r) => <><a onClick={() => onOpen(r.gridId)}>{unitName(r)}</a>{narrow && <div style={{ marginTop: 4 }}>{reasons(r)}</div>}</>,
        },
        {
          title: t('risk.score'), dataIndex: 'score', width: narrow ? 70 : 90, align: 'right',
          render: (v: number) => <Tag color={scoreColour(v, max)} style={{ marginInlineEnd: 0, minWidth: 48, textAlign: 'center' }}>{fmtScore(v)}</Tag>,
        },
        ...(narrow ? [] : [{ title: t('risk.reasons'), key: 'reasons', render: (_: unknown, r: Row) => reasons(r) }]),
      ]}
    />
  );
}
