import { Table, Tag, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GENDER_LABELS, type PersonItem } from '@gridgov/common';
import { usePick } from '../../../../lib/commonLabels';
import { CategoryTag, PersonTags } from './personLabels';

interface Props {
  items: PersonItem[] | undefined;
  loading: boolean;
  pagination: TablePaginationConfig | false;
  onOpen: (id: string) => void;
}

/** Residents list: ID and phone numbers arrive masked from the server and are shown as they are. */
export function ResidentsTable({ items, loading, pagination, onOpen }: Props) {
  const { t } = useTranslation('residents');
  const pick = usePick();
  return (
    <Table<PersonItem>
      data-testid="residents-table"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={pagination}
      className="gg-hscroll"
      onRow={(p) => ({ onClick: () => onOpen(p.id), style: { cursor: 'pointer' } })}
      columns={[
        {
          title: t('col.name'), dataIndex: 'name', width: 96,
          render: (n: string) => <Typography.Link>{n}</Typography.Link>,
        },
        { title: t('col.gender'), dataIndex: 'gender', width: 64, render: (g: PersonItem['gender']) => pick(GENDER_LABELS, g) },
        { title: t('col.age'), dataIndex: 'age', width: 60, align: 'right', render: (a: number | null) => a ?? '—' },
        { title: t('col.category'), dataIndex: 'category', width: 110, render: (c: string) => <CategoryTag category={c} /> },
        { title: t('col.tags'), dataIndex: 'tags', width: 180, render: (tags: string[]) => <PersonTags tags={tags} /> },
        { title: t('col.idNumber'), dataIndex: 'idNumber', width: 190, render: (v: string | null) => <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{v ?? '—'}</span> },
        { title: t('col.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{v ?? '—'}</span> },
        { title: t('col.address'), dataIndex: 'address', width: 260, ellipsis: true, render: (v: string | null) => v ?? '—' },
        {
          title: t('col.grid'), dataIndex: 'gridName', width: 170,
          render: (v: string | null, p) => (p.gridId ? <Link to={`/units/${p.gridId}`} onClick={(e) => e.stopPropagation()}>{v ?? p.gridId}</Link> : '—'),
        },
        {
          title: t('col.overseas'), key: 'overseas', width: 100,
          render: (_, p) => (p.overseasChineseFamily ? <Tag color="gold">{t('overseasChineseFamily')}</Tag> : p.overseasRelatives ? <Tag>{p.overseasRelatives}</Tag> : null),
        },
      ]}
    />
  );
}
