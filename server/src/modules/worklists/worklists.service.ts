import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import type { AppContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { applyCaseAction, caseVisibleSql } from '../cases/index.js';
import { filterSql, nextDueSql, overdueSql, todoSql } from './worklists.sql.js';
import type { BoardCard, BoardColumn, CaseListItem, ListQuery } from './worklists.schema.js';

type DispatchCard = BoardCard['dispatches'][number];

interface ItemRow {
  id: string; tracking_no: string; title: string; category_code: string | null; category_name: string | null; channel: string;
  state: string; version: number; risk_level: string; priority: number; holder: string; grid_id: string | null; grid_name: string | null;
  address: string | null; lead_department: string | null; created_at: string | Date; next_due: string | Date | null; overdue: boolean;
  warn_level: string; total?: string | number;
}

const iso = (v: string | Date | null): string | null => (v == null ? null : new Date(v).toISOString());

/** The columns of a list row; `now` decides overdue. */
const itemCols = (now: Date) => sql`c.id::text, c.tracking_no, c.title, c.category_code, cc.name_zh AS category_name, c.channel, c.state,
  c.version, c.risk_level, c.priority, c.holder, c.grid_id::text, g.name AS grid_name, c.address, ld.name_zh AS lead_department,
  c.created_at, ${nextDueSql} AS next_due, ${overdueSql(now)} AS overdue, c.warn_level`;
const itemJoins = sql`LEFT JOIN case_categories cc ON cc.code = c.category_code
  LEFT JOIN units g ON g.id = c.grid_id
  LEFT JOIN departments ld ON ld.id = c.lead_department_id`;

function present(r: ItemRow, now: Date): CaseListItem {
  const next = iso(r.next_due);
  return {
    id: r.id, trackingNo: r.tracking_no, title: r.title, category: r.category_code, categoryName: r.category_name, channel: r.channel,
    state: r.state, version: Number(r.version), riskLevel: r.risk_level, priority: Number(r.priority), holder: r.holder, gridId: r.grid_id,
    gridName: r.grid_name, address: r.address, leadDepartment: r.lead_department, createdAt: iso(r.created_at)!,
    nextDueAt: next, msLeft: next ? new Date(next).getTime() - now.getTime() : null, overdue: !!r.overdue, warnLevel: r.warn_level,
  };
}

const where = (conds: SQL[]) => sql.join(conds, sql` AND `);

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

/** Board columns count up to this many cases (then shown as "1000+"). */
export const BOARD_COUNT_CAP = 1000;

/** The centre's dispatch board (派单看板): what to dispatch, waiting for 报到, in progress, overdue. */
export async function dispatchBoard(db: Tx, user: SessionUser, opts: { unitId?: string; limit: number }) {
  const now = clock.now();
  const base = [caseVisibleSql(user), ...filterSql(user, { unitId: opts.unitId }, now)];
  // The board shows what is in the centre's hands: waiting to be dispatched, or dispatched. Triggers keep each
  // case's board column and next deadline on its row (migration 0011_case_board, same rules as nextDueSql and
  // overdueSql: a case on the board is overdue exactly when its next deadline has passed), so every column is a
  // range of one partial index, whatever the size of the history.
  const onTime = sql`(c.next_due_at IS NULL OR c.next_due_at >= ${now})`;
  const columns: Record<BoardColumn, { cond: SQL; order: SQL }> = {
    toDispatch: { cond: sql`c.board_col = 'to_dispatch' AND ${onTime}`, order: sql`c.priority DESC, c.next_due_at ASC NULLS LAST, c.created_at` },
    // A case waiting for 报到 always has a deadline (its sent dispatch's), so the range reads the index in order.
    waitingAck: { cond: sql`c.board_col = 'waiting_ack' AND c.next_due_at >= ${now}`, order: sql`c.next_due_at ASC, c.priority DESC` },
    inProgress: { cond: sql`c.board_col = 'in_progress' AND ${onTime}`, order: sql`c.next_due_at ASC NULLS LAST, c.priority DESC` },
    overdue: { cond: sql`c.board_col IS NOT NULL AND c.next_due_at < ${now}`, order: sql`c.next_due_at ASC, c.priority DESC` },
  };
  const out = {} as Record<BoardColumn, { count: number; capped: boolean; items: BoardCard[] }>;
  const ids: string[] = [];
  for (const [name, col] of Object.entries(columns) as [BoardColumn, { cond: SQL; order: SQL }][]) {
    const cond = where([...base, col.cond]);
    // The page comes from an ordered index range (migration 0011_case_board); the cards' columns are computed for
    // those rows only. The count stops at BOARD_COUNT_CAP: a column of thousands reads "1000+", and counting
    // further would make every board request pay for the whole backlog.
    const rows = await queryRows<ItemRow>(db, sql`
      WITH top AS (SELECT c.id FROM cases c WHERE ${cond} ORDER BY ${col.order} LIMIT ${opts.limit})
      SELECT ${itemCols(now)} FROM top JOIN cases c ON c.id = top.id ${itemJoins} ORDER BY ${col.order}`);
    const [n] = rows.length < opts.limit ? [{ n: rows.length }]
      : await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${cond} LIMIT ${BOARD_COUNT_CAP + 1}) x`);
    const count = Number(n!.n);
    out[name] = { count: Math.min(count, BOARD_COUNT_CAP), capped: count > BOARD_COUNT_CAP, items: rows.map((r) => ({ ...present(r, now), dispatches: [] })) };
    ids.push(...rows.map((r) => r.id));
  }
  if (ids.length) {
    const ds = await queryRows<{ id: string; case_id: string; department_id: string; name: string; role: string; state: string; ack_due_at: string | Date; handle_due_at: string | Date; acknowledged_at: string | Date | null }>(db, sql`
      SELECT d.id::text, d.case_id::text, d.department_id::text, COALESCE(dp.short_name, dp.name_zh) AS name, d.role, d.state,
        d.ack_due_at, d.handle_due_at, d.acknowledged_at
      FROM case_dispatches d JOIN departments dp ON dp.id = d.department_id
      WHERE d.case_id IN (${sql.join([...new Set(ids)].map((i) => sql`${Number(i)}`), sql`, `)}) AND d.state <> 'cancelled'
      ORDER BY d.case_id, d.role DESC, d.id`);
    const by = new Map<string, DispatchCard[]>();
    for (const d of ds) {
      const list = by.get(d.case_id) ?? by.set(d.case_id, []).get(d.case_id)!;
      list.push({
        id: d.id, departmentId: d.department_id, department: d.name, role: d.role, state: d.state,
        ackDueAt: iso(d.ack_due_at)!, handleDueAt: iso(d.handle_due_at)!, acknowledgedAt: iso(d.acknowledged_at),
      });
    }
    for (const col of Object.values(out)) for (const it of col.items) it.dispatches = by.get(it.id) ?? [];
  }
  return { now: now.toISOString(), columns: out };
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
