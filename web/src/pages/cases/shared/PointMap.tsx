import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import gcoord from 'gcoord';
import maplibregl, { type GeoJSONSource, type Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection, Geometry } from 'geojson';
import { MapCanvas } from '../../../lib/map/MapCanvas';
import { usePublicConfig } from '../../../lib/map/config';
import { bboxOf, pointToDisplay, toDisplay } from '../../../lib/map/geo';

interface Props {
  /** WGS84 [lng, lat]. */
  point?: [number, number] | null;
  /** Polygons drawn under the point (the case's grid, or the grids of the user's area). */
  areas?: Geometry[] | FeatureCollection | null;
  /** Clicking the map picks a point (intake); the value handed back is WGS84. */
  onPick?: (p: [number, number]) => void;
  height?: number;
  testId?: string;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** A map with one point (the matter) over its grid; optionally pick the point by clicking. */
export function PointMap({ point, areas, onPick, height = 280, testId }: Props) {
  const config = usePublicConfig();
  const crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const [map, setMap] = useState<MlMap | null>(null);
  const marker = useRef<maplibregl.Marker | null>(null);
  const pickRef = useRef(onPick);
  useEffect(() => { pickRef.current = onPick; }, [onPick]);
  const fitted = useRef(false);
  const crsRef = useRef(crs);
  useEffect(() => { crsRef.current = crs; }, [crs]);

  const areaFc = useMemo<FeatureCollection>(() => {
    if (!areas) return EMPTY;
    const fc: FeatureCollection = Array.isArray(areas)
      ? { type: 'FeatureCollection', features: areas.map((g) => ({ type: 'Feature', properties: {}, geometry: g })) }
      : areas;
    return toDisplay(fc, crs);
  }, [areas, crs]);

  const onReady = useCallback((m: MlMap) => {
    m.addSource('areas', { type: 'geojson', data: EMPTY });
    m.addLayer({ id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': ['coalesce', ['get', 'color'], '#1677ff'], 'fill-opacity': 0.15 } });
    m.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#1677ff', 'line-width': 1.5 } });
    m.on('click', (e) => {
      if (!pickRef.current) return;
      // On GCJ-02 base maps the click is in GCJ-02: the server stores and locates in WGS84.
      const shown: [number, number] = [e.lngLat.lng, e.lngLat.lat];
      const wgs = crsRef.current === 'gcj02' ? (gcoord.transform(shown, gcoord.GCJ02, gcoord.WGS84) as [number, number]) : shown;
      pickRef.current([Number(wgs[0].toFixed(6)), Number(wgs[1].toFixed(6))]);
    });
    if (pickRef.current) m.getCanvas().style.cursor = 'crosshair';
    setMap(m);
    return () => setMap(null);
  }, []);

  useEffect(() => {
    if (!map) return;
    (map.getSource('areas') as GeoJSONSource).setData(areaFc);
    const shown = point ? pointToDisplay(point, crs) : null;
    if (shown) {
      if (!marker.current) marker.current = new maplibregl.Marker({ color: '#c8102e' });
      marker.current.setLngLat(shown).addTo(map);
    } else {
      marker.current?.remove();
    }
    // Fit once to what is known (the grid and the point); later clicks must not make the map jump.
    if (!fitted.current) {
      const geoms: Geometry[] = areaFc.features.map((f) => f.geometry);
      if (shown) geoms.push({ type: 'Point', coordinates: shown });
      const b = bboxOf(geoms);
      if (b) {
        map.fitBounds(b, { padding: 30, maxZoom: 16, duration: 0 });
        fitted.current = areaFc.features.length > 0 || Boolean(shown);
      }
    }
    const el = map.getContainer();
    map.once('idle', () => { el.dataset.mapReady = 'true'; });
  }, [map, areaFc, point, crs]);

  if (config.isPending) return <div style={{ height }} />;
  return <MapCanvas tileUrl={config.data?.mapTileUrl ?? null} onReady={onReady} style={{ height }} testId={testId} />;
}
