import gcoord from 'gcoord';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { LngLatBoundsLike } from 'maplibre-gl';

export type Crs = 'gcj02' | 'wgs84';

/**
 * Grids are stored in WGS84; Chinese tile services draw in GCJ-02, so with such a base map every
 * coordinate is shifted before display (otherwise grids sit a few hundred metres off the streets).
 */
export function toDisplay<T extends Geometry | Feature | FeatureCollection>(data: T, crs: Crs): T {
  if (crs !== 'gcj02') return data;
  return gcoord.transform(structuredClone(data) as never, gcoord.WGS84, gcoord.GCJ02) as unknown as T;
}

export function pointToDisplay(p: [number, number], crs: Crs): [number, number] {
  if (crs !== 'gcj02') return p;
  return gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number];
}

function eachPosition(g: Geometry, fn: (p: Position) => void): void {
  switch (g.type) {
    case 'Point': fn(g.coordinates); break;
    case 'MultiPoint': case 'LineString': g.coordinates.forEach(fn); break;
    case 'MultiLineString': case 'Polygon': g.coordinates.forEach((r) => r.forEach(fn)); break;
    case 'MultiPolygon': g.coordinates.forEach((p) => p.forEach((r) => r.forEach(fn))); break;
    case 'GeometryCollection': g.geometries.forEach((x) => eachPosition(x, fn)); break;
  }
}

export function bboxOf(geoms: (Geometry | null | undefined)[]): LngLatBoundsLike | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const g of geoms) {
    if (!g) continue;
    eachPosition(g, (p) => {
      const x = p[0]!, y = p[1]!;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    });
  }
  return Number.isFinite(minX) ? [[minX, minY], [maxX, maxY]] : null;
}

/** Area-weighted centroid of the largest outer ring: a good label anchor for the mostly convex grid shapes. */
export function labelPoint(g: Geometry): [number, number] | null {
  let rings: Position[][] = [];
  if (g.type === 'Polygon') rings = [g.coordinates[0] ?? []];
  else if (g.type === 'MultiPolygon') rings = g.coordinates.map((p) => p[0] ?? []);
  else return null;
  let best: { a: number; x: number; y: number } | null = null;
  for (const ring of rings) {
    let a = 0, cx = 0, cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i] as [number, number];
      const [x1, y1] = ring[i + 1] as [number, number];
      const f = x0 * y1 - x1 * y0;
      a += f;
      cx += (x0 + x1) * f;
      cy += (y0 + y1) * f;
    }
    if (a === 0) continue;
    const c = { a: Math.abs(a), x: cx / (3 * a), y: cy / (3 * a) };
    if (!best || c.a > best.a) best = c;
  }
  return best ? [best.x, best.y] : null;
}
