import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildCase, buildWorkflowWorld, type WorkflowWorld } from '../cases/case.factory.js';
import { advance } from '../../lib/clock.js';
import { FULL_COUNT_TTL_MS } from './board.service.js';
import { nextDueSql, overdueSql } from './worklists.sql.js';

/** Worklists through HTTP, in the catalogue engineer's band (61–62°E): two districts, each with its own cases. */
let t: TestApp;
let A: WorkflowWorld;
let B: WorkflowWorld;
const cookies = new Map<string, string>();
const c: Record<string, string> = {};
const b: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const x0 = 61 + (Date.now() % 40) * 0.02;
  A = await buildWorkflowWorld(t.ctx.db, { x0 });
  B = await buildWorkflowWorld(t.ctx.db, { x0: x0 + 0.011 });
  const mk = async (w: WorkflowWorld, state: string, o: Parameters<typeof buildCase>[2] = {}) => (await buildCase(t.ctx.db, w, { state, ...o })).id;
  c.reported = await mk(A, 'reported');
  c.inGrid = await mk(A, 'in_grid', { category: A.cat.community });
  c.community = await mk(A, 'escalated_community');
  c.street = await mk(A, 'escalated_street', { category: A.cat.dept });
  c.closed = await mk(A, 'closed', { resident: false });
  c.triage = await mk(A, 'reported', { triage: true });
  c.grid2 = await mk(A, 'reported', { gridIndex: 1 });
  c.mediation = await mk(A, 'mediation', { category: A.cat.dispute });
  c.street2 = await mk(A, 'escalated_street', { category: A.cat.dept });
  b.reported = await mk(B, 'reported');
  b.street = await mk(B, 'escalated_street', { category: B.cat.dept });
});
afterAll(() => t?.close());

async function as(u: { username: string; password: string }) {
  if (!cookies.has(u.username)) cookies.set(u.username, await t.login(u.username, u.password));
  return cookies.get(u.username)!;
}
const get = async (u: { username: string; password: string }, url: string) => t.app.inject({ url, headers: { cookie: await as(u) } });
const ids = async (u: { username: string; password: string }, url: string) => {
  const r = await get(u, url);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as { id: string }[]).map((i) => i.id).sort();
};
const sorted = (...xs: string[]) => [...xs].sort();

