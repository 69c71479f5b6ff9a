import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/sql.js';
import { setNow } from '../../lib/clock.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { FACTORY_PASSWORD } from '../users/users.factory.js';
import { buildFieldWorld, northOf, type FieldWorld } from './patrol.factory.js';

/** Check-ins (geofence), findings, weekly coverage, the offline bundle, duty tasks and household visits. */
let t: TestApp;
let w: FieldWorld;
const cookies: Record<string, string> = {};
const NOW = new Date('2026-12-02T02:00:00Z'); // Wednesday 10:00 in Shanghai, ISO week 2026-W49

const api = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload ? { payload } : {}) });
const setPolicy = (on: boolean) => api(cookies.centre!, 'PUT', '/api/field/policy', { districtId: String(w.district.id), peacetime: { tracking: on, checkins: on } });
let patrolId: string;

beforeAll(async () => {
  setNow(NOW);
  t = await createTestApp();
  w = await buildFieldWorld(t.ctx.db);
  for (const [k, u] of Object.entries(w.users)) cookies[k] = await t.login(u.username, FACTORY_PASSWORD);
  const r = await api(cookies.worker!, 'POST', '/api/patrols', {});
  expect(r.statusCode, r.body).toBe(201);
  patrolId = r.json().id;
}, 120_000);
afterAll(async () => {
  setNow(null);
  await t.close();
});

describe('check-ins', () => {
  const checkin = (metres: number, key?: string) => api(cookies.worker!, 'POST', `/api/patrols/${patrolId}/checkins`,
    { keySiteId: w.keySite.id, lat: northOf(w.keySite.lat, metres), lng: w.keySite.lng, accuracy: 10 }, key ? { 'idempotency-key': key } : {});

  it('are refused while the district has check-ins off (peacetime default)', async () => {
    const r = await checkin(10);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('CHECKINS_OFF');
  });

  it('40 m away is accepted, 80 m away refused with the distance in the message', async () => {
    expect((await setPolicy(true)).statusCode).toBe(200);
    const near = await checkin(40, `ck-${patrolId}`);
    expect(near.statusCode, near.body).toBe(201);
    expect(near.json()).toMatchObject({ patrolId, keySiteId: w.keySite.id, distanceM: 40 });
    const replay = await checkin(40, `ck-${patrolId}`);
    expect(replay.json()).toEqual(near.json());
    const far = await checkin(80);
    expect(far.statusCode).toBe(422);
    expect(far.json().error).toMatchObject({ code: 'GEOFENCE_TOO_FAR', details: { distanceM: 80, limitM: 50, keySiteId: w.keySite.id } });
    expect(far.json().error.message).toMatch(/^You are 80 m from .+; check in within 50 m of it$/);
    const detail = await api(cookies.worker!, 'GET', `/api/patrols/${patrolId}`);
    expect(detail.json().checkins).toHaveLength(1);
  });
});

describe('findings and coverage', () => {
  it('findings against a cell or a key site; coverage counts cells visited this week, per cell only', async () => {
    const before = (await api(cookies.worker!, 'GET', `/api/patrols/coverage?gridId=${w.grids[0]!.id}`)).json();
    expect(before).toMatchObject({ gridId: String(w.grids[0]!.id), weekStart: '2026-11-30', weekEnd: '2026-12-06', total: 2 });
    // The check-in above already marks the west cell (its key site).
    expect(before.cells.find((c: { id: string }) => c.id === String(w.cells.west.id))).toMatchObject({ visited: true, sources: ['checkins'] });
    expect(before.cells.find((c: { id: string }) => c.id === String(w.cells.east.id)).visited).toBe(false);
    const byPos = await api(cookies.worker!, 'POST', `/api/patrols/${patrolId}/findings`, { kind: 'all_clear', lat: w.y0 + 0.002, lng: w.x0 + 0.003 });
    expect(byPos.statusCode, byPos.body).toBe(201);
    expect(byPos.json()).toMatchObject({ kind: 'all_clear', cellId: String(w.cells.east.id), cellName: '东单元' });
    const atSite = await api(cookies.worker!, 'POST', `/api/patrols/${patrolId}/findings`, { kind: 'problem', keySiteId: w.keySite.id, note: '灭火器过期' });
    expect(atSite.json()).toMatchObject({ kind: 'problem', keySiteId: w.keySite.id, cellId: String(w.cells.west.id), note: '灭火器过期' });
    const after = (await api(cookies.community!, 'GET', `/api/patrols/coverage?gridId=${w.grids[0]!.id}`)).json();
    expect(after.visited).toBe(2);
    expect(after.cells.find((c: { id: string }) => c.id === String(w.cells.east.id)).sources).toEqual(['findings']);
    expect(JSON.stringify(after)).not.toMatch(/user|worker/i);
    // Last week: nothing.
    const last = (await api(cookies.worker!, 'GET', `/api/patrols/coverage?gridId=${w.grids[0]!.id}&week=2026-11-25`)).json();
    expect(last).toMatchObject({ weekStart: '2026-11-23', visited: 0 });
    // Another grid's worker does not see this grid.
    expect((await api(cookies.other!, 'GET', `/api/patrols/coverage?gridId=${w.grids[0]!.id}`)).statusCode).toBe(404);
  });
});

