import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { codeProblem, type UnitKind } from '@gridgov/common';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { queryRows } from '../db/sql.js';
import { LARGE_SEED, seedLarge } from './large.js';

// One district of the large lattice (10,000 grids, 40,000 cells): the same SQL as the 100,000-grid seed.
// PGlite only: on the shared PostgreSQL test database these grids would sit in other test files' way.
describe.runIf(!process.env.TEST_DATABASE_URL)('large seed (one district)', () => {
  let t: TestApp;
  const q = <T>(text: string) => queryRows<T>(t.ctx.db, sql.raw(text));
  const mine = `path <@ (SELECT path FROM units WHERE kind = 'province' AND code = '${LARGE_SEED.provinceCode}')`;

  beforeAll(async () => {
    t = await createTestApp();
    await seedLarge(t.ctx, () => {}, { districts: 1 });
  }, 180_000);
  afterAll(async () => t?.close());

  it('creates the expected units with valid, nested codes and ltree paths', async () => {
    const counts = await q<{ kind: string; n: number }>(`SELECT kind, count(*)::int AS n FROM units WHERE ${mine} GROUP BY kind`);
    expect(Object.fromEntries(counts.map((c) => [c.kind, c.n]))).toEqual({
      province: 1, city: 1, district: 1, town: 10, community: 250, grid: 10_000, cell: 40_000,
    });
    // Every child: path = parent path + own id, and its code is valid under its parent's code.
    const bad = await q<{ n: number }>(`SELECT count(*)::int AS n FROM units u JOIN units p ON p.id = u.parent_id
      WHERE u.${mine} AND u.path <> p.path || u.id::text::ltree`);
    expect(bad[0]!.n).toBe(0);
    const sample = await q<{ kind: UnitKind; code: string; parent_code: string }>(`SELECT u.kind, u.code, p.code AS parent_code
      FROM units u JOIN units p ON p.id = u.parent_id WHERE u.${mine} AND (u.id % 97 = 0 OR u.kind IN ('district', 'town'))`);
    for (const r of sample) expect(codeProblem(r.kind, r.code, r.parent_code), r.code).toBeNull();
  });

  it('tiles exactly: children cover their parent with no overlap and no gap', async () => {
    // Planar areas in degrees²: the sum of the children equals the parent and their union is the parent.
    const rows = await q<{ kind: string; mismatched: number }>(`
      SELECT p.kind, count(*) FILTER (WHERE abs(ST_Area(p.geom) - c.sum_area) > 1e-12
        OR NOT ST_Equals(ST_Union(p.geom, c.u), p.geom) OR abs(ST_Area(c.u) - c.sum_area) > 1e-12)::int AS mismatched
      FROM units p JOIN LATERAL (
        SELECT sum(ST_Area(geom)) AS sum_area, ST_Union(geom) AS u FROM units WHERE parent_id = p.id
      ) c ON true
      WHERE p.${mine} AND p.kind IN ('town', 'community') OR (p.${mine} AND p.kind = 'grid' AND p.id % 50 = 0)
      GROUP BY p.kind`);
    expect(rows.length).toBe(3);
    for (const r of rows) expect(r.mismatched, r.kind).toBe(0);
  });

  it('numbers grids west→east, north→south inside each community', async () => {
    const g = await q<{ code: string; x: number; y: number }>(`SELECT code, ST_XMin(geom) AS x, ST_YMax(geom) AS y FROM units
      WHERE kind = 'grid' AND code LIKE '990101001001%' ORDER BY code LIMIT 9`);
    expect(g[0]).toMatchObject({ code: '990101001001001', x: LARGE_SEED.lng0, y: LARGE_SEED.lat0 });
    expect(g[1]!.x).toBeGreaterThan(g[0]!.x); // 002 east of 001
    expect(g[1]!.y).toBe(g[0]!.y);
    expect(g[8]!.y).toBeLessThan(g[0]!.y); // 009 starts the second row, further south
    expect(g[8]!.x).toBe(g[0]!.x);
  });

  it('locates points inside, and a shared corner to the lowest code', async () => {
    const { step, lng0, lat0 } = LARGE_SEED;
    // Centre of the third grid in the first row of the first community.
    const inside = await t.app.inject({ url: `/api/territory/locate?lat=${lat0 - step / 2}&lng=${lng0 + 2.5 * step}` });
    expect(inside.json().grid.code).toBe('990101001001003');
    expect(inside.json().cell.code).toMatch(/^990101001001003\d{3}$/);
    expect(inside.json().chain.map((u: { kind: string }) => u.kind)).toEqual(['province', 'city', 'district', 'town', 'community', 'grid', 'cell']);
    // The corner shared by grids 001, 002, 009 and 010.
    const corner = await t.app.inject({ url: `/api/territory/locate?lat=${lat0 - step}&lng=${lng0 + step}` });
    expect(corner.json().grid.code).toBe('990101001001001');
  });

  it('is idempotent', async () => {
    await seedLarge(t.ctx, () => {}, { districts: 1 });
    const [r] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM units WHERE kind = 'province' AND code = '${LARGE_SEED.provinceCode}'`);
    expect(r!.n).toBe(1);
  });
});
