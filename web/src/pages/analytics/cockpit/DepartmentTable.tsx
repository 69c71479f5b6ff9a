import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitName } from '../../../lib/labels';
import type { Cockpit } from '@gridgov/common';
import { fmtRate } from '../components/format';
import { Panel } from './Panel';

type Row = Cockpit['departments'][number];
/** The narrow column drops the city/district every department of the scope shares (江门市新会区…, Xinhui District …). */
const CITY_PREFIX = /^(江门市(新会区)?|[A-Z][a-z]+ District )/;

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
          { title: t('col.department'), dataIndex: 'name', ellipsis: true, render: (_: string, r) => name(r).replace(CITY_PREFIX, '') },
          { title: t('col.dispatched'), dataIndex: 'received', width: 62, align: 'right' },
          { title: t('col.handled'), dataIndex: 'handled', width: 80, align: 'right' },
          { title: t('col.onTimeRate'), dataIndex: 'onTimeRate', width: 86, align: 'right', render: (v: number | null) => fmtRate(v) },
        ]}
      />
    </Panel>
  );
}
