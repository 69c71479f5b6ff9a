import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { CASE_STATES, CHANNELS, SATISFACTION } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildCase, buildWorkflowWorld, type WorkflowWorld } from '../cases/case.factory.js';
import { FACTORY_PASSWORD } from '../users/index.js';
import { bandX0, insertDispatch, insertFixtureCase } from './indicators.fixture.js';
import { rebuildRollups, rollupSnapshot } from './rollups.js';

/**
 * Rollups kept by the triggers equal a rebuild from scratch: after 2,000 random moves of matters and dispatches
 * (every column the rollups read, reroutes and recategorisations included), and after real workflow journeys.
 */
let t: TestApp;
let w: WorkflowWorld;
let unitIds: number[];

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorkflowWorld(t.ctx.db, { x0: bandX0() });
  unitIds = [...w.grids.map((g) => g.id), w.district.id, w.community.id, w.town.id];
}, 240_000);
afterAll(async () => { await t?.close(); });

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

async function randomMoves(db: Tx, moves: number, seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  // Times spread over ten days around Asia/Shanghai midnights, so day boundaries are crossed often.
  const at = () => new Date(Date.UTC(2026, 5, 1, 16, 0) + Math.floor((r() - 0.2) * 10 * 86_400_000));
  const cats = Object.values(w.cat);
  const ids: string[] = [];
  const dispatches: string[] = [];
  const counts: Record<string, number> = {};
  for (let i = 0; i < 30; i++) {
    ids.push(await insertFixtureCase(db, w, { key: `r${i}`, grid: pick([0, 1] as const), state: 'reported', created: at().toISOString(), channel: pick(CHANNELS) }));
  }
  for (let m = 0; m < moves; m++) {
    const id = pick(ids);
    const op = pick(['state', 'state', 'respond', 'rate', 'close', 'reroute', 'triage', 'recategorise', 'channel', 'dispatch', 'handle', 'extend', 'insert', 'delete', 'unrate']);
    counts[op] = (counts[op] ?? 0) + 1;
    switch (op) {
      case 'state': await db.execute(sql`UPDATE cases SET state = ${pick(CASE_STATES)}, version = version + 1 WHERE id = ${id}`); break;
      case 'respond': await db.execute(sql`UPDATE cases SET first_response_at = ${at()}, response_due_at = ${r() < 0.2 ? null : at()} WHERE id = ${id}`); break;
      case 'rate': await db.execute(sql`UPDATE cases SET rated_at = ${at()}, resolved = ${r() < 0.6}, satisfaction = ${pick(SATISFACTION)} WHERE id = ${id}`); break;
      case 'unrate': await db.execute(sql`UPDATE cases SET rated_at = NULL, satisfaction = NULL, resolved = NULL WHERE id = ${id}`); break;
      case 'close': await db.execute(sql`UPDATE cases SET state = ${pick(['closed', 'closed', 'rejected', 'merged', 'reopened'])}, closed_at = ${r() < 0.8 ? at() : null} WHERE id = ${id}`); break;
      case 'reroute': {
        const g = pick(w.grids);
        await db.execute(sql`UPDATE cases SET grid_id = ${g.id}, owner_unit_id = NULL, path = ${g.path}::ltree WHERE id = ${id}`);
        break;
      }
      case 'triage': await db.execute(sql`UPDATE cases SET grid_id = NULL, owner_unit_id = ${w.district.id}, path = ${w.district.path}::ltree WHERE id = ${id}`); break;
      case 'recategorise': await db.execute(sql`UPDATE cases SET category_code = ${r() < 0.15 ? null : pick(cats)} WHERE id = ${id}`); break;
      case 'channel': await db.execute(sql`UPDATE cases SET channel = ${pick(CHANNELS)} WHERE id = ${id}`); break;
      case 'dispatch': {
        await insertDispatch(db, w, id, { created: at().toISOString(), due: at().toISOString(), dept: Math.floor(r() * 3) });
        const [d] = await queryRows<{ id: string }>(db, sql`SELECT max(id)::text AS id FROM case_dispatches WHERE case_id = ${id}`);
        dispatches.push(d!.id);
        break;
      }
      case 'handle':
        if (dispatches.length) await db.execute(sql`UPDATE case_dispatches SET state = 'handled', handled_at = ${r() < 0.85 ? at() : null} WHERE id = ${pick(dispatches)}`);
        break;
      case 'extend':
        if (dispatches.length) await db.execute(sql`UPDATE case_dispatches SET handle_due_at = ${at()}, department_id = ${pick(w.depts).id} WHERE id = ${pick(dispatches)}`);
        break;
      case 'insert':
        ids.push(await insertFixtureCase(db, w, { key: `i${m}`, grid: pick([0, 1] as const), state: pick(CASE_STATES), created: at().toISOString(), channel: pick(CHANNELS) }));
        break;
      case 'delete': {
        if (ids.length < 10) break;
        ids.splice(ids.indexOf(id), 1);
        const gone = await queryRows<{ id: string }>(db, sql`DELETE FROM case_dispatches WHERE case_id = ${id} RETURNING id::text`);
        for (const g of gone) dispatches.splice(dispatches.indexOf(g.id), 1);
        await db.execute(sql`DELETE FROM case_reporters WHERE case_id = ${id}`);
        await db.execute(sql`DELETE FROM cases WHERE id = ${id}`);
        break;
      }
    }
  }
  return counts;
}

