import { useCallback, useEffect, useMemo, useState } from 'react';
import { Flex, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { Dashboard } from '@gridgov/common';
import { MapCanvas } from '../../../lib/map/MapCanvas';
import { usePublicConfig } from '../../../lib/map/config';
import { bboxOf, toDisplay } from '../../../lib/map/geo';
import { fetchGrids, mapKeys, type GridFC } from '../../territory/map/api';
import { PARTY_RED } from '../components/Chart';

const NO_ORG = '#faad14';
const EMPTY: GridFC = { type: 'FeatureCollection', features: [] };

/** Basic grids in scope: red where a party organisation covers the grid, amber where one is still missing. */
export function OrgCoverageMap({ unitId, grids, height }: { unitId?: string; grids: Dashboard['grids']; height: number | string }) {
  const { t } = useTranslation('party');
  const config = usePublicConfig();
  const geo = useQuery({ queryKey: mapKeys.grids(unitId, 'basic'), queryFn: ({ signal }) => fetchGrids(unitId, 'basic', signal) });
  const [map, setMap] = useState<MlMap | null>(null);

  const crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const data = useMemo(() => {
    if (!geo.data) return undefined;
    const has = new Map(grids.map((g) => [g.gridId, g.hasOrg]));
    const fc: GridFC = {
      type: 'FeatureCollection',
      features: geo.data.features.map((f) => ({ ...f, properties: { ...f.properties, hasOrg: has.get(f.properties.id) ?? false } as never })),
    };
    return toDisplay(fc, crs);
  }, [geo.data, grids, crs]);

  const onReady = useCallback((m: MlMap) => {
    m.addSource('party-grids', { type: 'geojson', data: EMPTY, promoteId: 'id' });
    m.addLayer({
      id: 'party-grids-fill', type: 'fill', source: 'party-grids',
      paint: { 'fill-color': ['case', ['boolean', ['get', 'hasOrg'], false], PARTY_RED, NO_ORG], 'fill-opacity': ['case', ['boolean', ['get', 'hasOrg'], false], 0.45, 0.75] },
    });
    m.addLayer({ id: 'party-grids-line', type: 'line', source: 'party-grids', paint: { 'line-color': '#fff', 'line-width': 0.8 } });
    setMap(m);
    return () => setMap(null);
  }, []);

  useEffect(() => {
    if (!map || !data) return;
    (map.getSource('party-grids') as GeoJSONSource).setData(data);
    const b = bboxOf(data.features.map((f) => f.geometry));
    if (b) map.fitBounds(b, { padding: 20, duration: 0, maxZoom: 15 });
    const el = map.getContainer();
    el.dataset.mapReady = 'false';
    map.once('idle', () => { el.dataset.mapReady = 'true'; });
  }, [map, data]);

  if (config.isPending) return <div style={{ height }} />;
  return (
    <div style={{ position: 'relative' }}>
      <MapCanvas tileUrl={config.data?.mapTileUrl ?? null} onReady={onReady} testId="party-map" style={{ height }} />
      <Flex gap={12} wrap style={{ position: 'absolute', left: 8, top: 8, background: 'rgba(255,255,255,0.9)', padding: '4px 8px', borderRadius: 6, fontSize: 12 }}>
        <Flex gap={4} align="center"><span style={{ width: 12, height: 12, background: PARTY_RED, opacity: 0.6, display: 'inline-block' }} />
          <Typography.Text style={{ fontSize: 12 }}>{t('dashboard.legendWithOrg')}</Typography.Text></Flex>
        <Flex gap={4} align="center"><span style={{ width: 12, height: 12, background: NO_ORG, display: 'inline-block' }} />
          <Typography.Text style={{ fontSize: 12 }}>{t('dashboard.legendNoOrg')}</Typography.Text></Flex>
      </Flex>
    </div>
  );
}
