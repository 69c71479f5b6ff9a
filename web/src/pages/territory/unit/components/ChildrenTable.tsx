import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import { KindTag, kindIcon } from '../../../../components/KindTag';
import { QueryError } from '../../../../components/QueryError';
import { useUnitName } from '../../../../lib/labels';
import type { UnitItem } from '../../types';

/** Sub-units of a non-grid unit (towns of a district, grids of a community …). */
export function ChildrenTable({ query }: { query: UseQueryResult<UnitItem[]> }) {
  const { t } = useTranslation('territory');
  const name = useUnitName();
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<UnitItem>
      data-testid="children-table"
      size="small"
      rowKey="id"
      loading={query.isPending}
      dataSource={query.data}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      className="gg-hscroll"
      columns={[
        {
          title: t('children.name'), key: 'name',
          render: (_, u) => <Link to={`/units/${u.id}`}>{kindIcon(u.kind, u.gridKind)} {name(u)}</Link>,
        },
        { title: t('children.kind'), key: 'kind', width: 120, render: (_, u) => <KindTag kind={u.kind} subkind={u.subkind} gridKind={u.gridKind} /> },
        { title: t('children.code'), dataIndex: 'code', width: 170 },
        { title: t('children.childCount'), dataIndex: 'childCount', width: 90, align: 'right' },
      ]}
    />
  );
}
