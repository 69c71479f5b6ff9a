import { useCallback, useEffect, useMemo, useState } from 'react';
import { Card, Empty } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import { MapCanvas } from '../../../../lib/map/MapCanvas';
import { usePublicConfig } from '../../../../lib/map/config';
import { bboxOf, toDisplay } from '../../../../lib/map/geo';
import type { UnitDetail } from '../../types';
import { fetchGrids, mapKeys } from '../../map/api';

/** Small map of the unit's boundary; for a village/community or above, its grids are drawn inside it. */
export function UnitMiniMap({ detail }: { detail: UnitDetail }) {
  const { t } = useTranslation('territory');
  const config = usePublicConfig();
  const { unit, geometry, gridType } = detail;
  const withGrids = unit.kind !== 'grid' && unit.kind !== 'cell';
  const grids = useQuery({
    queryKey: mapKeys.grids(unit.id, 'basic'),
    queryFn: ({ signal }) => fetchGrids(unit.id, 'basic', signal),
    enabled: withGrids,
  });
  const dedicated = useQuery({
    queryKey: mapKeys.grids(unit.id, 'dedicated'),
    queryFn: ({ signal }) => fetchGrids(unit.id, 'dedicated', signal),
    enabled: withGrids,
  });
  const crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const outline = useMemo<FeatureCollection>(() => ({
    type: 'FeatureCollection',
    features: geometry ? [{ type: 'Feature', properties: {}, geometry: toDisplay(geometry, crs) } as Feature] : [],
  }), [geometry, crs]);
  const inner = useMemo(() => (grids.data ? toDisplay(grids.data, crs) : null), [grids.data, crs]);
  const ded = useMemo(() => (dedicated.data ? toDisplay(dedicated.data, crs) : null), [dedicated.data, crs]);
  const [map, setMap] = useState<MlMap | null>(null);

  const onReady = useCallback((m: MlMap) => {
    const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
    m.addSource('inner', { type: 'geojson', data: empty });
    m.addSource('outline', { type: 'geojson', data: empty });
    m.addSource('ded', { type: 'geojson', data: empty });
    m.addLayer({ id: 'inner-fill', type: 'fill', source: 'inner', paint: { 'fill-color': ['coalesce', ['get', 'color'], '#8c8c8c'], 'fill-opacity': 0.4 } });
    m.addLayer({ id: 'inner-line', type: 'line', source: 'inner', paint: { 'line-color': '#ffffff', 'line-width': 1 } });
    m.addLayer({ id: 'ded-line', type: 'line', source: 'ded', paint: { 'line-color': ['coalesce', ['get', 'color'], '#722ed1'], 'line-width': 2, 'line-dasharray': [2, 1.5] } });
    m.addLayer({ id: 'outline-fill', type: 'fill', source: 'outline', paint: { 'fill-color': gridType?.color ?? '#c8102e', 'fill-opacity': withGrids ? 0 : 0.35 } });
    m.addLayer({ id: 'outline-line', type: 'line', source: 'outline', paint: { 'line-color': '#c8102e', 'line-width': 2.5 } });
    setMap(m);
    return () => setMap(null);
  }, [gridType, withGrids]);

  useEffect(() => {
    if (!map) return;
    (map.getSource('outline') as GeoJSONSource).setData(outline);
    if (inner) (map.getSource('inner') as GeoJSONSource).setData(inner);
    if (ded) (map.getSource('ded') as GeoJSONSource).setData(ded);
    const b = bboxOf([...outline.features.map((f) => f.geometry), ...(inner?.features ?? []).map((f) => f.geometry)]);
    if (b) map.fitBounds(b, { padding: 24, maxZoom: 17, duration: 0 });
    const el = map.getContainer();
    el.dataset.mapReady = 'false';
    if (!withGrids || inner) map.once('idle', () => { el.dataset.mapReady = 'true'; });
  }, [map, outline, inner, ded, withGrids]);

  return (
    <Card title={t('unit.map')} styles={{ body: { padding: 0 } }} style={{ height: '100%' }}>
      {!geometry && !withGrids ? (
        <Empty description={t('unit.noGeometry')} style={{ padding: 40 }} />
      ) : config.isPending ? null : (
        <MapCanvas tileUrl={config.data?.mapTileUrl ?? null} onReady={onReady} style={{ height: 300, borderRadius: '0 0 8px 8px' }} testId="unit-map" />
      )}
    </Card>
  );
}
