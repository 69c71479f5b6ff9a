import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Empty, Segmented, Tag } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import maplibregl, { type GeoJSONSource, type Map as MlMap } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useTranslation } from 'react-i18next';
import type { PatrolCoverage } from '@gridgov/common';
import { get } from '../../../api/client';
import { MapCanvas } from '../../../lib/map/MapCanvas';
import { usePublicConfig } from '../../../lib/map/config';
import { bboxOf, pointToDisplay, toDisplay } from '../../../lib/map/geo';
import { usePosition } from '../geo';
import type { BundleGrid, FieldBundle } from '../types';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const pt = (lng: number, lat: number, props: Record<string, unknown>): Feature => ({ type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: [lng, lat] } });

function layersOf(g: BundleGrid, visited: Set<string>) {
  const boundary: FeatureCollection = { type: 'FeatureCollection', features: g.boundary ? [{ type: 'Feature', properties: { name: g.name }, geometry: g.boundary as Geometry }] : [] };
  const cells: FeatureCollection = { type: 'FeatureCollection', features: g.cells.filter((c) => c.geometry).map((c) => ({ type: 'Feature', properties: { name: c.name, kind: 'cell', visited: visited.has(c.id) }, geometry: c.geometry as Geometry })) };
  const points: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      ...g.buildings.map((b) => pt(b.lng, b.lat, { kind: 'building', name: b.name, sub: b.address ?? '' })),
      ...g.keySites.map((k) => pt(k.lng, k.lat, { kind: 'site', name: k.name, sub: k.address ?? k.kind })),
      ...g.openCases.filter((c) => c.lat != null && c.lng != null).map((c) => pt(c.lng!, c.lat!, { kind: 'case', name: c.title, sub: c.code, id: c.id })),
    ],
  };
  return { boundary, cells, points };
}

