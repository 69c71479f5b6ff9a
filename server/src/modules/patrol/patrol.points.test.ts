import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/sql.js';
import { setNow } from '../../lib/clock.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { FACTORY_PASSWORD } from '../users/users.factory.js';
import { buildFieldWorld, type FieldWorld } from './patrol.factory.js';

/** Point ingestion through HTTP: policy, idempotent replays, per-point rejection, someone else's and stopped patrols. */
let t: TestApp;
let w: FieldWorld;
const cookies: Record<string, string> = {};
const NOW = new Date('2026-12-02T02:00:00Z'); // Wednesday 10:00 in Shanghai
const START = new Date(NOW.getTime() - 3 * 3600_000);

const api = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload ? { payload } : {}) });
const pt = (i: number, over: Record<string, unknown> = {}) => ({
  t: new Date(START.getTime() + 60_000 + i * 1000).toISOString(), lat: w.y0 + 0.001 + (i % 100) * 1e-6, lng: w.x0 + 0.001, accuracy: 12, ...over,
});
const setTracking = (on: boolean) => api(cookies.centre!, 'PUT', '/api/field/policy', { districtId: String(w.district.id), peacetime: { tracking: on, checkins: on } });
const start = async (cookie: string) => {
  const r = await api(cookie, 'POST', '/api/patrols', { startedAt: START.toISOString() });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
};
const send = (cookie: string, id: string, points: object[], key: string) =>
  api(cookie, 'POST', `/api/patrols/${id}/points`, { points }, { 'idempotency-key': key });
const stored = async (id: string) => Number((await queryRows<{ n: string }>(t.ctx.db, sql`SELECT count(*)::text AS n FROM patrol_points WHERE patrol_id = ${Number(id)}`))[0]!.n);

beforeAll(async () => {
  setNow(NOW);
  t = await createTestApp();
  w = await buildFieldWorld(t.ctx.db);
  for (const [k, u] of Object.entries(w.users)) cookies[k] = await t.login(u.username, FACTORY_PASSWORD);
}, 120_000);
afterAll(async () => {
  setNow(null);
  await t.close();
});

describe('tracking policy', () => {
  it('peacetime default: tracking off, points refused one by one with TRACKING_OFF; on after the district admin turns it on', async () => {
    const pol = await api(cookies.worker!, 'GET', '/api/field/policy');
    expect(pol.json()).toMatchObject({ districtId: String(w.district.id), tracking: false, checkins: false, wartime: false, peacetime: { tracking: false, checkins: false }, wartimeOn: true });
    const id = await start(cookies.worker!);
    const off = await send(cookies.worker!, id, [pt(0), pt(1)], `off-${id}`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toEqual({ accepted: 0, rejected: [{ index: 0, code: 'TRACKING_OFF' }, { index: 1, code: 'TRACKING_OFF' }] });
    // A worker may not change the policy; the district's centre operator may (audited).
    const denied = await api(cookies.worker!, 'PUT', '/api/field/policy', { districtId: String(w.district.id), peacetime: { tracking: true, checkins: true } });
    expect(denied.statusCode).toBe(403);
    const on = await setTracking(true);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ tracking: true, checkins: true, peacetime: { tracking: true, checkins: true } });
    const [a] = await queryRows<{ n: string }>(t.ctx.db, sql`SELECT count(*)::text AS n FROM audit_events WHERE action = 'field.policy.set' AND entity_id = ${String(w.district.id)}`);
    expect(Number(a!.n)).toBe(1);
    const ok = await send(cookies.worker!, id, [pt(0), pt(1)], `on-${id}`);
    expect(ok.json()).toEqual({ accepted: 2, rejected: [] });
    await api(cookies.worker!, 'POST', `/api/patrols/${id}/stop`);
  });
});

