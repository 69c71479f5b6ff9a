import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { setNow } from '../../lib/clock.js';
import { ackDueAt, dueAt, type WorkCalendar } from '../catalogue/deadlines.js';
import { markSwept, runDeadlines, sweepKind } from './deadline.job.js';
import { buildLadder, insertCase, insertDispatch, notificationsOf, type Ladder } from './supervision.fixture.js';

/**
 * The deadline job with a controlled clock. A 7-working-day dispatch on Wed 2026-04-29 10:00 (Shanghai) runs over
 * the Labour Day holiday (May 1–5), the make-up workday Sat May 9 and the weekend of May 10: due Tue May 12 10:00.
 */
const seedFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed/work-calendar.json');
const days = (JSON.parse(fs.readFileSync(seedFile, 'utf8')) as { days: { day: string; kind: string }[] }).days;
const cal: WorkCalendar = {
  holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
  workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
};
const START = new Date('2026-04-29T02:00:00Z'); // 10:00 Asia/Shanghai

let t: TestApp;
let l: Ladder;

beforeAll(async () => {
  t = await createTestApp();
  l = await buildLadder(t.ctx.db, 66.6);
});
afterEach(() => setNow(null));
afterAll(() => t?.close());

const run = () => runDeadlines(t.ctx, { scopePath: l.district.path });
const at = (d: Date) => setNow(d);
async function dispatchRow(id: number) {
  const [r] = await queryRows<{ ack_warn: string; handle_warn: string }>(t.ctx.db, sql`SELECT ack_warn, handle_warn FROM case_dispatches WHERE id = ${id}`);
  return r!;
}
async function items(caseId: number) {
  return queryRows<{ kind: string; unit_id: string; path: string; dispatch_id: string | null; closed_at: string | null }>(t.ctx.db, sql`
    SELECT kind, unit_id::text, path::text, dispatch_id::text, closed_at FROM supervision_items WHERE case_id = ${caseId} ORDER BY id`);
}
async function auditCount(caseId: number, action: string) {
  const [r] = await queryRows<{ n: number }>(t.ctx.db, sql`
    SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'case' AND entity_id = ${String(caseId)} AND action = ${action}`);
  return r!.n;
}