describe('GET /api/cases', () => {
  it('a grid worker sees their grid only, and their to-do is what waits for them', async () => {
    const all = await ids(A.users.worker, '/api/cases?pageSize=200');
    expect(all).toEqual(sorted(c.reported!, c.inGrid!, c.community!, c.street!, c.closed!, c.mediation!, c.street2!));
    expect(await ids(A.users.worker, '/api/cases?view=todo&pageSize=200')).toEqual(sorted(c.reported!, c.inGrid!));
    expect(await ids(A.users.worker2, '/api/cases?view=todo')).toEqual([c.grid2]);
  });

  it('community, centre and mediator to-dos; another district’s cases never appear', async () => {
    expect(await ids(A.users.community, '/api/cases?view=todo')).toEqual([c.community]);
    expect(await ids(A.users.centre, '/api/cases?view=todo&pageSize=200')).toEqual(sorted(c.street!, c.triage!, c.street2!));
    expect(await ids(A.users.mediator, '/api/cases?view=todo')).toEqual([c.mediation]);
    const centreAll = await ids(A.users.centre, '/api/cases?pageSize=200');
    expect(centreAll).toHaveLength(Object.keys(c).length);
    for (const id of Object.values(b)) expect(centreAll).not.toContain(id);
    expect(await ids(B.users.centre, '/api/cases?view=todo')).toEqual([b.street]);
  });

  it('filters: state, category group, channel, risk, unit, q on tracking number and title, dates, paging', async () => {
    const u = A.users.centre;
    expect(await ids(u, '/api/cases?state=closed')).toEqual([c.closed]);
    expect(await ids(u, '/api/cases?state=closed,mediation')).toEqual(sorted(c.closed!, c.mediation!));
    expect(await ids(u, `/api/cases?category=${A.cat.dept}`)).toEqual(sorted(c.street!, c.street2!));
    const group = A.cat.dept.split('.')[0]!;
    expect(await ids(u, `/api/cases?category=${group}&pageSize=200`)).toHaveLength(Object.keys(c).length);
    expect(await ids(u, '/api/cases?channel=field')).toEqual([c.closed]);
    expect(await ids(u, `/api/cases?unitId=${A.grids[1]!.id}`)).toEqual([c.grid2]);
    const [row] = (await t.ctx.db.execute(sql`SELECT tracking_no FROM cases WHERE id = ${Number(c.inGrid)}`) as unknown as { rows: { tracking_no: string }[] }).rows;
    expect(await ids(u, `/api/cases?q=${row!.tracking_no}`)).toEqual([c.inGrid]);
    await t.ctx.db.execute(sql`UPDATE cases SET title = '独居老人需要帮扶测试', risk_level = 'high', created_at = '2026-01-05T10:00:00+08:00' WHERE id = ${Number(c.grid2)}`);
    expect(await ids(u, `/api/cases?q=${encodeURIComponent('独居老人需要帮扶')}`)).toEqual([c.grid2]);
    expect(await ids(u, '/api/cases?risk=high')).toEqual([c.grid2]);
    expect(await ids(u, '/api/cases?from=2026-01-05&to=2026-01-05')).toEqual([c.grid2]);
    expect(await ids(u, '/api/cases?to=2026-01-04')).toEqual([]);
    const p = (await get(u, '/api/cases?pageSize=2&page=2')).json();
    expect(p).toMatchObject({ total: Object.keys(c).length, page: 2, pageSize: 2 });
    expect(p.items).toHaveLength(2);
  });

  it('overdue: a case past its deadline, with countdowns in the list', async () => {
    await t.ctx.db.execute(sql`UPDATE cases SET due_at = now() - interval '1 hour' WHERE id = ${Number(c.inGrid)}`);
    const r = (await get(A.users.worker, '/api/cases?overdue=true')).json();
    expect(r.items.map((i: { id: string }) => i.id)).toEqual([c.inGrid]);
    expect(r.items[0]).toMatchObject({ overdue: true, nextDueAt: expect.any(String) });
    expect(r.items[0].msLeft).toBeLessThan(0);
    expect(await ids(A.users.worker, '/api/cases?overdue=false&view=todo')).toEqual([c.reported]);
  });

  it('bad filters answer 400 naming the field; no login 401', async () => {
    for (const [q, field] of [['state=bogus', 'state'], ['pageSize=1000', 'pageSize'], ['from=2026-13-40', 'from'], ['view=mine', 'view'], ['unitId=abc', 'unitId'], ['channel=fax', 'channel']]) {
      const r = await get(A.users.centre, `/api/cases?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(r.json().error.message, q).toContain(field);
    }
    expect((await t.app.inject({ url: '/api/cases' })).statusCode).toBe(401);
  });
});

describe('GET /api/cases/counts', () => {
  it('counts per state, open, to-do and overdue within scope', async () => {
    const r = await get(A.users.centre, '/api/cases/counts');
    expect(r.statusCode, r.body).toBe(200);
    const n = r.json();
    expect(n.total).toBe(Object.keys(c).length);
    expect(n.byState).toMatchObject({ escalated_street: 2, closed: 1, mediation: 1 });
    expect(n.open).toBe(n.total - 1);
    expect(n.todo).toBe(3);
    expect((await get(B.users.centre, '/api/cases/counts')).json().total).toBe(Object.keys(b).length);
  });
});

describe('dispatch board and bulk dispatch', () => {
  it('bulk dispatch reports per case: dispatched, another district’s 404, a closed case 409 with allowed moves', async () => {
    const r = await t.app.inject({
      method: 'POST', url: '/api/cases/bulk/dispatch', headers: { cookie: await as(A.users.centre) },
      payload: { caseIds: [c.street, b.street, c.closed], departments: [{ departmentId: String(A.depts[0]!.id), role: 'lead' }, { departmentId: String(A.depts[1]!.id), role: 'assist' }], note: '请尽快处置' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ ok: 1, failed: 2 });
    expect(body.results).toEqual([
      expect.objectContaining({ id: c.street, ok: true, state: 'dispatched' }),
      expect.objectContaining({ id: b.street, ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      expect.objectContaining({ id: c.closed, ok: false, error: expect.objectContaining({ code: 'CASE_INVALID_TRANSITION' }) }),
    ]);
    const [st] = (await t.ctx.db.execute(sql`SELECT state FROM cases WHERE id = ${Number(b.street)}`) as unknown as { rows: { state: string }[] }).rows;
    expect(st!.state).toBe('escalated_street');
  });

  it('the department officer’s to-do is their open dispatch; the board moves it from waiting for 报到 to in progress to overdue', async () => {
    expect(await ids(A.users.deptA, '/api/cases?view=todo')).toEqual([c.street]);
    expect(await ids(A.users.deptC, '/api/cases?view=todo')).toEqual([]);
    const board = async () => {
      const r = await get(A.users.centre, '/api/cases/board');
      expect(r.statusCode, r.body).toBe(200);
      const cols = r.json().columns as Record<string, { count: number; items: { id: string; dispatches: unknown[]; msLeft: number | null }[] }>;
      return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v.items.map((i) => i.id).sort()]));
    };
    expect(await board()).toEqual({ toDispatch: sorted(c.triage!, c.street2!), waitingAck: [c.street], inProgress: [], overdue: expect.any(Array) });
    const card = (await get(A.users.centre, '/api/cases/board')).json().columns.waitingAck.items[0];
    expect(card.dispatches).toHaveLength(2);
    expect(card.dispatches[0]).toMatchObject({ role: 'lead', state: 'sent', ackDueAt: expect.any(String) });
    expect(card.msLeft).toBeGreaterThan(0);

    const ack = await t.app.inject({ method: 'POST', url: `/api/cases/${c.street}/actions/acknowledge`, headers: { cookie: await as(A.users.deptA) }, payload: {} });
    expect(ack.statusCode, ack.body).toBe(200);
    const ack2 = await t.app.inject({ method: 'POST', url: `/api/cases/${c.street}/actions/acknowledge`, headers: { cookie: await as(A.users.deptB) }, payload: {} });
    expect(ack2.statusCode, ack2.body).toBe(200);
    expect((await board()).inProgress).toEqual([c.street]);

    await t.ctx.db.execute(sql`UPDATE case_dispatches SET handle_due_at = now() - interval '1 minute' WHERE case_id = ${Number(c.street)}`);
    const after = await board();
    expect(after.overdue).toContain(c.street);
    expect(after.inProgress).toEqual([]);
    expect(await ids(A.users.deptA, '/api/cases?overdue=true')).toEqual([c.street]);
    expect((await get(B.users.centre, '/api/cases/board')).json().columns.overdue.items.map((i: { id: string }) => i.id)).not.toContain(c.street);
  });

  it('to dispatch: higher priority first, then the nearer deadline, a case without a deadline after those with one', async () => {
    const order = async () => ((await get(A.users.centre, '/api/cases/board')).json().columns.toDispatch.items as { id: string }[]).map((i) => i.id);
    const set = (id: string, priority: number, dueInH: number | null) => t.ctx.db.execute(sql`
      UPDATE cases SET priority = ${priority},
        response_due_at = ${dueInH == null ? null : new Date(Date.now() + dueInH * 3600_000)},
        due_at = ${dueInH == null ? null : new Date(Date.now() + dueInH * 3600_000)} WHERE id = ${Number(id)}`);
    const saved = (await t.ctx.db.execute(sql`SELECT id::text, priority, response_due_at, due_at FROM cases WHERE id IN (${Number(c.triage)}, ${Number(c.street2)})`) as unknown as { rows: { id: string; priority: number; response_due_at: Date | null; due_at: Date | null }[] }).rows;
    try {
      await set(c.triage!, 0, 2); await set(c.street2!, 10, 48);
      expect(await order()).toEqual([c.street2, c.triage]);
      await set(c.street2!, 0, 1);
      expect(await order()).toEqual([c.street2, c.triage]);
      await set(c.street2!, 0, null);
      expect(await order()).toEqual([c.triage, c.street2]);
    } finally {
      for (const r of saved) {
        await t.ctx.db.execute(sql`UPDATE cases SET priority = ${r.priority}, response_due_at = ${r.response_due_at}, due_at = ${r.due_at} WHERE id = ${Number(r.id)}`);
      }
    }
  });

  it('a full board column is counted beyond its page: the counts with one card per column equal the full pages', async () => {
    const all = (await get(A.users.centre, '/api/cases/board?limit=200')).json().columns as Record<string, { count: number; capped: boolean; items: { id: string }[] }>;
    const one = (await get(A.users.centre, '/api/cases/board?limit=1')).json().columns as typeof all;
    expect(all.toDispatch!.items.length).toBeGreaterThan(1);
    for (const [name, col] of Object.entries(all)) {
      expect({ name, count: col.count, capped: col.capped }).toEqual({ name, count: col.items.length, capped: false });
      expect({ name, count: one[name]!.count, items: one[name]!.items.map((i) => i.id) }).toEqual({ name, count: col.items.length, items: col.items.slice(0, 1).map((i) => i.id) });
    }
  });

  it('a full column’s count is reused for FULL_COUNT_TTL_MS on that board, then counted again; short columns are always exact', async () => {
    type Cols = Record<string, { count: number; items: { id: string }[] }>;
    const cols = async (limit: number) => (await get(A.users.centre, `/api/cases/board?limit=${limit}`)).json().columns as Cols;
    const before = await cols(1);
    const extra = await buildCase(t.ctx.db, A, { state: 'reported', triage: true }); // a new matter to dispatch
    try {
      expect((await cols(1)).toDispatch!.count).toBe(before.toDispatch!.count);
      const all = await cols(200);
      expect(all.toDispatch!.count).toBe(before.toDispatch!.count + 1);
      expect(all.toDispatch!.items.map((i) => i.id)).toContain(extra.id);
      advance(FULL_COUNT_TTL_MS + 1);
      expect((await cols(1)).toDispatch!.count).toBe(before.toDispatch!.count + 1);
    } finally {
      advance(-(FULL_COUNT_TTL_MS + 1));
      await t.ctx.db.execute(sql`DELETE FROM case_reporters WHERE case_id = ${Number(extra.id)}`);
      await t.ctx.db.execute(sql`DELETE FROM cases WHERE id = ${Number(extra.id)}`);
    }
  });

  it('the board column and next deadline kept on the row by triggers agree with the list rules for every case', async () => {
    const now = new Date();
    const rows = (await t.ctx.db.execute(sql`
      SELECT c.id::text, c.board_col, c.next_due_at, ${nextDueSql} AS rule_due, ${overdueSql(now)} AS rule_overdue,
        CASE WHEN (c.state IN ('reported', 'accepted') AND c.grid_id IS NULL) OR c.state IN ('escalated_street', 'returned') THEN 'to_dispatch'
             WHEN c.state = 'dispatched' AND EXISTS (SELECT 1 FROM case_dispatches d WHERE d.case_id = c.id AND d.state = 'sent') THEN 'waiting_ack'
             WHEN c.state = 'dispatched' THEN 'in_progress' END AS rule_col
      FROM cases c WHERE c.id IN (${sql.join(Object.values(c).map((i) => sql`${Number(i)}`), sql`, `)})`) as unknown as {
      rows: { id: string; board_col: string | null; next_due_at: string | Date | null; rule_due: string | Date | null; rule_overdue: boolean; rule_col: string | null }[] }).rows;
    expect(rows.length).toBe(Object.keys(c).length);
    const ms = (d: string | Date | null) => (d == null ? null : new Date(d).getTime());
    for (const r of rows) {
      expect({ id: r.id, col: r.board_col, due: ms(r.next_due_at) }).toEqual({ id: r.id, col: r.rule_col, due: ms(r.rule_due) });
      if (r.board_col) expect({ id: r.id, overdue: r.next_due_at != null && ms(r.next_due_at)! < now.getTime() }).toEqual({ id: r.id, overdue: !!r.rule_overdue });
    }
    expect(rows.some((r) => r.board_col === 'to_dispatch') && rows.some((r) => r.board_col === null)).toBe(true);
  });

  it('the board and bulk dispatch need cases.dispatch', async () => {
    expect((await get(A.users.worker, '/api/cases/board')).statusCode).toBe(403);
    const r = await t.app.inject({ method: 'POST', url: '/api/cases/bulk/dispatch', headers: { cookie: await as(A.users.community) },
      payload: { caseIds: [c.street2], departments: [{ departmentId: String(A.depts[0]!.id), role: 'lead' }] } });
    expect(r.statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'POST', url: '/api/cases/bulk/dispatch', headers: { cookie: await as(A.users.centre) }, payload: { caseIds: [], departments: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('caseIds');
  });
});
