import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitName } from '../../../lib/labels';
import type { Cockpit } from '@gridgov/common';
import { fmtRate } from '../components/format';
import { Panel } from './Panel';

type Row = Cockpit['departments'][number];

/** Departments this month: dispatches received, handled, on time (部门报到 performance). */
export function DepartmentTable({ rows }: { rows: Row[] }) {
  const { t } = useTranslation('analytics');
  // Departments carry name/nameEn like units: the same language fallback.
  const name = useUnitName();
  return (
    <Panel title={t('cockpit.departments')} testId="cockpit-departments">
      <Table<Row>
        size="small" rowKey="departmentId" pagination={false} scroll={{ y: 200 }} dataSource={rows}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('col.department'), dataIndex: 'name', ellipsis: true, render: (_: string, r) => name(r).replace(/^江门市(新会区)?/, '') },
          { title: t('col.dispatched'), dataIndex: 'received', width: 70, align: 'right' },
          { title: t('col.handled'), dataIndex: 'handled', width: 70, align: 'right' },
          { title: t('col.onTimeRate'), dataIndex: 'onTimeRate', width: 86, align: 'right', render: (v: number | null) => fmtRate(v) },
        ]}
      />
    </Panel>
  );
}