describe('wartime', () => {
  it('an active emergency covering the district turns tracking and check-ins on, unless the district says the rules do not allow it', async () => {
    const war = await buildFieldWorld(t.ctx.db);
    const c = await t.login(war.users.worker.username, FACTORY_PASSWORD);
    const centre = await t.login(war.users.centre.username, FACTORY_PASSWORD);
    const id = (await api(c, 'POST', '/api/patrols', { startedAt: START.toISOString() })).json().id as string;
    const [plan] = await queryRows<{ id: string }>(t.ctx.db, sql`
      INSERT INTO emergency_plans (code, incident_type, level, name) VALUES (${`patrol-test-${id}`}, 'flood', 4, '测试预案') RETURNING id::text`);
    await t.ctx.db.execute(sql`
      INSERT INTO emergencies (plan_id, incident_type, level, title, unit_id, path, state, timers, declared_at)
      VALUES (${plan!.id}, 'flood', 4, '测试汛情', ${war.town.id}, ${war.town.path}::ltree, 'active',
              '{"ackMinutes":30,"executeMinutes":120,"streetAfterMinutes":60}'::jsonb, ${NOW})`);
    expect((await api(c, 'GET', '/api/field/policy')).json()).toMatchObject({ wartime: true, tracking: true, checkins: true, peacetime: { tracking: false } });
    expect((await send(c, id, [pt(0)], `war-${id}`)).json()).toEqual({ accepted: 1, rejected: [] });
    const off = await api(centre, 'PUT', '/api/field/policy', { districtId: String(war.district.id), peacetime: { tracking: false, checkins: false }, wartimeOn: false });
    expect(off.json()).toMatchObject({ wartimeOn: false }); // the district's own policy (the emergency is its town's)
    expect((await api(c, 'GET', '/api/field/policy')).json()).toMatchObject({ wartime: true, tracking: false, checkins: false, wartimeOn: false });
    expect((await send(c, id, [pt(1)], `war2-${id}`)).json().rejected).toEqual([{ index: 0, code: 'TRACKING_OFF' }]);
    // The emergency ending restores the peacetime policy.
    await api(centre, 'PUT', '/api/field/policy', { districtId: String(war.district.id), peacetime: { tracking: false, checkins: false }, wartimeOn: true });
    await t.ctx.db.execute(sql`UPDATE emergencies SET state = 'ended', ended_at = ${NOW} WHERE plan_id = ${plan!.id}`);
    expect((await api(c, 'GET', '/api/field/policy')).json()).toMatchObject({ wartime: false, tracking: false });
  });
});

