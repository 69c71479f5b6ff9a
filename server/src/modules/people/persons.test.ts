import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser } from '../users/index.js';
import { buildHousehold, buildPerson, validIdNumber } from './people.factory.js';

let t: TestApp;
let gridA: number;
let gridB: number;
let communityId: number;
let personA: Awaited<ReturnType<typeof buildPerson>>;
let personB: Awaited<ReturnType<typeof buildPerson>>;
const cookies: Record<'workerA' | 'cadre' | 'admin' | 'police' | 'dept', string> = {} as never;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  const terr = await buildCommunityWithGrids(db, { x0: 120.1 + Math.random() * 4, y0: -30, cols: 2 });
  [gridA, gridB] = [terr.grids[0]!.id, terr.grids[1]!.id];
  communityId = terr.community.id;
  const hA = await buildHousehold(db, { gridId: gridA });
  personA = await buildPerson(db, t.ctx.crypto, { householdId: hA.id, name: '陈甲', relationToHead: 'head', tags: ['elderly_living_alone'] });
  personB = await buildPerson(db, t.ctx.crypto, { gridId: gridB, name: '李乙', category: 'floating' });
  const workerA = await buildUser(db, { role: 'grid_worker', homeUnitId: gridA });
  const cadre = await buildUser(db, { role: 'community_cadre', homeUnitId: communityId });
  const police = await buildUser(db, { role: 'police_officer', homeUnitId: terr.town.id });
  const dept = await buildUser(db, { role: 'department_officer', homeUnitId: terr.district.id });
  cookies.workerA = await t.login(workerA.username, workerA.password);
  cookies.cadre = await t.login(cadre.username, cadre.password);
  cookies.police = await t.login(police.username, police.password);
  cookies.dept = await t.login(dept.username, dept.password);
  cookies.admin = await t.login('admin');
});
afterAll(() => t?.close());

const get = (who: keyof typeof cookies, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });
const post = (who: keyof typeof cookies, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: cookies[who] }, ...(payload ? { payload } : {}) });
const patch = (who: keyof typeof cookies, url: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: { cookie: cookies[who] }, payload });

describe('masking', () => {
  it('lists persons with masked ID and phone for every role', async () => {
    for (const who of ['workerA', 'cadre', 'admin'] as const) {
      const res = await get(who, `/api/people/persons?unitId=${gridA}`);
      expect(res.statusCode).toBe(200);
      const item = res.json().items.find((p: { id: string }) => p.id === String(personA.id));
      expect(item).toMatchObject({
        name: '陈甲', idNumber: `${personA.idNumber!.slice(0, 6)}********${personA.idNumber!.slice(-4)}`,
        phone: `${personA.phone!.slice(0, 3)}****${personA.phone!.slice(-4)}`, gridId: String(gridA), tags: ['elderly_living_alone'],
      });
      expect(res.body).not.toContain(personA.idNumber);
      expect(res.body).not.toContain(personA.phone);
    }
  });

  it('shows the detail masked, with the household and its members', async () => {
    const res = await get('cadre', `/api/people/persons/${personA.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(d.household).toMatchObject({ id: String(personA.householdId), headPersonId: String(personA.id), memberCount: 1 });
    expect(d.household.members.map((m: { id: string }) => m.id)).toEqual([String(personA.id)]);
    expect(d.age).toBeGreaterThan(0);
    expect(res.body).not.toContain(personA.idNumber);
  });

  it('refuses unmask to a grid worker with 403 and writes no audit event', async () => {
    const res = await post('workerA', `/api/people/persons/${personA.id}/unmask`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    const rows = await queryRows(t.ctx.db, sql`SELECT 1 FROM audit_events WHERE action = 'person.unmask' AND entity_id = ${String(personA.id)}`);
    expect(rows).toHaveLength(0);
  });

  it('unmasks for a community cadre and audits who saw which fields, never the values', async () => {
    const res = await post('cadre', `/api/people/persons/${personA.id}/unmask`, { reason: '走访核实' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber: personA.idNumber, phone: personA.phone });
    expect(res.headers['cache-control']).toBe('no-store');
    const rows = await queryRows<{ actor_name: string; after: unknown; before: unknown; unit_path: string }>(t.ctx.db, sql`
      SELECT actor_name, after, before, unit_path::text FROM audit_events WHERE action = 'person.unmask' AND entity_id = ${String(personA.id)}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after).toEqual({ fields: ['idNumber', 'phone'], reason: '走访核实' });
    expect(rows[0]!.unit_path).toBe(personA.path);
    const json = JSON.stringify(rows[0]);
    expect(json).not.toContain(personA.idNumber);
    expect(json).not.toContain(personA.phone);
    expect(json).not.toContain(personA.idNumber!.slice(-8)); // not even a fragment beyond the masked form
  });

  it('lets a police officer unmask but not a department officer (no residents.read)', async () => {
    expect((await post('police', `/api/people/persons/${personB.id}/unmask`)).statusCode).toBe(200);
    expect((await get('dept', `/api/people/persons/${personB.id}`)).statusCode).toBe(403);
  });
});

