import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { RECRUIT_TRANSITIONS, RECRUIT_ACTIONS, RECRUIT_STAGES, recruitTransition } from '@gridgov/common';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildHousehold, validIdNumber } from '../people/index.js';
import { buildUser } from '../users/index.js';
import { buildMember, buildOrg, partyBand } from './party.factory.js';

let t: TestApp;
let sec: string;
let worker: string;
let admin: string;
let T: Awaited<ReturnType<typeof buildCommunityWithGrids>>;
let branch: Awaited<ReturnType<typeof buildOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  T = await buildCommunityWithGrids(t.ctx.db, { ...partyBand(1), cols: 1 });
  branch = await buildOrg(t.ctx.db, { type: 'branch', unitId: T.grids[0]!.id });
  const s = await buildUser(t.ctx.db, { role: 'party_secretary', homeUnitId: T.community.id });
  const w = await buildUser(t.ctx.db, { role: 'grid_worker', homeUnitId: T.community.id });
  sec = await t.login(s.username, s.password);
  worker = await t.login(w.username, w.password);
  admin = await t.login('admin');
}, 600_000);
afterAll(() => t?.close());

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('recruitment transition table', () => {
  it('allows exactly the listed moves', () => {
    for (const stage of RECRUIT_STAGES) {
      for (const action of RECRUIT_ACTIONS) {
        const listed = RECRUIT_TRANSITIONS.some((x) => x.action === action && x.from.includes(stage));
        expect(recruitTransition(stage, action) !== null).toBe(listed);
      }
    }
    expect(recruitTransition('applicant', 'admit')).toBeNull();
    expect(recruitTransition('full', 'drop')).toBeNull();
  });
});

describe('recruitment pipeline', () => {
  it('walks applicant → full member, refusing skipped stages, missing steps and short stays', async () => {
    const created = await call(sec, 'POST', '/api/party/recruits', { orgId: String(branch.id), idNumber: validIdNumber({ birth: '20000101' }), name: '申请人', appliedOn: '2023-03-01' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ stage: 'applicant', steps: { application_letter: '2023-03-01' } });
    const move = (action: string, on: string, extra = {}) => call(sec, 'POST', `/api/party/recruits/${id}/transition`, { action, on, ...extra });
    const step = (s: string, on: string) => call(sec, 'POST', `/api/party/recruits/${id}/steps`, { step: s, doneOn: on });

    const skip = await move('admit', '2023-04-01');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.code).toBe('ILLEGAL_TRANSITION');
    const missing = await move('make_activist', '2023-04-01');
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error.details.missingSteps).toEqual(['talk', 'recommendation', 'committee_decision']);
    for (const s of ['talk', 'recommendation', 'committee_decision']) expect((await step(s, '2023-03-20')).statusCode).toBe(200);
    expect((await move('make_activist', '2023-04-01')).json().stage).toBe('activist');

    await step('training_course', '2023-10-01');
    const early = await move('make_candidate', '2024-01-01');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details.field).toBe('on');
    expect((await move('make_candidate', '2024-04-01')).json().stage).toBe('candidate');
    for (const s of ['political_review', 'sponsors', 'branch_vote', 'higher_approval']) await step(s, '2024-06-01');
    const admitted = await move('admit', '2024-07-01', { memberClass: 'two_new' });
    expect(admitted.json()).toMatchObject({ stage: 'probationary' });
    const memberId = admitted.json().memberId;
    expect((await call(sec, 'GET', `/api/party/members/${memberId}`)).json()).toMatchObject({ status: 'probationary', memberClass: 'two_new' });
    await step('oath', '2024-07-01');
    await step('probation_review', '2025-06-01');
    expect((await move('confirm', '2025-07-01')).json().stage).toBe('full');
    expect((await call(sec, 'GET', `/api/party/members/${memberId}`)).json().status).toBe('full');
    expect((await move('drop', '2025-08-01')).statusCode).toBe(409);
    const list = await call(sec, 'GET', `/api/party/recruits?unitId=${T.community.id}`);
    expect(list.json().byStage).toMatchObject({ full: 1 });
  });

  it('needs party.write', async () => {
    const res = await call(worker, 'POST', '/api/party/recruits', { orgId: String(branch.id), idNumber: validIdNumber(), name: 'x', appliedOn: '2024-01-01' });
    expect(res.statusCode).toBe(403);
  });
});

describe('points', () => {
  it('counts approved entries only; rankings are off by default (403) until the district turns them on', async () => {
    const m = await buildMember(t.ctx.db, t.ctx.crypto, { orgId: branch.id });
    const rule = await call(admin, 'POST', '/api/party/point-rules', { code: `visit_${Date.now()}`, name: '走访联系户', points: 2, unitId: String(T.district.id) });
    expect(rule.statusCode).toBe(201);
    const e1 = await call(sec, 'POST', '/api/party/points', { memberId: String(m.id), ruleId: rule.json().id });
    await call(sec, 'POST', '/api/party/points', { memberId: String(m.id), points: 5, reason: '抗洪' });
    expect(e1.json()).toMatchObject({ points: 2, status: 'pending' });
    expect((await call(sec, 'POST', `/api/party/points/${e1.json().id}/decide`, { decision: 'approved' })).json().status).toBe('approved');
    expect((await call(sec, 'POST', `/api/party/points/${e1.json().id}/decide`, { decision: 'rejected' })).statusCode).toBe(409);
    const totals = await call(sec, 'GET', `/api/party/points/totals?unitId=${T.community.id}`);
    expect(totals.json().items).toEqual([{ orgId: String(branch.id), orgName: expect.any(String), members: expect.any(Number), points: 2, pending: 1 }]);

    const off = await call(sec, 'GET', `/api/party/points/ranking?unitId=${T.community.id}`);
    expect(off.statusCode).toBe(403);
    expect((await call(sec, 'GET', `/api/party/settings?unitId=${T.community.id}`)).json()).toEqual({ districtId: String(T.district.id), rankingsEnabled: false });
    // A community secretary cannot switch the district setting; a district-level user can.
    expect((await call(sec, 'PUT', '/api/party/settings', { unitId: String(T.community.id), rankingsEnabled: true })).statusCode).toBe(403);
    expect((await call(admin, 'PUT', '/api/party/settings', { unitId: String(T.district.id), rankingsEnabled: true })).statusCode).toBe(200);
    const on = await call(sec, 'GET', `/api/party/points/ranking?unitId=${T.community.id}`);
    expect(on.statusCode).toBe(200);
    expect(on.json().items).toEqual([{ rank: 1, memberId: String(m.id), name: expect.any(String), orgName: expect.any(String), points: 2 }]);
  });
});

