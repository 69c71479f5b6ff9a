import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, SYSTEM_ACTOR } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import type { AppContext } from '../../lib/context.js';
import { notify, publishCaseChanged } from '../notify/index.js';
import { chainOf, holderLevel, nextUp, peopleAt, type Level } from './ladder.js';
import { closeResolvedItems } from './supervision.service.js';
import { closeUnrated } from './close-unrated.js';

/**
 * Deadlines (Must-have 7): yellow at 75 % of the allowed time, red at 100 %, for each open dispatch's
 * acknowledgement (报到) and handling deadline, a reported case's response deadline and an accepted case's in-grid
 * handling deadline (due_at). A change of level urges (催办) the holder, tells the next level up, and on red opens
 * a supervision item (督办) and, for handling deadlines, a return-visit (回访) task. Suspended cases are paused.
 *
 * Safe with several instances: candidate rows are claimed FOR UPDATE SKIP LOCKED, and every side effect hangs on
 * inserting a deadline_marks row (primary key per case, dispatch, deadline, level), so it happens exactly once.
 * 75 % is of the calendar span from start to deadline (the deadline itself already skips rest days).
 */
export type DeadlineKind = 'ack' | 'handle' | 'response' | 'due';

interface KindDef { dispatch: boolean; due: SQL; start: SQL; warnCol: SQL; where: SQL; label: string; supervision: string; handling: boolean }

const CASE_DUE_STATES = ['accepted', 'in_grid', 'escalated_community', 'escalated_street'];
const KINDS: Record<DeadlineKind, KindDef> = {
  ack: { dispatch: true, due: sql`d.ack_due_at`, start: sql`d.created_at`, warnCol: sql`d.ack_warn`, where: sql`d.state = 'sent'`, label: '报到', supervision: 'ack_overdue', handling: false },
  handle: { dispatch: true, due: sql`d.handle_due_at`, start: sql`d.created_at`, warnCol: sql`d.handle_warn`, where: sql`d.state IN ('sent', 'acknowledged')`, label: '办理', supervision: 'handle_overdue', handling: true },
  response: { dispatch: false, due: sql`c.response_due_at`, start: sql`c.created_at`, warnCol: sql`c.warn_level`, where: sql`c.state = 'reported' AND c.response_due_at IS NOT NULL`, label: '受理', supervision: 'accept_overdue', handling: false },
  due: { dispatch: false, due: sql`c.due_at`, start: sql`COALESCE(c.accepted_at, c.created_at)`, warnCol: sql`c.warn_level`, where: sql`c.state IN ('accepted', 'in_grid', 'escalated_community', 'escalated_street') AND c.due_at IS NOT NULL`, label: '处置', supervision: 'handle_overdue', handling: true },
};

const levelSql = (now: Date, k: KindDef) => sql`CASE WHEN ${now}::timestamptz >= ${k.due} THEN 'red'
  WHEN ${now}::timestamptz >= ${k.start} + (${k.due} - ${k.start}) * 0.75 THEN 'yellow' ELSE 'none' END`;

interface Hit {
  case_id: string; dispatch_id: string; due_at: string; level: 'yellow' | 'red'; path: string | null; grid_id: string | null;
  state: string; version: number; tracking_no: string; title: string; department_id: string | null; department_name: string | null;
}

const BATCH = 100;

/**
 * A deadline as marked: to the millisecond. The mark is written from a JavaScript Date (milliseconds), while a
 * deadline set in SQL (now() + interval, a bulk import) has microseconds; compared unrounded, such a case never
 * found its mark and was claimed again on every pass.
 */
const msOf = (due: SQL) => sql`date_trunc('milliseconds', ${due})`;

/**
 * The rows of a deadline kind that are yellow or red at `now` (at or past 75 % of their time), as a FROM … WHERE with
 * aliases c (the case) and d (its dispatch, for dispatch deadlines).
 */
const pastWarningSql = (k: KindDef, now: Date, scope: SQL) => sql`
  FROM cases c ${k.dispatch ? sql`JOIN case_dispatches d ON d.case_id = c.id` : sql``}
  WHERE ${k.where} AND ${scope} AND c.state NOT IN ('suspended', 'closed', 'merged', 'rejected')
    AND ${now}::timestamptz >= ${k.start} + (${k.due} - ${k.start}) * 0.75`;

