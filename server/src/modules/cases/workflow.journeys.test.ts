import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/sql.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { FACTORY_PASSWORD } from '../users/index.js';
import { buildCase, buildWorkflowWorld, type WorkflowWorld } from './case.factory.js';
import { applyCaseAction } from './workflow.js';

/** Whole journeys through HTTP: grid-closed, escalated and dispatched to two departments, a mediated dispute. */
let t: TestApp;
let w: WorkflowWorld;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorkflowWorld(t.ctx.db);
  for (const [k, u] of Object.entries(w.users)) cookies[k] = await t.login(u.username, FACTORY_PASSWORD);
}, 300_000); // the app, two worlds and a dozen argon2 logins: slow on a loaded CI machine
afterAll(() => t?.close());

const act = (who: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions/${action}`, headers: { cookie: cookies[who]! }, payload: body });
async function ok(who: string, id: string, action: string, body: Record<string, unknown> = {}) {
  const res = await act(who, id, action, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as { id: string; state: string; version: number };
}
const detail = async (who: string, id: string) => {
  const res = await t.app.inject({ url: `/api/cases/${id}`, headers: { cookie: cookies[who]! } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const notices = async (userId: number, caseId: string) => (await queryRows<{ kind: string }>(t.ctx.db, sql`
  SELECT kind FROM notifications WHERE user_id = ${userId} AND case_id = ${caseId} ORDER BY id`)).map((r) => r.kind);

describe('grid-closed matter (小事不出网格)', () => {
  it('accept → handle in grid → resolve → verify → resident rates satisfied → closed, with timeline and notices', async () => {
    const c = await buildCase(t.ctx.db, w, { category: w.cat.grid });
    expect((await ok('worker', c.id, 'accept')).state).toBe('accepted');
    expect((await ok('worker', c.id, 'handle_in_grid')).state).toBe('in_grid');
    expect((await ok('worker', c.id, 'resolve', { note: '已修补路面' })).state).toBe('handled');
    const v = await ok('leader', c.id, 'verify');
    expect(v.state).toBe('verified');
    const d1 = await detail('worker', c.id);
    expect(d1.holder).toBe('reporter');
    expect(d1.allowedActions).toEqual([]);
    const r = await applyCaseAction(t.ctx, { user: null, as: 'resident', name: 'resident' }, Number(c.id), 'rate',
      { rating: { resolved: true, satisfaction: 'satisfied' } }, { expectedVersion: v.version });
    expect(r.state).toBe('closed');
    const d = await detail('worker', c.id);
    expect(d).toMatchObject({ state: 'closed', satisfaction: 'satisfied', resolved: true, resolution: '已修补路面', holder: 'none', version: 6 });
    expect(d.timeline.map((e: { action: string }) => e.action)).toEqual(['case.accept', 'case.handle_in_grid', 'case.resolve', 'case.verify', 'case.rate', 'case.close']);
    expect(d.timeline[0].actorName).toMatch(/^grid_worker/);
    expect(d.timeline.find((e: { action: string }) => e.action === 'case.resolve').details.note).toBe('已修补路面');
    expect(d.reporters[0].phone).toBe('138****0000');
  });

  it('closes at verification when no resident reported it (nobody to rate)', async () => {
    const c = await buildCase(t.ctx.db, w, { category: w.cat.grid, resident: false });
    await ok('worker', c.id, 'accept');
    await ok('worker', c.id, 'handle_in_grid');
    await ok('worker', c.id, 'resolve', { note: 'done' });
    expect((await ok('worker', c.id, 'verify')).state).toBe('closed');
    const d = await detail('worker', c.id);
    expect(d.timeline.slice(-1)[0]).toMatchObject({ action: 'case.close', actorName: 'system' });
  });

  it('notifies the grid on acceptance and the unit leaders on high risk', async () => {
    const c = await buildCase(t.ctx.db, w, { category: w.cat.risky });
    await ok('worker', c.id, 'accept');
    expect((await detail('worker', c.id)).riskLevel).toBe('high');
    expect(await notices(w.users.community.id, c.id)).toContain('case.accept');
    expect(await notices(w.users.leader.id, c.id)).toContain('case.accept');
    const low = await buildCase(t.ctx.db, w, { category: w.cat.grid });
    await ok('worker', low.id, 'accept', { riskLevel: 'medium' });
    expect((await detail('worker', low.id)).riskLevel).toBe('medium');
    expect(await notices(w.users.community.id, low.id)).toEqual([]);
  });
});

describe('escalated and whistled out to departments (吹哨报到)', () => {
  it('escalate → dispatch to two → one returns → re-dispatch → handled → verified → rated unsolved → reopened → … → closed', async () => {
    const [A, B, C] = w.depts;
    const c = await buildCase(t.ctx.db, w, { category: w.cat.dept });
    await ok('worker', c.id, 'accept');
    expect((await ok('worker', c.id, 'escalate', { reason: '需部门处置' })).state).toBe('escalated_community');
    expect(await notices(w.users.community.id, c.id)).toContain('case.escalate');
    expect((await ok('community', c.id, 'escalate', { reason: '社区无法处置' })).state).toBe('escalated_street');
    expect(await notices(w.users.street.id, c.id)).toContain('case.escalate');

    // A department officer sees nothing before the whistle.
    expect((await t.app.inject({ url: `/api/cases/${c.id}`, headers: { cookie: cookies.deptA! } })).statusCode).toBe(404);
    const noLead = await act('centre', c.id, 'dispatch', { departments: [{ departmentId: String(A!.id), role: 'assist' }] });
    expect(noLead.statusCode).toBe(400);
    expect(noLead.json().error.details.field).toBe('departments');
    await ok('centre', c.id, 'dispatch', { departments: [{ departmentId: String(A!.id), role: 'lead' }, { departmentId: String(B!.id), role: 'assist' }] });
    expect(await notices(w.users.deptA.id, c.id)).toContain('case.dispatch');
    expect(await notices(w.users.deptB.id, c.id)).toContain('case.dispatch');

    const dA = await detail('deptA', c.id);
    expect(dA.allowedActions).toEqual(expect.arrayContaining(['acknowledge', 'return']));
    expect(dA.dispatches).toHaveLength(2);
    expect(dA.dispatches[0]).toMatchObject({ role: 'lead', state: 'sent', departmentName: A!.name });
    expect(dA.dispatches[0].ackRemainingMs).toBeGreaterThan(0);
    expect(dA.countdown.dueAt).toBe(dA.dispatches[0].ackDueAt);

    await ok('deptA', c.id, 'acknowledge');
    await ok('deptB', c.id, 'acknowledge');
    const ret = await act('deptB', c.id, 'return', {});
    expect(ret.statusCode).toBe(400);
    expect(ret.json().error.details.field).toBe('reason');
    expect((await ok('deptB', c.id, 'return', { reason: '不属于本局职责' })).state).toBe('returned');
    expect(await notices(w.users.centre.id, c.id)).toContain('dispatch.return');
    const afterReturn = await detail('centre', c.id);
    expect(afterReturn.holder).toBe('street');
    expect(afterReturn.dispatches.map((d: { state: string }) => d.state)).toEqual(['acknowledged', 'returned']);
    // The lead keeps working while the case is back in the centre's queue.
    await ok('deptA', c.id, 'feedback', { note: '已拆除违建' });
    expect((await detail('centre', c.id)).state).toBe('returned');

    // 首接负责: the lead stays A; naming another lead is refused while A is on it.
    const steal = await act('centre', c.id, 'dispatch', { departments: [{ departmentId: String(C!.id), role: 'lead' }] });
    expect(steal.statusCode).toBe(400);
    expect(steal.json().error.message).toContain('首接负责');
    expect((await ok('centre', c.id, 'dispatch', { departments: [{ departmentId: String(C!.id), role: 'assist' }] })).state).toBe('dispatched');
    await ok('deptC', c.id, 'acknowledge');
    expect((await ok('deptC', c.id, 'feedback', { note: '已清运' })).state).toBe('handled');
    const h = await detail('worker', c.id);
    expect(h).toMatchObject({ state: 'handled', holder: 'grid', leadDepartmentName: A!.name });
    expect(await notices(w.users.worker.id, c.id)).toContain('dispatch.feedback');

    await ok('worker', c.id, 'verify');
    const unsolved = await ok('centre', c.id, 'rate', { rating: { resolved: false, satisfaction: 'unsatisfied', comment: '仍有垃圾' } });
    expect(unsolved.state).toBe('reopened');
    expect((await detail('centre', c.id)).reopenCount).toBe(1);

    await ok('centre', c.id, 'dispatch', { departments: [{ departmentId: String(A!.id), role: 'lead' }] });
    await ok('deptA', c.id, 'acknowledge');
    expect((await ok('deptA', c.id, 'feedback', { note: '复查清理完毕' })).state).toBe('handled');
    await ok('worker', c.id, 'verify');
    expect((await ok('centre', c.id, 'rate', { rating: { resolved: true, satisfaction: 'basic' } })).state).toBe('closed');

    const end = await detail('centre', c.id);
    expect(end).toMatchObject({ state: 'closed', reopenCount: 1, satisfaction: 'basic' });
    const actions = end.timeline.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['dispatch.return', 'dispatch.feedback', 'case.reopen', 'case.close']));
    const ret2 = end.timeline.find((e: { action: string }) => e.action === 'dispatch.return');
    expect(ret2.details).toMatchObject({ reason: '不属于本局职责', department: B!.name });
  });

  it('extension: the department asks, the centre approves; the handling deadline moves', async () => {
    const [A] = w.depts;
    const c = await buildCase(t.ctx.db, w, { category: w.cat.dept, state: 'escalated_street' });
    await ok('centre', c.id, 'dispatch', { departments: [{ departmentId: String(A!.id), role: 'lead' }] });
    await ok('deptA', c.id, 'acknowledge');
    const before = (await detail('deptA', c.id)).dispatches[0];
    const until = new Date(new Date(before.handleDueAt).getTime() + 3 * 86400_000).toISOString();
    const missing = await act('deptA', c.id, 'request_extension', { reason: '需协调' });
    expect(missing.json().error.details.field).toBe('until');
    await ok('deptA', c.id, 'request_extension', { reason: '需协调产权单位', until });
    expect((await detail('centre', c.id)).allowedActions).toEqual(expect.arrayContaining(['approve_extension', 'deny_extension']));
    await ok('centre', c.id, 'approve_extension');
    const after = (await detail('deptA', c.id)).dispatches[0];
    expect(after.handleDueAt).toBe(until);
    expect(after.extension.state).toBe('approved');
    const later = new Date(new Date(until).getTime() + 86400_000).toISOString();
    await ok('deptA', c.id, 'request_extension', { reason: '再次延期', until: later });
    expect((await act('centre', c.id, 'deny_extension', {})).json().error.details.field).toBe('reason');
    await ok('centre', c.id, 'deny_extension', { reason: '不予延期' });
    const denied = (await detail('deptA', c.id)).dispatches[0];
    expect(denied).toMatchObject({ handleDueAt: until, extension: { state: 'denied' } });
    expect(await notices(w.users.deptA.id, c.id)).toEqual(expect.arrayContaining(['dispatch.approve_extension', 'dispatch.deny_extension']));
  });
});

describe('a dispute mediated to agreement (先行调解)', () => {
  it('start mediation → sessions → agreed → printable agreement → verified', async () => {
    const c = await buildCase(t.ctx.db, w, { category: w.cat.dispute, title: '邻里漏水纠纷' });
    await ok('worker', c.id, 'accept');
    await ok('worker', c.id, 'escalate', { reason: '邻里纠纷' });
    const noParties = await act('community', c.id, 'start_mediation', {});
    expect(noParties.json().error.details.field).toBe('mediation');
    await ok('community', c.id, 'start_mediation', {
      mediation: { mediatorId: String(w.users.mediator.id), parties: [{ name: '张三<b>', role: '申请人' }, { name: '李四', role: '被申请人' }] },
    });
    expect(await notices(w.users.mediator.id, c.id)).toContain('case.start_mediation');
    const s = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/mediation/sessions`, headers: { cookie: cookies.mediator! },
      payload: { place: '社区调解室', notes: '双方陈述意见' } });
    expect(s.statusCode, s.body).toBe(201);
    expect((await ok('mediator', c.id, 'mediation_agreed', { note: '李四赔偿张三维修费800元' })).state).toBe('handled');
    const d = await detail('community', c.id);
    expect(d.mediation).toMatchObject({ state: 'agreed', agreement: '李四赔偿张三维修费800元' });
    expect(d.mediation.mediatorName).toMatch(/^mediator/);
    expect(d.mediation.sessions).toHaveLength(1);
    expect(d.mediation.agreementUrl).toBe(`/api/cases/${c.id}/mediation/agreement`);
    const html = await t.app.inject({ url: d.mediation.agreementUrl, headers: { cookie: cookies.community! } });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body.startsWith('<!doctype html>')).toBe(true);
    expect(html.body).toContain('人民调解协议书');
    expect(html.body).toContain('李四赔偿张三维修费800元');
    expect(html.body).toContain('张三&lt;b&gt;');
    expect(html.body).not.toContain('张三<b>');
    expect((await ok('worker', c.id, 'verify')).state).toBe('verified');
  });

  it('a failed mediation goes on to the street with the reason; non-disputes cannot be mediated', async () => {
    const c = await buildCase(t.ctx.db, w, { category: w.cat.dispute, state: 'escalated_community' });
    await ok('community', c.id, 'start_mediation', { mediation: { parties: [{ name: '王五', role: '申请人' }] } });
    expect((await ok('community', c.id, 'mediation_failed', { reason: '一方拒绝调解' })).state).toBe('escalated_street');
    expect((await detail('centre', c.id)).mediation).toMatchObject({ state: 'failed', failureReason: '一方拒绝调解' });
    expect((await t.app.inject({ url: `/api/cases/${c.id}/mediation/agreement`, headers: { cookie: cookies.centre! } })).statusCode).toBe(404);
    const plain = await buildCase(t.ctx.db, w, { category: w.cat.community, state: 'escalated_community' });
    const res = await act('community', plain.id, 'start_mediation', { mediation: { parties: [{ name: '赵六', role: '申请人' }] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.allowed).not.toContain('start_mediation');
  });
});
