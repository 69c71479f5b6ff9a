import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/sql.js';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/harness.js';

/** The territory API as the tiny seed's accounts see it: scope in SQL, detail, profile edits, GeoJSON. */
let t: TestApp;
let admin: string;
let worker: string;
let centre: string;
const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

async function unitId(code: string, kind = 'grid') {
  const [r] = await queryRows<{ id: string }>(t.ctx.db, sql`SELECT id::text FROM units WHERE kind = ${kind} AND code = ${code} AND valid_to IS NULL`);
  return r!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  worker = await t.login('worker.g1', DEMO_PASSWORD);
  centre = await t.login('centre.xinhui', DEMO_PASSWORD);
});
afterAll(() => t?.close());

describe('territory API scope', () => {
  it('shows a grid worker only their own grid as the tree root, and nothing outside it', async () => {
    const roots = (await get('/api/territory/units/roots', worker)).json().items;
    expect(roots.map((u: { code: string }) => u.code)).toEqual(['440705001001001']);
    const all = (await get('/api/territory/units?limit=5000', worker)).json().items as { path: string }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((u) => u.path.startsWith(roots[0].path))).toBe(true);
  });

  it('answers 404 for a unit outside the scope, the same as a missing one', async () => {
    const gridB = await unitId('440705001001002');
    const res = await get(`/api/territory/units/${gridB}`, worker);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await get(`/api/territory/units/${gridB}/buildings`, worker)).statusCode).toBe(404);
  });

  it('lists children of a unit with the contract fields', async () => {
    const district = await unitId('440705000000', 'district');
    const res = await get(`/api/territory/units?kind=town&parentId=${district}`, centre);
    expect(res.statusCode).toBe(200);
    const item = res.json().items[0];
    expect(item).toMatchObject({ kind: 'town', parentId: district });
    for (const k of ['id', 'code', 'name', 'kind', 'path', 'parentId']) expect(item).toHaveProperty(k);
    expect(typeof item.id).toBe('string');
  });

  it('returns a grid page: ancestors, grid type duties, counts, geometry', async () => {
    const gridA = await unitId('440705001001001');
    const body = (await get(`/api/territory/units/${gridA}`, worker)).json();
    expect(body.ancestors.map((a: { kind: string }) => a.kind)).toEqual(['city', 'district', 'town', 'community']);
    expect(body.gridType.duties.length).toBeGreaterThan(5);
    expect(body.counts.persons).toBeGreaterThan(0);
    expect(body.geometry.type).toBe('MultiPolygon');
    const staff = (await get(`/api/territory/units/${gridA}/staff`, worker)).json().items as { phone: string | null }[];
    expect(staff.length).toBeGreaterThan(0);
    expect(staff.every((s) => s.phone === null || /\*{4}/.test(s.phone))).toBe(true);
  });
});

describe('grid profile edits', () => {
  it('saves text or lists and writes an audit event with before and after', async () => {
    const gridA = await unitId('440705001001001');
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/territory/units/${gridA}/profile`, headers: { cookie: centre },
      payload: { population: 1234, traits: ['老年人口多', '外来务工人员集中'], risks: '低洼易涝' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().profile).toMatchObject({ population: 1234, traits: ['老年人口多', '外来务工人员集中'], risks: '低洼易涝' });
    const [ev] = await queryRows<{ after: { population: number } }>(t.ctx.db, sql`
      SELECT after FROM audit_events WHERE action = 'unit.profile.update' AND entity_id = ${gridA} ORDER BY id DESC LIMIT 1`);
    expect(ev!.after.population).toBe(1234);
  });

  it('refuses a grid worker (no territory.write) and unknown fields', async () => {
    const gridA = await unitId('440705001001001');
    const denied = await t.app.inject({ method: 'PATCH', url: `/api/territory/units/${gridA}/profile`, headers: { cookie: worker }, payload: { population: 1 } });
    expect(denied.statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'PATCH', url: `/api/territory/units/${gridA}/profile`, headers: { cookie: admin }, payload: { population: -3 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('population');
  });
});

describe('grids.geojson', () => {
  it('returns the current basic grids under a unit, with the contract properties', async () => {
    const town = await unitId('440705001000', 'town');
    const res = await get(`/api/territory/grids.geojson?unitId=${town}`, centre);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('geo+json');
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      expect(f.properties.kind).toBe('basic');
      expect(f.properties.code).toMatch(/^440705001\d{6}$/);
      for (const k of ['id', 'code', 'name', 'kind', 'path']) expect(f.properties).toHaveProperty(k);
    }
  });

  it('returns dedicated grids with kind=dedicated, and only inside the scope', async () => {
    const ded = (await get('/api/territory/grids.geojson?kind=dedicated', admin)).json();
    expect(ded.features.length).toBeGreaterThan(0);
    expect(ded.features.every((f: { properties: { kind: string } }) => f.properties.kind === 'dedicated')).toBe(true);
    const mine = (await get('/api/territory/grids.geojson', worker)).json();
    expect(mine.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(['440705001001001']);
  });
});

describe('departments', () => {
  it('lists the departments of the user district', async () => {
    const items = (await get('/api/departments', centre)).json().items as { nameZh: string; unitName: string }[];
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((d) => d.unitName === '新会区')).toBe(true);
  });
});