/** One pass of one deadline kind: claims up to BATCH rows whose level changed, applies each change (exported for tests). */
export async function sweepKind(tx: Tx, kind: DeadlineKind, now: Date, scope: SQL): Promise<{ claimed: number; changed: number }> {
  const k = KINDS[kind];
  const lvl = levelSql(now, k);
  const dispatchId = k.dispatch ? sql`d.id` : sql`0`;
  const key = k.dispatch ? sql`d.id` : sql`c.id`;
  // Candidates first, without locking (for a matter's own deadline, from a covering index alone: migration 0018),
  // then the few that changed are locked and read. A row another instance changed in between is harmless: its
  // side effects hang on the deadline_marks insert.
  const hits = await queryRows<Hit>(tx, sql`
    WITH cand AS (
      SELECT ${key} AS id ${pastWarningSql(k, now, scope)}
        AND (${k.warnCol} <> ${lvl} OR NOT EXISTS (SELECT 1 FROM deadline_marks m WHERE m.case_id = ${k.dispatch ? sql`d.case_id` : sql`c.id`}
          AND m.dispatch_id = ${dispatchId} AND m.kind = ${kind} AND m.due_at = ${msOf(k.due)} AND m.level = ${lvl}))
      ORDER BY ${k.due} LIMIT ${BATCH})
    SELECT c.id::text AS case_id, ${dispatchId}::text AS dispatch_id, ${k.due} AS due_at, ${lvl} AS level,
      c.path::text AS path, c.grid_id::text AS grid_id, c.state, c.version, c.tracking_no, c.title,
      ${k.dispatch ? sql`d.department_id::text AS department_id, dep.name_zh AS department_name` : sql`NULL::text AS department_id, NULL::text AS department_name`}
    FROM cand JOIN ${k.dispatch ? sql`case_dispatches d ON d.id = cand.id JOIN cases c ON c.id = d.case_id JOIN departments dep ON dep.id = d.department_id` : sql`cases c ON c.id = cand.id`}
    WHERE ${k.where} AND c.state NOT IN ('suspended', 'closed', 'merged', 'rejected')
    ORDER BY ${k.due}
    FOR UPDATE OF ${k.dispatch ? sql`d` : sql`c`} SKIP LOCKED`);
  let changed = 0;
  for (const h of hits) if (await applyLevel(tx, kind, h, now)) changed += 1;
  return { claimed: hits.length, changed };
}

