import proj4 from 'proj4';
import type { Crs } from './crs.js';

type Position = number[];
export interface PolygonalGeometry { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }

/**
 * Structural checks PostGIS cannot report politely (ST_GeomFromGeoJSON throws on them): polygonal type,
 * numeric positions, rings of at least 4 positions that close. Returns the reason, or null when well-formed.
 */
export function shapeProblem(g: unknown): string | null {
  if (!g || typeof g !== 'object') return 'the feature has no geometry';
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') return `geometry type ${String(type)} is not a Polygon or MultiPolygon`;
  const polys = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(polys) || polys.length === 0) return 'the geometry has no coordinates';
  for (const poly of polys) {
    if (!Array.isArray(poly) || poly.length === 0) return 'a polygon has no rings';
    for (const ring of poly) {
      if (!Array.isArray(ring)) return 'a ring is not a list of positions';
      if (ring.length < 4) return `a ring has ${ring.length} positions; at least 4 are needed`;
      for (const p of ring) {
        if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return 'a position is not a pair of numbers';
      }
      const a = ring[0] as Position;
      const b = ring[ring.length - 1] as Position;
      if (a[0] !== b[0] || a[1] !== b[1]) return 'a ring is not closed (its first and last positions differ)';
    }
  }
  return null;
}

/** Apply f to every position, dropping Z/M. */
export function mapPositions(g: PolygonalGeometry, f: (p: [number, number]) => [number, number]): PolygonalGeometry {
  const ring = (r: Position[]) => r.map((p) => f([p[0]!, p[1]!]));
  const poly = (p: Position[][]) => p.map(ring);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: poly(g.coordinates as Position[][]) }
    : { type: 'MultiPolygon', coordinates: (g.coordinates as Position[][][]).map(poly) };
}

export function eachPosition(g: PolygonalGeometry, f: (x: number, y: number) => void): void {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
  for (const poly of polys) for (const r of poly) for (const p of r) f(p[0]!, p[1]!);
}

/** Reproject a well-formed geometry to WGS84 lng/lat. */
export function toWgs84(g: PolygonalGeometry, crs: Crs): PolygonalGeometry {
  if (crs.kind === 'lnglat') return mapPositions(g, (p) => p);
  const conv = proj4(crs.proj4, 'WGS84');
  return mapPositions(g, (p) => conv.forward(p) as [number, number]);
}

/** [minX, minY, maxX, maxY] over many geometries, or null when there is none. */
export function bboxOf(geoms: PolygonalGeometry[]): [number, number, number, number] | null {
  let b: [number, number, number, number] | null = null;
  for (const g of geoms) {
    eachPosition(g, (x, y) => {
      if (!b) b = [x, y, x, y];
      else { b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y); }
    });
  }
  return b;
}

export function isLngLatBox(b: [number, number, number, number]): boolean {
  return b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90;
}
