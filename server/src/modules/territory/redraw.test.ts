import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids, rect } from './territory.factory.js';
import { insertUnit } from './unit.writer.js';
import { applyDueLayouts } from './redraw.service.js';
import * as fx from './redraw.fixture.js';

// Longitude band 130–135°E, latitude −30 (this slice's own test area).
let t: TestApp;
let admin: string;
type Built = Awaited<ReturnType<typeof buildCommunityWithGrids>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

const post = (url: string, payload: unknown, cookie = admin) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
const get = (url: string, cookie = admin) => t.app.inject({ url, headers: { cookie } });
const locate = async (lng: number, lat: number, at?: Date) =>
  (await t.app.inject({ url: `/api/territory/locate?lat=${lat}&lng=${lng}${at ? `&at=${encodeURIComponent(at.toISOString())}` : ''}` })).json();
const prefixOf = (b: Built) => `${b.districtCode}001001`;
const grid = (b: Built, i: number) => ({ id: b.grids[i]!.id, path: b.grids[i]!.path });

describe('redraw a community', () => {
  it('a community split from 2 grids into 4 moves buildings and open cases correctly', async () => {
    const db = t.ctx.db;
    const X = 130.0, Y = -30.0;
    const b = await buildCommunityWithGrids(db, { x0: X, y0: Y, cols: 2, rows: 1, size: 0.01 });
    const [g1, g2] = [grid(b, 0), grid(b, 1)];
    // New layout: top band 001|002 is 40 % of the height, bottom band 003|004 60 % (so best overlap is 003/004).
    const yTop = Y + 0.008, yBottom = Y + 0.002, yCut = Y + 0.006;
    const cell = await insertUnit(db, { kind: 'cell', code: `${b.grids[0]!.code}001`, name: '单元一', parentId: g1.id, geometry: rect(X, Y, X + 0.01, Y + 0.01) });

    const bA = await fx.addBuilding(db, g1, X + 0.005, yTop, cell.id); // → 001
    const bB = await fx.addBuilding(db, g1, X + 0.005, yBottom); // → 003
    const bC = await fx.addBuilding(db, g2, X + 0.015, yBottom); // → 004
    const ksTop = await fx.addKeySite(db, g2, X + 0.015, yTop); // → 002
    const ksEdge = await fx.addKeySite(db, g1, X + 0.005, yCut); // on the 001/003 edge → lowest code 001
    const estate = await fx.addEstate(db, g1, X + 0.002, yBottom); // → 003
    const open = await fx.addCase(db, g2, 'dispatched', [X + 0.015, yBottom]); // → 004
    const openNoPoint = await fx.addCase(db, g1, 'reported', null); // best overlap of g1 → 003
    const closed = await fx.addCase(db, g2, 'closed', [X + 0.015, yBottom]); // stays on g2
    const cancelled = await fx.addCase(db, g1, 'rejected', [X + 0.005, yTop]); // stays on g1
    const hB = await fx.addHousehold(db, g1, bB); // follows building B → 003
    const hLoose = await fx.addHousehold(db, g2, null); // best overlap of g2 → 004
    const pInB = await fx.addPerson(db, g1, hB); // follows household → 003
    const pLoose = await fx.addPerson(db, g1, null); // best overlap of g1 → 003
    const staff = await fx.addStaff(db, g1); // → 003
    const formerStaff = await fx.addStaff(db, g2, false); // inactive: stays
    const worker = await fx.addUser(db, g1.id); // → 003
    const cellUser = await fx.addUser(db, cell.id); // home on a cell of g1 → 003

    const effectiveAt = new Date(Date.now() - 60_000);
    const res = await post(`/api/territory/communities/${b.community.id}/redraw`, {
      effectiveAt: effectiveAt.toISOString(), note: '社区网格从2个增至4个', grids: fx.fourGrids(prefixOf(b), X, Y),
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    const layoutId = Number(body.layout.id);
    expect(body.layout.state).toBe('applied');
    const code = (c: string) => `${prefixOf(b)}${c}`;
    expect(body.grids.map((g: { code: string }) => g.code)).toEqual([code('001'), code('002'), code('003'), code('004')]);
    const newId = Object.fromEntries(body.grids.map((g: { id: string; code: string }) => [g.code.slice(-3), Number(g.id)]));
    expect(newId['001']).not.toBe(g1.id); // a reused code is a new row: the old one stays as history
    expect(body.layout.summary.moved).toEqual({ buildings: 3, keySites: 2, estates: 1, households: 2, persons: 2, cases: 2, staff: 1, users: 2 });
    expect(body.layout.summary.closedCasesKept).toBe(2);
    expect(body.layout.summary.closedCells).toBe(1);

    const on = async (table: Parameters<typeof fx.gridOf>[1], id: number) => (await fx.gridOf(db, table, id)).gridId;
    expect(await on('buildings', bA)).toBe(newId['001']);
    expect(await on('buildings', bB)).toBe(newId['003']);
    expect(await on('buildings', bC)).toBe(newId['004']);
    expect(await on('key_sites', ksTop)).toBe(newId['002']);
    expect(await on('key_sites', ksEdge)).toBe(newId['001']);
    expect(await on('estates', estate)).toBe(newId['003']);
    expect(await on('cases', open)).toBe(newId['004']);
    expect(await on('cases', openNoPoint)).toBe(newId['003']);
    expect(await on('cases', closed)).toBe(g2.id);
    expect(await on('cases', cancelled)).toBe(g1.id);
    expect(await on('households', hB)).toBe(newId['003']);
    expect(await on('households', hLoose)).toBe(newId['004']);
    expect(await on('persons', pInB)).toBe(newId['003']);
    expect(await on('persons', pLoose)).toBe(newId['003']);
    expect(await on('grid_staff', staff)).toBe(newId['003']);
    expect(await on('grid_staff', formerStaff)).toBe(g2.id);
    // Paths follow the grid; the closed cell is cleared from the moved building.
    const [bArow] = await queryRows<{ path: string; cell_id: string | null; gpath: string }>(db, sql`
      SELECT b.path::text, b.cell_id::text, g.path::text AS gpath FROM buildings b JOIN units g ON g.id = b.grid_id WHERE b.id = ${bA}`);
    expect(bArow!.path).toBe(bArow!.gpath);
    expect(bArow!.cell_id).toBeNull();
    const homes = await queryRows<{ id: string; home_unit_id: string }>(db, sql`SELECT id::text, home_unit_id::text FROM users WHERE id IN (${worker.id}, ${cellUser.id})`);
    expect(homes.map((h) => Number(h.home_unit_id))).toEqual([newId['003'], newId['003']]);

    // Old grids and their cells are kept, closed at effectiveAt; new ones start then.
    const validity = await queryRows<{ id: string; valid_from: string; valid_to: string | null }>(db, sql`
      SELECT id::text, valid_from, valid_to FROM units WHERE id IN (${g1.id}, ${g2.id}, ${cell.id}, ${newId['001']}) ORDER BY id`);
    for (const v of validity) {
      if (Number(v.id) === newId['001']) {
        expect(new Date(v.valid_from).toISOString()).toBe(effectiveAt.toISOString());
        expect(v.valid_to).toBeNull();
      } else {
        expect(new Date(v.valid_to!).toISOString()).toBe(effectiveAt.toISOString());
      }
    }

    // Every move is recorded against the layout.
    const moves = await queryRows<{ entity_type: string; n: number }>(db, sql`
      SELECT entity_type, count(*)::int AS n FROM grid_moves WHERE layout_id = ${layoutId} GROUP BY entity_type ORDER BY entity_type`);
    expect(Object.fromEntries(moves.map((m) => [m.entity_type, m.n]))).toEqual({
      building: 3, key_site: 2, estate: 1, household: 2, person: 2, case: 2, grid_staff: 1, user: 2,
    });
    const [caseMove] = await queryRows<{ from_grid_id: string; to_grid_id: string }>(db, sql`
      SELECT from_grid_id::text, to_grid_id::text FROM grid_moves WHERE layout_id = ${layoutId} AND entity_type = 'case' AND entity_id = ${String(open)}`);
    expect([Number(caseMove!.from_grid_id), Number(caseMove!.to_grid_id)]).toEqual([g2.id, newId['004']]);

    // Locate answers by time: now → new grid, before effectiveAt → old grid.
    expect((await locate(X + 0.005, yTop)).grid.id).toBe(String(newId['001']));
    expect((await locate(X + 0.015, yBottom)).grid.code).toBe(code('004'));
    const before = new Date(effectiveAt.getTime() - 3600_000);
    expect((await locate(X + 0.005, yTop, before)).grid.id).toBe(String(g1.id));
    expect((await locate(X + 0.015, yBottom, before)).grid.id).toBe(String(g2.id));
    expect((await locate(X + 0.005, yTop, before)).cell.id).toBe(String(cell.id));
    expect((await locate(X + 0.005, yTop)).cell).toBeNull();

    // Audit: one event for the layout with the summary, one per staff and user reassignment.
    const audits = await queryRows<{ action: string; entity_id: string; after: Record<string, unknown> }>(db, sql`
      SELECT action, entity_id, after FROM audit_events WHERE unit_path <@ ${b.community.path}::ltree ORDER BY id`);
    const layoutAudit = audits.filter((a) => a.action === 'grid_layout.redraw');
    expect(layoutAudit).toHaveLength(1);
    expect(layoutAudit[0]!.entity_id).toBe(String(layoutId));
    expect((layoutAudit[0]!.after.moved as Record<string, number>).buildings).toBe(3);
    expect(audits.filter((a) => a.action === 'grid_staff.reassign').map((a) => a.entity_id)).toEqual([String(staff)]);
    expect(audits.filter((a) => a.action === 'user.reassign').map((a) => a.entity_id).sort()).toEqual([String(worker.id), String(cellUser.id)].sort());

    // History endpoints.
    const list = (await get(`/api/territory/communities/${b.community.id}/layouts`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: String(layoutId), state: 'applied', grids: 4 });
    const detail = await get(`/api/territory/layouts/${layoutId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().moves.byEntity).toMatchObject({ building: 3, case: 2, person: 2 });
    expect(detail.json().moves.byGrid).toContainEqual({
      entityType: 'case', from: { id: String(g2.id), code: b.grids[1]!.code, name: '第2网格' }, to: { id: String(newId['004']), code: code('004'), name: '新四网格' }, count: 1,
    });
    const viaUnit = (await get(`/api/territory/units/${newId['002']}/layouts`)).json();
    expect(viaUnit.items.map((l: { id: string }) => l.id)).toEqual([String(layoutId)]);

    // A user moved to a new grid now acts in its scope.
    const worker2 = await t.login(worker.username, worker.password);
    expect((await get(`/api/territory/units/${newId['003']}`, worker2)).statusCode).toBe(200);
    expect((await get(`/api/territory/units/${newId['001']}`, worker2)).statusCode).toBe(404);
  });

  it('rejects a bad layout listing each problem with grid codes, and writes nothing', async () => {
    const db = t.ctx.db;
    const X = 130.1, Y = -30.0;
    const b = await buildCommunityWithGrids(db, { x0: X, y0: Y, cols: 2, rows: 1, size: 0.01 });
    await fx.addBuilding(db, grid(b, 0), X + 0.005, Y + 0.005);
    const p = prefixOf(b);
    const snapshot = async () => ({
      units: await fx.count(db, sql`SELECT count(*)::int AS n FROM units WHERE path <@ ${b.community.path}::ltree`),
      current: await fx.count(db, sql`SELECT count(*)::int AS n FROM units WHERE path <@ ${b.community.path}::ltree AND valid_to IS NULL`),
      layouts: await fx.count(db, sql`SELECT count(*)::int AS n FROM grid_layouts WHERE community_id = ${b.community.id}`),
      moves: await fx.count(db, sql`SELECT count(*)::int AS n FROM grid_moves gm JOIN units g ON g.id = gm.from_grid_id WHERE g.path <@ ${b.community.path}::ltree`),
      audits: await fx.count(db, sql`SELECT count(*)::int AS n FROM audit_events WHERE unit_path <@ ${b.community.path}::ltree`),
      buildingsOnOld: await fx.count(db, sql`SELECT count(*)::int AS n FROM buildings WHERE grid_id = ${b.grids[0]!.id}`),
    });
    const before = await snapshot();
    const url = `/api/territory/communities/${b.community.id}/redraw`;
    const effectiveAt = new Date().toISOString();

    // 001 and 002 overlap (0.002° wide strip); 003 leaves a gap; 004 sticks out east; a code of another community.
    const res = await post(url, {
      effectiveAt,
      grids: [
        { code: `${p}001`, name: 'A', geometry: rect(X, Y + 0.005, X + 0.011, Y + 0.01) },
        { code: `${p}002`, name: 'B', geometry: rect(X + 0.009, Y + 0.005, X + 0.02, Y + 0.01) },
        { code: `${p}003`, name: 'C', geometry: rect(X, Y, X + 0.008, Y + 0.005) },
        { code: `${p}004`, name: 'D', geometry: rect(X + 0.01, Y, X + 0.021, Y + 0.005) },
        { code: '999999001001005', name: 'E', geometry: rect(X + 0.008, Y, X + 0.0085, Y + 0.001) },
        { code: `${p}06`, name: 'F', geometry: rect(X + 0.0085, Y, X + 0.009, Y + 0.001) },
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('IMPORT_REJECTED');
    const problems = err.details.problems as { code: string; gridCodes: string[]; areaM2?: number }[];
    const byCode = (c: string) => problems.filter((x) => x.code === c);
    expect(byCode('BASIC_OVERLAP')).toContainEqual(expect.objectContaining({ gridCodes: [`${p}001`, `${p}002`] }));
    expect(byCode('BASIC_OVERLAP')[0]!.areaM2).toBeGreaterThan(1000);
    expect(byCode('GAP').length).toBeGreaterThanOrEqual(1);
    expect(byCode('GAP').flatMap((g) => g.gridCodes)).toContain(`${p}003`);
    expect(byCode('OUTSIDE_COMMUNITY').map((x) => x.gridCodes)).toContainEqual([`${p}004`]);
    expect(byCode('CODE_COMMUNITY_MISMATCH').map((x) => x.gridCodes)).toEqual([['999999001001005']]);
    expect(byCode('INVALID_CODE').map((x) => x.gridCodes)).toEqual([[`${p}06`]]);
    expect(err.message).toContain('overlap');
    expect(await snapshot()).toEqual(before);

    // Invalid geometry (a bow-tie) and an unclosed ring are reported per grid.
    const bowtie = { type: 'Polygon', coordinates: [[[X, Y], [X + 0.02, Y + 0.01], [X + 0.02, Y], [X, Y + 0.01], [X, Y]]] };
    const open = { type: 'Polygon', coordinates: [[[X, Y], [X + 0.02, Y], [X + 0.02, Y + 0.01], [X, Y + 0.01], [X, Y + 0.001]]] };
    const res2 = await post(url, { effectiveAt, grids: [
      { code: `${p}001`, name: 'A', geometry: bowtie },
      { code: `${p}002`, name: 'B', geometry: open },
      { code: `${p}002`, name: 'C', geometry: rect(X, Y, X + 0.02, Y + 0.01) },
    ] });
    expect(res2.statusCode, res2.body).toBe(422);
    const p2 = res2.json().error.details.problems as { code: string; gridCodes: string[]; message: string }[];
    expect(p2.filter((x) => x.code === 'INVALID_GEOMETRY').map((x) => x.gridCodes[0]).sort()).toEqual([`${p}001`, `${p}002`]);
    expect(p2.find((x) => x.gridCodes[0] === `${p}001` && x.code === 'INVALID_GEOMETRY')!.message).toMatch(/self-intersection/i);
    expect(p2.some((x) => x.code === 'DUPLICATE_CODE' && x.gridCodes[0] === `${p}002`)).toBe(true);
    expect(await snapshot()).toEqual(before);

    // Structurally bad bodies are 400s naming the field.
    const res3 = await post(url, { effectiveAt, grids: [{ code: `${p}001`, name: 'A', geometry: { type: 'Point', coordinates: [X, Y] } }] });
    expect(res3.statusCode).toBe(400);
    expect(res3.json().error.message).toContain('grids');
    const res4 = await post(url, { grids: fx.fourGrids(p, X, Y) });
    expect(res4.statusCode).toBe(400);
    expect(res4.json().error.details.field).toBe('effectiveAt');
    const res5 = await post(url, { effectiveAt: '1999-01-01T00:00:00Z', grids: fx.fourGrids(p, X, Y) });
    expect(res5.statusCode).toBe(400);
    expect(res5.json().error.details.field).toBe('effectiveAt');
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for a community outside the user scope and 403 without territory.write', async () => {
    const db = t.ctx.db;
    const mine = await buildCommunityWithGrids(db, { x0: 130.2, y0: -30.0, cols: 2, rows: 1 });
    const other = await buildCommunityWithGrids(db, { x0: 130.3, y0: -30.0, cols: 2, rows: 1 });
    const cadre = await fx.addUser(db, mine.town.id, 'street_cadre');
    const cookie = await t.login(cadre.username, cadre.password);
    const body = { effectiveAt: new Date().toISOString(), grids: fx.fourGrids(prefixOf(other), 130.3, -30.0) };
    const res = await post(`/api/territory/communities/${other.community.id}/redraw`, body, cookie);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await get(`/api/territory/communities/${other.community.id}/layouts`, cookie)).statusCode).toBe(404);
    expect(await fx.count(db, sql`SELECT count(*)::int AS n FROM grid_layouts WHERE community_id = ${other.community.id}`)).toBe(0);

    // In scope it works, and the other scope cannot read the resulting layout.
    const ok = await post(`/api/territory/communities/${mine.community.id}/redraw`, { ...body, grids: fx.fourGrids(prefixOf(mine), 130.2, -30.0) }, cookie);
    expect(ok.statusCode, ok.body).toBe(201);
    const otherCadre = await fx.addUser(db, other.town.id, 'street_cadre');
    const otherCookie = await t.login(otherCadre.username, otherCadre.password);
    expect((await get(`/api/territory/layouts/${ok.json().layout.id}`, otherCookie)).statusCode).toBe(404);

    const worker = await fx.addUser(db, mine.community.id, 'grid_worker');
    const wc = await t.login(worker.username, worker.password);
    const denied = await post(`/api/territory/communities/${mine.community.id}/redraw`, body, wc);
    expect(denied.statusCode).toBe(403);
    // A grid id is not a community.
    const notCommunity = await post(`/api/territory/communities/${mine.grids[0]!.id}/redraw`, body);
    expect(notCommunity.statusCode).toBe(400);
  });

  it('a future layout is valid by date at once but moves rows only when the job applies it', async () => {
    const db = t.ctx.db;
    const X = 130.4, Y = -30.0;
    const b = await buildCommunityWithGrids(db, { x0: X, y0: Y, cols: 2, rows: 1 });
    const bld = await fx.addBuilding(db, grid(b, 1), X + 0.015, Y + 0.002);
    const staff = await fx.addStaff(db, grid(b, 0));
    const effectiveAt = new Date(Date.now() + 3600_000);
    const res = await post(`/api/territory/communities/${b.community.id}/redraw`, { effectiveAt: effectiveAt.toISOString(), grids: fx.fourGrids(prefixOf(b), X, Y) });
    expect(res.statusCode, res.body).toBe(201);
    const layout = res.json().layout;
    expect(layout.state).toBe('pending');
    expect(layout.summary.moved).toEqual({});
    const se = res.json().grids.find((g: { code: string }) => g.code.endsWith('004')).id;

    expect((await fx.gridOf(db, 'buildings', bld)).gridId).toBe(b.grids[1]!.id);
    expect((await locate(X + 0.015, Y + 0.002)).grid.id).toBe(String(b.grids[1]!.id));
    expect((await locate(X + 0.015, Y + 0.002, new Date(effectiveAt.getTime() + 1000))).grid.id).toBe(se);

    // Until it takes effect, the tree lists the old grids, like locate and the map do.
    const listed = (await get(`/api/territory/units?parentId=${b.community.id}`)).json().items.map((u: { id: string }) => u.id);
    expect(listed).toEqual(b.grids.map((g) => String(g.id)));

    // Grids being replaced are frozen until then.
    const frozen = await t.app.inject({ method: 'PATCH', url: `/api/territory/units/${b.grids[0]!.id}`, payload: { name: 'x' }, headers: { cookie: admin } });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.message).toContain('replaced by a new grid layout');

    // One pending layout per community at a time.
    const again = await post(`/api/territory/communities/${b.community.id}/redraw`, { effectiveAt: effectiveAt.toISOString(), grids: fx.fourGrids(prefixOf(b), X, Y) });
    expect(again.statusCode).toBe(409);

    expect(await applyDueLayouts(db, new Date())).toBe(0); // not yet due
    expect(await applyDueLayouts(db, new Date(effectiveAt.getTime() + 1000))).toBeGreaterThanOrEqual(1);
    expect((await fx.gridOf(db, 'buildings', bld)).gridId).toBe(Number(se));
    expect((await fx.gridOf(db, 'grid_staff', staff)).gridId).not.toBe(b.grids[0]!.id);
    const detail = (await get(`/api/territory/layouts/${layout.id}`)).json();
    expect(detail.layout.state).toBe('applied');
    expect(detail.layout.summary.moved).toMatchObject({ buildings: 1, staff: 1 });
    const [applied] = await queryRows<{ n: number }>(db, sql`
      SELECT count(*)::int AS n FROM audit_events WHERE action = 'grid_layout.apply' AND entity_id = ${layout.id}`);
    expect(applied!.n).toBe(1);
    const [scheduled] = await queryRows<{ n: number }>(db, sql`
      SELECT count(*)::int AS n FROM audit_events WHERE action = 'grid_layout.schedule' AND entity_id = ${layout.id}`);
    expect(scheduled!.n).toBe(1);
    // Applying again finds nothing left to do for this layout.
    await applyDueLayouts(db, new Date(effectiveAt.getTime() + 1000));
    const [moves] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM grid_moves WHERE layout_id = ${layout.id}`);
    expect(moves!.n).toBe(2);
  });

  it('accepts a GeoJSON FeatureCollection body', async () => {
    const X = 130.5, Y = -30.0;
    const b = await buildCommunityWithGrids(t.ctx.db, { x0: X, y0: Y, cols: 2, rows: 1 });
    const fc = {
      type: 'FeatureCollection',
      effectiveAt: new Date().toISOString(),
      features: fx.fourGrids(prefixOf(b), X, Y).map((g) => ({ type: 'Feature', geometry: g.geometry, properties: { code: g.code, name: g.name } })),
    };
    const res = await post(`/api/territory/communities/${b.community.id}/redraw?note=${encodeURIComponent('按FeatureCollection重划')}`, fc);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().layout.note).toBe('按FeatureCollection重划');
    expect(res.json().grids).toHaveLength(4);
  });
});
