import type { Map as MlMap } from 'maplibre-gl';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/** Grids in scope: outlines, and a fill from the feature's `fill` property (risk colours) when given. */
export function addScopeGridLayers(map: MlMap, dark: boolean): void {
  map.addSource('scope-grids', { type: 'geojson', data: EMPTY, promoteId: 'id' });
  map.addLayer({
    id: 'scope-grids-fill', type: 'fill', source: 'scope-grids',
    paint: {
      'fill-color': ['coalesce', ['get', 'fill'], dark ? '#1d3b5c' : '#bfd7f2'],
      'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.8, ['has', 'fill'], 0.6, dark ? 0.45 : 0.35],
    },
  });
  map.addLayer({
    id: 'scope-grids-line', type: 'line', source: 'scope-grids',
    paint: { 'line-color': dark ? '#5b8cc0' : '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.5, 14, 1.6] },
  });
}
