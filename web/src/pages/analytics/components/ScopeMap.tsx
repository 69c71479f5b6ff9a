import { useCallback, useEffect, useRef, useState } from 'react';
import maplibregl, { type GeoJSONSource, type Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import { MapCanvas } from '../../../lib/map/MapCanvas';
import { bboxOf } from '../../../lib/map/geo';
import type { GridFeatureProps } from '../../territory/types';
import type { GridFC } from '../../territory/map/api';
import { addCaseLayers, CLUSTER_LAYER } from './casePointLayers';
import { addScopeGridLayers } from './gridLayers';
import '../analytics.css';

export type CasePointFC = FeatureCollection<Point, { id: string; overdue: boolean }>;

interface Props {
  tileUrl: string | null;
  grids: GridFC | undefined;
  points?: CasePointFC;
  dark?: boolean;
  height: number | string;
  testId: string;
  onGridClick?: (grid: GridFeatureProps) => void;
  /** Cluster the points (open matters); off for a few points that each matter (risk hot spots). */
  cluster?: boolean;
}

const MAX_COUNT_MARKERS = 120;

/** Scope map (cockpit, risk): grids of the scope, open cases as heat map and clusters; a click on a grid drills down. */
export function ScopeMap({ tileUrl, grids, points, dark = false, height, testId, onGridClick, cluster = true }: Props) {
  const [map, setMap] = useState<MlMap | null>(null);
  const clickRef = useRef(onGridClick);
  useEffect(() => {
    clickRef.current = onGridClick;
  }, [onGridClick]);

  const onReady = useCallback((m: MlMap) => {
    if (dark) m.setPaintProperty('background', 'background-color', '#0b1626');
    addScopeGridLayers(m, dark);
    addCaseLayers(m, cluster);
    let hover: string | null = null;
    const setHover = (id: string | null) => {
      if (hover) m.setFeatureState({ source: 'scope-grids', id: hover }, { hover: false });
      hover = id;
      if (hover) m.setFeatureState({ source: 'scope-grids', id: hover }, { hover: true });
      m.getCanvas().style.cursor = hover && clickRef.current ? 'pointer' : '';
    };
    m.on('mousemove', 'scope-grids-fill', (e) => setHover(e.features?.[0] ? String(e.features[0].properties.id) : null));
    m.on('mouseleave', 'scope-grids-fill', () => setHover(null));
    m.on('click', (e) => {
      const cluster = m.queryRenderedFeatures(e.point, { layers: [CLUSTER_LAYER] })[0];
      if (cluster) {
        m.easeTo({ center: e.lngLat, zoom: m.getZoom() + 2 });
        return;
      }
      const f = m.queryRenderedFeatures(e.point, { layers: ['scope-grids-fill'] })[0];
      if (f && clickRef.current) clickRef.current(f.properties as GridFeatureProps);
    });
    // Cluster counts as HTML markers (no glyph server offline).
    const markers = new Map<number, maplibregl.Marker>();
    const placeCounts = () => {
      const seen = new Set<number>();
      for (const f of m.queryRenderedFeatures({ layers: [CLUSTER_LAYER] })) {
        const id = Number(f.properties.cluster_id);
        if (seen.has(id) || seen.size >= MAX_COUNT_MARKERS) continue;
        seen.add(id);
        if (!markers.has(id)) {
          const el = document.createElement('div');
          el.className = 'gg-cluster-count';
          el.textContent = String(f.properties.point_count_abbreviated ?? f.properties.point_count);
          markers.set(id, new maplibregl.Marker({ element: el }).setLngLat((f.geometry as Point).coordinates as [number, number]).addTo(m));
        }
      }
      for (const [id, mk] of markers) if (!seen.has(id)) { mk.remove(); markers.delete(id); }
    };
    m.on('idle', placeCounts);
    setMap(m);
    return () => {
      for (const mk of markers.values()) mk.remove();
      setMap(null);
    };
  }, [dark, cluster]);

  useEffect(() => {
    if (!map) return;
    (map.getSource('scope-grids') as GeoJSONSource).setData(grids ?? { type: 'FeatureCollection', features: [] });
    // Coloured grids (risk) are what the map is about: the view fits them when there are any.
    const all = grids?.features ?? [];
    const coloured = all.filter((f) => (f.properties as { fill?: string }).fill);
    const bounds = bboxOf((coloured.length ? coloured : all).map((f) => f.geometry));
    if (bounds) map.fitBounds(bounds, { padding: 30, maxZoom: 16, duration: 0 });
    const el = map.getContainer();
    el.dataset.mapReady = 'false';
    if (grids) map.once('idle', () => { el.dataset.mapReady = 'true'; });
  }, [map, grids]);

  useEffect(() => {
    if (!map) return;
    const data = points ?? { type: 'FeatureCollection' as const, features: [] };
    (map.getSource('cases') as GeoJSONSource).setData(data);
    (map.getSource('cases-heat') as GeoJSONSource).setData(data);
  }, [map, points]);

  return <MapCanvas tileUrl={tileUrl} onReady={onReady} testId={testId} style={{ height, borderRadius: 6, overflow: 'hidden' }} />;
}
