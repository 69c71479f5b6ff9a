import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { setNow } from '../../lib/clock.js';
import { buildEmergencyWorld, type EmergencyWorld } from './emergency.factory.js';
import { runEscalations } from './escalation.js';
import { activeEmergenciesAt, isWartime } from './wartime.js';

let t: TestApp;
let W: EmergencyWorld;
const c: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  W = await buildEmergencyWorld(t.ctx.db);
  for (const [k, u] of Object.entries(W.users)) c[k] = await t.login(u.username, u.password);
}, 600_000);
afterAll(() => t?.close());
afterEach(() => setNow(null));

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function declare(unitId: number, title = '强降雨Ⅱ级响应') {
  const res = await call(c.centre!, 'POST', '/api/emergencies', { planId: W.floodPlanId, unitId: String(unitId), level: 2, title });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('plans', () => {
  it('lists seeded plans for every incident type and level', async () => {
    const res = await call(c.worker!, 'GET', '/api/emergency/plans');
    expect(res.statusCode).toBe(200);
    // The seeded plans only (codes like flood-2): on the shared CI database other tests add plans of their own.
    const items = res.json<{ items: { id: string; code: string; incidentType: string; level: number }[] }>().items.filter((p) => /^[a-z]+-[1-4]$/.test(p.code));
    for (const type of ['epidemic', 'flood', 'typhoon', 'fire', 'hazchem', 'earthquake']) {
      expect(items.filter((p) => p.incidentType === type).map((p) => p.level).sort()).toEqual([1, 2, 3, 4]);
    }
    const plan = (await call(c.centre!, 'GET', `/api/emergency/plans/${W.floodPlanId}`)).json<{ sitrep: { fields: { aggregate: string }[] }; directiveTemplates: unknown[] }>();
    expect(plan.directiveTemplates.length).toBeGreaterThan(0);
    expect(new Set(plan.sitrep.fields.map((f) => f.aggregate))).toEqual(new Set(['sum', 'max', 'latest']));
  });
});

describe('declare / level / end', () => {
  it('declares for a subtree: wartime inside, not outside; level change and end are audited', async () => {
    const id = await declare(W.towns[1]!.id, '镇B火情');
    expect(await isWartime(t.ctx.db, W.grids[6]!.path)).toBe(true);
    expect(await isWartime(t.ctx.db, W.grids[0]!.path)).toBe(false);
    expect((await activeEmergenciesAt(t.ctx.db, W.district.path)).map((e) => e.id)).not.toContain(id);
    expect((await activeEmergenciesAt(t.ctx.db, W.district.path, { includeInside: true })).map((e) => e.id)).toContain(id);
    const lv = await call(c.centre!, 'POST', `/api/emergencies/${id}/level`, { level: 1, reason: '灾情升级' });
    expect(lv.statusCode, lv.body).toBe(200);
    expect(lv.json<{ level: number }>().level).toBe(1);
    // The town B worker's banner sees it; town A's street cadre cannot end it (not theirs) and does not see it.
    expect((await call(c.street!, 'POST', `/api/emergencies/${id}/end`, {})).statusCode).toBe(404);
    const end = await call(c.centre!, 'POST', `/api/emergencies/${id}/end`, { summary: '火情扑灭' });
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json<{ state: string }>().state).toBe('ended');
    expect(await isWartime(t.ctx.db, W.grids[6]!.path)).toBe(false);
    const audits = await queryRows<{ action: string }>(t.ctx.db, sql`SELECT action FROM audit_events WHERE entity_type = 'emergency' AND entity_id = ${id} ORDER BY id`);
    expect(audits.map((a) => a.action)).toEqual(['emergency.declare', 'emergency.level', 'emergency.end']);
    expect((await call(c.centre!, 'POST', `/api/emergencies/${id}/end`, {})).statusCode).toBe(409);
  });

  it('refuses an out-of-scope unit with 404, bad input with 400 naming the field, grid roles with 403', async () => {
    const out = await call(c.centre!, 'POST', '/api/emergencies', { planId: W.floodPlanId, unitId: String(W.other.id), level: 2, title: '越界' });
    expect(out.statusCode).toBe(404);
    expect(out.json<{ error: { details: { field: string } } }>().error.details.field).toBe('unitId');
    const bad = await call(c.centre!, 'POST', '/api/emergencies', { planId: W.floodPlanId, unitId: String(W.district.id), level: 5, title: '级别错' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('body.level');
    const noPlan = await call(c.centre!, 'POST', '/api/emergencies', { planId: '999999999', unitId: String(W.district.id), level: 2, title: '无预案' });
    expect(noPlan.statusCode).toBe(404);
    expect(noPlan.json<{ error: { details: { field: string } } }>().error.details.field).toBe('planId');
    expect((await call(c.worker!, 'POST', '/api/emergencies', { planId: W.floodPlanId, unitId: String(W.grids[0]!.id), level: 2, title: '网格员' })).statusCode).toBe(403);
  });
});

describe('directives to a whole district', () => {
  let eid: string;
  let did: string;
  const basic = () => W.grids.map((g) => String(g.id)).sort();

  beforeAll(async () => {
    eid = await declare(W.district.id);
  });

  it('reaches every current basic grid of the district and none outside', async () => {
    const res = await call(c.centre!, 'POST', `/api/emergencies/${eid}/directives`, {
      title: '低洼易涝点巡查', body: '立即巡查并设置警示', targetUnitIds: [String(W.district.id)], dueAt: inHours(4),
      reportFields: [{ key: 'sitesChecked', zh: '巡查点位数', type: 'number', required: true }],
    });
    expect(res.statusCode, res.body).toBe(201);
    did = res.json<{ id: string }>().id;
    const rows = await queryRows<{ grid_id: string }>(t.ctx.db, sql`SELECT grid_id::text FROM directive_grids WHERE directive_id = ${Number(did)}`);
    expect(rows.map((r) => r.grid_id).sort()).toEqual(basic());
    expect(rows.map((r) => r.grid_id)).not.toContain(String(W.dedicated.id));
    for (const g of W.otherGrids) expect(rows.map((r) => r.grid_id)).not.toContain(String(g.id));
    const p = (await call(c.centre!, 'GET', `/api/directives/${did}/progress`)).json<{ total: number; acknowledged: number; executed: number }>();
    expect(p).toMatchObject({ total: 7, acknowledged: 0, executed: 0 });
  });

  it('a grid worker sees it in the field list; another district\'s worker neither sees nor acknowledges it', async () => {
    const mine = (await call(c.worker!, 'GET', '/api/directives/mine')).json<{ items: { id: string; grid: { gridId: string; state: string } }[] }>();
    expect(mine.items.map((i) => i.id)).toContain(did);
    expect((await call(c.otherWorker!, 'GET', '/api/directives/mine')).json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(did);
    expect((await call(c.otherWorker!, 'GET', `/api/directives/${did}`)).statusCode).toBe(404);
    expect((await call(c.otherWorker!, 'POST', `/api/directives/${did}/ack`, { gridId: String(W.otherGrids[0]!.id) })).statusCode).toBe(404);
    expect((await call(c.otherWorker!, 'POST', `/api/directives/${did}/ack`, { gridId: String(W.grids[0]!.id) })).statusCode).toBe(404);
    // Another grid of the same district: not theirs.
    expect((await call(c.worker!, 'POST', `/api/directives/${did}/ack`, { gridId: String(W.grids[1]!.id) })).statusCode).toBe(404);
    // Not a grid role, even in the grid.
    expect((await call(c.police!, 'POST', `/api/directives/${did}/ack`, { gridId: String(W.grids[0]!.id) })).statusCode).toBe(403);
    expect((await call(c.worker!, 'POST', `/api/directives/${did}/ack`, { gridId: 'x' })).json<{ error: { message: string } }>().error.message).toContain('body.gridId');
  });

  it('acks and reports from some grids; the board numbers are right per town, community and grid', async () => {
    const ack = await call(c.worker!, 'POST', `/api/directives/${did}/ack`, { gridId: String(W.grids[0]!.id) });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json<{ state: string }>().state).toBe('acknowledged');
    const missing = await call(c.worker2!, 'POST', `/api/directives/${did}/report`, { gridId: String(W.grids[1]!.id), fields: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { details: { field: string } } }>().error.details.field).toBe('fields.sitesChecked');
    const rep = await call(c.worker2!, 'POST', `/api/directives/${did}/report`, { gridId: String(W.grids[1]!.id), fields: { sitesChecked: 4 }, counts: { hazards: 1 }, photos: [] });
    expect(rep.statusCode, rep.body).toBe(200);
    expect(rep.json<{ state: string; ackedAt: string | null }>()).toMatchObject({ state: 'executed' });
    const board = (await call(c.centre!, 'GET', `/api/directives/${did}/progress`)).json<{
      total: number; acknowledged: number; executed: number; byUnit: { unitId: string; total: number; acknowledged: number; executed: number }[]; laggards: { gridId: string; state: string }[];
    }>();
    expect(board).toMatchObject({ total: 7, acknowledged: 2, executed: 1 });
    const townA = board.byUnit.find((u) => u.unitId === String(W.towns[0]!.id))!;
    expect(townA).toMatchObject({ total: 5, acknowledged: 2, executed: 1 });
    expect(board.byUnit.find((u) => u.unitId === String(W.towns[1]!.id))).toMatchObject({ total: 2, acknowledged: 0, executed: 0 });
    expect(board.laggards).toHaveLength(6);
    expect(board.laggards.at(-1)!.gridId).toBe(String(W.grids[0]!.id)); // acknowledged sorts after unacknowledged
    const community = (await call(c.centre!, 'GET', `/api/directives/${did}/progress?unitId=${W.communities[0]!.id}`)).json<{ byUnit: { unitId: string; executed: number }[] }>();
    expect(community.byUnit.map((u) => u.unitId).sort()).toEqual(W.grids.slice(0, 3).map((g) => String(g.id)).sort());
    // The community cadre sees only their community's numbers.
    const mineBoard = (await call(c.community!, 'GET', `/api/directives/${did}/progress`)).json<{ total: number }>();
    expect(mineBoard.total).toBe(3);
  });

  it('forwarding from a community adds requirements its grids must report', async () => {
    const fwd = await call(c.community!, 'POST', `/api/directives/${did}/forward`, {
      unitId: String(W.communities[0]!.id), note: '重点关注地下车库', reportFields: [{ key: 'garages', zh: '地下车库数', type: 'number', required: true }],
    });
    expect(fwd.statusCode, fwd.body).toBe(201);
    // A key the directive or this community already asks for, or one given twice, would be answered once for two
    // questions: refused, naming the field, and nothing added.
    for (const [fields, bad] of [
      [[{ key: 'garages', zh: '车库', type: 'number' }], 'reportFields.0.key'],
      [[{ key: 'sitesChecked', zh: '点位', type: 'number' }], 'reportFields.0.key'],
      [[{ key: 'boats', zh: '船只', type: 'number' }, { key: 'boats', zh: '船只2', type: 'number' }], 'reportFields.1.key'],
    ] as const) {
      const clash = await call(c.community!, 'POST', `/api/directives/${did}/forward`, { unitId: String(W.communities[0]!.id), note: '再补充', reportFields: fields });
      expect(clash.statusCode, clash.body).toBe(400);
      expect(clash.json<{ error: { details: { field: string } } }>().error.details.field).toBe(bad);
    }
    const d = (await call(c.worker!, 'GET', `/api/directives/${did}`)).json<{ additions: { note: string }[] }>();
    expect(d.additions.map((a) => a.note)).toEqual(['重点关注地下车库']);
    const r = await call(c.worker!, 'POST', `/api/directives/${did}/report`, { gridId: String(W.grids[0]!.id), fields: { sitesChecked: 2 } });
    expect(r.json<{ error: { details: { field: string } } }>().error.details.field).toBe('fields.garages');
    expect((await call(c.worker!, 'POST', `/api/directives/${did}/report`, { gridId: String(W.grids[0]!.id), fields: { sitesChecked: 2, garages: 1 } })).statusCode).toBe(200);
  });

  it('escalates the rest: community after the acknowledgement timer, street after the further delay', async () => {
    const [d] = await queryRows<{ ack_due_at: Date; street_after_minutes: number }>(t.ctx.db, sql`SELECT ack_due_at, street_after_minutes FROM directives WHERE id = ${Number(did)}`);
    setNow(new Date(new Date(d!.ack_due_at).getTime() + 60_000));
    await runEscalations(t.ctx);
    const esc = await queryRows<{ grid_id: string; escalation: number }>(t.ctx.db, sql`SELECT grid_id::text, escalation FROM directive_grids WHERE directive_id = ${Number(did)}`);
    const executed = [String(W.grids[0]!.id), String(W.grids[1]!.id)];
    for (const r of esc) expect(r.escalation, r.grid_id).toBe(executed.includes(r.grid_id) ? 0 : 1);
    const inbox = await queryRows<{ title: string }>(t.ctx.db, sql`SELECT title FROM notifications WHERE user_id = ${W.users.community.id} AND kind = 'emergency.escalation'`);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.title).toContain('1个网格未签收');
    // A second run at the same moment tells nobody again (other files' directives may share the database).
    await runEscalations(t.ctx);
    expect(await queryRows(t.ctx.db, sql`SELECT 1 FROM notifications WHERE user_id = ${W.users.community.id} AND kind = 'emergency.escalation'`)).toHaveLength(1);
    setNow(new Date(new Date(d!.ack_due_at).getTime() + (d!.street_after_minutes + 2) * 60_000));
    await runEscalations(t.ctx);
    const street = await queryRows<{ title: string }>(t.ctx.db, sql`SELECT title FROM notifications WHERE user_id = ${W.users.street.id} AND kind = 'emergency.escalation_street'`);
    expect(street).toHaveLength(1);
    const streetB = await queryRows<{ title: string }>(t.ctx.db, sql`SELECT title FROM notifications WHERE user_id = ${W.users.streetB.id} AND kind = 'emergency.escalation_street'`);
    expect(streetB[0]!.title).toContain('2个网格未签收');
  });

  it('refuses bad directive input naming the field, and targets outside the area', async () => {
    const past = await call(c.centre!, 'POST', `/api/emergencies/${eid}/directives`, { title: '过期', body: 'x', targetUnitIds: [String(W.district.id)], dueAt: '2000-01-01T00:00:00Z' });
    expect(past.json<{ error: { details: { field: string } } }>().error.details.field).toBe('dueAt');
    const noTargets = await call(c.centre!, 'POST', `/api/emergencies/${eid}/directives`, { title: '无目标', body: 'x', targetUnitIds: [], dueAt: inHours(2) });
    expect(noTargets.statusCode).toBe(400);
    expect(noTargets.json<{ error: { message: string } }>().error.message).toContain('body.targetUnitIds');
    const outside = await call(c.centre!, 'POST', `/api/emergencies/${eid}/directives`, { title: '越界', body: 'x', targetUnitIds: [String(W.otherGrids[0]!.id)], dueAt: inHours(2) });
    expect(outside.statusCode).toBe(404);
    expect(outside.json<{ error: { details: { field: string } } }>().error.details.field).toBe('targetUnitIds.0');
    const dedicatedOnly = await call(c.centre!, 'POST', `/api/emergencies/${eid}/directives`, { title: '专属', body: 'x', targetUnitIds: [String(W.dedicated.id)], dueAt: inHours(2) });
    expect(dedicatedOnly.statusCode).toBe(400);
  });

  it('new cases in a wartime area get priority', async () => {
    expect(await isWartime(t.ctx.db, W.grids[3]!.path)).toBe(true);
  });
});
