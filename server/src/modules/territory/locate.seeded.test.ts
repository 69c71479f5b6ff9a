import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/sql.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

/**
 * Locate against the seeded grids (tiny seed, 江门市). Expected answers are computed here independently of the
 * service: exact vertex sharing from the rings, and a brute-force nearest on the spheroid.
 */
let t: TestApp;
interface Grid { id: string; code: string; ring: [number, number][] }
let grids: Grid[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const rows = await queryRows<{ id: string; code: string; geom: string }>(t.ctx.db, sql`
    SELECT id::text, code, ST_AsGeoJSON(geom) AS geom FROM units
    WHERE kind = 'grid' AND grid_kind = 'basic' AND valid_to IS NULL
      AND path <@ (SELECT path FROM units WHERE kind = 'city' AND code = '440700000000' AND valid_to IS NULL)
    ORDER BY code`);
  grids = rows.map((r) => {
    const g = JSON.parse(r.geom) as { coordinates: [number, number][][][] };
    return { id: r.id, code: r.code, ring: g.coordinates.flatMap((poly) => poly[0]!) };
  });
});
afterAll(() => t?.close());

const locate = async (lng: number, lat: number) =>
  (await t.app.inject({ url: `/api/territory/locate?lat=${lat}&lng=${lng}` })).json() as {
    grid: { code: string } | null; nearest: { grid: { code: string }; distanceM: number } | null; chain: { kind: string }[];
  };

const key = (p: [number, number]) => `${p[0]},${p[1]}`;

describe('locate on seeded grids', () => {
  it('has seeded grids to test against', () => {
    expect(grids.length).toBeGreaterThanOrEqual(6);
  });

  it('resolves random points inside every seeded grid to that grid', async () => {
    for (const g of grids) {
      const pts = await queryRows<{ x: number; y: number }>(t.ctx.db, sql`
        SELECT ST_X(p.geom) AS x, ST_Y(p.geom) AS y FROM (
          SELECT (ST_Dump(ST_GeneratePoints(ST_Buffer(geom, -0.00002), 3, 42))).geom FROM units WHERE id = ${Number(g.id)}) p`);
      expect(pts.length).toBe(3);
      for (const p of pts) {
        const r = await locate(p.x, p.y);
        expect(r.grid?.code, `point ${p.x},${p.y} in ${g.code}`).toBe(g.code);
        expect(r.chain.at(-1)?.kind === 'grid' || r.chain.at(-1)?.kind === 'cell').toBe(true);
      }
    }
  });

  it('resolves 5 shared vertices to the lowest code among the grids that share them', async () => {
    const owners = new Map<string, Set<string>>();
    for (const g of grids) for (const p of g.ring) {
      const k = key(p);
      if (!owners.has(k)) owners.set(k, new Set());
      owners.get(k)!.add(g.code);
    }
    const shared = [...owners.entries()].filter(([, s]) => s.size >= 2);
    expect(shared.length).toBeGreaterThanOrEqual(5);
    // Prefer vertices shared by 3+ grids, then any.
    shared.sort((a, b) => b[1].size - a[1].size);
    for (const [k, codes] of shared.slice(0, 5)) {
      const [x, y] = k.split(',').map(Number) as [number, number];
      const r = await locate(x, y);
      expect(r.grid?.code, `vertex ${k}`).toBe([...codes].sort()[0]);
    }
  });

  it('resolves 20 points on shared edges to the lower of the two codes', async () => {
    const edges: { x: number; y: number; expected: string }[] = [];
    for (const g of grids) {
      for (let i = 0; i + 1 < g.ring.length && edges.length < 60; i++) {
        const a = g.ring[i]!; const b = g.ring[i + 1]!;
        const other = grids.find((h) => h !== g && h.ring.some((p, j) => {
          const q = h.ring[j + 1];
          return q && ((key(p) === key(a) && key(q) === key(b)) || (key(p) === key(b) && key(q) === key(a)));
        }));
        if (!other) continue;
        // A quarter of the way along a horizontal or vertical segment is exactly representable; otherwise
        // the point lies within a few 1e-16 degrees of the segment, well inside the edge tolerance.
        edges.push({ x: a[0] + (b[0] - a[0]) / 4, y: a[1] + (b[1] - a[1]) / 4, expected: [g.code, other.code].sort()[0]! });
      }
    }
    expect(edges.length).toBeGreaterThanOrEqual(20);
    for (const e of edges.slice(0, 20)) {
      const r = await locate(e.x, e.y);
      expect(r.grid?.code, `edge point ${e.x},${e.y}`).toBe(e.expected);
    }
  });

  it('answers grid null and the truly nearest grid for points outside every grid', async () => {
    const [box] = await queryRows<{ xmin: number; xmax: number; ymin: number; ymax: number }>(t.ctx.db, sql`
      SELECT ST_XMin(e) AS xmin, ST_XMax(e) AS xmax, ST_YMin(e) AS ymin, ST_YMax(e) AS ymax FROM (
        SELECT ST_Extent(geom)::geometry AS e FROM units WHERE id IN (${sql.join(grids.map((g) => sql`${Number(g.id)}`), sql`, `)})) s`);
    const outside: [number, number][] = [
      [box!.xmax + 0.02, (box!.ymin + box!.ymax) / 2],
      [box!.xmin - 0.03, box!.ymax + 0.01],
      [(box!.xmin + box!.xmax) / 2, box!.ymin - 0.05],
    ];
    for (const [x, y] of outside) {
      const r = await locate(x, y);
      expect(r.grid).toBeNull();
      const [best] = await queryRows<{ code: string; d: number }>(t.ctx.db, sql`
        SELECT code, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(${x}, ${y}), 4326)::geography) AS d
        FROM units WHERE kind = 'grid' AND grid_kind = 'basic' AND valid_to IS NULL ORDER BY d, code LIMIT 1`);
      expect(r.nearest?.grid.code).toBe(best!.code);
      expect(Math.abs(r.nearest!.distanceM - Number(best!.d))).toBeLessThan(0.1);
    }
  });
});
