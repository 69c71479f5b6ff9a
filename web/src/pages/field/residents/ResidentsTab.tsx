import { useMemo, useState } from 'react';
import { Card, Empty, Segmented, Select, Tag } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchHouseholds, fieldKeys } from '../api';
import type { BundleHousehold, FieldBundle } from '../types';
import type { FieldTab } from '../index';
import { HouseholdDrawer } from './HouseholdDrawer';
import { distanceM, usePosition } from '../geo';

/**
 * Residents by building and stairway (楼栋/单元). Households and addresses come from the offline bundle; the
 * people in them (masked ID and phone) are read online when a household is opened.
 */
export function ResidentsTab({ bundle, go }: { bundle?: FieldBundle; go: (tab: FieldTab, extra?: Record<string, string>) => void }) {
  const { t } = useTranslation('field');
  const { fix } = usePosition();
  // Nearest building first: the worker is usually standing in front of it.
  const buildings = useMemo(() => {
    const all = bundle?.grids.flatMap((g) => g.buildings) ?? [];
    return fix ? [...all].sort((a, b) => distanceM(fix, a) - distanceM(fix, b)) : all;
  }, [bundle, fix]);
  const households = useMemo(() => bundle?.grids.flatMap((g) => g.households) ?? [], [bundle]);
  const [buildingId, setBuildingId] = useState<string | undefined>();
  const [stairwayId, setStairwayId] = useState<string>('all');
  const [open, setOpen] = useState<BundleHousehold | null>(null);
  const building = buildings.find((b) => b.id === buildingId) ?? buildings[0];
  // Head of household and member count, when online (names only; ID and phone stay masked in the drawer).
  const online = useQuery({
    queryKey: fieldKeys.households(building?.id ?? ''),
    queryFn: ({ signal }) => fetchHouseholds(building!.id, signal),
    enabled: Boolean(building),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const extra = useMemo(() => new Map(online.data?.items.map((h) => [h.id, h]) ?? []), [online.data]);

  if (!bundle) return <Empty description={t('today.noBundle')} />;
  if (!building) return <Empty description={t('residents.noBuildings')} />;
  const list = households
    .filter((h) => h.buildingId === building.id && (stairwayId === 'all' || h.stairwayId === stairwayId))
    .sort((a, b) => (a.room ?? a.address).localeCompare(b.room ?? b.address, 'zh-CN', { numeric: true }));

  return (
    <>
      <Card size="small" className="gg-field-section" title={t('residents.title')} data-testid="field-residents">
        <Select showSearch optionFilterProp="label" style={{ width: '100%', marginBottom: 8 }} size="large" value={building.id}
          onChange={(v) => { setBuildingId(v); setStairwayId('all'); }}
          options={buildings.map((b) => ({ value: b.id, label: b.name + (b.address ? ` · ${b.address}` : '') }))} data-testid="residents-building" />
        {building.stairways.length > 0 && (
          <Segmented block size="small" value={stairwayId} onChange={(v) => setStairwayId(String(v))} data-testid="residents-stairway"
            options={[{ value: 'all', label: t('residents.all') }, ...building.stairways.map((s) => ({ value: s.id, label: s.name }))]} />
        )}
      </Card>
      <Card size="small" className="gg-field-section" title={t('residents.households', { count: list.length })}>
        {list.length === 0 ? <div className="gg-field-row-sub">{t('residents.none')}</div> : list.map((h) => {
          const more = extra.get(h.id);
          return (
            <div className="gg-field-row" key={h.id} role="button" tabIndex={0} style={{ cursor: 'pointer' }} onClick={() => setOpen(h)}
              onKeyDown={(e) => { if (e.key === 'Enter') setOpen(h); }} data-testid="residents-household">
              <div className="gg-field-row-main">
                <div className="gg-field-row-title">{h.room ?? h.address}</div>
                <div className="gg-field-row-sub">{more ? `${more.headName ?? '—'} · ${t('residents.members', { count: more.memberCount })}` : h.address}</div>
              </div>
              <RightOutlined style={{ color: '#bfbfbf' }} />
            </div>
          );
        })}
        {online.isError && <Tag style={{ marginTop: 8 }}>{t('residents.offlineNames')}</Tag>}
      </Card>
      <HouseholdDrawer household={open} onClose={() => setOpen(null)} onReport={(h) => go('report', { household: h.id })} />
    </>
  );
}
