import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { CASE_ACTIONS, CASE_STATES, DISPATCH_ACTIONS } from '@gridgov/common';
import { queryRows } from '../../db/sql.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { FACTORY_PASSWORD } from '../users/index.js';
import { buildCase, buildWorkflowWorld, type WorkflowWorld } from './case.factory.js';
import { applyCaseAction } from './workflow.js';
import { setNow } from '../../lib/clock.js';
import { ackDueAt, dueAt, loadCalendar } from '../catalogue/index.js';

/** Rules around the table: versions, concurrency, scope, refused moves, required fields, level and admission. */
let t: TestApp;
let w: WorkflowWorld;
let other: WorkflowWorld;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorkflowWorld(t.ctx.db);
  other = await buildWorkflowWorld(t.ctx.db);
  for (const [k, u] of Object.entries(w.users)) cookies[k] = await t.login(u.username, FACTORY_PASSWORD);
  cookies.otherCentre = await t.login(other.users.centre.username, FACTORY_PASSWORD);
}, 300_000); // the app, two worlds and a dozen argon2 logins: slow on a loaded CI machine
afterAll(() => t?.close());

const act = (who: string, id: string, action: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions/${action}`, headers: { cookie: cookies[who]!, ...headers }, payload: body });
const get = (who: string, id: string) => t.app.inject({ url: `/api/cases/${id}`, headers: { cookie: cookies[who]! } });
const row = async (id: string) => (await queryRows<{ state: string; version: number; grid_id: string | null; path: string; merged_into_id: string | null; unrated: boolean; state_before: string | null; reject_reason: string | null }>(t.ctx.db, sql`
  SELECT state, version, grid_id::text, path::text, merged_into_id::text, unrated, state_before, reject_reason FROM cases WHERE id = ${id}`))[0]!;
const events = async (id: string, action: string) => (await queryRows<{ after: Record<string, unknown> }>(t.ctx.db, sql`
  SELECT after FROM audit_events WHERE entity_type = 'case' AND entity_id = ${id} AND action = ${action} ORDER BY id`)).map((r) => r.after);

describe('versions and concurrency', () => {
  it('refuses a stale If-Match or body version with 409 CASE_VERSION_CONFLICT and changes nothing', async () => {
    const c = await buildCase(t.ctx.db, w);
    const first = await act('worker', c.id, 'accept', {}, { 'if-match': '"1"' });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await act('worker', c.id, 'handle_in_grid', {}, { 'if-match': '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'CASE_VERSION_CONFLICT', details: { expected: 1, current: 2 } });
    const staleBody = await act('worker', c.id, 'handle_in_grid', { version: 1 });
    expect(staleBody.json().error.code).toBe('CASE_VERSION_CONFLICT');
    expect(await row(c.id)).toMatchObject({ state: 'accepted', version: 2 });
    expect((await act('worker', c.id, 'handle_in_grid', { version: 2 })).statusCode).toBe(200);
    expect((await act('worker', c.id, 'resolve', { note: 'x' }, { 'if-match': 'abc' })).json().error.details.field).toBe('If-Match');
  });

  it('two officers acting on one case at once: one 200, one 409, state intact', async () => {
    const c = await buildCase(t.ctx.db, w, { category: w.cat.dept, state: 'escalated_street' });
    const d = await act('centre', c.id, 'dispatch', { departments: [{ departmentId: String(w.depts[0]!.id), role: 'lead' }] });
    const v = d.json().version;
    const [a, b] = await Promise.all([
      act('deptA', c.id, 'acknowledge', { version: v }),
      act('deptA2', c.id, 'acknowledge', { version: v }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(['CASE_VERSION_CONFLICT', 'CASE_INVALID_TRANSITION']).toContain(loser.json().error.code);
    expect(await row(c.id)).toMatchObject({ state: 'dispatched', version: v + 1 });
    expect(await events(c.id, 'dispatch.acknowledge')).toHaveLength(1);
    // Without versions the second move is judged on the new state: the dispatch is no longer 'sent'.
    const [x, y] = await Promise.all([act('deptA', c.id, 'return', { reason: 'a' }), act('deptA2', c.id, 'feedback', { note: 'b' })]);
    expect([x.statusCode, y.statusCode]).toContain(200);
  });
});

describe('scope', () => {
  it("answers 404 for another grid's or another unit's case, for reading and for moves", async () => {
    const c = await buildCase(t.ctx.db, w);
    expect((await get('worker2', c.id)).statusCode).toBe(404);
    expect((await act('worker2', c.id, 'accept')).statusCode).toBe(404);
    expect((await get('otherCentre', c.id)).statusCode).toBe(404);
    const res = await act('otherCentre', c.id, 'reject', { reason: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await get('deptA', c.id)).statusCode).toBe(404);
    expect((await get('centre', '999999999999')).statusCode).toBe(404);
    expect(await row(c.id)).toMatchObject({ state: 'reported', version: 1 });
  });
});

describe('refused moves', () => {
  const full = (w: WorkflowWorld, intoId: string) => ({
    reason: 'r', note: 'n', departments: [{ departmentId: String(w.depts[0]!.id), role: 'lead' }], intoCaseId: intoId,
    gridId: String(w.grids[1]!.id), rating: { resolved: true, satisfaction: 'satisfied' }, mediation: { parties: [{ name: 'p', role: 'q' }] },
    until: '2099-01-01T00:00:00Z',
  });

  it('every illegal move → 409 CASE_INVALID_TRANSITION listing exactly the allowed moves (every state, every action)', async () => {
    const into = await buildCase(t.ctx.db, w);
    let refused = 0;
    for (const state of CASE_STATES) {
      const c = await buildCase(t.ctx.db, w, { state });
      for (const who of ['worker', 'centre', 'deptA'] as const) {
        const seen = await get(who === 'deptA' ? 'centre' : who, c.id);
        const allowed: string[] = who === 'deptA' ? [] : seen.json().allowedActions;
        for (const action of [...CASE_ACTIONS, ...DISPATCH_ACTIONS]) {
          if (allowed.includes(action)) continue;
          const res = await act(who, c.id, action, full(w, into.id));
          if (who === 'deptA') { expect(res.statusCode).toBe(404); continue; } // never dispatched to them: not visible
          expect(res.statusCode, `${who} ${action} in ${state}: ${res.body}`).toBe(409);
          expect(res.json().error.code).toBe('CASE_INVALID_TRANSITION');
          expect([...res.json().error.details.allowed].sort()).toEqual([...allowed].sort());
          refused += 1;
        }
      }
      expect(await row(c.id)).toMatchObject({ state, version: 1 });
    }
    expect(refused).toBeGreaterThan(500);
  }, 300_000);

  it('names a missing required field (400) and an unknown action (400)', async () => {
    const c = await buildCase(t.ctx.db, w, { state: 'accepted' });
    const res = await act('worker', c.id, 'escalate', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'reason' } });
    expect((await act('worker', c.id, 'fly_away')).json().error.details.field).toBe('action');
    const bad = await act('centre', c.id, 'dispatch', { departments: [{ departmentId: 'x', role: 'boss' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('departments');
    // A department of another district does not serve this case.
    const far = await act('centre', c.id, 'dispatch', { departments: [{ departmentId: String(other.depts[0]!.id), role: 'lead' }] });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.details.field).toBe('departments');
    expect(await row(c.id)).toMatchObject({ state: 'accepted', version: 1 });
  });

  it('keeps community-level matters out of the grid and enforces the grid admission list', async () => {
    const c = await buildCase(t.ctx.db, w, { category: w.cat.community, state: 'accepted' });
    const res = await act('worker', c.id, 'handle_in_grid');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.allowed).toEqual(expect.arrayContaining(['escalate']));
    expect((await get('worker', c.id)).json().allowedActions).not.toContain('handle_in_grid');
    const [gt] = await queryRows<{ id: string }>(t.ctx.db, sql`INSERT INTO grid_types (code, name_zh, name_en, category, admission)
      VALUES (${`wfgt${Date.now()}`}, '测试类型', 'Test type', 'urban', ${JSON.stringify(['only.this'])}::jsonb) RETURNING id::text`);
    await t.ctx.db.execute(sql`UPDATE units SET grid_type_id = ${gt!.id} WHERE id = ${w.grids[1]!.id}`);
    const g2 = await buildCase(t.ctx.db, w, { category: w.cat.grid, state: 'accepted', gridIndex: 1 });
    const refused = await act('worker2', g2.id, 'handle_in_grid');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('GRID_NOT_ADMITTED');
    expect(await row(g2.id)).toMatchObject({ state: 'accepted', version: 1 });
  });

  it('the community may resolve community-level matters, not department-level ones', async () => {
    const ok = await buildCase(t.ctx.db, w, { category: w.cat.community, state: 'escalated_community' });
    expect((await act('community', ok.id, 'resolve', { note: '已协调' })).json().state).toBe('handled');
    const no = await buildCase(t.ctx.db, w, { category: w.cat.dept, state: 'escalated_community' });
    expect((await act('community', no.id, 'resolve', { note: 'x' })).statusCode).toBe(409);
  });
});

describe('other moves', () => {
  it('reject with a reason; verify_failed reopens; the system closes unrated cases and nothing else', async () => {
    const r = await buildCase(t.ctx.db, w);
    await act('centre', r.id, 'reject', { reason: '不属于受理范围' });
    expect(await row(r.id)).toMatchObject({ state: 'rejected', reject_reason: '不属于受理范围' });
    const f = await buildCase(t.ctx.db, w, { state: 'handled' });
    expect((await act('worker', f.id, 'verify_failed', { reason: '现场未整改' })).json().state).toBe('reopened');
    const u = await buildCase(t.ctx.db, w, { state: 'verified' });
    const sys = { user: null, as: 'system' as const, name: 'system' };
    await expect(applyCaseAction(t.ctx, sys, Number(u.id), 'accept', {})).rejects.toMatchObject({ code: 'CASE_INVALID_TRANSITION' });
    expect((await applyCaseAction(t.ctx, sys, Number(u.id), 'close_unrated', {})).state).toBe('closed');
    expect(await row(u.id)).toMatchObject({ state: 'closed', unrated: true });
  });

  it('suspension: requested, approved by the centre, resumed to the state before', async () => {
    const c = await buildCase(t.ctx.db, w, { state: 'in_grid' });
    expect((await act('centre', c.id, 'approve_suspension')).statusCode).toBe(409);
    expect((await act('worker', c.id, 'request_suspension', { reason: '当事人外出' })).json().state).toBe('in_grid');
    expect((await act('centre', c.id, 'approve_suspension')).json().state).toBe('suspended');
    expect(await row(c.id)).toMatchObject({ state_before: 'in_grid' });
    expect((await act('centre', c.id, 'resume')).json().state).toBe('in_grid');
    expect(await row(c.id)).toMatchObject({ state_before: null });
    // A dispatched case: the department asks, and hears back when it resumes.
    const d = await buildCase(t.ctx.db, w, { category: w.cat.dept, state: 'escalated_street' });
    await act('centre', d.id, 'dispatch', { departments: [{ departmentId: String(w.depts[2]!.id), role: 'lead' }] });
    expect((await act('deptC', d.id, 'request_suspension', { reason: '等待法院判决' })).statusCode).toBe(200);
    await act('centre', d.id, 'approve_suspension');
    expect((await act('centre', d.id, 'resume')).json().state).toBe('dispatched');
    const kinds = (await queryRows<{ kind: string }>(t.ctx.db, sql`SELECT kind FROM notifications WHERE user_id = ${w.users.deptC.id} AND case_id = ${d.id}`)).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['case.dispatch', 'case.approve_suspension', 'case.resume']));
  });

  it('merge: the duplicate points at the target, its reporters get the target’s updates', async () => {
    const target = await buildCase(t.ctx.db, w, { state: 'accepted' });
    const dup = await buildCase(t.ctx.db, w);
    const otherCat = await buildCase(t.ctx.db, w, { category: w.cat.community });
    expect((await act('centre', otherCat.id, 'merge', { intoCaseId: target.id })).statusCode).toBe(400);
    expect((await act('centre', dup.id, 'merge', { intoCaseId: dup.id })).statusCode).toBe(400);
    const res = await act('centre', dup.id, 'merge', { intoCaseId: target.id });
    expect(res.json().state).toBe('merged');
    expect(await row(dup.id)).toMatchObject({ state: 'merged', merged_into_id: target.id });
    const reps = await queryRows<{ tracking_no: string }>(t.ctx.db, sql`SELECT tracking_no FROM case_reporters WHERE case_id = ${target.id}`);
    expect(reps.map((r) => r.tracking_no).sort()).toEqual([target.trackingNo, dup.trackingNo].sort());
    expect((await row(target.id)).version).toBe(2);
    const closed = await buildCase(t.ctx.db, w, { state: 'closed' });
    const late = await buildCase(t.ctx.db, w);
    expect((await act('centre', late.id, 'merge', { intoCaseId: closed.id })).statusCode).toBe(409);
  });

  it('reroute: moves the case to another grid in one step, keeping the history', async () => {
    const c = await buildCase(t.ctx.db, w, { state: 'accepted' });
    const res = await act('centre', c.id, 'reroute', { gridId: String(w.grids[1]!.id), reason: '点位在相邻网格' });
    expect(res.json().state).toBe('accepted');
    expect(await row(c.id)).toMatchObject({ grid_id: String(w.grids[1]!.id), path: w.grids[1]!.path });
    const [e] = await events(c.id, 'case.reroute');
    expect(e).toMatchObject({ fromGridId: String(w.grids[0]!.id), gridId: String(w.grids[1]!.id) });
    expect((await get('worker2', c.id)).statusCode).toBe(200);
    expect((await get('worker', c.id)).statusCode).toBe(404);
    expect((await act('centre', c.id, 'reroute', { gridId: String(other.grids[0]!.id) })).statusCode).toBe(404);
  });
});

describe('case page details', () => {
  it('dispatch deadlines come from the catalogue rules (报到 in calendar hours, handling in working days), with countdowns', async () => {
    const at = new Date('2026-09-30T02:00:00Z'); // Wednesday 10:00 in Shanghai, the eve of the National Day holidays
    setNow(at);
    try {
      const c = await buildCase(t.ctx.db, w, { category: w.cat.dept, state: 'escalated_street', deadlineClass: 'd7' });
      await act('centre', c.id, 'dispatch', { departments: [{ departmentId: String(w.depts[1]!.id), role: 'lead' }] });
      const d = (await get('centre', c.id)).json();
      const cal = await loadCalendar(t.ctx.db);
      expect(d.dispatches[0].ackDueAt).toBe(ackDueAt(at, 'd7').toISOString());
      expect(d.dispatches[0].handleDueAt).toBe(dueAt(at, 'd7', cal).toISOString());
      expect(new Date(d.dispatches[0].handleDueAt).getTime() - at.getTime()).toBeGreaterThanOrEqual(9 * 86400_000); // two weekends at least
      expect(d.dispatches[0].ackRemainingMs).toBe(24 * 3600_000);
      expect(d.countdown).toMatchObject({ dueAt: d.dispatches[0].ackDueAt, remainingMs: 24 * 3600_000, overdue: false });
      setNow(new Date(at.getTime() + 25 * 3600_000));
      const late = (await get('centre', c.id)).json();
      expect(late.dispatches[0].overdue).toBe(true);
      expect(late.countdown.overdue).toBe(true);
      const urgent = await buildCase(t.ctx.db, w, { category: w.cat.dept, state: 'escalated_street', deadlineClass: 'h2' });
      await act('centre', urgent.id, 'dispatch', { departments: [{ departmentId: String(w.depts[1]!.id), role: 'lead' }] });
      const u = (await get('centre', urgent.id)).json().dispatches[0];
      expect(new Date(u.handleDueAt).getTime() - new Date(u.ackDueAt).getTime()).toBe(90 * 60_000);
    } finally {
      setNow(null);
    }
  });

  it('lists photos with their URLs and reporters masked', async () => {
    const c = await buildCase(t.ctx.db, w);
    const [f] = await queryRows<{ id: string }>(t.ctx.db, sql`INSERT INTO case_files (case_id, purpose, mime, bytes, sha256, data, thumb)
      VALUES (${c.id}, 'report', 'image/jpeg', 3, 'x', decode('ffd8ff', 'hex'), decode('ffd8ff', 'hex')) RETURNING id::text`);
    const d = (await get('worker', c.id)).json();
    expect(d.photos).toEqual([expect.objectContaining({ id: f!.id, url: `/api/cases/${c.id}/files/${f!.id}`, thumbUrl: `/api/cases/${c.id}/files/${f!.id}?thumb=1` })]);
    expect(d.reporters).toEqual([expect.objectContaining({ trackingNo: c.trackingNo, phone: '138****0000' })]);
    expect(JSON.stringify(d)).not.toMatch(/1380000\d{4}/);
    expect(d.allowedActions).toEqual(expect.arrayContaining(['accept']));
    expect(d.version).toBe(1);
    expect(d).toMatchObject({ gridCode: w.grids[0]!.code, gridId: String(w.grids[0]!.id), categoryCode: w.cat.grid, holder: 'grid' });
    expect(d.location).toEqual({ lat: expect.closeTo(30.2025, 6), lng: expect.any(Number) });
  });
});
