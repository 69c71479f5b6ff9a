import { sql } from 'drizzle-orm';
import { DUTY_FREQUENCIES, type DutyFrequency, type FieldTask } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { dutiesOf, fieldGrids, type Duty, type FieldGrid } from './grids.js';
import { idempotent } from './idempotent.js';
import { clientTime } from './patrol.service.js';
import { localDate, parseTaskId, periodOf, periodOfKey, taskId, type Period } from './periods.js';

const freqOf = (f: string): DutyFrequency => ((DUTY_FREQUENCIES as readonly string[]).includes(f) ? f as DutyFrequency : 'as_needed');

interface Done { grid_id: string; duty_code: string; period_key: string; completed_at: Date | string; name: string | null; note: string | null }

function present(g: FieldGrid, d: Duty, p: Period, done: Done | undefined): FieldTask {
  return {
    id: taskId(g.id, d.code, p.key), gridId: String(g.id), dutyCode: d.code, zh: d.zh, en: d.en, frequency: freqOf(d.frequency),
    periodKey: p.key, periodStart: p.start, periodEnd: p.end, done: Boolean(done),
    completedAt: done ? new Date(done.completed_at).toISOString() : null, completedByName: done?.name ?? null, note: done?.note ?? null,
  };
}

async function completions(tx: Tx, keys: { gridId: number; dutyCode: string; periodKey: string }[]): Promise<Map<string, Done>> {
  if (!keys.length) return new Map();
  const rows = await queryRows<Done>(tx, sql`
    SELECT c.grid_id::text, c.duty_code, c.period_key, c.completed_at, u.display_name AS name, c.note
    FROM duty_task_completions c LEFT JOIN users u ON u.id = c.completed_by
    JOIN jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k("gridId" bigint, "dutyCode" text, "periodKey" text)
      ON k."gridId" = c.grid_id AND k."dutyCode" = c.duty_code AND k."periodKey" = c.period_key`);
  return new Map(rows.map((r) => [taskId(r.grid_id, r.duty_code, r.period_key), r]));
}

/** Duty tasks of the user's grids for the periods holding `date` (Shanghai calendar; default today). */
export async function tasksFor(tx: Tx, user: SessionUser, f: { gridId?: number; date?: string }): Promise<{ date: string; items: FieldTask[] }> {
  const date = f.date ?? localDate(clock.now());
  const grids = await fieldGrids(tx, user, f.gridId);
  const duties = await dutiesOf(tx, grids);
  const plan = grids.flatMap((g) => (duties.get(g.id) ?? []).map((d) => ({ g, d, p: periodOf(freqOf(d.frequency), date) })));
  const done = await completions(tx, plan.map(({ g, d, p }) => ({ gridId: g.id, dutyCode: d.code, periodKey: p.key })));
  return { date, items: plan.map(({ g, d, p }) => present(g, d, p, done.get(taskId(g.id, d.code, p.key)))) };
}

async function resolveTask(tx: Tx, user: SessionUser, id: string) {
  const k = parseTaskId(id);
  if (!k) throw new AppError('VALIDATION_FAILED', 'Task id must be gridId:dutyCode:periodKey', { field: 'id' });
  const [g] = await fieldGrids(tx, user, k.gridId);
  const d = (await dutiesOf(tx, [g!])).get(g!.id)?.find((x) => x.code === k.dutyCode);
  if (!d) throw new AppError('NOT_FOUND', `Duty ${k.dutyCode} is not on grid ${k.gridId}'s list`, { field: 'id' });
  const p = periodOfKey(freqOf(d.frequency), k.periodKey);
  if (!p) throw new AppError('VALIDATION_FAILED', `Period ${k.periodKey} does not fit a ${d.frequency} duty`, { field: 'id' });
  if (p.start > localDate(clock.now())) throw new AppError('VALIDATION_FAILED', 'That period has not started yet', { field: 'id' });
  return { g: g!, d, p };
}

/** Marks a duty done for its period (one mark per grid and period, whoever of the grid did it). Repeat = no-op. */
export async function completeTask(db: Db, user: SessionUser, actor: Actor, id: string, b: { note?: string; at?: string } | null | undefined, key: string | undefined) {
  const now = clock.now();
  return idempotent(db, { userId: user.id, key, request: { op: 'task.complete', id, b }, at: now }, async (tx): Promise<FieldTask> => {
    const { g, d, p } = await resolveTask(tx, user, id);
    const at = clientTime(b?.at, now, 'at');
    const ins = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO duty_task_completions (grid_id, path, duty_code, period_key, completed_by, completed_at, note)
      VALUES (${g.id}, ${g.path}::ltree, ${d.code}, ${p.key}, ${user.id}, ${at}, ${b?.note ?? null})
      ON CONFLICT (grid_id, duty_code, period_key) DO NOTHING RETURNING id::text`);
    if (ins.length) await audit(tx, actor, { action: 'field.task.complete', entityType: 'duty_task', entityId: id, unitPath: g.path, after: { dutyCode: d.code, periodKey: p.key } });
    const done = await completions(tx, [{ gridId: g.id, dutyCode: d.code, periodKey: p.key }]);
    return present(g, d, p, done.get(id));
  });
}

/** Undoes a completion marked by mistake. */
export async function reopenTask(db: Db, user: SessionUser, actor: Actor, id: string): Promise<FieldTask> {
  return db.transaction(async (tx) => {
    const { g, d, p } = await resolveTask(tx, user, id);
    const del = await queryRows<{ id: string }>(tx, sql`
      DELETE FROM duty_task_completions WHERE grid_id = ${g.id} AND duty_code = ${d.code} AND period_key = ${p.key} RETURNING id::text`);
    if (del.length) await audit(tx, actor, { action: 'field.task.reopen', entityType: 'duty_task', entityId: id, unitPath: g.path, before: { done: true }, after: { done: false } });
    return present(g, d, p, undefined);
  });
}
