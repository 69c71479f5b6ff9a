import { useCallback, useEffect, useRef, useState } from 'react';
import gcoord from 'gcoord';
import maplibregl, { type GeoJSONSource, type Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection, Geometry } from 'geojson';
import { MapCanvas } from '../../../lib/map/MapCanvas';
import { usePublicConfig } from '../../../lib/map/config';
import { bboxOf, pointToDisplay, toDisplay } from '../../../lib/map/geo';

interface Props {
  /** WGS84 [lng, lat]. */
  point: [number, number] | null;
  area?: Geometry | null;
  onMove: (p: [number, number]) => void;
  height?: number;
}

/** The report's position: GPS puts the pin, the worker drags it (or taps the map) to where the problem is. */
export default function PinMap({ point, area, onMove, height = 220 }: Props) {
  const config = usePublicConfig();
  const crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const [map, setMap] = useState<MlMap | null>(null);
  const marker = useRef<maplibregl.Marker | null>(null);
  const moveRef = useRef(onMove);
  useEffect(() => { moveRef.current = onMove; }, [onMove]);
  const crsRef = useRef(crs);
  useEffect(() => { crsRef.current = crs; }, [crs]);
  const centred = useRef<string | null>(null);

  const toWgs = (shown: [number, number]): [number, number] => {
    const w = crsRef.current === 'gcj02' ? (gcoord.transform(shown, gcoord.GCJ02, gcoord.WGS84) as [number, number]) : shown;
    return [Number(w[0].toFixed(6)), Number(w[1].toFixed(6))];
  };

  const onReady = useCallback((m: MlMap) => {
    m.addSource('area', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    m.addLayer({ id: 'area-fill', type: 'fill', source: 'area', paint: { 'fill-color': '#1677ff', 'fill-opacity': 0.08 } });
    m.addLayer({ id: 'area-line', type: 'line', source: 'area', paint: { 'line-color': '#1677ff', 'line-width': 1.5 } });
    m.on('click', (e) => moveRef.current(toWgs([e.lngLat.lng, e.lngLat.lat])));
    setMap(m);
    return () => setMap(null);
  }, []);

  useEffect(() => {
    if (!map) return;
    const fc: FeatureCollection = { type: 'FeatureCollection', features: area ? [{ type: 'Feature', properties: {}, geometry: area }] : [] };
    (map.getSource('area') as GeoJSONSource).setData(toDisplay(fc, crs));
    if (!point) {
      const b = area ? bboxOf([toDisplay(area, crs)]) : null;
      if (b && centred.current === null) {
        map.fitBounds(b, { padding: 20, duration: 0 });
        centred.current = 'area';
      }
      return;
    }
    const shown = pointToDisplay(point, crs);
    if (!marker.current) {
      marker.current = new maplibregl.Marker({ color: '#c8102e', draggable: true });
      marker.current.on('dragend', () => {
        const ll = marker.current!.getLngLat();
        moveRef.current(toWgs([ll.lng, ll.lat]));
      });
    }
    marker.current.setLngLat(shown).addTo(map);
    // Centre on the first fix; later moves (drags) must not make the map jump.
    if (centred.current !== 'point') {
      map.jumpTo({ center: shown, zoom: 17 });
      centred.current = 'point';
    }
    const el = map.getContainer();
    map.once('idle', () => { el.dataset.mapReady = 'true'; });
  }, [map, point, area, crs]);

  if (config.isPending) return <div style={{ height }} />;
  return <MapCanvas tileUrl={config.data?.mapTileUrl ?? null} onReady={onReady} style={{ height }} testId="field-report-map" />;
}