describe('双报到双服务 and training', () => {
  it('registers, signs up, checks in, records hours, and the figures follow', async () => {
    const m = await buildMember(t.ctx.db, t.ctx.crypto, { orgId: branch.id, memberClass: 'in_service', workUnit: '区财政局' });
    const before = (await call(sec, 'GET', `/api/party/coverage?unitId=${T.community.id}`)).json();
    const reg = await call(sec, 'POST', '/api/party/dual-registrations', { kind: 'member', communityId: String(T.community.id), memberId: String(m.id) });
    expect(reg.statusCode).toBe(201);
    expect((await call(sec, 'POST', '/api/party/dual-registrations', { kind: 'member', communityId: String(T.community.id), memberId: String(m.id) })).statusCode).toBe(409);
    const act = await call(sec, 'POST', '/api/party/activities', { communityId: String(T.community.id), title: '清理楼道', startsAt: '2026-06-01T01:00:00Z', plannedHours: 2, capacity: 5 });
    expect(act.statusCode).toBe(201);
    const su = await call(sec, 'POST', `/api/party/activities/${act.json().id}/signups`, { memberId: String(m.id) });
    expect(su.statusCode).toBe(201);
    expect((await call(sec, 'POST', `/api/party/signups/${su.json().id}/hours`, { hours: 2 })).statusCode).toBe(409);
    expect((await call(sec, 'POST', `/api/party/signups/${su.json().id}/check-in`)).json().checkedInAt).not.toBeNull();
    expect((await call(sec, 'POST', `/api/party/signups/${su.json().id}/hours`, { hours: 2.5 })).json().hours).toBe(2.5);
    const stats = (await call(sec, 'GET', `/api/party/service-stats?unitId=${T.community.id}`)).json();
    expect(stats.byMember).toEqual([{ memberId: String(m.id), name: expect.any(String), workUnit: '区财政局', activities: 1, hours: 2.5 }]);
    expect(stats.byOrgan).toEqual([{ organName: '区财政局', members: expect.any(Number), registered: 1, activities: 1, hours: 2.5 }]);
    const after = (await call(sec, 'GET', `/api/party/coverage?unitId=${T.community.id}`)).json();
    expect(after.dualReportRate).toBeGreaterThan(before.dualReportRate);
    expect((await call(sec, 'GET', `/api/party/members/${m.id}`)).json()).toMatchObject({ dualRegistered: true, serviceHours: 2.5 });

    const course = await call(sec, 'POST', '/api/party/courses', { title: '党章学习', mode: 'offline' });
    const session = await call(sec, 'POST', '/api/party/sessions', { courseId: course.json().id, orgId: String(branch.id), heldOn: `${new Date().getUTCFullYear()}-01-15` });
    expect(session.statusCode).toBe(201);
    const untrainedBefore = (await call(sec, 'GET', `/api/party/training/untrained?orgId=${branch.id}`)).json().total;
    expect((await call(sec, 'POST', `/api/party/sessions/${session.json().id}/attendance`, { memberIds: [String(m.id)] })).json().attended).toBe(1);
    expect((await call(sec, 'GET', `/api/party/training/untrained?orgId=${branch.id}`)).json().total).toBe(untrainedBefore - 1);
    const cov = (await call(sec, 'GET', `/api/party/training/coverage?unitId=${T.community.id}`)).json();
    expect(cov.items[0]).toMatchObject({ orgId: String(branch.id), trained: 1 });
  });

  it('commando teams on grids and contact groups with visits', async () => {
    const m = await buildMember(t.ctx.db, t.ctx.crypto, { orgId: branch.id });
    const team = await call(sec, 'POST', '/api/party/posts', { kind: 'commando', name: '防汛突击队', gridId: String(T.grids[0]!.id) });
    expect(team.statusCode).toBe(201);
    expect((await call(sec, 'POST', `/api/party/posts/${team.json().id}/members`, { memberId: String(m.id) })).json().members).toHaveLength(1);
    const h = await buildHousehold(t.ctx.db, { gridId: T.grids[0]!.id });
    const g = await call(sec, 'POST', '/api/party/contact-groups', { name: '联系户一组', memberId: String(m.id), gridId: String(T.grids[0]!.id), householdIds: [String(h.id)] });
    expect(g.statusCode).toBe(201);
    expect((await call(sec, 'POST', `/api/party/contact-groups/${g.json().id}/visits`, { householdId: String(h.id), note: '了解用水困难' })).statusCode).toBe(201);
    expect((await call(sec, 'GET', `/api/party/contact-groups?unitId=${T.community.id}`)).json().items[0]).toMatchObject({ households: 1, visits: 1 });
    const [a] = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action IN ('party_post.create', 'party_visit.create', 'party_contact_group.create') AND unit_path <@ ${T.community.path}::ltree`);
    expect(a!.n).toBe(3);
  });
});
