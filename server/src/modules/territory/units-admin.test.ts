import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids, rect } from './territory.factory.js';
import * as fx from './redraw.fixture.js';

// Longitude band 130–135°E, latitude −30 (this slice's own test area); this file uses 131–132°E.
let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, cookie = admin) =>
  t.app.inject({ method, url, payload: payload as object, headers: { cookie } });
const auditsOf = (entityId: string | number) => queryRows<{ action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>(t.ctx.db, sql`
  SELECT action, before, after FROM audit_events WHERE entity_type = 'unit' AND entity_id = ${String(entityId)} ORDER BY id`);
const bowtie = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y + 0.01], [x + 0.01, y], [x, y + 0.01], [x, y]]] });

describe('units admin', () => {
  it('creates a community and grids with checked codes and geometry, each audited', async () => {
    const X = 131.0, Y = -30.0;
    const b = await buildCommunityWithGrids(t.ctx.db, { x0: X, y0: Y, cols: 2, rows: 1 });
    const d = b.districtCode;
    const c = await send('POST', '/api/territory/units', {
      kind: 'community', subkind: 'village', code: `${d}001002`, name: '新村', parentId: String(b.town.id), geometry: rect(X + 0.03, Y, X + 0.05, Y + 0.01),
    });
    expect(c.statusCode, c.body).toBe(201);
    const community = c.json();
    expect(community).toMatchObject({ kind: 'community', subkind: 'village', parentId: String(b.town.id), validTo: null, childCount: 0 });
    expect(community.path).toBe(`${b.town.path}.${community.id}`);
    expect(Date.now() - new Date(community.validFrom).getTime()).toBeLessThan(60_000);
    expect((await auditsOf(community.id)).map((a) => a.action)).toEqual(['unit.create']);

    const g = await send('POST', '/api/territory/units', {
      kind: 'grid', code: `${d}001002001`, name: '一网格', parentId: community.id, geometry: rect(X + 0.03, Y, X + 0.04, Y + 0.01),
    });
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json()).toMatchObject({ gridKind: 'basic', dedicatedType: null });
    const loc = (await t.app.inject({ url: `/api/territory/locate?lat=${Y + 0.005}&lng=${X + 0.035}` })).json();
    expect(loc.grid.id).toBe(g.json().id);

    // Rules, each refused with its own code and nothing written.
    const unitsBefore = await fx.count(t.ctx.db, sql`SELECT count(*)::int AS n FROM units WHERE path <@ ${b.town.path}::ltree`);
    const bad = async (body: Record<string, unknown>, status: number, code: string) => {
      const r = await send('POST', '/api/territory/units', { kind: 'grid', name: 'x', parentId: community.id, ...body });
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().error.code).toBe(code);
      return r.json().error;
    };
    const overlap = await bad({ code: `${d}001002002`, geometry: rect(X + 0.035, Y, X + 0.05, Y + 0.01) }, 422, 'INVALID_GEOMETRY');
    expect(overlap.details.overlaps[0].code).toBe(`${d}001002001`);
    expect(overlap.details.overlaps[0].areaM2).toBeGreaterThan(1000);
    const outside = await bad({ code: `${d}001002002`, geometry: rect(X + 0.04, Y, X + 0.06, Y + 0.01) }, 422, 'OUTSIDE_TERRITORY');
    expect(outside.details.parentCode).toBe(`${d}001002`);
    await bad({ code: `${d}001002002`, geometry: bowtie(X + 0.04, Y) }, 422, 'INVALID_GEOMETRY');
    expect((await bad({ code: `${d}001009002`, geometry: rect(X + 0.04, Y, X + 0.05, Y + 0.01) }, 400, 'VALIDATION_FAILED')).details.field).toBe('code');
    expect((await bad({ code: `${d}001002001` }, 409, 'CONFLICT')).details.field).toBe('code');
    expect((await bad({ code: `${d}001002003`, gridKind: 'dedicated' }, 400, 'VALIDATION_FAILED')).details.field).toBe('dedicatedType');
    expect((await bad({ code: `${d}001002003`, gridTypeId: '999999999' }, 400, 'VALIDATION_FAILED')).details.field).toBe('gridTypeId');
    expect((await bad({ kind: 'cell', code: `${d}001002001001`, subkind: 'urban' }, 400, 'VALIDATION_FAILED')).details.field).toBe('subkind');
    expect(await fx.count(t.ctx.db, sql`SELECT count(*)::int AS n FROM units WHERE path <@ ${b.town.path}::ltree`)).toBe(unitsBefore);

    // Dedicated grids overlay basic grids but not each other.
    const ded = { kind: 'grid', gridKind: 'dedicated', dedicatedType: 'school', name: '学校专属网格', parentId: community.id };
    const d1 = await send('POST', '/api/territory/units', { ...ded, code: `${d}001002901`, geometry: rect(X + 0.032, Y + 0.002, X + 0.036, Y + 0.006) });
    expect(d1.statusCode, d1.body).toBe(201);
    const d2 = await send('POST', '/api/territory/units', { ...ded, code: `${d}001002902`, geometry: rect(X + 0.034, Y + 0.002, X + 0.038, Y + 0.006) });
    expect(d2.statusCode).toBe(422);
  });

  it('refuses parents outside the user scope and users without territory.write', async () => {
    const a = await buildCommunityWithGrids(t.ctx.db, { x0: 131.1, y0: -30.0, cols: 1 });
    const other = await buildCommunityWithGrids(t.ctx.db, { x0: 131.2, y0: -30.0, cols: 1 });
    const cadre = await fx.addUser(t.ctx.db, a.town.id, 'street_cadre');
    const cookie = await t.login(cadre.username, cadre.password);
    const body = { kind: 'grid', code: `${other.districtCode}001001009`, name: 'x', parentId: String(other.community.id) };
    const r = await send('POST', '/api/territory/units', body, cookie);
    expect(r.statusCode).toBe(404);
    expect((await send('PATCH', `/api/territory/units/${other.grids[0]!.id}`, { name: 'y' }, cookie)).statusCode).toBe(404);
    expect((await send('DELETE', `/api/territory/units/${other.grids[0]!.id}`, undefined, cookie)).statusCode).toBe(404);
    // A street cadre without a parent is not a global admin.
    const noParent = await send('POST', '/api/territory/units', { kind: 'city', code: '980000000000', name: 'x' }, cookie);
    expect(noParent.statusCode).toBe(400);
    const worker = await fx.addUser(t.ctx.db, a.community.id, 'grid_worker');
    const wc = await t.login(worker.username, worker.password);
    expect((await send('POST', '/api/territory/units', { ...body, parentId: String(a.community.id) }, wc)).statusCode).toBe(403);
    expect((await send('PATCH', `/api/territory/units/${a.grids[0]!.id}`, { name: 'y' }, wc)).statusCode).toBe(403);
  });

  it('patches names, grid type and geometry with before/after audit', async () => {
    const X = 131.3, Y = -30.0;
    const b = await buildCommunityWithGrids(t.ctx.db, { x0: X, y0: Y, cols: 2, rows: 1 });
    const [g1, g2] = b.grids;
    const [gt] = await queryRows<{ id: string }>(t.ctx.db, sql`INSERT INTO grid_types (code, name_zh, name_en, category) VALUES (${`t${Date.now()}${process.pid}`}, '测试', 'Test', 'urban') RETURNING id::text`);

    const r = await send('PATCH', `/api/territory/units/${g1!.id}`, { name: '改名网格', nameEn: 'Renamed', gridTypeId: gt!.id });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ name: '改名网格', nameEn: 'Renamed', gridTypeId: gt!.id });
    const [upd] = (await auditsOf(g1!.id)).filter((a) => a.action === 'unit.update');
    expect(upd!.before).toEqual({ name: '第1网格', nameEn: null, gridTypeId: null });
    expect(upd!.after).toEqual({ name: '改名网格', nameEn: 'Renamed', gridTypeId: Number(gt!.id) });

    // Shrinking grid 1 is fine; growing it into grid 2 is an overlap.
    const areaOf = async () => Number((await queryRows<{ a: number }>(t.ctx.db, sql`SELECT area_m2 AS a FROM units WHERE id = ${g1!.id}`))[0]!.a);
    const areaBefore = await areaOf();
    const shrink = await send('PATCH', `/api/territory/units/${g1!.id}`, { geometry: rect(X, Y, X + 0.009, Y + 0.01) });
    expect(shrink.statusCode, shrink.body).toBe(200);
    expect((await areaOf()) / areaBefore).toBeCloseTo(0.9, 3);
    const geoAudit = (await auditsOf(g1!.id)).filter((a) => a.action === 'unit.update')[1]!;
    expect((geoAudit.before!.geometry as { type: string }).type).toBe('MultiPolygon');
    expect((geoAudit.after!.geometry as { type: string }).type).toBe('Polygon');
    const grow = await send('PATCH', `/api/territory/units/${g1!.id}`, { geometry: rect(X, Y, X + 0.015, Y + 0.01) });
    expect(grow.statusCode).toBe(422);
    expect(grow.json().error.details.overlaps[0].code).toBe(g2!.code);

    // A community boundary may not leave its grids outside.
    const cut = await send('PATCH', `/api/territory/units/${b.community.id}`, { geometry: rect(X, Y, X + 0.015, Y + 0.01) });
    expect(cut.statusCode).toBe(422);
    expect(cut.json().error.code).toBe('OUTSIDE_TERRITORY');
    expect(cut.json().error.details.children.map((c: { code: string }) => c.code)).toEqual([g2!.code]);

    expect((await send('PATCH', `/api/territory/units/${g1!.id}`, {})).statusCode).toBe(400);
    expect((await send('PATCH', `/api/territory/units/${b.community.id}`, { gridTypeId: gt!.id })).statusCode).toBe(400);
    expect((await send('PATCH', `/api/territory/units/${b.community.id}`, { subkind: 'street' })).statusCode).toBe(400);
    expect((await send('PATCH', `/api/territory/units/${g1!.id}`, { code: 'x' })).statusCode).toBe(400);
  });

  it('retires a unit only when nothing current hangs on it', async () => {
    const X = 131.4, Y = -30.0;
    const b = await buildCommunityWithGrids(t.ctx.db, { x0: X, y0: Y, cols: 2, rows: 1 });
    const [g1, g2] = b.grids;
    await fx.addBuilding(t.ctx.db, { id: g2!.id, path: g2!.path }, X + 0.015, Y + 0.005);

    const withChildren = await send('DELETE', `/api/territory/units/${b.community.id}`);
    expect(withChildren.statusCode).toBe(409);
    expect(withChildren.json().error.details.attached.children).toBe(2);
    const withBuilding = await send('DELETE', `/api/territory/units/${g2!.id}`);
    expect(withBuilding.statusCode).toBe(409);
    expect(withBuilding.json().error.details.attached).toEqual({ buildings: 1 });

    const ok = await send('DELETE', `/api/territory/units/${g1!.id}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().validTo).not.toBeNull();
    expect((await auditsOf(g1!.id)).map((a) => a.action)).toEqual(['unit.retire']);
    // Retired: gone from locate now, still there in the past, and no longer editable.
    const loc = (await t.app.inject({ url: `/api/territory/locate?lat=${Y + 0.005}&lng=${X + 0.005}` })).json();
    expect(loc.grid).toBeNull();
    const past = (await t.app.inject({ url: `/api/territory/locate?lat=${Y + 0.005}&lng=${X + 0.005}&at=2020-01-01T00:00:00Z` })).json();
    expect(past.grid.id).toBe(String(g1!.id));
    expect((await send('DELETE', `/api/territory/units/${g1!.id}`)).statusCode).toBe(409);
    expect((await send('PATCH', `/api/territory/units/${g1!.id}`, { name: 'x' })).statusCode).toBe(409);
    expect((await send('DELETE', '/api/territory/units/999999999999')).statusCode).toBe(404);
  });
});