describe('scope', () => {
  it('answers 404 to a grid worker of grid A for a person of grid B (detail and unmask alike)', async () => {
    const res = await get('workerA', `/api/people/persons/${personB.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await patch('workerA', `/api/people/persons/${personB.id}`, { name: '改名' })).statusCode).toBe(404);
    expect((await post('cadre', `/api/people/persons/${personB.id}/unmask`)).statusCode).toBe(200);
  });

  it('never lists grid B residents to the grid A worker, with or without filters', async () => {
    const all = await get('workerA', '/api/people/persons?limit=500');
    const ids = all.json().items.map((p: { id: string }) => p.id);
    expect(ids).toContain(String(personA.id));
    expect(ids).not.toContain(String(personB.id));
    expect(all.json().total).toBe(ids.length);
    const byName = await get('workerA', `/api/people/persons?q=${encodeURIComponent('李乙')}`);
    expect(byName.json().items).toEqual([]);
    const byCategory = await get('workerA', '/api/people/persons?category=floating');
    expect(byCategory.json().items.map((p: { id: string }) => p.id)).not.toContain(String(personB.id));
    expect((await get('workerA', `/api/people/persons?unitId=${gridB}`)).statusCode).toBe(404);
    expect((await get('workerA', `/api/people/households?unitId=${gridB}`)).statusCode).toBe(404);
  });

  it('lets the community cadre see both grids', async () => {
    const res = await get('cadre', `/api/people/persons?unitId=${communityId}`);
    const ids = res.json().items.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([String(personA.id), String(personB.id)]));
    expect(res.json().total).toBe(2);
  });

  it('hides grid B from search by ID and phone for the grid A worker', async () => {
    const byId = await post('workerA', '/api/people/persons/search', { idNumber: personB.idNumber });
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual({ items: [], total: 0 });
    const byPhone = await post('workerA', '/api/people/persons/search', { phone: personB.phone });
    expect(byPhone.json().items).toEqual([]);
  });
});

describe('search through the blind index', () => {
  it('finds a person by exact ID number and by phone, masked', async () => {
    const byId = await post('workerA', '/api/people/persons/search', { idNumber: personA.idNumber!.toLowerCase() });
    expect(byId.json().items.map((p: { id: string }) => p.id)).toEqual([String(personA.id)]);
    expect(byId.body).not.toContain(personA.idNumber);
    const spaced = `${personA.phone!.slice(0, 3)} ${personA.phone!.slice(3, 7)}-${personA.phone!.slice(7)}`;
    const byPhone = await post('cadre', '/api/people/persons/search', { phone: `+86${spaced}` });
    expect(byPhone.json().items.map((p: { id: string }) => p.id)).toContain(String(personA.id));
  });

  it('stores no clear ID or phone in the database', async () => {
    const rows = await queryRows<Record<string, unknown>>(t.ctx.db, sql`SELECT * FROM persons WHERE id = ${personA.id}`);
    const json = JSON.stringify(rows);
    expect(json).not.toContain(personA.idNumber);
    expect(json).not.toContain(personA.phone);
  });

  it('rejects a malformed ID number without echoing it, and an empty search', async () => {
    const bad = `${personA.idNumber!.slice(0, 17)}${personA.idNumber!.endsWith('0') ? '1' : '0'}`;
    const res = await post('cadre', '/api/people/persons/search', { idNumber: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('idNumber');
    expect(res.body).not.toContain(bad);
    expect((await post('cadre', '/api/people/persons/search', {})).statusCode).toBe(400);
  });

  it('refuses ID or phone numbers in the list query string', async () => {
    const res = await get('cadre', `/api/people/persons?q=${personA.phone}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/POST \/api\/people\/persons\/search/);
  });
});

