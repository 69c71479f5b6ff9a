import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitName } from '../../../lib/labels';
import type { Cockpit } from '@gridgov/common';
import { Panel } from './Panel';

type Row = Cockpit['gridActivity'][number];

/**
 * Plain counts per grid, in grid-code order: what happened in each grid this month. Deliberately no ranking
 * and no per-worker figures (基层减负: indicators count outcomes, not clicks).
 */
export function GridActivity({ rows, onOpen }: { rows: Row[]; onOpen: (gridId: string) => void }) {
  const { t } = useTranslation('analytics');
  const unitName = useUnitName();
  return (
    <Panel title={t('cockpit.gridActivity')} testId="cockpit-grid-activity">
      <Table<Row>
        size="small" rowKey="gridId" pagination={false} scroll={{ y: 200 }} dataSource={rows}
        locale={{ emptyText: t('empty') }}
        onRow={(r) => ({ onClick: () => onOpen(r.gridId), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('col.grid'), dataIndex: 'name', ellipsis: true, render: (_: string, r) => unitName(r) },
          { title: t('col.fieldReports'), dataIndex: 'fieldReports', width: 84, align: 'right' },
          { title: t('col.received'), dataIndex: 'received', width: 66, align: 'right' },
          { title: t('col.closed'), dataIndex: 'closed', width: 66, align: 'right' },
          { title: t('col.open'), dataIndex: 'open', width: 66, align: 'right' },
        ]}
      />
    </Panel>
  );
}
