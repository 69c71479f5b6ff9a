import type { Map as MlMap, ExpressionSpecification } from 'maplibre-gl';

export const FILL_LAYERS = ['dedicated-fill', 'grids-fill'];
const EMPTY = { type: 'FeatureCollection' as const, features: [] };

const hovered = (on: number, off: number): ExpressionSpecification =>
  ['case', ['boolean', ['feature-state', 'hover'], false], on, off];
const selected = (on: number | string, off: number | string): ExpressionSpecification =>
  ['case', ['boolean', ['feature-state', 'selected'], false], on, off];

/**
 * Basic grids: filled by grid-type colour with white seams (they tile the territory).
 * Dedicated grids: a second layer on top, dashed outline and a light fill, so both stay readable.
 */
export function addGridLayers(map: MlMap): void {
  map.addSource('grids', { type: 'geojson', data: EMPTY, promoteId: 'id' });
  map.addSource('dedicated', { type: 'geojson', data: EMPTY, promoteId: 'id' });
  map.addSource('bounds', { type: 'geojson', data: EMPTY });

  map.addLayer({
    id: 'grids-fill', type: 'fill', source: 'grids',
    paint: { 'fill-color': ['coalesce', ['get', 'color'], '#8c8c8c'], 'fill-opacity': hovered(0.7, 0.42) },
  });
  map.addLayer({
    id: 'grids-line', type: 'line', source: 'grids',
    paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.4, 14, 1.6] },
  });
  map.addLayer({
    id: 'bounds-community', type: 'line', source: 'bounds', filter: ['==', ['get', 'level'], 'community'],
    paint: { 'line-color': '#434343', 'line-opacity': 0.55, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.6, 14, 1.6] },
  });
  map.addLayer({
    id: 'bounds-town', type: 'line', source: 'bounds', filter: ['==', ['get', 'level'], 'town'],
    paint: { 'line-color': '#262626', 'line-opacity': 0.8, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.4, 14, 3] },
  });
  map.addLayer({
    id: 'grids-focus', type: 'line', source: 'grids',
    paint: {
      'line-color': selected('#c8102e', '#262626'),
      'line-width': selected(3, 2),
      'line-opacity': ['case', ['any', ['boolean', ['feature-state', 'hover'], false], ['boolean', ['feature-state', 'selected'], false]], 1, 0],
    },
  });
  map.addLayer({
    id: 'dedicated-fill', type: 'fill', source: 'dedicated',
    paint: { 'fill-color': ['coalesce', ['get', 'color'], '#722ed1'], 'fill-opacity': hovered(0.4, 0.16) },
  });
  map.addLayer({
    id: 'dedicated-line', type: 'line', source: 'dedicated',
    layout: { 'line-cap': 'butt', 'line-join': 'round' },
    paint: {
      'line-color': ['coalesce', ['get', 'color'], '#722ed1'],
      'line-width': selected(3.5, 2.2),
      'line-dasharray': [2, 1.5],
    },
  });
}

export function setDedicatedVisible(map: MlMap, visible: boolean): void {
  for (const id of ['dedicated-fill', 'dedicated-line']) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
