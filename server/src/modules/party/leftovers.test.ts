import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { buildHousehold, buildPerson, validIdNumber } from '../people/index.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser } from '../users/index.js';
import { buildMember, buildOrg, buildTraining, registerDual } from './party.factory.js';

/** Leftovers of issue 5 (sign-up list, member record, household labels). This file's band: 80–82°E. */
const band = () => ({ x0: 80 + Math.random() * 1.8, y0: 30 + Math.random() * 0.9 });

let t: TestApp;
let sec: string;
let otherSec: string;
let T: Awaited<ReturnType<typeof buildCommunityWithGrids>>;
let branch: Awaited<ReturnType<typeof buildOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  T = await buildCommunityWithGrids(t.ctx.db, { ...band(), cols: 1 });
  const O = await buildCommunityWithGrids(t.ctx.db, { ...band(), cols: 1 });
  branch = await buildOrg(t.ctx.db, { type: 'branch', unitId: T.grids[0]!.id });
  const s = await buildUser(t.ctx.db, { role: 'party_secretary', homeUnitId: T.community.id });
  const o = await buildUser(t.ctx.db, { role: 'party_secretary', homeUnitId: O.community.id });
  sec = await t.login(s.username, s.password);
  otherSec = await t.login(o.username, o.password);
}, 600_000);
afterAll(() => t?.close());

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('GET /api/party/activities/:id/signups', () => {
  it('lists the sign-ups with masked phones, in scope only', async () => {
    const m = await buildMember(t.ctx.db, t.ctx.crypto, { orgId: branch.id, memberClass: 'in_service', name: '报名党员' });
    const act = await call(sec, 'POST', '/api/party/activities', { communityId: String(T.community.id), title: '义诊', startsAt: '2026-06-01T01:00:00Z' });
    expect(act.statusCode).toBe(201);
    const aid = act.json().id as string;
    expect((await call(sec, 'GET', `/api/party/activities/${aid}/signups`)).json()).toEqual({ items: [], total: 0 });
    const su = await call(sec, 'POST', `/api/party/activities/${aid}/signups`, { memberId: String(m.id) });
    expect(su.statusCode).toBe(201);
    await call(sec, 'POST', `/api/party/signups/${su.json().id}/check-in`);

    const list = await call(sec, 'GET', `/api/party/activities/${aid}/signups`);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    const [row] = list.json().items;
    expect(row).toMatchObject({ id: su.json().id, activityId: aid, memberId: String(m.id), memberName: '报名党员', checkedInAt: expect.any(String), hours: 0 });
    // The phone is masked: never the clear number the factory stored.
    expect(row.memberPhone).not.toBe(m.phone);
    expect(row.memberPhone).toMatch(/\*{4}/);
    expect(JSON.stringify(list.json())).not.toContain(m.idNumber);

    expect((await call(otherSec, 'GET', `/api/party/activities/${aid}/signups`)).statusCode).toBe(404);
    expect((await call(sec, 'GET', '/api/party/activities/999999999/signups')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/party/activities/${aid}/signups` })).statusCode).toBe(401);
  });
});

describe('GET /api/party/members/:id/record', () => {
  it('lists 双报到, activities with hours, the points ledger and trainings of one member', async () => {
    const m = await buildMember(t.ctx.db, t.ctx.crypto, { orgId: branch.id, memberClass: 'in_service' });
    const other = await buildMember(t.ctx.db, t.ctx.crypto, { orgId: branch.id });
    const empty = await call(sec, 'GET', `/api/party/members/${m.id}/record`);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ memberId: String(m.id), dualRegistration: null, serviceHours: 0, activities: [], points: 0, pointEntries: [], trainings: [], trainingHours: 0 });

    await registerDual(t.ctx.db, m.id, T.community.id);
    const mk = async (title: string, startsAt: string) => (await call(sec, 'POST', '/api/party/activities', { communityId: String(T.community.id), title, startsAt })).json().id as string;
    const a1 = await mk('敬老', '2026-03-01T01:00:00Z');
    const a2 = await mk('巡河', '2026-04-01T01:00:00Z');
    const s1 = (await call(sec, 'POST', `/api/party/activities/${a1}/signups`, { memberId: String(m.id) })).json().id;
    await call(sec, 'POST', `/api/party/activities/${a2}/signups`, { memberId: String(m.id) });
    await call(sec, 'POST', `/api/party/activities/${a1}/signups`, { memberId: String(other.id) });
    await call(sec, 'POST', `/api/party/signups/${s1}/check-in`);
    await call(sec, 'POST', `/api/party/signups/${s1}/hours`, { hours: 1.5 });
    const p1 = await call(sec, 'POST', '/api/party/points', { memberId: String(m.id), points: 3, reason: '志愿服务', occurredOn: '2026-03-01' });
    await call(sec, 'POST', '/api/party/points', { memberId: String(m.id), points: 4, reason: '待审', occurredOn: '2026-03-02' });
    expect((await call(sec, 'POST', `/api/party/points/${p1.json().id}/decide`, { decision: 'approved' })).statusCode).toBe(200);
    await buildTraining(t.ctx.db, branch.id, '2026-02-10', [m.id]);

    const r = (await call(sec, 'GET', `/api/party/members/${m.id}/record`)).json();
    expect(r.dualRegistration).toMatchObject({ communityId: String(T.community.id) });
    expect(r.serviceHours).toBe(1.5);
    expect(r.activities.map((a: { title: string }) => a.title)).toEqual(['巡河', '敬老']);
    expect(r.activities[1]).toMatchObject({ signupId: s1, checkedInAt: expect.any(String), hours: 1.5 });
    expect(r.activities[0]).toMatchObject({ checkedInAt: null, hours: 0 });
    expect(r.points).toBe(3);
    expect(r.pointEntries.map((e: { status: string; points: number }) => [e.status, e.points])).toEqual([['pending', 4], ['approved', 3]]);
    expect(r.trainings).toEqual([{ sessionId: expect.any(String), courseTitle: '测试课程', mode: 'offline', orgName: expect.any(String), heldOn: '2026-02-10', hours: 1 }]);
    expect(r.trainingHours).toBe(1);
    // The figures agree with the member detail.
    expect((await call(sec, 'GET', `/api/party/members/${m.id}`)).json()).toMatchObject({ serviceHours: 1.5, points: 3 });

    expect((await call(otherSec, 'GET', `/api/party/members/${m.id}/record`)).statusCode).toBe(404);
  });
});

describe('POST /api/party/cadres by ID number', () => {
  it('adds a first secretary by ID number and name (one person per ID number), never a bare bad number', async () => {
    const idNumber = validIdNumber();
    const body = { kind: 'first_secretary', idNumber, name: '驻村书记', unitId: String(T.community.id), fromOrgan: '区农业农村局', since: '2026-01-01' };
    const res = await call(sec, 'POST', '/api/party/cadres', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'first_secretary', name: '驻村书记', unitId: String(T.community.id), fromOrgan: '区农业农村局', since: '2026-01-01' });
    const again = await call(sec, 'POST', '/api/party/cadres', { ...body, kind: 'reserve_cadre' });
    expect(again.json().personId).toBe(res.json().personId);
    const [p] = await queryRows<{ tags: string[] }>(t.ctx.db, sql`SELECT tags FROM persons WHERE id = ${Number(res.json().personId)}`);
    expect(p!.tags).not.toContain('party_member');
    const [a] = await queryRows<{ after: unknown }>(t.ctx.db, sql`SELECT after FROM audit_events WHERE action = 'party_cadre.create' AND entity_id = ${res.json().id}`);
    expect(JSON.stringify(a!.after)).not.toContain(idNumber);

    const bad = await call(sec, 'POST', '/api/party/cadres', { ...body, idNumber: '110101199001011234' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('idNumber');
    expect((await call(sec, 'POST', '/api/party/cadres', { kind: 'reserve_cadre', unitId: String(T.community.id) })).statusCode).toBe(400);
    const list = await call(sec, 'GET', `/api/party/cadres?unitId=${T.community.id}`);
    expect(list.json().total).toBe(2);
  });
});

describe('contact groups carry household labels', () => {
  it('gives address and the masked head name for each household', async () => {
    const m = await buildMember(t.ctx.db, t.ctx.crypto, { orgId: branch.id });
    const h = await buildHousehold(t.ctx.db, { gridId: T.grids[0]!.id, address: '测试路1号101' });
    const head = await buildPerson(t.ctx.db, t.ctx.crypto, { gridId: T.grids[0]!.id, name: '王小明', householdId: h.id });
    await t.ctx.db.execute(sql`UPDATE households SET head_person_id = ${head.id} WHERE id = ${h.id}`);
    const h2 = await buildHousehold(t.ctx.db, { gridId: T.grids[0]!.id, address: '测试路1号102' });
    const g = await call(sec, 'POST', '/api/party/contact-groups', { name: '联系户', memberId: String(m.id), gridId: String(T.grids[0]!.id), householdIds: [String(h.id), String(h2.id)] });
    expect(g.statusCode).toBe(201);
    expect(g.json().householdList).toEqual([
      { id: String(h.id), address: '测试路1号101', headName: '王*明' },
      { id: String(h2.id), address: '测试路1号102', headName: null },
    ]);
    const listed = (await call(sec, 'GET', `/api/party/contact-groups?unitId=${T.community.id}`)).json().items.find((x: { id: string }) => x.id === g.json().id);
    expect(listed.householdList).toHaveLength(2);
    expect(JSON.stringify(listed)).not.toContain('王小明');
  });
});
