import { sql, type SQL } from 'drizzle-orm';
import type { SessionUser } from '../../lib/scope.js';
import type { ListQuery } from './worklists.schema.js';

/**
 * SQL fragments on a `cases` row aliased `c`, shared by the list, the counts and the dispatch board.
 * Every time comparison takes `now` from clock.now() (never SQL now()), so tests can move time.
 */

/** States in which someone is working on the case, so a deadline can be missed. */
const WORK_STATES = sql`('reported', 'accepted', 'in_grid', 'escalated_community', 'escalated_street', 'mediation', 'dispatched', 'returned', 'reopened')`;
const OPEN_DISPATCH = sql`('sent', 'acknowledged')`;

/** An open dispatch of the case that is late: not acknowledged (报到) in time, or not handled in time. */
export const lateDispatchSql = (now: Date): SQL => sql`EXISTS (SELECT 1 FROM case_dispatches od
  WHERE od.case_id = c.id AND od.state IN ${OPEN_DISPATCH}
    AND ((od.state = 'sent' AND od.ack_due_at < ${now}) OR od.handle_due_at < ${now}))`;

/** Overdue: the first response (受理) or the case's own deadline passed, or a dispatch is late. */
export const overdueSql = (now: Date): SQL => sql`(c.state IN ${WORK_STATES} AND (
  (c.state = 'reported' AND c.response_due_at < ${now})
  OR (c.state NOT IN ('reported', 'dispatched') AND c.due_at < ${now})
  OR (c.state = 'dispatched' AND ${lateDispatchSql(now)})))`;

/** The next deadline that matters now: an open dispatch's 报到 or handling deadline, else the case's own. */
export const nextDueSql = sql`CASE
  WHEN c.state = 'dispatched' THEN (SELECT min(CASE WHEN nd.state = 'sent' THEN nd.ack_due_at ELSE nd.handle_due_at END)
    FROM case_dispatches nd WHERE nd.case_id = c.id AND nd.state IN ${OPEN_DISPATCH})
  WHEN c.state = 'reported' THEN c.response_due_at
  WHEN c.state IN ${WORK_STATES} THEN c.due_at
  END`;

/** Centre work: triage (no grid), escalated to the street, returned by a department, pending approvals. */
const centreTodo = sql`(
  (c.state IN ('reported', 'accepted') AND c.grid_id IS NULL)
  OR c.state IN ('escalated_street', 'returned')
  OR (c.suspension_requested IS NOT NULL AND c.state NOT IN ('suspended', 'closed', 'merged', 'rejected'))
  OR EXISTS (SELECT 1 FROM case_dispatches xd WHERE xd.case_id = c.id AND xd.state = 'acknowledged' AND xd.extension->>'state' = 'requested'))`;

/** Supervision (督办): an open supervision item of the case within the user's area. */
const supervisionTodo = (user: SessionUser) => sql`EXISTS (SELECT 1 FROM supervision_items si
  WHERE si.case_id = c.id AND si.closed_at IS NULL ${user.scopePath === null ? sql`` : sql`AND si.path <@ ${user.scopePath}::ltree`})`;

/** "My to-do" per role: what is waiting for this user's next move. */
export function todoSql(user: SessionUser): SQL {
  switch (user.role) {
    case 'grid_worker': case 'grid_leader': case 'police_officer':
      return sql`(c.grid_id IS NOT NULL AND c.state IN ('reported', 'accepted', 'in_grid', 'reopened', 'handled'))`;
    case 'community_cadre':
      return sql`(c.state = 'escalated_community' OR (c.state = 'handled' AND c.holder = 'community'))`;
    case 'centre_operator': case 'street_cadre': case 'admin':
      return sql`(${centreTodo} OR ${supervisionTodo(user)})`;
    case 'department_officer':
      return user.departmentId == null ? sql`false` : sql`EXISTS (SELECT 1 FROM case_dispatches td
        WHERE td.case_id = c.id AND td.department_id = ${user.departmentId} AND td.state IN ${OPEN_DISPATCH})`;
    case 'mediator':
      return sql`c.state = 'mediation'`;
    default:
      // Everyone else follows what they recorded themselves until it is finished.
      return sql`(c.created_by = ${user.id} AND c.state NOT IN ('closed', 'merged', 'rejected'))`;
  }
}

/** A date filter: a bare date is a whole day in Asia/Shanghai. */
function instant(s: string, endOfDay: boolean): Date {
  if (s.length !== 10) return new Date(s);
  const d = new Date(`${s}T00:00:00+08:00`);
  return endOfDay ? new Date(d.getTime() + 24 * 3600_000) : d;
}

/** The WHERE conditions of the list filters (besides scope). */
export function filterSql(user: SessionUser, q: Partial<ListQuery>, now: Date): SQL[] {
  const w: SQL[] = [];
  if (q.view === 'todo') w.push(todoSql(user));
  if (q.state?.length) w.push(sql`c.state IN (${sql.join(q.state.map((s) => sql`${s}`), sql`, `)})`);
  if (q.category) w.push(sql`(c.category_code = ${q.category} OR c.category_code LIKE ${`${q.category.replace(/[\\%_]/g, '\\$&')}.%`})`);
  if (q.unitId) w.push(sql`c.path <@ (SELECT path FROM units WHERE id = ${Number(q.unitId)})`);
  if (q.overdue !== undefined) w.push(q.overdue ? overdueSql(now) : sql`NOT ${overdueSql(now)}`);
  if (q.channel?.length) w.push(sql`c.channel IN (${sql.join(q.channel.map((s) => sql`${s}`), sql`, `)})`);
  if (q.risk?.length) w.push(sql`c.risk_level IN (${sql.join(q.risk.map((s) => sql`${s}`), sql`, `)})`);
  if (q.from) w.push(sql`c.created_at >= ${instant(q.from, false)}`);
  if (q.to) w.push(sql`c.created_at < ${instant(q.to, true)}`);
  if (q.q) {
    const like = q.q.replace(/[\\%_]/g, '\\$&');
    w.push(sql`(c.tracking_no LIKE ${`${like}%`} OR c.title ILIKE ${`%${like}%`})`);
  }
  return w;
}
