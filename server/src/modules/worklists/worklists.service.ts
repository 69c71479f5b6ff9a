import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import type { AppContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { applyCaseAction, caseVisibleSql } from '../cases/index.js';
import { filterSql, overdueSql, todoSql } from './worklists.sql.js';
import type { ListQuery } from './worklists.schema.js';
import { itemCols, itemJoins, present, where, type ItemRow } from './worklists.items.js';

export async function listCases(db: Tx, user: SessionUser, q: ListQuery) {
  const now = clock.now();
  const conds = [caseVisibleSql(user), ...filterSql(user, q, now)];
  // Todo lists put the most pressing first; the full list newest first.
  const order = q.view === 'todo'
    ? sql`c.priority DESC, next_due ASC NULLS LAST, c.created_at`
    : sql`c.created_at DESC, c.id DESC`;
  const rows = await queryRows<ItemRow>(db, sql`
    SELECT ${itemCols(now)}, count(*) OVER () AS total
    FROM cases c ${itemJoins}
    WHERE ${where(conds)}
    ORDER BY ${order}
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (!rows.length && q.page > 1) {
    const [c] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM cases c WHERE ${where(conds)}`);
    total = c!.n;
  }
  return { items: rows.map((r) => present(r, now)), total, page: q.page, pageSize: q.pageSize };
}

export async function caseCounts(db: Tx, user: SessionUser, unitId?: string) {
  const now = clock.now();
  const conds = [caseVisibleSql(user), ...filterSql(user, { unitId }, now)];
  const rows = await queryRows<{ state: string; n: number; overdue: number; todo: number }>(db, sql`
    SELECT c.state, count(*)::int AS n, count(*) FILTER (WHERE ${overdueSql(now)})::int AS overdue,
      count(*) FILTER (WHERE ${todoSql(user)})::int AS todo
    FROM cases c WHERE ${where(conds)} GROUP BY c.state`);
  const byState: Record<string, number> = {};
  let total = 0; let open = 0; let overdue = 0; let todo = 0;
  for (const r of rows) {
    byState[r.state] = r.n;
    total += r.n; overdue += r.overdue; todo += r.todo;
    if (!['closed', 'merged', 'rejected'].includes(r.state)) open += r.n;
  }
  return { total, open, overdue, todo, byState };
}

export interface BulkDispatchInput {
  caseIds: string[];
  departments: { departmentId: string; role: 'lead' | 'assist'; instructions?: string }[];
  note?: string;
}

/** 批量派单: one applyCaseAction per case, each in its own transaction, so one refusal never undoes the others. */
export async function bulkDispatch(ctx: AppContext, user: SessionUser, input: BulkDispatchInput) {
  const results: { id: string; ok: boolean; state?: string; version?: number; error?: { code: string; message: string; details?: Record<string, unknown> } }[] = [];
  const departments = input.departments.map((d) => ({ departmentId: Number(d.departmentId), role: d.role, ...(d.instructions ? { instructions: d.instructions } : {}) }));
  for (const id of [...new Set(input.caseIds)]) {
    try {
      const r = await applyCaseAction(ctx, { user, as: user.role, name: user.displayName }, Number(id), 'dispatch', {
        departments, ...(input.note ? { note: input.note } : {}),
      });
      results.push({ id, ok: true, state: r.state, version: r.version });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, ok: false, error: { code: err.code, message: err.message, details: err.details } });
    }
  }
  const ok = results.filter((r) => r.ok).length;
  return { ok, failed: results.length - ok, results };
}
