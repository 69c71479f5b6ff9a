import { useCallback, useEffect, useState } from 'react';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { PatrolTrackPoint } from '@gridgov/common';
import { MapCanvas } from '../../../lib/map/MapCanvas';
import { usePublicConfig } from '../../../lib/map/config';
import { bboxOf, toDisplay } from '../../../lib/map/geo';

/** The patrol's track as separate lines: a pause or a stretch without fixes is left blank, never bridged. */
export default function TrackMap({ segments, boundary }: { segments: PatrolTrackPoint[][]; boundary: { type: string; coordinates: unknown[] } | null }) {
  const config = usePublicConfig();
  const crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const [map, setMap] = useState<MlMap | null>(null);
  const onReady = useCallback((m: MlMap) => {
    m.addSource('area', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    m.addSource('track', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    m.addLayer({ id: 'area', type: 'line', source: 'area', paint: { 'line-color': '#c8102e', 'line-width': 2 } });
    m.addLayer({ id: 'track', type: 'line', source: 'track', layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#1677ff', 'line-width': 4 } });
    m.addLayer({ id: 'track-ends', type: 'circle', source: 'track', paint: { 'circle-radius': 3, 'circle-color': '#1677ff' } });
    setMap(m);
    return () => setMap(null);
  }, []);
  useEffect(() => {
    if (!map) return;
    const track: FeatureCollection = {
      type: 'FeatureCollection',
      features: segments.map((s) => (s.length > 1
        ? { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: s.map((p) => [p.lng, p.lat]) } }
        : { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [s[0]!.lng, s[0]!.lat] } })),
    };
    const area: FeatureCollection = { type: 'FeatureCollection', features: boundary ? [{ type: 'Feature', properties: {}, geometry: boundary as never }] : [] };
    (map.getSource('track') as GeoJSONSource).setData(toDisplay(track, crs));
    (map.getSource('area') as GeoJSONSource).setData(toDisplay(area, crs));
    // The walked part fills the map; the grid's edge is drawn for orientation (the whole grid only before any point).
    const shown = track.features.length ? toDisplay(track, crs) : toDisplay(area, crs);
    const b = bboxOf(shown.features.map((f) => f.geometry));
    if (b) map.fitBounds(b, { padding: 20, duration: 0, maxZoom: 17 });
  }, [map, segments, boundary, crs]);
  if (config.isPending) return <div style={{ height: 220 }} />;
  return <MapCanvas tileUrl={config.data?.mapTileUrl ?? null} onReady={onReady} style={{ height: 220 }} testId="patrol-track-map" />;
}