describe('points', () => {
  beforeAll(async () => {
    const r = await setTracking(true);
    expect(r.statusCode).toBe(200);
  });

  it('10,000 points in batches, interrupted and replayed under the same keys: no loss, no duplicates, bad points rejected one by one', async () => {
    const id = await start(cookies.worker!);
    const all = Array.from({ length: 10_000 }, (_, i) => pt(i));
    const bad = new Map<number, { over: Record<string, unknown>; code: string }>([
      [7, { over: { lat: 91 }, code: 'OUT_OF_RANGE' }],
      [1503, { over: { lng: -181 }, code: 'OUT_OF_RANGE' }],
      [2500, { over: { t: new Date(NOW.getTime() + 3600_000).toISOString() }, code: 'IN_FUTURE' }],
      [4999, { over: { accuracy: 250 }, code: 'LOW_ACCURACY' }],
      [6001, { over: { t: 'yesterday' }, code: 'INVALID_TIME' }],
      [9999, { over: { t: new Date(START.getTime() - 3600_000).toISOString() }, code: 'BEFORE_START' }],
    ]);
    for (const [i, b] of bad) all[i] = pt(i, b.over);
    const size = 500;
    const batches = Array.from({ length: all.length / size }, (_, k) => all.slice(k * size, (k + 1) * size));
    const results: { accepted: number; rejected: { index: number; code: string }[] }[] = [];
    // First pass: the connection "drops" after batch 11 (answers of 9–11 never reached the phone).
    for (let k = 0; k < 12; k++) results[k] = (await send(cookies.worker!, id, batches[k]!, `${id}-b${k}`)).json();
    // Resume: the phone re-sends from batch 9 under the same keys, then the rest.
    for (let k = 9; k < batches.length; k++) {
      const r = await send(cookies.worker!, id, batches[k]!, `${id}-b${k}`);
      expect(r.statusCode, r.body).toBe(200);
      if (k < 12) expect(r.json()).toEqual(results[k]); // the replay answers the first answer
      results[k] = r.json();
    }
    const rejected = results.flatMap((r, k) => r.rejected.map((x) => ({ index: k * size + x.index, code: x.code })));
    expect(rejected).toEqual([...bad].map(([index, b]) => ({ index, code: b.code })));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(10_000 - bad.size);
    expect(await stored(id)).toBe(10_000 - bad.size);
    const [dups] = await queryRows<{ n: string }>(t.ctx.db, sql`SELECT count(*)::text AS n FROM (SELECT t FROM patrol_points WHERE patrol_id = ${Number(id)} GROUP BY t HAVING count(*) > 1) d`);
    expect(Number(dups!.n)).toBe(0);
    const detail = await api(cookies.worker!, 'GET', `/api/patrols/${id}`);
    expect(detail.json().pointCount).toBe(10_000 - bad.size);
  }, 120_000);

  it('a lost key does not duplicate either: points already stored come back as DUPLICATE; a key reused for other points is a 409', async () => {
    const id = await start(cookies.worker!);
    expect((await send(cookies.worker!, id, [pt(0), pt(1), pt(2)], `${id}-x`)).json()).toEqual({ accepted: 3, rejected: [] });
    const again = await send(cookies.worker!, id, [pt(1), pt(2), pt(3), pt(3)], `${id}-y`);
    expect(again.json()).toEqual({ accepted: 1, rejected: [{ index: 0, code: 'DUPLICATE' }, { index: 1, code: 'DUPLICATE' }, { index: 3, code: 'DUPLICATE' }] });
    expect(await stored(id)).toBe(4);
    const conflict = await send(cookies.worker!, id, [pt(9)], `${id}-x`);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('IDEMPOTENCY_CONFLICT');
    const noKey = await api(cookies.worker!, 'POST', `/api/patrols/${id}/points`, { points: [pt(10)] });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.details.field).toBe('Idempotency-Key');
  });

  it("someone else's patrol: points rejected with NOT_YOUR_PATROL (same grid), 404 outside the scope", async () => {
    const id = await start(cookies.worker!);
    const mate = await send(cookies.worker2!, id, [pt(0), pt(1)], `${id}-mate`);
    expect(mate.json()).toEqual({ accepted: 0, rejected: [{ index: 0, code: 'NOT_YOUR_PATROL' }, { index: 1, code: 'NOT_YOUR_PATROL' }] });
    const outsider = await send(cookies.other!, id, [pt(0)], `${id}-other`);
    expect(outsider.statusCode).toBe(404);
    expect(await stored(id)).toBe(0);
    // Nor may anyone else stop it.
    expect((await api(cookies.worker2!, 'POST', `/api/patrols/${id}/stop`)).statusCode).toBe(403);
  });

  it('stopped patrol: points after the stop are PATROL_STOPPED, late uploads of points taken while it ran are kept', async () => {
    const id = await start(cookies.worker!);
    const stopAt = new Date(START.getTime() + 60_000 + 100_000).toISOString(); // after pt(100)
    const s = await api(cookies.worker!, 'POST', `/api/patrols/${id}/stop`, { at: stopAt });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ state: 'stopped', stoppedAt: stopAt });
    // Stopping twice (offline queue replay) changes nothing.
    expect((await api(cookies.worker!, 'POST', `/api/patrols/${id}/stop`)).json().stoppedAt).toBe(stopAt);
    const r = await send(cookies.worker!, id, [pt(50), pt(100), pt(101), pt(200)], `${id}-late`);
    expect(r.json()).toEqual({ accepted: 2, rejected: [{ index: 2, code: 'PATROL_STOPPED' }, { index: 3, code: 'PATROL_STOPPED' }] });
    expect((await api(cookies.worker!, 'POST', `/api/patrols/${id}/pause`)).statusCode).toBe(409);
  });

  it('pauses and long silences are gaps in the track; points inside a pause are DURING_PAUSE', async () => {
    const id = await start(cookies.worker!);
    const at = (s: number) => new Date(START.getTime() + s * 1000).toISOString();
    await api(cookies.worker!, 'POST', `/api/patrols/${id}/pause`, { at: at(600) });
    const paused = await api(cookies.worker!, 'POST', `/api/patrols/${id}/pause`, { at: at(650) }); // repeat: no-op
    expect(paused.json().pauses).toEqual([{ from: at(600), to: null }]);
    const resumed = await api(cookies.worker!, 'POST', `/api/patrols/${id}/resume`, { at: at(1200) });
    expect(resumed.json()).toMatchObject({ state: 'running', pauses: [{ from: at(600), to: at(1200) }] });
    const points = [60, 120, 900, 1260, 1320, 2400, 2460].map((s) => ({ t: at(s), lat: w.y0 + 0.001, lng: w.x0 + 0.001, accuracy: 8 }));
    const r = await send(cookies.worker!, id, points, `${id}-gaps`);
    expect(r.json()).toEqual({ accepted: 6, rejected: [{ index: 2, code: 'DURING_PAUSE' }] });
    const track = (await api(cookies.worker!, 'GET', `/api/patrols/${id}/track`)).json();
    expect(track.segments.map((s: unknown[]) => s.length)).toEqual([2, 2, 2]);
    expect(track.gaps).toEqual([
      { from: at(120), to: at(1260), reason: 'pause' },
      { from: at(1320), to: at(2400), reason: 'no_signal' },
    ]);
  });

  it('starting a new patrol stops the one left running; the bundle names the active patrol', async () => {
    const first = await start(cookies.worker2!);
    const second = await start(cookies.worker2!);
    expect((await api(cookies.worker2!, 'GET', `/api/patrols/${first}`)).json().state).toBe('stopped');
    const bundle = await api(cookies.worker2!, 'GET', '/api/field/bundle');
    expect(bundle.json().activePatrolId).toBe(second);
    const mine = (await api(cookies.worker2!, 'GET', '/api/patrols')).json().items.map((p: { id: string }) => p.id);
    expect(mine.slice(0, 2)).toEqual([second, first]);
  });
});