describe('create and update', () => {
  it('creates a person in a household, derives birth date and gender from the ID, and audits without PII', async () => {
    const h = await buildHousehold(t.ctx.db, { gridId: gridA });
    const idNumber = validIdNumber({ birth: '19800315', gender: 'female' });
    const res = await post('workerA', '/api/people/persons', {
      name: '黄丙', idNumber, phone: '139 0000 1111', householdId: String(h.id), relationToHead: 'head', overseasChineseFamily: true,
      overseasRelatives: '美国（兄）', tags: ['veteran', 'veteran'],
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      birthDate: '1980-03-15', gender: 'female', phone: '139****1111', gridId: String(gridA), tags: ['veteran'],
      overseasChineseFamily: true, householdId: String(h.id),
    });
    expect(p.household.headPersonId).toBe(p.id);
    const [a] = await queryRows<{ after: unknown; unit_path: string }>(t.ctx.db, sql`
      SELECT after, unit_path::text FROM audit_events WHERE action = 'person.create' AND entity_id = ${p.id}`);
    expect(JSON.stringify(a)).not.toContain(idNumber);
    expect(JSON.stringify(a)).not.toContain('13900001111');
    expect((a!.after as Record<string, unknown>).idNumber).toBe('[redacted]');
  });

  it('rejects a bad check digit, a bad mobile, and a birth date that contradicts the ID', async () => {
    const good = validIdNumber({ birth: '19900101' });
    const badCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const r1 = await post('cadre', '/api/people/persons', { name: 'x', idNumber: badCheck, gridId: String(gridA) });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'idNumber' } });
    expect(r1.json().error.message).toMatch(/check digit/);
    expect(r1.body).not.toContain(badCheck);
    const r2 = await post('cadre', '/api/people/persons', { name: 'x', phone: '12345678901', gridId: String(gridA) });
    expect(r2.json().error.details.field).toBe('phone');
    const r3 = await post('cadre', '/api/people/persons', { name: 'x', idNumber: good, birthDate: '1991-01-01', gridId: String(gridA) });
    expect(r3.json().error.details.field).toBe('birthDate');
  });

  it('answers 409 for a duplicate ID number, naming the field but not the number', async () => {
    const res = await post('cadre', '/api/people/persons', { name: '重复', idNumber: personA.idNumber, gridId: String(gridA) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'idNumber', existingPersonId: String(personA.id) } });
    expect(res.body).not.toContain(personA.idNumber);
    // Someone who cannot see the existing record learns only that the number is taken.
    const other = await buildPerson(t.ctx.db, t.ctx.crypto, { gridId: gridB });
    const hidden = await post('workerA', '/api/people/persons', { name: '重复', idNumber: other.idNumber, gridId: String(gridA) });
    expect(hidden.statusCode).toBe(409);
    expect(hidden.json().error.details).toEqual({ field: 'idNumber' });
  });

  it('refuses to place a person in a grid or household outside the user scope', async () => {
    const r1 = await post('workerA', '/api/people/persons', { name: 'x', gridId: String(gridB) });
    expect(r1.statusCode).toBe(404);
    expect(r1.json().error.details.field).toBe('gridId');
    const r2 = await post('workerA', '/api/people/persons', { name: 'x', gridId: String(communityId) });
    expect(r2.statusCode).toBe(404);
    const r3 = await post('cadre', '/api/people/persons', { name: 'x', gridId: String(communityId) });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.message).toMatch(/not a grid/);
    const r4 = await post('cadre', '/api/people/persons', { name: 'x' });
    expect(r4.json().error.details.field).toBe('householdId');
  });

  it('updates fields with an audit of what changed, ID changes redacted', async () => {
    const p = await buildPerson(t.ctx.db, t.ctx.crypto, { gridId: gridA, name: '周丁' });
    const idNumber = validIdNumber({ birth: '19700707', gender: 'male' });
    const res = await patch('cadre', `/api/people/persons/${p.id}`, { name: '周丁丁', idNumber, tags: ['low_income'], category: 'floating' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '周丁丁', birthDate: '1970-07-07', gender: 'male', tags: ['low_income'], category: 'floating' });
    const [a] = await queryRows<{ before: Record<string, unknown>; after: Record<string, unknown> }>(t.ctx.db, sql`
      SELECT before, after FROM audit_events WHERE action = 'person.update' AND entity_id = ${String(p.id)}`);
    expect(a!.before).toMatchObject({ name: '周丁', idNumber: '[redacted]' });
    expect(a!.after).toMatchObject({ name: '周丁丁', idNumber: '[redacted]', birthDate: '1970-07-07' });
    expect(JSON.stringify(a)).not.toContain(idNumber);
    expect(JSON.stringify(a)).not.toContain(p.idNumber);
    const found = await post('cadre', '/api/people/persons/search', { idNumber });
    expect(found.json().items.map((x: { id: string }) => x.id)).toEqual([String(p.id)]);
  });

  it('moves a person between households and keeps one head per household', async () => {
    const h1 = await buildHousehold(t.ctx.db, { gridId: gridA });
    const head = await buildPerson(t.ctx.db, t.ctx.crypto, { householdId: h1.id, relationToHead: 'head' });
    const p = await buildPerson(t.ctx.db, t.ctx.crypto, { gridId: gridA });
    const dup = await patch('cadre', `/api/people/persons/${p.id}`, { householdId: String(h1.id), relationToHead: 'head' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.field).toBe('relationToHead');
    const ok = await patch('cadre', `/api/people/persons/${p.id}`, { householdId: String(h1.id), relationToHead: 'spouse' });
    expect(ok.json().household.memberCount).toBe(2);
    const hB = await buildHousehold(t.ctx.db, { gridId: gridB });
    const moved = await patch('cadre', `/api/people/persons/${head.id}`, { householdId: String(hB.id) });
    expect(moved.json()).toMatchObject({ gridId: String(gridB), householdId: String(hB.id) });
    const h1now = await get('cadre', `/api/people/households/${h1.id}`);
    expect(h1now.json()).toMatchObject({ headPersonId: null, memberCount: 1 });
  });
});

describe('households', () => {
  it('creates a household in a building and lists it by building, in scope only', async () => {
    const h = await buildHousehold(t.ctx.db, { gridId: gridA });
    const res = await post('workerA', '/api/people/households', { buildingId: String(h.buildingId), room: '902' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ buildingId: String(h.buildingId), room: '902', gridId: String(gridA), memberCount: 0, members: [] });
    expect(res.json().address).toMatch(/902$/);
    const again = await post('workerA', '/api/people/households', { buildingId: String(h.buildingId), room: '902' });
    expect(again.statusCode).toBe(409);
    const list = await get('workerA', `/api/people/households?buildingId=${h.buildingId}`);
    expect(list.json().items.map((x: { room: string }) => x.room).sort()).toEqual([h.room, '902'].sort());
    const hB = await buildHousehold(t.ctx.db, { gridId: gridB });
    expect((await get('workerA', `/api/people/households/${hB.id}`)).statusCode).toBe(404);
    expect((await post('workerA', '/api/people/households', { buildingId: String(hB.buildingId), room: '1' })).statusCode).toBe(404);
    const byGrid = await post('cadre', '/api/people/households', { gridId: String(gridB), address: '村道 8 号' });
    expect(byGrid.statusCode).toBe(201);
  });
});
