import { sql, type SQL } from 'drizzle-orm';
import { can } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, SYSTEM_ACTOR, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { inScope, type SessionUser } from '../../lib/scope.js';
import { notify } from '../notify/index.js';
import { chainOf, holderLevel, peopleAt } from './ladder.js';

/** Supervisors: whoever holds cases.supervise (centre, street, community), each for its own subtree. Deny by default. */
export function canSupervise(user: SessionUser): boolean {
  return can(user.role, 'cases.supervise');
}
export function requireSupervisor(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!canSupervise(user)) throw new AppError('FORBIDDEN', `Role ${user.role} has no supervision queue`, { role: user.role });
  return user;
}

export interface SupervisionQuery { state: 'open' | 'closed' | 'all'; kind?: string; caseId?: string; unitId?: string; limit: number; offset: number }

export interface SupervisionItem {
  id: string; caseId: string; trackingNo: string; caseTitle: string; caseState: string; kind: string;
  dispatchId: string | null; departmentName: string | null; dueAt: string | null; unitId: string | null; unitName: string | null;
  openedAt: string; closedAt: string | null; note: string | null;
}

const iso = (v: string | null) => (v == null ? null : new Date(v).toISOString());

/** Items in the caller's scope (path <@ their unit), oldest open first. */
export async function listItems(tx: Tx, user: SessionUser, q: SupervisionQuery): Promise<{ items: SupervisionItem[]; total: number }> {
  const conds = [inScope(user, sql`s.path`)];
  if (q.state === 'open') conds.push(sql`s.closed_at IS NULL`);
  if (q.state === 'closed') conds.push(sql`s.closed_at IS NOT NULL`);
  if (q.kind) conds.push(sql`s.kind = ${q.kind}`);
  if (q.caseId) conds.push(sql`s.case_id = ${Number(q.caseId)}`);
  if (q.unitId) conds.push(sql`s.path <@ (SELECT path FROM units WHERE id = ${Number(q.unitId)})`);
  const where = sql.join(conds, sql` AND `);
  const rows = await queryRows<{
    id: string; case_id: string; tracking_no: string; title: string; state: string; kind: string; dispatch_id: string | null;
    dept: string | null; due_at: string | null; unit_id: string | null; unit_name: string | null; opened_at: string; closed_at: string | null; note: string | null;
  }>(tx, sql`
    SELECT s.id::text, s.case_id::text, c.tracking_no, c.title, c.state, s.kind, s.dispatch_id::text, dep.name_zh AS dept,
      CASE s.kind WHEN 'ack_overdue' THEN d.ack_due_at WHEN 'accept_overdue' THEN c.response_due_at
        ELSE COALESCE(d.handle_due_at, c.due_at) END AS due_at,
      s.unit_id::text, u.name AS unit_name, s.opened_at, s.closed_at, s.note
    FROM supervision_items s JOIN cases c ON c.id = s.case_id
    LEFT JOIN case_dispatches d ON d.id = s.dispatch_id LEFT JOIN departments dep ON dep.id = d.department_id
    LEFT JOIN units u ON u.id = s.unit_id
    WHERE ${where} ORDER BY s.closed_at IS NOT NULL, s.opened_at, s.id LIMIT ${q.limit} OFFSET ${q.offset}`);
  const [t] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM supervision_items s WHERE ${where}`);
  return {
    total: t!.n,
    items: rows.map((r) => ({
      id: r.id, caseId: r.case_id, trackingNo: r.tracking_no, caseTitle: r.title, caseState: r.state, kind: r.kind,
      dispatchId: r.dispatch_id, departmentName: r.dept, dueAt: iso(r.due_at), unitId: r.unit_id, unitName: r.unit_name,
      openedAt: iso(r.opened_at)!, closedAt: iso(r.closed_at), note: r.note,
    })),
  };
}

/** Closes an item in the caller's scope with a note (404 outside it, 409 when already closed). */
export async function closeItem(tx: Tx, user: SessionUser, actor: Actor, id: number, note: string) {
  const [s] = await queryRows<{ case_id: string; kind: string; closed_at: string | null; path: string | null }>(tx, sql`
    SELECT s.case_id::text, s.kind, s.closed_at, s.path::text FROM supervision_items s
    WHERE s.id = ${id} AND ${inScope(user, sql`s.path`)} FOR UPDATE`);
  if (!s) throw new AppError('NOT_FOUND', `Supervision item ${id} not found`, { id: String(id) });
  if (s.closed_at) throw new AppError('CONFLICT', `Supervision item ${id} is already closed`, { id: String(id) });
  const at = clock.now();
  await tx.execute(sql`UPDATE supervision_items SET closed_at = ${at}, note = ${note} WHERE id = ${id}`);
  const [c] = await queryRows<{ path: string | null }>(tx, sql`SELECT path::text FROM cases WHERE id = ${Number(s.case_id)}`);
  await audit(tx, actor, {
    action: 'case.supervision_close', entityType: 'case', entityId: s.case_id, unitPath: c?.path ?? s.path, at,
    after: { supervisionItemId: String(id), kind: s.kind, note },
  });
  return { id: String(id), closedAt: at.toISOString(), note };
}

/**
 * Items whose cause is gone close by themselves (报到 done, dispatch handled or returned, case accepted or moved
 * on, case finished); each closure is audited.
 */
export async function closeResolvedItems(tx: Tx, now: Date, scope: SQL = sql`true`): Promise<number> {
  const rows = await queryRows<{ id: string; case_id: string; kind: string; path: string | null }>(tx, sql`
    UPDATE supervision_items s SET closed_at = ${now}, note = COALESCE(s.note, '已办理，自动销号')
    FROM cases c
    WHERE c.id = s.case_id AND s.closed_at IS NULL AND ${scope} AND (
      c.state IN ('closed', 'merged', 'rejected')
      OR (s.kind = 'accept_overdue' AND c.state <> 'reported')
      OR (s.kind = 'handle_overdue' AND s.dispatch_id IS NULL
          AND c.state NOT IN ('accepted', 'in_grid', 'escalated_community', 'escalated_street', 'suspended'))
      OR (s.kind = 'ack_overdue' AND EXISTS (SELECT 1 FROM case_dispatches d WHERE d.id = s.dispatch_id AND d.state <> 'sent'))
      OR (s.kind = 'handle_overdue' AND EXISTS (SELECT 1 FROM case_dispatches d WHERE d.id = s.dispatch_id
          AND d.state NOT IN ('sent', 'acknowledged'))))
    RETURNING s.id::text, s.case_id::text, s.kind, c.path::text`);
  for (const r of rows) {
    await audit(tx, SYSTEM_ACTOR, {
      action: 'case.supervision_close', entityType: 'case', entityId: r.case_id, unitPath: r.path, at: now,
      after: { supervisionItemId: r.id, kind: r.kind, note: '已办理，自动销号', automatic: true },
    });
  }
  return rows.length;
}

/**
 * Manual urge (催办) by a supervisor: tells whoever holds the case now (its open dispatches' departments, or the
 * grid / community / street holding it). Audited on the case timeline.
 */
export async function urgeCase(tx: Tx, user: SessionUser, actor: Actor, caseId: number, note: string | undefined) {
  const [c] = await queryRows<{ id: string; path: string | null; grid_id: string | null; state: string; tracking_no: string; title: string }>(tx, sql`
    SELECT c.id::text, c.path::text, c.grid_id::text, c.state, c.tracking_no, c.title FROM cases c
    WHERE c.id = ${caseId} AND ${inScope(user, sql`c.path`)}`);
  if (!c) throw new AppError('NOT_FOUND', `Case ${caseId} not found`, { id: String(caseId) });
  if (['closed', 'merged', 'rejected'].includes(c.state)) {
    throw new AppError('CONFLICT', `Case ${caseId} is ${c.state}; there is nobody to urge`, { state: c.state });
  }
  const notice = { kind: 'case.urge', title: `【催办】${c.tracking_no} 请尽快办理`, body: `${c.title}${note ? `；${note}` : ''}（${user.displayName}）`, caseId };
  const depts = await queryRows<{ department_id: string; name: string }>(tx, sql`
    SELECT d.department_id::text, dep.name_zh AS name FROM case_dispatches d JOIN departments dep ON dep.id = d.department_id
    WHERE d.case_id = ${caseId} AND d.state IN ('sent', 'acknowledged')`);
  const notified = new Set<number>();
  const urged: string[] = [];
  if (depts.length) {
    for (const d of depts) {
      (await notify(tx, { departmentId: Number(d.department_id) }, notice)).forEach((u) => notified.add(u));
      urged.push(d.name);
    }
  } else {
    const chain = await chainOf(tx, c.path);
    const holder = peopleAt(chain, holderLevel(c.state, c.grid_id != null));
    if (holder.to) (await notify(tx, holder.to, notice)).forEach((u) => notified.add(u));
    urged.push(holder.level);
  }
  const at = clock.now();
  await audit(tx, actor, { action: 'case.urge', entityType: 'case', entityId: caseId, unitPath: c.path, at, after: { note: note ?? null, urged } });
  return { caseId: String(caseId), notified: notified.size, urged };
}