/** 我的网格: boundary, cells (this week's visited ones tinted), buildings, key sites and open matters, centred on me. */
export default function MapTab({ bundle }: { bundle?: FieldBundle }) {
  const { t } = useTranslation('field');
  const config = usePublicConfig();
  const crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const [gridIdx, setGridIdx] = useState(0);
  const grid = bundle?.grids[gridIdx];
  const { fix } = usePosition();
  const [map, setMap] = useState<MlMap | null>(null);
  const me = useRef<maplibregl.Marker | null>(null);
  const centredOnMe = useRef(false);
  const coverage = useQuery({
    queryKey: ['field', 'coverage', grid?.id],
    queryFn: ({ signal }) => get<PatrolCoverage>('/patrols/coverage', { gridId: grid!.id }, signal),
    enabled: Boolean(grid),
    staleTime: 5 * 60_000,
  });
  const visited = useMemo(() => new Set(coverage.data?.cells.filter((c) => c.visited).map((c) => c.id) ?? []), [coverage.data]);
  const data = useMemo(() => (grid ? layersOf(grid, visited) : null), [grid, visited]);

  const onReady = useCallback((m: MlMap) => {
    m.addSource('boundary', { type: 'geojson', data: EMPTY });
    m.addSource('cells', { type: 'geojson', data: EMPTY });
    m.addSource('points', { type: 'geojson', data: EMPTY });
    m.addLayer({ id: 'cells-fill', type: 'fill', source: 'cells', paint: { 'fill-color': ['case', ['get', 'visited'], '#52c41a', '#1677ff'], 'fill-opacity': ['case', ['get', 'visited'], 0.22, 0.06] } });
    m.addLayer({ id: 'cells-line', type: 'line', source: 'cells', paint: { 'line-color': '#1677ff', 'line-width': 1, 'line-dasharray': [2, 2] } });
    m.addLayer({ id: 'boundary-line', type: 'line', source: 'boundary', paint: { 'line-color': '#c8102e', 'line-width': 3 } });
    m.addLayer({
      id: 'points', type: 'circle', source: 'points',
      paint: {
        'circle-radius': ['match', ['get', 'kind'], 'case', 8, 'site', 7, 5],
        'circle-color': ['match', ['get', 'kind'], 'case', '#cf1322', 'site', '#fa8c16', '#595959'],
        'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5,
      },
    });
    m.on('click', 'points', (e) => {
      const f = e.features?.[0];
      if (!f) return;
      const p = f.properties as { name: string; sub: string; kind: string; id?: string };
      const el = document.createElement('div');
      const b = document.createElement('b');
      b.textContent = p.name;
      const s = document.createElement('div');
      s.textContent = p.sub;
      s.style.color = '#8c8c8c';
      el.append(b, s);
      if (p.kind === 'case' && p.id) {
        const a = document.createElement('a');
        a.href = `/cases/${p.id}`;
        a.textContent = '→';
        el.append(a);
      }
      new maplibregl.Popup({ closeButton: false }).setLngLat(e.lngLat).setDOMContent(el).addTo(m);
    });
    setMap(m);
    return () => setMap(null);
  }, []);

  useEffect(() => {
    if (!map || !data) return;
    (map.getSource('boundary') as GeoJSONSource).setData(toDisplay(data.boundary, crs));
    (map.getSource('cells') as GeoJSONSource).setData(toDisplay(data.cells, crs));
    (map.getSource('points') as GeoJSONSource).setData(toDisplay(data.points, crs));
    if (!centredOnMe.current) {
      const b = bboxOf(toDisplay(data.boundary, crs).features.map((f) => f.geometry));
      if (b) map.fitBounds(b, { padding: 24, duration: 0 });
    }
    const el = map.getContainer();
    map.once('idle', () => { el.dataset.mapReady = 'true'; });
  }, [map, data, crs]);

  useEffect(() => {
    if (!map || !fix) return;
    const shown = pointToDisplay([fix.lng, fix.lat], crs);
    if (!me.current) {
      const dot = document.createElement('div');
      dot.className = 'gg-field-me';
      me.current = new maplibregl.Marker({ element: dot });
    }
    me.current.setLngLat(shown).addTo(map);
    // The first fix: the whole grid and me in view (me outside the grid widens the view, it never hides the grid).
    if (!centredOnMe.current) {
      const b = bboxOf([...(data ? toDisplay(data.boundary, crs).features.map((f) => f.geometry) : []), { type: 'Point', coordinates: shown }]);
      if (b) map.fitBounds(b, { padding: 24, duration: 0, maxZoom: 17 });
      centredOnMe.current = true;
    }
  }, [map, fix, crs, data]);

  if (!bundle) return <Empty description={t('today.noBundle')} />;
  if (!grid) return <Empty description={t('map.noGrid')} />;
  return (
    <Card size="small" className="gg-field-section" styles={{ body: { padding: 8 } }}>
      {bundle.grids.length > 1 && (
        <Segmented block size="small" style={{ marginBottom: 8 }} value={gridIdx} onChange={(v) => setGridIdx(Number(v))}
          options={bundle.grids.map((g, i) => ({ value: i, label: g.name }))} />
      )}
      <div style={{ position: 'relative' }}>
        {config.isPending ? <div style={{ height: 460 }} /> : (
          <MapCanvas tileUrl={config.data?.mapTileUrl ?? null} onReady={onReady} style={{ height: 'calc(100vh - 260px)', minHeight: 320 }} testId="field-map" />
        )}
        {fix && map && (
          <Button shape="circle" icon={<AimOutlined />} aria-label={t('map.centre')} style={{ position: 'absolute', right: 10, bottom: 30 }}
            onClick={() => map.easeTo({ center: pointToDisplay([fix.lng, fix.lat], crs), zoom: 17 })} data-testid="field-map-centre" />
        )}
      </div>
      <div className="gg-field-chips" style={{ marginTop: 8 }}>
        <Tag color="red">{t('map.boundary')}</Tag>
        <Tag color="#cf1322">{t('map.cases', { count: grid.openCases.length })}</Tag>
        <Tag color="#fa8c16">{t('map.sites', { count: grid.keySites.length })}</Tag>
        <Tag color="#595959">{t('map.buildings', { count: grid.buildings.length })}</Tag>
        {coverage.data && <Tag color="green" data-testid="field-coverage">{t('map.coverage', { visited: coverage.data.visited, total: coverage.data.total })}</Tag>}
      </div>
    </Card>
  );
}
