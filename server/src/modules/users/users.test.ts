import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { cookieOf, createTestApp, uniq, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser } from './users.factory.js';

let t: TestApp;
let terr: Awaited<ReturnType<typeof buildCommunityWithGrids>>;
let other: Awaited<ReturnType<typeof buildCommunityWithGrids>>;
let districtAdmin: string;
let globalAdmin: string;
let districtAdminId: number;

beforeAll(async () => {
  t = await createTestApp();
  terr = await buildCommunityWithGrids(t.ctx.db, { x0: 120.1 + Math.random() * 4, y0: -30, cols: 2 });
  other = await buildCommunityWithGrids(t.ctx.db, { x0: 120.1 + Math.random() * 4, y0: -30.2, cols: 1 });
  const da = await buildUser(t.ctx.db, { role: 'admin', homeUnitId: terr.district.id });
  districtAdminId = da.id;
  districtAdmin = await t.login(da.username, da.password);
  globalAdmin = await t.login('admin');
});
afterAll(() => t?.close());

const call = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('roles', () => {
  it('lists every role with zh/en names, permissions and allowed home units', async () => {
    const res = await call(districtAdmin, 'GET', '/api/roles');
    expect(res.statusCode).toBe(200);
    const worker = res.json().items.find((r: { role: string }) => r.role === 'grid_worker');
    expect(worker).toEqual({ role: 'grid_worker', zh: '专职网格员', en: 'Grid worker', staff: true, homeUnitKinds: ['grid'], permissions: ['territory.read', 'residents.read', 'cases.read', 'party.read', 'residents.write', 'cases.intake', 'cases.handle', 'emergency.respond'] });
    expect(res.json().items).toHaveLength(12);
    // Community cadres supervise their own community's queue (督办/催办).
    expect(res.json().items.find((r: { role: string }) => r.role === 'community_cadre').permissions).toContain('cases.supervise');
  });
});

