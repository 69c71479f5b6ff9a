import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { cookieOf, createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser } from '../users/index.js';

let t: TestApp;
let gridId: number;
let gridPath: string;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  const terr = await buildCommunityWithGrids(t.ctx.db, { x0: 120.1 + Math.random() * 4, y0: -30, cols: 1 });
  gridId = terr.grids[0]!.id;
  gridPath = terr.grids[0]!.path;
  admin = await t.login('admin');
});
afterAll(() => t?.close());

const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('lockout after 5 failed logins for 15 minutes', () => {
  it('locks on the fifth failure and refuses even the right password with 423', async () => {
    const u = await buildUser(t.ctx.db, { role: 'grid_worker', homeUnitId: gridId });
    for (let i = 1; i <= 4; i++) {
      const r = await login(u.username, `Wrong${i}pass`);
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const before = Date.now();
    const fifth = await login(u.username, 'Wrong5pass');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    const until = new Date(fifth.json().error.details.lockedUntil).getTime();
    expect(until - before).toBeGreaterThan(14.5 * 60_000);
    expect(until - before).toBeLessThan(15.5 * 60_000);

    const right = await login(u.username, u.password);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(right.cookies.find((c) => c.name === 'gg_sid')).toBeUndefined();

    const [a] = await queryRows<{ unit_path: string }>(t.ctx.db, sql`SELECT unit_path::text FROM audit_events WHERE action = 'auth.locked' AND entity_id = ${String(u.id)}`);
    expect(a!.unit_path).toBe(gridPath);

    // An administrator unlocks at once.
    const unlock = await t.app.inject({ method: 'POST', url: `/api/users/${u.id}/unlock`, headers: { cookie: admin } });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json()).toMatchObject({ locked: false, lockedUntil: null });
    expect((await login(u.username, u.password)).statusCode).toBe(200);
  });

  it('lets the user in again once the 15 minutes have passed', async () => {
    const u = await buildUser(t.ctx.db, { role: 'grid_worker', homeUnitId: gridId });
    for (let i = 0; i < 5; i++) await login(u.username, 'Wrong0pass');
    expect((await login(u.username, u.password)).statusCode).toBe(423);
    await queryRows(t.ctx.db, sql`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = ${u.id}`);
    expect((await login(u.username, u.password)).statusCode).toBe(200);
  });

  it('starts counting again after a successful login', async () => {
    const u = await buildUser(t.ctx.db, { role: 'grid_worker', homeUnitId: gridId });
    for (let i = 0; i < 4; i++) await login(u.username, 'Wrong0pass');
    expect((await login(u.username, u.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(u.username, 'Wrong0pass')).statusCode).toBe(401);
  });

  it('answers unknown and deactivated accounts like a wrong password', async () => {
    expect((await login('nobody-at-all', 'Whatever123')).json().error.code).toBe('INVALID_CREDENTIALS');
    const u = await buildUser(t.ctx.db, { role: 'grid_worker', homeUnitId: gridId, active: false });
    expect((await login(u.username, u.password)).statusCode).toBe(401);
  });
});

describe('changing one\'s own password', () => {
  it('needs the current password, checks the new one, and ends other sessions', async () => {
    const u = await buildUser(t.ctx.db, { role: 'community_cadre', homeUnitId: null, password: 'Original2026' });
    const s1 = cookieOf(await login(u.username, 'Original2026'));
    const s2 = cookieOf(await login(u.username, 'Original2026'));
    const change = (cookie: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload });

    const wrong = await change(s1, { oldPassword: 'Nope2026xx', newPassword: 'Brandnew2026' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.field).toBe('oldPassword');
    const weak = await change(s1, { oldPassword: 'Original2026', newPassword: 'abcdefgh' });
    expect(weak.json().error.details.field).toBe('newPassword');
    const same = await change(s1, { oldPassword: 'Original2026', newPassword: 'Original2026' });
    expect(same.json().error.message).toMatch(/differ/);
    expect((await change(s1, { oldPassword: 'Original2026', newPassword: 'Brandnew2026' })).statusCode).toBe(200);

    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s1 } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s2 } })).statusCode).toBe(401);
    expect((await login(u.username, 'Original2026')).statusCode).toBe(401);
    expect((await login(u.username, 'Brandnew2026')).statusCode).toBe(200);
    const rows = await queryRows<{ action: string }>(t.ctx.db, sql`SELECT action FROM audit_events WHERE entity_type = 'user' AND entity_id = ${String(u.id)} AND action LIKE 'user.password%' ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(['user.password_change_failed', 'user.password_change']);
  });

  it('requires a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { oldPassword: 'a', newPassword: 'b' } });
    expect(res.statusCode).toBe(401);
  });
});