describe('analytics rollups', () => {
  it('incremental rollups equal a rebuild after 2,000 random case moves', async () => {
    const counts = await randomMoves(t.ctx.db, 2000, 20261205);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(2000);
    const incremental = await rollupSnapshot(t.ctx.db, unitIds);
    const parsed = JSON.parse(incremental) as { state: unknown[]; daily: unknown[]; dispatch: unknown[] };
    expect(parsed.state.length).toBeGreaterThan(20);
    expect(parsed.daily.length).toBeGreaterThan(10);
    expect(parsed.dispatch.length).toBeGreaterThan(5);
    await rebuildRollups(t.ctx.db);
    expect(await rollupSnapshot(t.ctx.db, unitIds)).toBe(incremental);
  }, 600_000);

  it('workflow journeys through the API keep the rollups equal to a rebuild', async () => {
    const login = (u: { username: string }) => t.login(u.username, FACTORY_PASSWORD);
    const cookies = { worker: await login(w.users.worker), leader: await login(w.users.leader), centre: await login(w.users.centre), deptA: await login(w.users.deptA) };
    const act = async (who: keyof typeof cookies, id: string, action: string, payload: Record<string, unknown> = {}) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions/${action}`, headers: { cookie: cookies[who] }, payload });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    };
    const grid = await buildCase(t.ctx.db, w, { category: w.cat.grid, resident: false });
    await act('worker', grid.id, 'accept');
    await act('worker', grid.id, 'handle_in_grid');
    await act('worker', grid.id, 'resolve', { note: '已处理' });
    await act('leader', grid.id, 'verify');
    const dept = await buildCase(t.ctx.db, w, { category: w.cat.dept });
    await act('centre', dept.id, 'accept');
    await act('centre', dept.id, 'dispatch', { departments: [{ departmentId: String(w.depts[0]!.id), role: 'lead' }] });
    const [d] = await queryRows<{ id: string }>(t.ctx.db, sql`SELECT id::text FROM case_dispatches WHERE case_id = ${dept.id}`);
    await act('deptA', dept.id, 'acknowledge', { dispatchId: d!.id });
    await act('deptA', dept.id, 'feedback', { dispatchId: d!.id, note: '已修复' });
    const [row] = await queryRows<{ handled: number; on_time: number }>(t.ctx.db, sql`
      SELECT sum(handled)::int AS handled, sum(handled_on_time)::int AS on_time FROM dispatch_daily_rollups
      WHERE department_id = ${w.depts[0]!.id} AND day >= '2026-07-01'`); // the random moves stay in June
    expect(row).toEqual({ handled: 1, on_time: 1 });
    const incremental = await rollupSnapshot(t.ctx.db, unitIds);
    await rebuildRollups(t.ctx.db);
    expect(await rollupSnapshot(t.ctx.db, unitIds)).toBe(incremental);
  }, 300_000);
});