describe('user administration', () => {
  let workerId: string;
  let workerName: string;

  it('creates a grid worker with a generated temporary password that must be changed', async () => {
    workerName = `gw${uniq()}`;
    const res = await call(districtAdmin, 'POST', '/api/users', { username: workerName, displayName: '网格员甲', role: 'grid_worker', homeUnitId: String(terr.grids[0]!.id) });
    expect(res.statusCode).toBe(201);
    const u = res.json();
    workerId = u.id;
    expect(u).toMatchObject({ username: workerName, role: 'grid_worker', homeUnitId: String(terr.grids[0]!.id), homeUnitName: '第1网格', active: true, locked: false, mustChangePassword: true });
    expect(u.password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);

    const first = await login(workerName, u.password);
    expect(first.statusCode).toBe(200);
    expect(first.json().mustChangePassword).toBe(true);
    const cookie = cookieOf(first);
    const blocked = await call(cookie, 'GET', '/api/people/persons');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await call(cookie, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const changed = await call(cookie, 'POST', '/api/auth/password', { oldPassword: u.password, newPassword: 'Wangge2026a' });
    expect(changed.statusCode).toBe(200);
    expect((await call(cookie, 'GET', '/api/people/persons')).statusCode).toBe(200);
    expect((await call(cookie, 'GET', '/api/auth/me')).json().mustChangePassword).toBe(false);
    const [a] = await queryRows<{ after: unknown; unit_path: string }>(t.ctx.db, sql`SELECT after, unit_path::text FROM audit_events WHERE action = 'user.create' AND entity_id = ${workerId}`);
    expect(a!.unit_path).toBe(terr.grids[0]!.path);
    expect(JSON.stringify(a)).not.toContain(u.password);
  });

  it('keeps a district admin inside the district', async () => {
    const outside = await call(districtAdmin, 'POST', '/api/users', { username: `x${uniq()}`, displayName: 'x', role: 'grid_worker', homeUnitId: String(other.grids[0]!.id) });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.details.field).toBe('homeUnitId');
    const globalAdminAttempt = await call(districtAdmin, 'POST', '/api/users', { username: `x${uniq()}`, displayName: 'x', role: 'admin' });
    expect(globalAdminAttempt.statusCode).toBe(403);
    const residentAttempt = await call(districtAdmin, 'POST', '/api/users', { username: `x${uniq()}`, displayName: 'x', role: 'resident' });
    expect(residentAttempt.statusCode).toBe(403);
    const otherUser = await buildUser(t.ctx.db, { role: 'grid_worker', homeUnitId: other.grids[0]!.id });
    expect((await call(districtAdmin, 'PATCH', `/api/users/${otherUser.id}`, { displayName: 'y' })).statusCode).toBe(404);
    expect((await call(districtAdmin, 'POST', `/api/users/${otherUser.id}/reset-password`)).statusCode).toBe(404);
    const list = await call(districtAdmin, 'GET', '/api/users?limit=500');
    const names = list.json().items.map((u: { username: string }) => u.username);
    expect(names).toContain(workerName);
    expect(names).not.toContain(otherUser.username);
    expect(names).not.toContain('admin');
    expect((await call(globalAdmin, 'GET', `/api/users?q=${otherUser.username}`)).json().items).toHaveLength(1);
  });

  it('checks role, home unit and department rules', async () => {
    const base = { username: `r${uniq()}`, displayName: 'r' };
    const noHome = await call(districtAdmin, 'POST', '/api/users', { ...base, role: 'grid_worker' });
    expect(noHome.statusCode).toBe(400);
    expect(noHome.json().error.details.field).toBe('homeUnitId');
    const wrongKind = await call(districtAdmin, 'POST', '/api/users', { ...base, role: 'grid_worker', homeUnitId: String(terr.community.id) });
    expect(wrongKind.json().error.message).toMatch(/must be a grid/);
    const cadre = await call(districtAdmin, 'POST', '/api/users', { ...base, role: 'community_cadre', homeUnitId: String(terr.community.id), password: 'Shequ2026x' });
    expect(cadre.statusCode).toBe(201);
    expect(cadre.json().password).toBeUndefined();
    const dup = await call(districtAdmin, 'POST', '/api/users', { ...base, username: base.username.toUpperCase(), role: 'community_cadre', homeUnitId: String(terr.community.id) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.field).toBe('username');
    const weak = await call(districtAdmin, 'POST', '/api/users', { username: `w${uniq()}`, displayName: 'w', role: 'mediator', homeUnitId: String(terr.town.id), password: 'short' });
    expect(weak.json().error.details.field).toBe('password');
    const dept = await call(districtAdmin, 'POST', '/api/users', { username: `d${uniq()}`, displayName: 'd', role: 'department_officer', homeUnitId: String(terr.district.id) });
    expect(dept.json().error.details.field).toBe('departmentId');
    const resident = await call(globalAdmin, 'POST', '/api/users', { username: `res${uniq()}`, displayName: '居民', role: 'resident' });
    expect(resident.statusCode).toBe(201);
    const residentWithHome = await call(globalAdmin, 'POST', '/api/users', { username: `res${uniq()}`, displayName: '居民', role: 'resident', homeUnitId: String(terr.community.id) });
    expect(residentWithHome.statusCode).toBe(400);
  });

  it('filters the list by role and unit', async () => {
    const res = await call(districtAdmin, 'GET', `/api/users?role=grid_worker&unitId=${terr.grids[0]!.id}`);
    expect(res.json().items.map((u: { username: string }) => u.username)).toEqual([workerName]);
    expect((await call(districtAdmin, 'GET', `/api/users?unitId=${other.community.id}`)).statusCode).toBe(404);
  });

  it('changes role and home unit, deactivates (ending sessions), and refuses self-harm', async () => {
    const res = await call(districtAdmin, 'PATCH', `/api/users/${workerId}`, { role: 'grid_leader', homeUnitId: String(terr.grids[1]!.id), displayName: '网格长甲' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'grid_leader', homeUnitId: String(terr.grids[1]!.id), displayName: '网格长甲' });
    const session = cookieOf(await login(workerName, 'Wangge2026a'));
    expect((await call(session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const off = await call(districtAdmin, 'PATCH', `/api/users/${workerId}`, { active: false });
    expect(off.json().active).toBe(false);
    expect((await call(session, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await login(workerName, 'Wangge2026a')).statusCode).toBe(401);
    const self = await call(districtAdmin, 'PATCH', `/api/users/${districtAdminId}`, { active: false });
    expect(self.statusCode).toBe(403);
    expect((await call(districtAdmin, 'PATCH', `/api/users/${districtAdminId}`, { role: 'street_cadre' })).statusCode).toBe(403);
    await call(districtAdmin, 'PATCH', `/api/users/${workerId}`, { active: true });
    const [a] = await queryRows<{ before: Record<string, unknown>; after: Record<string, unknown> }>(t.ctx.db, sql`
      SELECT before, after FROM audit_events WHERE action = 'user.update' AND entity_id = ${workerId} ORDER BY id LIMIT 1`);
    expect(a).toMatchObject({ before: { role: 'grid_worker' }, after: { role: 'grid_leader' } });
  });

  it('resets a password: temporary, unlocks, old one stops working', async () => {
    await queryRows(t.ctx.db, sql`UPDATE users SET locked_until = now() + interval '10 minutes' WHERE id = ${Number(workerId)}`);
    expect((await call(districtAdmin, 'GET', `/api/users/${workerId}`)).json().locked).toBe(true);
    const res = await call(districtAdmin, 'POST', `/api/users/${workerId}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { password } = res.json();
    expect((await login(workerName, 'Wangge2026a')).statusCode).toBe(401);
    const ok = await login(workerName, password);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mustChangePassword).toBe(true);
    const [a] = await queryRows(t.ctx.db, sql`SELECT * FROM audit_events WHERE action = 'user.password_reset' AND entity_id = ${workerId}`);
    expect(JSON.stringify(a)).not.toContain(password);
  });

  it('is refused to roles without users.manage', async () => {
    const gw = await buildUser(t.ctx.db, { role: 'grid_worker', homeUnitId: terr.grids[0]!.id });
    const cookie = await t.login(gw.username, gw.password);
    expect((await call(cookie, 'GET', '/api/users')).statusCode).toBe(403);
    expect((await call(cookie, 'POST', `/api/users/${gw.id}/unlock`)).statusCode).toBe(403);
  });
});