describe('bundle, tasks, visits', () => {
  it('the bundle carries the grid, its cells, buildings, households, key sites, open cases, duties, tasks and the policy', async () => {
    const r = await api(cookies.worker!, 'GET', '/api/field/bundle');
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.grids).toHaveLength(1);
    const g = b.grids[0];
    expect(g).toMatchObject({ id: String(w.grids[0]!.id), boundary: { type: 'MultiPolygon' } });
    expect(g.bbox[0]).toBeCloseTo(w.x0, 6);
    expect(g.cells.map((c: { name: string }) => c.name)).toEqual(['西单元', '东单元']);
    expect(g.buildings).toEqual([expect.objectContaining({ id: w.buildingId, cellId: String(w.cells.east.id), stairways: [{ id: w.stairwayId, name: '1单元' }] })]);
    expect(g.households).toEqual([expect.objectContaining({ id: w.householdId, room: '101' })]);
    expect(g.keySites).toEqual([expect.objectContaining({ id: w.keySite.id, kind: 'hazard' })]);
    expect(g.duties.map((d: { code: string }) => d.code)).toEqual(['patrol', 'safety_check', 'anti_fraud', 'verification']);
    expect(b.tasks).toHaveLength(4);
    expect(b.policy).toMatchObject({ tracking: true, checkins: true, wartime: false });
    expect(b.activePatrolId).toBe(patrolId);
  });

  it('duty tasks recur per period; completion is per grid and period, idempotent, reopenable, audited', async () => {
    const list = (await api(cookies.worker!, 'GET', '/api/field/tasks')).json();
    expect(list.date).toBe('2026-12-02');
    const byCode = Object.fromEntries(list.items.map((x: { dutyCode: string }) => [x.dutyCode, x]));
    expect(byCode.patrol).toMatchObject({ periodKey: '2026-12-02', done: false, frequency: 'daily' });
    expect(byCode.safety_check).toMatchObject({ periodKey: '2026-W49', periodStart: '2026-11-30', periodEnd: '2026-12-06' });
    expect(byCode.anti_fraud).toMatchObject({ periodKey: '2026-12', periodStart: '2026-12-01', periodEnd: '2026-12-31' });
    const id = byCode.safety_check.id as string;
    expect(id).toBe(`${w.grids[0]!.id}:safety_check:2026-W49`);
    const done = await api(cookies.worker!, 'POST', `/api/field/tasks/${id}/complete`, { note: '已排查' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ done: true, note: '已排查', completedAt: NOW.toISOString() });
    // The other worker of the grid sees it done; completing again changes nothing.
    const again = await api(cookies.worker2!, 'POST', `/api/field/tasks/${id}/complete`);
    expect(again.json()).toMatchObject({ done: true, note: '已排查' });
    // Next day the weekly task is still done, the daily one is a new task.
    const thursday = (await api(cookies.worker2!, 'GET', '/api/field/tasks?date=2026-12-03')).json();
    expect(thursday.items.find((x: { dutyCode: string }) => x.dutyCode === 'safety_check').done).toBe(true);
    expect(thursday.items.find((x: { dutyCode: string }) => x.dutyCode === 'patrol').periodKey).toBe('2026-12-03');
    const future = await api(cookies.worker!, 'POST', `/api/field/tasks/${w.grids[0]!.id}:patrol:2026-12-03/complete`);
    expect(future.statusCode).toBe(400);
    const wrong = await api(cookies.worker!, 'POST', `/api/field/tasks/${w.grids[0]!.id}:safety_check:2026-12-02/complete`);
    expect(wrong.statusCode).toBe(400);
    expect((await api(cookies.other!, 'POST', `/api/field/tasks/${id}/complete`)).statusCode).toBe(404);
    const reopened = await api(cookies.worker!, 'POST', `/api/field/tasks/${id}/reopen`);
    expect(reopened.json()).toMatchObject({ done: false, completedAt: null });
    const [a] = await queryRows<{ n: string }>(t.ctx.db, sql`SELECT count(*)::text AS n FROM audit_events WHERE entity_type = 'duty_task' AND entity_id = ${id}`);
    expect(Number(a!.n)).toBe(2);
  });

  it('household visits: recorded against the household (idempotent), listed by household, refused outside the scope', async () => {
    const key = { 'idempotency-key': `visit-${w.householdId}` };
    const body = { householdId: w.householdId, purpose: 'care', note: '独居老人，身体良好', patrolId };
    const v = await api(cookies.worker!, 'POST', '/api/visits', body, key);
    expect(v.statusCode, v.body).toBe(201);
    expect(v.json()).toMatchObject({ householdId: w.householdId, gridId: String(w.grids[0]!.id), purpose: 'care', patrolId });
    expect((await api(cookies.worker!, 'POST', '/api/visits', body, key)).json()).toEqual(v.json());
    const list = (await api(cookies.worker2!, 'GET', `/api/visits?householdId=${w.householdId}`)).json();
    expect(list).toMatchObject({ total: 1, items: [{ id: v.json().id, note: '独居老人，身体良好' }] });
    expect((await api(cookies.other!, 'POST', '/api/visits', { householdId: w.householdId })).statusCode).toBe(404);
    expect((await api(cookies.other!, 'GET', `/api/visits?householdId=${w.householdId}`)).json().total).toBe(0);
    // The visit marks the household's cell as visited this week.
    const cov = (await api(cookies.worker!, 'GET', `/api/patrols/coverage?gridId=${w.grids[0]!.id}`)).json();
    expect(cov.cells.find((c: { id: string }) => c.id === String(w.cells.east.id)).sources).toEqual(['findings', 'visits']);
  });

  it('a centre operator does no field work', async () => {
    const r = await api(cookies.centre!, 'POST', '/api/patrols', { gridId: String(w.grids[0]!.id) });
    expect(r.statusCode).toBe(403);
  });
});
