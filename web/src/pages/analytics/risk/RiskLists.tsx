import { Table } from 'antd';
import { ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RiskResponse } from '@gridgov/common';

type Hotspot = RiskResponse['hotspots'][number];
type Repeat = RiskResponse['repeats'][number];
type Rising = RiskResponse['rising'][number];

/** 热点: spatial clusters of recent matters. */
export function HotspotTable({ rows, gridName, categoryName }: { rows: Hotspot[]; gridName: (id: string) => string; categoryName: (code: string | null) => string }) {
  const { t, i18n } = useTranslation('analytics');
  const sep = i18n.language === 'en-US' ? ', ' : '、';
  return (
    <Table<Hotspot>
      data-testid="risk-hotspots" size="small" rowKey="id" dataSource={rows} pagination={false} scroll={{ x: 560 }}
      locale={{ emptyText: t('empty') }}
      columns={[
        { title: t('risk.cases'), dataIndex: 'caseCount', width: 70, align: 'right' },
        { title: t('risk.radius'), dataIndex: 'radiusM', width: 90, align: 'right', render: (v: number) => `${Math.round(v)} m` },
        { title: t('risk.topCategory'), dataIndex: 'topCategoryCode', render: (v: string | null) => categoryName(v) },
        {
          title: t('col.grid'), dataIndex: 'gridIds',
          // Large clusters touch many grids: the first three, then how many more.
          render: (ids: string[]) => `${ids.slice(0, 3).map(gridName).join(sep)}${ids.length > 3 ? t('risk.more', { count: ids.length - 3 }) : ''}`,
        },
      ]}
    />
  );
}

/** 重复地址/楼栋: the same place reported again and again. */
export function RepeatTable({ rows, gridName }: { rows: Repeat[]; gridName: (id: string) => string }) {
  const { t } = useTranslation('analytics');
  return (
    <Table<Repeat>
      data-testid="risk-repeats" size="small" rowKey={(r) => `${r.kind}:${r.key}`} dataSource={rows} pagination={false} scroll={{ x: 400 }}
      locale={{ emptyText: t('empty') }}
      columns={[
        { title: t('risk.place'), dataIndex: 'label', render: (v: string, r) => <>{v} <span style={{ color: '#8c8c8c' }}>({t(r.kind === 'address' ? 'risk.address' : 'risk.building')})</span></> },
        { title: t('risk.cases'), dataIndex: 'caseCount', width: 70, align: 'right' },
        { title: t('col.grid'), dataIndex: 'gridId', width: 140, render: (v: string | null) => (v ? gridName(v) : '—') },
        { title: t('risk.lastAt'), dataIndex: 'lastAt', width: 100, render: (v: string) => v.slice(0, 10) },
      ]}
    />
  );
}

/** Categories rising week over week per grid. */
export function RisingTable({ rows, gridName }: { rows: Rising[]; gridName: (id: string) => string }) {
  const { t, i18n } = useTranslation('analytics');
  const en = i18n.language === 'en-US';
  return (
    <Table<Rising>
      data-testid="risk-rising" size="small" rowKey={(r) => `${r.gridId}:${r.categoryCode}`} dataSource={rows} pagination={false} scroll={{ x: 400 }}
      locale={{ emptyText: t('empty') }}
      columns={[
        { title: t('col.grid'), dataIndex: 'gridId', render: (v: string) => gridName(v) },
        { title: t('col.category'), key: 'cat', render: (_: unknown, r) => (en ? r.nameEn : r.nameZh) },
        { title: t('risk.lastWeek'), dataIndex: 'lastWeek', width: 80, align: 'right' },
        { title: t('risk.thisWeek'), dataIndex: 'thisWeek', width: 90, align: 'right', render: (v: number) => <span style={{ color: '#cf1322' }}><ArrowUpOutlined /> {v}</span> },
      ]}
    />
  );
}
