import type { Map as MlMap } from 'maplibre-gl';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/**
 * Open cases: a heat map while zoomed out (where the hot spots are), clustered circles from mid zoom
 * (how many, where exactly), single points up close (overdue ones red). Counts are drawn as HTML markers
 * by the caller, since the offline style has no glyphs.
 */
export function addCaseLayers(map: MlMap, cluster = true): void {
  map.addSource('cases', { type: 'geojson', data: EMPTY, cluster, clusterRadius: 44, clusterMaxZoom: 15 });
  map.addSource('cases-heat', { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'cases-heat', type: 'heatmap', source: 'cases-heat', maxzoom: 15,
    paint: {
      'heatmap-weight': ['case', ['==', ['get', 'overdue'], true], 1, 0.6],
      'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 9, 0.8, 15, 2],
      'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 9, 14, 15, 30],
      'heatmap-opacity': ['interpolate', ['linear'], ['zoom'], 12, 0.85, 15, 0.2],
      'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'],
        0, 'rgba(0,0,0,0)', 0.2, 'rgba(59,162,255,0.55)', 0.45, 'rgba(82,196,26,0.7)', 0.7, 'rgba(250,173,20,0.85)', 1, 'rgba(255,77,79,0.95)'],
    },
  });
  map.addLayer({
    id: 'cases-cluster', type: 'circle', source: 'cases', filter: ['has', 'point_count'],
    paint: {
      'circle-color': ['step', ['get', 'point_count'], '#3ba2ff', 10, '#faad14', 50, '#ff4d4f'],
      'circle-radius': ['step', ['get', 'point_count'], 13, 10, 17, 50, 22],
      'circle-opacity': 0.85,
      'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
    },
  });
  map.addLayer({
    id: 'cases-point', type: 'circle', source: 'cases', filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': ['case', ['==', ['get', 'overdue'], true], '#ff4d4f', '#3ba2ff'],
      'circle-radius': 6,
      'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
    },
  });
}

export const CLUSTER_LAYER = 'cases-cluster';
