import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import gcoord from 'gcoord';
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
    expect(r).not.toHaveProperty('admission'); // intake's routing reads it; the API answer keeps its contract
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

  it('converts GCJ-02 and BD-09 input to WGS84 before locating', async () => {
    // Inside China the offsets are hundreds of metres, so the converted point must land in another grid.
    const [x, y] = [113.0123, 22.5456];
    const wgs = await locate(x, y);
    for (const [crs, name] of [[gcoord.GCJ02, 'gcj02'], [gcoord.BD09, 'bd09']] as const) {
      const [cx, cy] = gcoord.transform([x, y], gcoord.WGS84, crs) as [number, number];
      const r = (await t.app.inject({ url: `/api/territory/locate?lat=${cy}&lng=${cx}&coordSystem=${name}` })).json();
      const raw = (await t.app.inject({ url: `/api/territory/locate?lat=${cy}&lng=${cx}` })).json();
      expect(r.grid?.code ?? r.nearest?.grid.code).toBe(wgs.grid?.code ?? wgs.nearest?.grid.code);
      expect(r.nearest?.distanceM ?? 0).toBeCloseTo(wgs.nearest?.distanceM ?? 0, 0);
      expect(raw.nearest?.distanceM ?? 0).not.toBeCloseTo(wgs.nearest?.distanceM ?? 0, 0);
    }
  });

  it('answers a past time from the grids valid then', async () => {
    const before = await t.app.inject({ url: `/api/territory/locate?lat=${Y0 + 0.015}&lng=${X0 + 0.005}&at=1999-06-01T00:00:00%2B08:00` });
    expect(before.statusCode).toBe(200);
    expect(before.json().grid).toBeNull(); // the factory's grids are valid from 2000-01-01
  });

  it('rejects a latitude out of range with the field named', async () => {
    const res = await t.app.inject({ url: '/api/territory/locate?lat=95&lng=113' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toContain('lat');
  });
});
