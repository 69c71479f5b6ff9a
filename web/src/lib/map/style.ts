import type { StyleSpecification } from 'maplibre-gl';

export const BACKGROUND = '#eef1f5';

/**
 * Works with no internet: a plain background, no glyphs, no sprites. A configured tile URL
 * ({z}/{x}/{y}) is added as a raster base layer underneath the grids.
 */
export function baseStyle(tileUrl: string | null): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }],
  };
  if (tileUrl) {
    const urls = /\{s\}/.test(tileUrl) ? ['a', 'b', 'c'].map((s) => tileUrl.replace('{s}', s)) : [tileUrl];
    style.sources.base = { type: 'raster', tiles: urls, tileSize: 256, maxzoom: 19 };
    style.layers.push({ id: 'base', type: 'raster', source: 'base' });
  }
  return style;
}
