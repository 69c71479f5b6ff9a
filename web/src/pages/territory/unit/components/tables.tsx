import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { QueryError } from '../../../../components/QueryError';
import { useRoleLabel } from '../../../../lib/labels';
import {
  fetchBuildings, fetchKeySites, fetchStaff, unitKeys, type BuildingItem, type KeySiteItem, type StaffItem,
} from '../api';

/** Grid id → name for the grids of a community, so lists under a community can say which grid. */
export type GridNames = Map<string, string>;

function gridColumn<T extends { gridId: string | null }>(title: string, names: GridNames | null): ColumnsType<T> {
  if (!names) return [];
  return [{
    title, key: 'grid', width: 160,
    render: (_, r) => (r.gridId ? <Link to={`/units/${r.gridId}`}>{names.get(r.gridId) ?? r.gridId}</Link> : '—'),
  }];
}

function useTab<T>(unitId: string, tab: string, fn: (id: string, s?: AbortSignal) => Promise<T[]>) {
  return useQuery({ queryKey: unitKeys.tab(unitId, tab), queryFn: ({ signal }) => fn(unitId, signal) });
}

const pager = { pageSize: 20, showSizeChanger: false, hideOnSinglePage: true };

/** 一网一长 first, then workers, then the police trio "一网一民警一辅警一义警", then everyone else. */
const ROLE_ORDER = ['grid_leader', 'grid_worker', 'police_officer', 'auxiliary_police', 'volunteer_police'];
const roleRank = (r: string) => (ROLE_ORDER.includes(r) ? ROLE_ORDER.indexOf(r) : ROLE_ORDER.length);

export function StaffTable({ unitId, gridNames }: { unitId: string; gridNames: GridNames | null }) {
  const { t } = useTranslation('territory');
  const roleLabel = useRoleLabel();
  const q = useTab(unitId, 'staff', fetchStaff);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const columns: ColumnsType<StaffItem> = [
    { title: t('staff.name'), dataIndex: 'name', width: 120 },
    { title: t('staff.role'), dataIndex: 'role', width: 150, render: (r: string) => <Tag color="blue">{roleLabel(r)}</Tag> },
    { title: t('staff.phone'), dataIndex: 'phone', width: 140, render: (p: string | null) => p ?? '—' },
    ...gridColumn<StaffItem>(t('staff.grid'), gridNames),
    { title: t('staff.since'), dataIndex: 'since', width: 120, render: (d: string | null) => (d ? dayjs(d).format('YYYY-MM-DD') : '—') },
    { title: t('staff.account'), dataIndex: 'userId', width: 90, render: (u: string | null) => (u ? <Tag color="green">{t('staff.hasAccount')}</Tag> : '—') },
  ];
  const rows = q.data ? [...q.data].sort((a, b) => (a.gridId ?? '').localeCompare(b.gridId ?? '') || roleRank(a.role) - roleRank(b.role)) : undefined;
  return <Table<StaffItem> data-testid="staff-table" size="small" rowKey="id" loading={q.isPending} dataSource={rows} columns={columns} pagination={pager} className="gg-hscroll" />;
}

export function BuildingsTable({ unitId, gridNames }: { unitId: string; gridNames: GridNames | null }) {
  const { t } = useTranslation('territory');
  const q = useTab(unitId, 'buildings', fetchBuildings);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const columns: ColumnsType<BuildingItem> = [
    { title: t('buildings.name'), dataIndex: 'name', width: 160 },
    { title: t('buildings.estate'), dataIndex: 'estate', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t('buildings.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
    ...gridColumn<BuildingItem>(t('staff.grid'), gridNames),
    { title: t('buildings.floors'), dataIndex: 'floors', width: 70, align: 'right' },
    { title: t('buildings.stairways'), dataIndex: 'stairways', width: 80, align: 'right' },
    { title: t('buildings.households'), dataIndex: 'households', width: 80, align: 'right' },
  ];
  return <Table<BuildingItem> data-testid="buildings-table" size="small" rowKey="id" loading={q.isPending} dataSource={q.data} columns={columns} pagination={pager} className="gg-hscroll" />;
}

export function KeySitesTable({ unitId, gridNames }: { unitId: string; gridNames: GridNames | null }) {
  const { t } = useTranslation('territory');
  const q = useTab(unitId, 'keySites', fetchKeySites);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const kind = (k: string) => t(`keySites.kinds.${k}` as 'keySites.kinds.other', { defaultValue: k });
  const columns: ColumnsType<KeySiteItem> = [
    { title: t('keySites.name'), dataIndex: 'name', width: 200, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: t('keySites.kind'), dataIndex: 'kind', width: 110, render: (k: string) => <Tag color="orange">{kind(k)}</Tag> },
    { title: t('keySites.address'), dataIndex: 'address', render: (v: string | null) => v ?? '—' },
    ...gridColumn<KeySiteItem>(t('staff.grid'), gridNames),
  ];
  return <Table<KeySiteItem> data-testid="key-sites-table" size="small" rowKey="id" loading={q.isPending} dataSource={q.data} columns={columns} pagination={pager} className="gg-hscroll" />;
}
