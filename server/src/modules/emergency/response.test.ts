import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { hubFor, type AppEvent } from '../notify/index.js';
import { visibleTo } from '../notify/sse.js';
import { buildMember, buildOrg } from '../party/index.js';
import { buildEmergencyWorld, type EmergencyWorld } from './emergency.factory.js';
import { aggregate } from './sitreps.service.js';

let t: TestApp;
let W: EmergencyWorld;
let eid: string;
const c: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  W = await buildEmergencyWorld(t.ctx.db);
  for (const [k, u] of Object.entries(W.users)) c[k] = await t.login(u.username, u.password);
  const res = await call(c.centre!, 'POST', '/api/emergencies', { planId: W.floodPlanId, unitId: String(W.district.id), level: 2, title: '防汛Ⅱ级' });
  eid = res.json<{ id: string }>().id;
}, 600_000);
afterAll(() => t?.close());

function call(cookie: string | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
}
/** A point inside grid k of the world (grids are 0.001° squares in a row at 23°N). */
const inside = (k: number) => ({ lon: W.x0 + (k + 0.5) * W.size, lat: 23 + W.size / 2 });

describe('mobilisation', () => {
  it('calls up registered people and party members, who confirm and check in at their grid by one-time link', async () => {
    const r1 = await call(c.community!, 'POST', '/api/emergency/responders', { kind: 'rescue_team', name: '王水上', phone: '13800001111', team: '水上义警', homeGridId: String(W.grids[0]!.id) });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json<{ phoneMasked: string }>().phoneMasked).toBe('138****1111');
    await call(c.community!, 'POST', '/api/emergency/responders', { kind: 'volunteer', name: '李志愿', homeGridId: String(W.grids[1]!.id) });
    const org = await buildOrg(t.ctx.db, { type: 'branch', unitId: W.communities[0]!.id });
    await buildMember(t.ctx.db, t.ctx.crypto, { orgId: org.id, homeGridId: W.grids[2]!.id });
    const bad = await call(c.community!, 'POST', '/api/emergency/responders', { kind: 'hero', name: 'x', homeGridId: String(W.grids[0]!.id) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('body.kind');

    const up = await call(c.centre!, 'POST', `/api/emergencies/${eid}/callups`, { includePartyMembers: true });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toEqual({ called: 3, alreadyCalled: 0 });
    expect((await call(c.centre!, 'POST', `/api/emergencies/${eid}/callups`, { kinds: ['rescue_team'] })).json()).toEqual({ called: 0, alreadyCalled: 1 });

    const [sms] = await queryRows<{ target: string; title: string }>(t.ctx.db, sql`
      SELECT o.target, o.payload->>'title' AS title FROM outbox o JOIN emergency_responders r ON o.target = 'responder:' || r.id WHERE r.name = '王水上' AND r.home_grid_id = ${W.grids[0]!.id}`);
    expect(sms!.title).not.toContain('13800001111');
    const token = /\/mobilise\/([A-Za-z0-9_-]+)/.exec(sms!.title)![1]!;
    const link = await call(null, 'GET', `/api/mobilise/${token}`);
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json()).toMatchObject({ name: '王*上', state: 'called', emergencyTitle: '防汛Ⅱ级' });
    // Where to go: the incident, the grid under its town and community, a meeting point inside the grid; no phone.
    const l = link.json<{ incidentType: string; address: string; meetingPoint: { lon: number; lat: number; note: string | null } }>();
    expect(l.incidentType).toBe('flood');
    expect(l.address).toMatch(/^应急街道A\S+ 应急社区001001-\S+ 第1网格\(001001\)$/);
    expect(l.meetingPoint.lon).toBeGreaterThan(W.x0);
    expect(l.meetingPoint.lon).toBeLessThan(W.x0 + W.size);
    expect(l.meetingPoint.note).toBeNull();
    expect(link.body).not.toContain('1111');
    expect((await call(null, 'POST', `/api/mobilise/${token}/confirm`, { accept: true })).json<{ state: string }>().state).toBe('confirmed');
    const far = await call(null, 'POST', `/api/mobilise/${token}/check-in`, { lon: W.x0 + 0.05, lat: 23.05 });
    expect(far.statusCode).toBe(422);
    expect(far.json<{ error: { code: string } }>().error.code).toBe('GEOFENCE_TOO_FAR');
    const near = await call(null, 'POST', `/api/mobilise/${token}/check-in`, inside(0));
    expect(near.statusCode, near.body).toBe(200);
    expect(near.json()).toMatchObject({ state: 'checked_in', distanceM: 0 });
    expect((await call(null, 'GET', '/api/mobilise/AAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);

    const head = (await call(c.centre!, 'GET', `/api/emergencies/${eid}/mobilisation`)).json<{ called: number; confirmed: number; checkedIn: number; byGrid: { gridId: string; checkedIn: number }[] }>();
    expect(head).toMatchObject({ called: 3, confirmed: 1, checkedIn: 1 });
    expect(head.byGrid.find((g) => g.gridId === String(W.grids[0]!.id))!.checkedIn).toBe(1);
  });

  it('forms a temporary party branch and a commando team in the party overlay', async () => {
    const br = await call(c.centre!, 'POST', `/api/emergencies/${eid}/formations`, { kind: 'temporary_branch', name: '防汛临时党支部', unitId: String(W.towns[0]!.id) });
    expect(br.statusCode, br.body).toBe(201);
    const orgId = br.json<{ partyOrgId: string }>().partyOrgId;
    const [org] = await queryRows<{ type: string }>(t.ctx.db, sql`SELECT type FROM party_orgs WHERE id = ${Number(orgId)}`);
    expect(org!.type).toBe('temporary_branch');
    const team = await call(c.centre!, 'POST', `/api/emergencies/${eid}/formations`, { kind: 'commando', name: '党员突击队一队', unitId: String(W.towns[0]!.id) });
    expect(team.statusCode, team.body).toBe(201);
    const [post] = await queryRows<{ kind: string; org_id: string }>(t.ctx.db, sql`SELECT kind, org_id::text FROM party_posts WHERE id = ${Number(team.json<{ partyPostId: string }>().partyPostId)}`);
    expect(post).toEqual({ kind: 'commando', org_id: orgId });
    const e = (await call(c.centre!, 'GET', `/api/emergencies/${eid}`)).json<{ formations: unknown[] }>();
    expect(e.formations).toHaveLength(2);
  });

  it('is one transaction: a member who cannot be added leaves no branch, team, member or formation behind', async () => {
    const title = `镇B防汛${Date.now() % 100000}`;
    const fresh = await call(c.centre!, 'POST', '/api/emergencies', { planId: W.floodPlanId, unitId: String(W.towns[1]!.id), level: 3, title });
    const id = fresh.json<{ id: string }>().id;
    const org = await buildOrg(t.ctx.db, { type: 'branch', unitId: W.communities[2]!.id });
    const member = await buildMember(t.ctx.db, t.ctx.crypto, { orgId: org.id, homeGridId: W.grids[6]!.id });
    const team = `突击队${Date.now() % 100000}`;
    const written = async () => (await queryRows<{ orgs: number; posts: number; members: number; log: number; formations: number }>(t.ctx.db, sql`
      SELECT (SELECT count(*)::int FROM party_orgs WHERE name = ${`${title}临时党支部`}) AS orgs,
        (SELECT count(*)::int FROM party_posts WHERE name = ${team}) AS posts,
        (SELECT count(*)::int FROM party_post_members WHERE member_id = ${member.id}) AS members,
        (SELECT count(*)::int FROM emergency_log WHERE emergency_id = ${Number(id)} AND kind = 'formation') AS log,
        (SELECT jsonb_array_length(formations)::int FROM emergencies WHERE id = ${Number(id)}) AS formations`))[0]!;
    const body = (memberIds: string[]) => ({ kind: 'commando', name: team, unitId: String(W.towns[1]!.id), memberIds });
    // The branch and the team are written before the unknown member fails: all of it must roll back.
    const bad = await call(c.centre!, 'POST', `/api/emergencies/${id}/formations`, body([String(member.id), '987654321']));
    expect(bad.statusCode).toBe(404);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('987654321');
    expect(await written()).toEqual({ orgs: 0, posts: 0, members: 0, log: 0, formations: 0 });
    const twice = await call(c.centre!, 'POST', `/api/emergencies/${id}/formations`, body([String(member.id), String(member.id)]));
    expect(twice.statusCode).toBe(400);
    expect(twice.json<{ error: { details: { field: string } } }>().error.details.field).toBe('memberIds.1');
    const ok = await call(c.centre!, 'POST', `/api/emergencies/${id}/formations`, body([String(member.id)]));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await written()).toEqual({ orgs: 1, posts: 1, members: 1, log: 1, formations: 1 });
  });
});

describe('situation reports', () => {
  it('aggregates by template field: sum, max, latest', () => {
    const fields = [
      { key: 'a', zh: 'a', en: 'a', unit: '', aggregate: 'sum' as const }, { key: 'b', zh: 'b', en: 'b', unit: '', aggregate: 'max' as const },
      { key: 'c', zh: 'c', en: 'c', unit: '', aggregate: 'latest' as const },
    ];
    expect(aggregate(fields, [{ a: 2, b: 5 }, { a: 3, b: 9 }], [{ c: 4 }, { c: 1 }])).toEqual({ a: 5, b: 9, c: 5 });
    expect(aggregate(fields, [], [])).toEqual({ a: null, b: null, c: null });
  });

  it('grids report, command sees the roll-up and the missing grids', async () => {
    const r1 = await call(c.worker!, 'POST', `/api/emergencies/${eid}/sitreps`, { gridId: String(W.grids[0]!.id), values: { rainfallMm: 80, evacuated: 12, sheltered: 10 } });
    expect(r1.statusCode, r1.body).toBe(201);
    const r2 = await call(c.worker2!, 'POST', `/api/emergencies/${eid}/sitreps`, { gridId: String(W.grids[1]!.id), values: { rainfallMm: 120, evacuated: 5, sheltered: 4 } });
    expect(r2.statusCode, r2.body).toBe(201);
    const bad = await call(c.worker!, 'POST', `/api/emergencies/${eid}/sitreps`, { gridId: String(W.grids[0]!.id), values: { nonsense: 1 } });
    expect(bad.json<{ error: { details: { field: string } } }>().error.details.field).toBe('values.nonsense');
    expect((await call(c.otherWorker!, 'POST', `/api/emergencies/${eid}/sitreps`, { gridId: String(W.grids[0]!.id), values: {} })).statusCode).toBe(404);
    const s = (await call(c.centre!, 'GET', `/api/emergencies/${eid}/sitreps/summary`)).json<{
      totals: Record<string, number | null>; missingTotal: number; byUnit: { unitId: string; expected: number; reported: number }[];
    }>();
    expect(s.totals).toMatchObject({ rainfallMm: 120, evacuated: 17, sheltered: 14 });
    expect(s.missingTotal).toBe(5);
    expect(s.byUnit.find((u) => u.unitId === String(W.towns[0]!.id))).toMatchObject({ expected: 5, reported: 2 });
  });
});

describe('resources and live events', () => {
  it('keeps shelters with capacity and occupancy; refuses occupancy above capacity', async () => {
    const r = await call(c.community!, 'POST', '/api/emergency/resources', { kind: 'shelter', name: '社区避难点', unitId: String(W.grids[0]!.id), capacity: 200, occupancy: 14, ...inside(0) });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json<{ id: string }>().id;
    const over = await call(c.community!, 'PATCH', `/api/emergency/resources/${id}`, { occupancy: 201 });
    expect(over.json<{ error: { details: { field: string } } }>().error.details.field).toBe('occupancy');
    expect((await call(c.community!, 'PATCH', `/api/emergency/resources/${id}`, { occupancy: 150 })).json<{ occupancy: number }>().occupancy).toBe(150);
    expect((await call(c.otherCentre!, 'PATCH', `/api/emergency/resources/${id}`, { occupancy: 1 })).statusCode).toBe(404);
  });

  it('answers bad resource input with a 4xx naming the field; no position means a point inside the unit', async () => {
    const base = { kind: 'supply_point', name: '物资点', unitId: String(W.grids[1]!.id), capacity: 50 };
    const field = async (res: { statusCode: number; json: <T>() => T }, status: number) => {
      expect(res.statusCode).toBe(status);
      const e = res.json<{ error: { message: string; details: { field?: string; issues?: { field: string }[] } } }>().error;
      return e.details.field ?? e.details.issues?.[0]?.field ?? e.message;
    };
    const post = (b: object) => call(c.community!, 'POST', '/api/emergency/resources', b);
    expect(await field(await post({ ...base, kind: 'tent' }), 400)).toContain('kind');
    expect(await field(await post({ ...base, capacity: -1 }), 400)).toContain('capacity');
    expect(await field(await post({ ...base, occupancy: 51 }), 400)).toBe('occupancy');
    expect(await field(await post({ ...base, name: '  ' }), 400)).toContain('name');
    expect(await field(await post({ ...base, lon: W.x0 }), 400)).toBe('lat');
    expect(await field(await post({ ...base, lon: W.x0 + 0.5, lat: 23 }), 400)).toBe('lon');
    expect(await field(await post({ ...base, unitId: String(W.otherGrids[0]!.id) }), 404)).toBe('unitId');
    const ok = await post(base);
    expect(ok.statusCode, ok.body).toBe(201);
    const r = ok.json<{ id: string; lon: number; lat: number }>();
    expect(r.lon).toBeGreaterThan(W.x0 + W.size);
    expect(r.lon).toBeLessThan(W.x0 + 2 * W.size);
    const patch = (b: object, id = r.id) => call(c.community!, 'PATCH', `/api/emergency/resources/${id}`, b);
    expect(await field(await patch({}), 400)).toBe('body');
    expect(await field(await patch({ capacity: 10, occupancy: 20 }), 400)).toBe('occupancy');
    expect(await field(await patch({ occupancy: 'ten' }), 400)).toContain('occupancy');
    expect((await patch({ occupancy: 1 }, '987654321')).statusCode).toBe(404);
    expect((await patch({ capacity: 60, occupancy: 12, note: '饮用水 300 箱' })).json()).toMatchObject({ capacity: 60, occupancy: 12, note: '饮用水 300 箱' });
    // Deleting: not from another district, then gone from the list, audited with what it was; a second time 404.
    const del = (who = c.community!) => call(who, 'DELETE', `/api/emergency/resources/${r.id}`);
    expect((await del(c.otherCentre!)).statusCode).toBe(404);
    expect((await del()).statusCode).toBe(204);
    const list = (await call(c.community!, 'GET', '/api/emergency/resources')).json<{ items: { id: string }[] }>();
    expect(list.items.map((x) => x.id)).not.toContain(r.id);
    const [ev] = await queryRows<{ before: { name: string; capacity: number } }>(t.ctx.db, sql`
      SELECT before FROM audit_events WHERE action = 'emergency.resource.delete' AND entity_id = ${r.id}`);
    expect(ev!.before).toMatchObject({ name: '物资点', capacity: 60 });
    expect((await del()).statusCode).toBe(404);
  });

  it('publishes directive.progress to command and not to another district', async () => {
    const hub = hubFor(t.ctx.database);
    await hub.start();
    const seen: AppEvent[] = [];
    const off = hub.subscribe((e) => seen.push(e));
    const d = await call(c.centre!, 'POST', `/api/emergencies/${eid}/directives`, { title: '预警入户', body: '逐户告知', targetUnitIds: [String(W.communities[0]!.id)], dueAt: new Date(Date.now() + 7200e3).toISOString() });
    const did = d.json<{ id: string }>().id;
    await call(c.worker!, 'POST', `/api/directives/${did}/ack`, { gridId: String(W.grids[0]!.id) });
    for (let i = 0; i < 40 && !seen.some((e) => e.type === 'scoped' && e.event === 'directive.progress'); i++) await new Promise((r) => setTimeout(r, 50));
    off();
    const ev = seen.find((e) => e.type === 'scoped' && e.event === 'directive.progress')!;
    expect(ev).toBeTruthy();
    const as = (u: { id: number; homeUnitId: number | null }, scopePath: string) => ({ id: u.id, username: 'x', displayName: 'x', role: 'centre_operator' as const, homeUnitId: u.homeUnitId, scopePath, departmentId: null });
    expect(visibleTo(as(W.users.centre, W.district.path), ev)).toBe(true);
    expect(visibleTo(as(W.users.otherCentre, W.other.path), ev)).toBe(false);
  });
});

describe('end and review', () => {
  it('ends the emergency and produces the after-action report as JSON and Excel', async () => {
    expect((await call(c.centre!, 'POST', `/api/emergencies/${eid}/end`, { summary: '雨停' })).statusCode).toBe(200);
    const r = await call(c.centre!, 'GET', `/api/emergencies/${eid}/review`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<{ timeline: { kind: string }[]; directives: { acknowledged: number }[]; mobilisation: { checkedIn: number }; resources: unknown[] }>();
    expect(body.timeline.map((x) => x.kind)).toEqual(expect.arrayContaining(['declared', 'callup', 'formation', 'directive', 'ended']));
    expect(body.directives[0]!.acknowledged).toBe(1);
    expect(body.mobilisation.checkedIn).toBe(1);
    const x = await call(c.centre!, 'GET', `/api/emergencies/${eid}/review.xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '时间线', '指令执行', '力量动员', '事项与物资', '现场照片']);
    // Links die with the emergency.
    const [row] = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM emergency_callups WHERE emergency_id = ${Number(eid)} AND expires_at > now()`);
    expect(row!.n).toBe(0);
  });
});
