import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildCommunityWithGrids } from './territory.factory.js';

let t: TestApp;
let built: Awaited<ReturnType<typeof buildCommunityWithGrids>>;
const X0 = 150.0;
const Y0 = -40.0;

beforeAll(async () => {
  t = await createTestApp();
  built = await buildCommunityWithGrids(t.ctx.db, { x0: X0, y0: Y0, cols: 2, rows: 2, size: 0.01 });
});
afterAll(() => t?.close());

const locate = async (lng: number, lat: number, extra = '') =>
  (await t.app.inject({ url: `/api/territory/locate?lat=${lat}&lng=${lng}${extra}` })).json();

describe('locate', () => {
  it('resolves an interior point to its grid with the full chain', async () => {
    const r = await locate(X0 + 0.005, Y0 + 0.015);
    expect(r.grid.code).toBe(built.grids[0]!.code);
    expect(r.chain.map((u: { kind: string }) => u.kind)).toEqual(['city', 'district', 'town', 'community', 'grid']);
    expect(r.nearest).toBeNull();
  });

  it('resolves the shared vertex of four grids to the lowest code', async () => {
    const r = await locate(X0 + 0.01, Y0 + 0.01);
    expect(r.grid.code).toBe(built.grids[0]!.code);
  });

  it('resolves a point on a shared edge to the lower code', async () => {
    const r = await locate(X0 + 0.015, Y0 + 0.01); // between grid 2 (north-east) and grid 4 (south-east)
    expect(r.grid.code).toBe(built.grids[1]!.code);
  });

  it('returns grid null and the nearest grid for an outside point', async () => {
    const r = await locate(X0 + 0.025, Y0 + 0.005);
    expect(r.grid).toBeNull();
    expect(r.nearest.grid.code).toBe(built.grids[3]!.code);
    expect(r.nearest.distanceM).toBeGreaterThan(400);
    expect(r.nearest.distanceM).toBeLessThan(500);
  });

  it('rejects a latitude out of range with the field named', async () => {
    const res = await t.app.inject({ url: '/api/territory/locate?lat=95&lng=113' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toContain('lat');
  });
});