describe('deadline job', { timeout: 120_000 }, () => {
  it('computes the 7-working-day deadline across the holiday, the make-up workday and the weekend', () => {
    expect(dueAt(START, 'd7', cal).toISOString()).toBe('2026-05-12T02:00:00.000Z');
  });

  it('turns a handling deadline yellow exactly at 75 %, red at 100 %, urging and supervising once each', async () => {
    const due = dueAt(START, 'd7', cal);
    const caseId = await insertCase(t.ctx.db, l, { state: 'dispatched', createdAt: START });
    const d = await insertDispatch(t.ctx.db, l, caseId, { state: 'acknowledged', createdAt: START, ackDueAt: ackDueAt(START, 'd7'), handleDueAt: due });
    const yellowAt = new Date(START.getTime() + (due.getTime() - START.getTime()) * 0.75);
    expect(yellowAt.toISOString()).toBe('2026-05-08T20:00:00.000Z'); // 9.75 of 13 calendar days: Sat May 9 04:00 Shanghai

    at(new Date(yellowAt.getTime() - 1000));
    await run();
    expect((await dispatchRow(d)).handle_warn).toBe('none');
    expect(await notificationsOf(t.ctx.db, l.officer.id, caseId)).toEqual([]);

    at(yellowAt);
    await run();
    await run(); // a second run changes nothing
    await Promise.all([run(), run()]); // nor do two concurrent runs
    expect((await dispatchRow(d)).handle_warn).toBe('yellow');
    const urges = await notificationsOf(t.ctx.db, l.officer.id, caseId);
    expect(urges).toEqual([{ kind: 'case.urge', title: expect.stringContaining('办理即将到期') }]);
    expect((await notificationsOf(t.ctx.db, l.centre.id, caseId)).map((n) => n.kind)).toEqual(['case.deadline_warning']);
    expect(await items(caseId)).toEqual([]); // yellow opens no supervision item

    at(new Date(due.getTime() - 1000));
    await run();
    expect((await dispatchRow(d)).handle_warn).toBe('yellow');

    at(due);
    await Promise.all([run(), run()]);
    await run();
    expect((await dispatchRow(d)).handle_warn).toBe('red');
    expect((await notificationsOf(t.ctx.db, l.officer.id, caseId)).map((n) => n.kind)).toEqual(['case.urge', 'case.urge']);
    expect((await notificationsOf(t.ctx.db, l.centre.id, caseId)).map((n) => n.kind)).toEqual(['case.deadline_warning', 'case.supervise']);
    // One supervision item in the district centre's queue (a department answers to the district).
    expect(await items(caseId)).toEqual([{ kind: 'handle_overdue', unit_id: String(l.district.id), path: l.district.path, dispatch_id: String(d), closed_at: null }]);
    // One return visit (回访) task, announced to the grid.
    const [task] = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM case_tasks WHERE case_id = ${caseId} AND kind = 'return_visit'`);
    expect(task!.n).toBe(1);
    expect((await notificationsOf(t.ctx.db, l.worker.id, caseId)).map((n) => n.kind)).toEqual(['case.return_visit']);
    expect(await auditCount(caseId, 'case.deadline_warn')).toBe(2);
    // The department hands in its feedback: the item closes by itself, audited.
    await t.ctx.db.execute(sql`UPDATE case_dispatches SET state = 'handled' WHERE id = ${d}`);
    await run();
    expect((await items(caseId))[0]!.closed_at).not.toBeNull();
    expect(await auditCount(caseId, 'case.supervision_close')).toBe(1);
  });

  it('jumps straight to red when the job was not running at 75 %, and watches acknowledgement (报到) too', async () => {
    const start = new Date('2026-06-01T01:00:00Z');
    const caseId = await insertCase(t.ctx.db, l, { state: 'dispatched', createdAt: start });
    const d = await insertDispatch(t.ctx.db, l, caseId, { state: 'sent', createdAt: start, ackDueAt: ackDueAt(start, 'd7'), handleDueAt: dueAt(start, 'd7', cal) });
    at(new Date(start.getTime() + 25 * 3600_000));
    await run();
    expect(await dispatchRow(d)).toEqual({ ack_warn: 'red', handle_warn: 'none' });
    expect((await notificationsOf(t.ctx.db, l.officer.id, caseId)).map((n) => n.title)).toEqual([expect.stringContaining('报到已超期')]);
    expect((await items(caseId)).map((i) => i.kind)).toEqual(['ack_overdue']);
    await t.ctx.db.execute(sql`UPDATE case_dispatches SET state = 'acknowledged' WHERE id = ${d}`);
    await run();
    expect((await items(caseId))[0]!.closed_at).not.toBeNull();
  });

  it('watches a reported case\'s response deadline (grid urged, community supervises) and clears it once accepted', async () => {
    const start = new Date('2026-06-02T01:00:00Z');
    const caseId = await insertCase(t.ctx.db, l, { state: 'reported', createdAt: start, responseDueAt: new Date(start.getTime() + 24 * 3600_000) });
    at(new Date(start.getTime() + 18 * 3600_000));
    await run();
    expect((await notificationsOf(t.ctx.db, l.worker.id, caseId)).map((n) => n.kind)).toEqual(['case.urge']);
    expect((await notificationsOf(t.ctx.db, l.cadre.id, caseId)).map((n) => n.kind)).toEqual(['case.deadline_warning']);
    at(new Date(start.getTime() + 24 * 3600_000));
    await run();
    expect(await items(caseId)).toEqual([{ kind: 'accept_overdue', unit_id: String(l.community.id), path: l.community.path, dispatch_id: null, closed_at: null }]);
    const [c] = await queryRows<{ warn_level: string }>(t.ctx.db, sql`SELECT warn_level FROM cases WHERE id = ${caseId}`);
    expect(c!.warn_level).toBe('red');
    // Accepted with a fresh in-grid deadline: the old red clears, the item closes.
    await t.ctx.db.execute(sql`UPDATE cases SET state = 'accepted', accepted_at = ${new Date(start.getTime() + 25 * 3600_000)},
      due_at = ${dueAt(start, 'd7', cal)} WHERE id = ${caseId}`);
    at(new Date(start.getTime() + 26 * 3600_000));
    await run();
    const [c2] = await queryRows<{ warn_level: string }>(t.ctx.db, sql`SELECT warn_level FROM cases WHERE id = ${caseId}`);
    expect(c2!.warn_level).toBe('none');
    expect((await items(caseId))[0]!.closed_at).not.toBeNull();
    // The in-grid deadline then runs its own course: red → the community supervises, a return visit is due.
    at(dueAt(start, 'd7', cal));
    await run();
    expect((await items(caseId)).filter((i) => !i.closed_at).map((i) => [i.kind, i.unit_id])).toEqual([['handle_overdue', String(l.community.id)]]);
  });

  it('a deadline with microseconds (set in SQL) is marked once and never claimed again', async () => {
    const start = new Date('2026-06-15T01:00:00Z');
    const caseId = await insertCase(t.ctx.db, l, { state: 'reported', createdAt: start });
    await t.ctx.db.execute(sql`UPDATE cases SET response_due_at = '2026-06-15 03:00:00.123456+00' WHERE id = ${caseId}`);
    at(new Date('2026-06-15T04:00:00Z'));
    await run();
    const [c] = await queryRows<{ warn_level: string }>(t.ctx.db, sql`SELECT warn_level FROM cases WHERE id = ${caseId}`);
    expect(c!.warn_level).toBe('red');
    const again = await t.ctx.db.transaction((tx) => sweepKind(tx, 'response', new Date('2026-06-15T04:00:00Z'), sql`c.id = ${caseId}`));
    expect(again).toEqual({ claimed: 0, changed: 0 });
  });

  it('markSwept records a bulk-loaded backlog as already handled: the job then urges nobody', async () => {
    const start = new Date('2026-06-16T01:00:00Z');
    const late = await insertCase(t.ctx.db, l, { state: 'reported', createdAt: start, responseDueAt: new Date('2026-06-16T03:00:00Z') });
    const d = await insertDispatch(t.ctx.db, l, await insertCase(t.ctx.db, l, { state: 'dispatched', createdAt: start }),
      { state: 'sent', createdAt: start, ackDueAt: ackDueAt(start, 'd7'), handleDueAt: dueAt(start, 'd7', cal) });
    const now = new Date(start.getTime() + 30 * 24 * 3600_000);
    at(now);
    expect(await t.ctx.db.transaction((tx) => markSwept(tx, now))).toBeGreaterThanOrEqual(3);
    const [c] = await queryRows<{ warn_level: string }>(t.ctx.db, sql`SELECT warn_level FROM cases WHERE id = ${late}`);
    expect(c!.warn_level).toBe('red');
    expect(await dispatchRow(d)).toEqual({ ack_warn: 'red', handle_warn: 'red' });
    expect(await run()).toBe(0);
    expect(await auditCount(late, 'case.deadline_warn')).toBe(0);
  });

  it('pauses suspended cases', async () => {
    const start = new Date('2026-06-03T01:00:00Z');
    const caseId = await insertCase(t.ctx.db, l, { state: 'suspended', createdAt: start });
    const d = await insertDispatch(t.ctx.db, l, caseId, { state: 'sent', createdAt: start, ackDueAt: ackDueAt(start, 'd7'), handleDueAt: dueAt(start, 'd7', cal) });
    at(new Date(start.getTime() + 30 * 24 * 3600_000));
    await run();
    expect(await dispatchRow(d)).toEqual({ ack_warn: 'none', handle_warn: 'none' });
  });

  it('closes cases verified 7 days ago and still unrated, through the workflow as the system', async () => {
    const verifiedAt = new Date('2026-06-10T01:00:00Z');
    const old = await insertCase(t.ctx.db, l, { state: 'verified', createdAt: new Date('2026-06-01T01:00:00Z'), verifiedAt, resident: true });
    at(new Date(verifiedAt.getTime() + 7 * 24 * 3600_000 - 1000));
    await run();
    const state = async () => (await queryRows<{ state: string }>(t.ctx.db, sql`SELECT state FROM cases WHERE id = ${old}`))[0]!.state;
    expect(await state()).toBe('verified');
    at(new Date(verifiedAt.getTime() + 7 * 24 * 3600_000));
    await run();
    expect(await state()).toBe('closed');
    const [c] = await queryRows<{ unrated: boolean }>(t.ctx.db, sql`SELECT unrated FROM cases WHERE id = ${old}`);
    expect(c!.unrated).toBe(true);
    expect(await auditCount(old, 'case.close_unrated')).toBe(1);
  });

  it('an unrated close that fails for another reason than a refused move fails the run naming the case; the others still close', async () => {
    const verifiedAt = new Date('2026-07-10T01:00:00Z');
    const stuck = await insertCase(t.ctx.db, l, { state: 'verified', createdAt: new Date('2026-07-01T01:00:00Z'), verifiedAt, resident: true });
    const fine = await insertCase(t.ctx.db, l, { state: 'verified', createdAt: new Date('2026-07-01T02:00:00Z'), verifiedAt, resident: true });
    await t.ctx.db.execute(sql.raw(`CREATE FUNCTION test_refuse_close() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (test)'; END $$`));
    await t.ctx.db.execute(sql.raw(`CREATE TRIGGER test_refuse_close BEFORE UPDATE ON cases FOR EACH ROW WHEN (OLD.id = ${Number(stuck)})
      EXECUTE FUNCTION test_refuse_close()`));
    try {
      at(new Date(verifiedAt.getTime() + 8 * 24 * 3600_000));
      await expect(run()).rejects.toThrow(new RegExp(`1 failed \\(case ${stuck}\\): .*disk full`));
      const states = await queryRows<{ id: string; state: string }>(t.ctx.db, sql`SELECT id::text, state FROM cases WHERE id IN (${Number(stuck)}, ${Number(fine)}) ORDER BY id`);
      expect(Object.fromEntries(states.map((r) => [r.id, r.state]))).toEqual({ [String(stuck)]: 'verified', [String(fine)]: 'closed' });
    } finally {
      await t.ctx.db.execute(sql.raw('DROP TRIGGER test_refuse_close ON cases'));
      await t.ctx.db.execute(sql.raw('DROP FUNCTION test_refuse_close()'));
    }
  });
});