async function applyLevel(tx: Tx, kind: DeadlineKind, h: Hit, now: Date): Promise<boolean> {
  const k = KINDS[kind];
  const caseId = Number(h.case_id);
  const dispatchId = Number(h.dispatch_id);
  const due = new Date(h.due_at);
  if (k.dispatch) {
    await tx.execute(kind === 'ack'
      ? sql`UPDATE case_dispatches SET ack_warn = ${h.level} WHERE id = ${dispatchId}`
      : sql`UPDATE case_dispatches SET handle_warn = ${h.level} WHERE id = ${dispatchId}`);
  } else {
    await tx.execute(sql`UPDATE cases SET warn_level = ${h.level} WHERE id = ${caseId}`);
  }
  const marked = await queryRows<{ case_id: string }>(tx, sql`
    INSERT INTO deadline_marks (case_id, dispatch_id, kind, due_at, level, at)
    VALUES (${caseId}, ${dispatchId}, ${kind}, ${due}, ${h.level}, ${now})
    ON CONFLICT DO NOTHING RETURNING case_id::text`);
  if (!marked.length) return false; // someone (another instance, an earlier run) already raised this warning

  const chain = await chainOf(tx, h.path);
  const holder: Level = k.dispatch ? 'department' : holderLevel(h.state, h.grid_id != null);
  const assignee = peopleAt(chain, holder, h.department_id ? Number(h.department_id) : null);
  const up = nextUp(chain, holder);
  const red = h.level === 'red';
  const what = `${h.department_name ? `${h.department_name}` : ''}${k.label}`;
  const dueText = due.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const body = `${h.tracking_no} ${h.title}；${k.label}期限 ${dueText}`;
  if (assignee.to) {
    await notify(tx, assignee.to, { kind: 'case.urge', title: `【催办】${h.tracking_no} ${k.label}${red ? '已超期' : '即将到期'}`, body, caseId, sms: red });
  }
  if (up.to) {
    await notify(tx, up.to, { kind: red ? 'case.supervise' : 'case.deadline_warning', title: `【${red ? '督办' : '预警'}】${h.tracking_no} ${what}${red ? '已超期' : '即将到期'}`, body, caseId });
  }
  let supervisionId: string | null = null;
  let taskId: string | null = null;
  if (red) {
    const [s] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO supervision_items (case_id, dispatch_id, kind, unit_id, path, opened_at)
      VALUES (${caseId}, ${k.dispatch ? dispatchId : null}, ${k.supervision}, ${up.unit?.id ?? null}, ${up.unit?.path ?? h.path}::ltree, ${now})
      ON CONFLICT DO NOTHING RETURNING id::text`);
    supervisionId = s?.id ?? null;
    if (k.handling) {
      const [task] = await queryRows<{ id: string }>(tx, sql`
        INSERT INTO case_tasks (case_id, kind, path, due_at, created_at)
        VALUES (${caseId}, 'return_visit', ${h.path}::ltree, ${new Date(due.getTime() + 24 * 3600_000)}, ${now})
        ON CONFLICT DO NOTHING RETURNING id::text`);
      taskId = task?.id ?? null;
      const grid = peopleAt(chain, 'grid');
      if (taskId && grid.to) {
        await notify(tx, grid.to, { kind: 'case.return_visit', title: `【回访】${h.tracking_no} ${what}已超期，请回访群众`, body, caseId });
      }
    }
  }
  await audit(tx, SYSTEM_ACTOR, {
    action: 'case.deadline_warn', entityType: 'case', entityId: caseId, unitPath: h.path, at: now,
    after: {
      deadline: kind, level: h.level, dueAt: due.toISOString(), dispatchId: k.dispatch ? String(dispatchId) : null,
      department: h.department_name, urged: assignee.level, supervisedBy: up.level, supervisionItemId: supervisionId, returnVisitTaskId: taskId,
    },
  });
  await publishCaseChanged(tx, { caseId, state: h.state, version: h.version });
  return true;
}

/**
 * Records every current deadline level as already handled (warn columns and marks) WITHOUT urges, supervision
 * items or notifications: for matters loaded in bulk (a legacy system's backlog, benchmark data), which a live job
 * would have handled long ago; without it the first runs after the load would urge every late matter at once.
 * Returns the number of marks written.
 */
export async function markSwept(tx: Tx, now: Date): Promise<number> {
  let n = 0;
  for (const kind of Object.keys(KINDS) as DeadlineKind[]) {
    const k = KINDS[kind];
    const warn = k.dispatch
      ? sql`UPDATE case_dispatches d SET ${sql.raw(kind === 'ack' ? 'ack_warn' : 'handle_warn')} = lv.level FROM lv WHERE d.id = lv.dispatch_id`
      : sql`UPDATE cases c SET warn_level = lv.level FROM lv WHERE c.id = lv.case_id`;
    const [r] = await queryRows<{ n: number }>(tx, sql`
      WITH lv AS (
        SELECT c.id AS case_id, ${k.dispatch ? sql`d.id` : sql`0::bigint`} AS dispatch_id, ${msOf(k.due)} AS due_at, ${levelSql(now, k)} AS level
        ${pastWarningSql(k, now, sql`true`)}
      ), warn AS (${warn}), marks AS (
        INSERT INTO deadline_marks (case_id, dispatch_id, kind, due_at, level, at)
        SELECT case_id, dispatch_id, ${kind}, due_at, level, ${now} FROM lv ON CONFLICT DO NOTHING RETURNING 1)
      SELECT count(*)::int AS n FROM marks`);
    n += Number(r?.n ?? 0);
  }
  return n;
}

/**
 * A case's own warn level belongs to its current deadline: when the case moves on (accepted, dispatched, …) a
 * level left from the previous deadline is cleared.
 */
async function clearStaleCaseWarnings(tx: Tx, now: Date, scope: SQL): Promise<number> {
  const resp = levelSql(now, KINDS.response);
  const due = levelSql(now, KINDS.due);
  const rows = await queryRows<{ id: string }>(tx, sql`
    UPDATE cases c SET warn_level = 'none' WHERE c.warn_level <> 'none' AND ${scope} AND c.state <> 'suspended' AND NOT (
      (c.state = 'reported' AND c.response_due_at IS NOT NULL AND ${resp} <> 'none')
      OR (c.state IN (${sql.join(CASE_DUE_STATES.map((s) => sql`${s}`), sql`, `)}) AND c.due_at IS NOT NULL AND ${due} <> 'none'))
    RETURNING c.id::text`);
  return rows.length;
}

/**
 * One run of the deadline job; returns how many warnings, closures and auto-closes it made. `scopePath` limits a
 * run to cases under that unit (tests sharing one database; a manual re-run for one district).
 */
export async function runDeadlines(ctx: AppContext, opts: { scopePath?: string } = {}): Promise<number> {
  const now = clock.now();
  const scope = opts.scopePath ? sql`c.path <@ ${opts.scopePath}::ltree` : sql`true`;
  let n = 0;
  for (const kind of Object.keys(KINDS) as DeadlineKind[]) {
    // Batches until a pass finds nothing (each batch its own short transaction).
    for (let guard = 0; guard < 100; guard++) {
      const { claimed, changed } = await ctx.db.transaction((tx) => sweepKind(tx, kind, now, scope));
      n += changed;
      // A full batch with no change made no progress (another instance got there first): the next run looks again.
      if (claimed < BATCH || changed === 0) break;
    }
  }
  await ctx.db.transaction((tx) => clearStaleCaseWarnings(tx, now, scope));
  n += await ctx.db.transaction((tx) => closeResolvedItems(tx, now, scope));
  n += await closeUnrated(ctx, now, scope);
  return n;
}
