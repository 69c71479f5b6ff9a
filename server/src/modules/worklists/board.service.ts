import { sql, type SQL } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Tx } from '../../db/client.js';
import { pgArray, preparedRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import type { SessionUser } from '../../lib/scope.js';
import { caseVisibleSql } from '../cases/index.js';
import { filterSql } from './worklists.sql.js';
import { iso, itemJoins, present, where, type ItemRow } from './worklists.items.js';
import type { BoardCard, BoardColumn } from './worklists.schema.js';

type DispatchCard = BoardCard['dispatches'][number];

/** Board columns count up to this many cases (then shown as "1000+"). */
export const BOARD_COUNT_CAP = 1000;

/**
 * The count of a FULL column (more cards than the page shows) is kept this long per scope and shared by everyone
 * looking at that board: a centre's operators all watch one board, and counting a column of hundreds costs more
 * than the rest of the request. Cards, and the counts of columns shorter than a page, are always read fresh.
 */
export const FULL_COUNT_TTL_MS = 5_000;
const fullCounts = new LRUCache<string, { at: number; n: Partial<Record<BoardColumn, number>> }>({ max: 10_000 });

const COLUMNS: BoardColumn[] = ['toDispatch', 'waitingAck', 'inProgress', 'overdue'];

/**
 * Each column as index ranges. Triggers keep each case's board column and next deadline on its row (migration
 * 0011_case_board, same rules as nextDueSql and overdueSql: a case on the board is overdue exactly when its next
 * deadline has passed), so every column's page and count read a partial index, whatever the size of the history.
 * A column "on time" (next deadline ahead, or none) is two ranges, never one OR, which the index cannot bound: with
 * thousands of overdue cases in a column, an OR made every request step over all of them.
 */
function columnSql(now: Date, base: SQL, limit: number): Record<BoardColumn, { ids: SQL; order: SQL; count: SQL[] }> {
  // Limits are literals (the page size is a checked integer): the statements are prepared, and a plan for an
  // unknown LIMIT is costed as if it read a tenth of the table.
  const lim = sql.raw(String(Math.trunc(limit)));
  const ahead = sql`c.next_due_at >= ${now}`;
  const none = sql`c.next_due_at IS NULL`;
  // Every page yields the card ids with their sort keys (all in the board indexes), so they can be put in order later.
  const range = (cond: SQL, order: SQL) => sql`(SELECT c.id, c.priority, c.next_due_at, c.created_at FROM cases c WHERE ${base} AND ${cond} ORDER BY ${order} LIMIT ${lim})`;
  const toDispatch = sql`c.board_col = 'to_dispatch'`;
  const inProgress = sql`c.board_col = 'in_progress'`;
  return {
    // Most urgent first: per priority (a handful of values, found by a loose index scan), deadlines ahead in order,
    // then those without one.
    toDispatch: {
      ids: sql`(WITH RECURSIVE pr AS (
          SELECT max(c.priority) AS p FROM cases c WHERE ${toDispatch}
          UNION ALL
          SELECT (SELECT max(c.priority) FROM cases c WHERE ${toDispatch} AND c.priority < pr.p) FROM pr WHERE pr.p IS NOT NULL)
        SELECT x.* FROM pr CROSS JOIN LATERAL (
          ${range(sql`${toDispatch} AND c.priority = pr.p AND ${ahead}`, sql`c.next_due_at, c.created_at`)}
          UNION ALL
          ${range(sql`${toDispatch} AND c.priority = pr.p AND ${none}`, sql`c.created_at`)}) x
        WHERE pr.p IS NOT NULL
        ORDER BY x.priority DESC, x.next_due_at ASC NULLS LAST, x.created_at LIMIT ${lim})`,
      order: sql`c.priority DESC, c.next_due_at ASC NULLS LAST, c.created_at`,
      count: [sql`${toDispatch} AND ${ahead}`, sql`${toDispatch} AND ${none}`],
    },
    // A case waiting for 报到 always has a deadline (its sent dispatch's), so the range reads the index in order.
    waitingAck: {
      ids: range(sql`c.board_col = 'waiting_ack' AND ${ahead}`, sql`c.next_due_at ASC, c.priority DESC`),
      order: sql`c.next_due_at ASC, c.priority DESC`,
      count: [sql`c.board_col = 'waiting_ack' AND ${ahead}`],
    },
    inProgress: {
      ids: sql`(SELECT x.* FROM (
          ${range(sql`${inProgress} AND ${ahead}`, sql`c.next_due_at ASC, c.priority DESC`)}
          UNION ALL
          ${range(sql`${inProgress} AND ${none}`, sql`c.priority DESC`)}) x
        ORDER BY x.next_due_at ASC NULLS LAST, x.priority DESC LIMIT ${lim})`,
      order: sql`c.next_due_at ASC NULLS LAST, c.priority DESC`,
      count: [sql`${inProgress} AND ${ahead}`, sql`${inProgress} AND ${none}`],
    },
    overdue: {
      ids: range(sql`c.board_col IS NOT NULL AND c.next_due_at < ${now}`, sql`c.next_due_at ASC, c.priority DESC`),
      order: sql`c.next_due_at ASC, c.priority DESC`,
      count: [sql`c.board_col IS NOT NULL AND c.next_due_at < ${now}`],
    },
  };
}

/** A card's columns: the deadline and overdue flag are the row's own (kept by the triggers), no per-card subquery. */
const cardCols = (now: Date) => sql`c.id::text, c.tracking_no, c.title, c.category_code, cc.name_zh AS category_name, c.channel, c.state,
  c.version, c.risk_level, c.priority, c.holder, c.grid_id::text, g.name AS grid_name, c.address, ld.name_zh AS lead_department,
  c.created_at, c.next_due_at AS next_due, COALESCE(c.next_due_at < ${now}, false) AS overdue, c.warn_level`;

/**
 * The centre's dispatch board (派单看板): what to dispatch, waiting for 报到, in progress, overdue. Two steps whatever
 * the board holds: the four pages' ids in one statement, then the cards, the counts of the full columns and the
 * cards' dispatches in three parallel ones (all prepared statements: planned once per connection). Counts stop at
 * BOARD_COUNT_CAP: a column of thousands reads "1000+", and counting further would make every board request pay for
 * the whole backlog; the count of a full column is reused for FULL_COUNT_TTL_MS.
 */
export async function dispatchBoard(db: Tx, user: SessionUser, opts: { unitId?: string; limit: number }) {
  const now = clock.now();
  const base = where([caseVisibleSql(user), ...filterSql(user, { unitId: opts.unitId }, now)]);
  const cols = columnSql(now, base, opts.limit);
  // First the card ids of the four pages in order (index ranges only: quick to plan and to run), then what the
  // cards show, the counts of full columns and the dispatches, side by side.
  const pages = COLUMNS.map((name, i) => sql`(
    SELECT ${i}::int AS col, c.id::text AS id, row_number() OVER (ORDER BY ${cols[name].order}) AS ord FROM ${cols[name].ids} c)`);
  const ids = await preparedRows<{ col: number; id: string; ord: string }>(db, sql`
    SELECT * FROM (${sql.join(pages, sql` UNION ALL `)}) p ORDER BY p.col, p.ord`);
  const pageOf = (i: number) => ids.filter((r) => Number(r.col) === i).map((r) => r.id);
  const full = COLUMNS.filter((_, i) => pageOf(i).length >= opts.limit);
  const countKey = `${user.scopePath ?? '*'}|${user.departmentId ?? ''}|${opts.unitId ?? ''}`;
  const hit = fullCounts.get(countKey);
  // By the workflow clock, either way: a test moving it back in time never meets counts "from the future".
  const known = hit && Math.abs(now.getTime() - hit.at) <= FULL_COUNT_TTL_MS ? hit.n : undefined;
  const toCount = full.filter((name) => known?.[name] === undefined);
  const [cards, counted, dispatches] = await Promise.all([
    cardsById(db, ids.map((r) => Number(r.id)), now),
    toCount.length ? preparedRows<Record<BoardColumn, number>>(db, sql`SELECT ${sql.join(toCount.map((name) => sql`(${sql.join(cols[name].count.map((cond) => sql`
      (SELECT count(*) FROM (SELECT 1 FROM cases c WHERE ${base} AND ${cond} LIMIT ${sql.raw(String(BOARD_COUNT_CAP + 1))}) x)`), sql` + `)})::int AS ${sql.identifier(name)}`), sql`, `)}`).then((r) => r[0]!)
      : Promise.resolve({} as Record<BoardColumn, number>),
    dispatchesOf(db, [...new Set(ids.map((r) => Number(r.id)))]),
  ]);
  const n: Partial<Record<BoardColumn, number>> = { ...known, ...counted };
  if (toCount.length) fullCounts.set(countKey, { at: known ? hit!.at : now.getTime(), n });

  const out = {} as Record<BoardColumn, { count: number; capped: boolean; items: BoardCard[] }>;
  COLUMNS.forEach((name, i) => {
    const page = pageOf(i);
    // A column shorter than its page is counted exactly; a full one may use a count up to FULL_COUNT_TTL_MS old.
    const count = full.includes(name) ? Math.max(Number(n[name]), page.length) : page.length;
    out[name] = {
      count: Math.min(count, BOARD_COUNT_CAP), capped: count > BOARD_COUNT_CAP,
      items: page.map((id) => ({ ...present(cards.get(id)!, now), dispatches: dispatches.get(id) ?? [] })),
    };
  });
  return { now: now.toISOString(), columns: out };
}

/** What a card shows, for the cards of the board (a case can be on one column only, so ids are distinct). */
async function cardsById(db: Tx, ids: number[], now: Date): Promise<Map<string, ItemRow>> {
  if (!ids.length) return new Map();
  const rows = await preparedRows<ItemRow>(db, sql`
    SELECT ${cardCols(now)} FROM cases c ${itemJoins} WHERE c.id = ANY(${pgArray(ids)}::bigint[])`);
  return new Map(rows.map((r) => [r.id, r]));
}

/** Each card's dispatches (departments, roles, 报到 and handling deadlines), in one query for the whole board. */
async function dispatchesOf(db: Tx, ids: number[]): Promise<Map<string, DispatchCard[]>> {
  const by = new Map<string, DispatchCard[]>();
  if (!ids.length) return by;
  const ds = await preparedRows<{ id: string; case_id: string; department_id: string; name: string; role: string; state: string; ack_due_at: string | Date; handle_due_at: string | Date; acknowledged_at: string | Date | null }>(db, sql`
    SELECT d.id::text, d.case_id::text, d.department_id::text, COALESCE(dp.short_name, dp.name_zh) AS name, d.role, d.state,
      d.ack_due_at, d.handle_due_at, d.acknowledged_at
    FROM case_dispatches d JOIN departments dp ON dp.id = d.department_id
    WHERE d.case_id = ANY(${pgArray(ids)}::bigint[]) AND d.state <> 'cancelled'
    ORDER BY d.case_id, d.role DESC, d.id`);
  for (const d of ds) {
    const list = by.get(d.case_id) ?? by.set(d.case_id, []).get(d.case_id)!;
    list.push({
      id: d.id, departmentId: d.department_id, department: d.name, role: d.role, state: d.state,
      ackDueAt: iso(d.ack_due_at)!, handleDueAt: iso(d.handle_due_at)!, acknowledgedAt: iso(d.acknowledged_at),
    });
  }
  return by;
}
