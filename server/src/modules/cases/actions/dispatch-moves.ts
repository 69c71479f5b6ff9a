import { sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { queryRows } from '../../../db/sql.js';
import { AppError } from '../../../lib/errors.js';
import type { ActionBody, ActionHandler, CaseActor, CaseRow } from './types.js';

interface DispatchRow {
  id: number; departmentId: number; role: string; state: string; handleDueAt: Date;
  extension: { until: string; reason: string; state: 'requested' | 'approved' | 'denied'; decidedBy?: number } | null;
}

async function dispatchesOf(tx: Tx, caseId: number): Promise<(DispatchRow & { name: string })[]> {
  const rows = await queryRows<{ id: string; department_id: string; role: string; state: string; handle_due_at: string | Date; extension: DispatchRow['extension']; name: string }>(tx, sql`
    SELECT d.id::text, d.department_id::text, d.role, d.state, d.handle_due_at, d.extension, p.name_zh AS name
    FROM case_dispatches d JOIN departments p ON p.id = d.department_id WHERE d.case_id = ${caseId} ORDER BY d.id FOR UPDATE OF d`);
  return rows.map((r) => ({ id: Number(r.id), departmentId: Number(r.department_id), role: r.role, state: r.state, handleDueAt: new Date(r.handle_due_at), extension: r.extension, name: r.name }));
}

/**
 * The dispatch a move is about: `body.dispatchId`, or for a department officer their department's open dispatch,
 * or for the centre the one dispatch with a pending extension request. Null when none fits (→ 409).
 */
export async function resolveDispatch(tx: Tx, c: CaseRow, by: CaseActor, body: ActionBody) {
  const all = await dispatchesOf(tx, c.id);
  const mine = by.as === 'department_officer' ? all.filter((d) => d.departmentId === by.user?.departmentId) : all;
  if (body.dispatchId != null) {
    const d = mine.find((x) => x.id === body.dispatchId);
    if (!d) throw new AppError('NOT_FOUND', `Dispatch ${body.dispatchId} not found`, { field: 'dispatchId', id: String(body.dispatchId) });
    return d;
  }
  const open = mine.filter((d) => d.state === 'sent' || d.state === 'acknowledged');
  if (by.as === 'department_officer') return open[open.length - 1] ?? null;
  const pending = open.filter((d) => d.extension?.state === 'requested');
  if (pending.length === 1) return pending[0]!;
  if (open.length === 1) return open[0]!;
  if (open.length > 1) throw new AppError('VALIDATION_FAILED', 'dispatchId is required: the case has several open dispatches', { field: 'dispatchId' });
  return null;
}

const current = async (tx: Tx, c: CaseRow, id: number) => (await dispatchesOf(tx, c.id)).find((d) => d.id === id)!;

/** 报到 */
export const acknowledge: ActionHandler = async ({ tx, c, by, body, now }) => {
  const d = await current(tx, c, body.dispatchId!);
  await tx.execute(sql`UPDATE case_dispatches SET state = 'acknowledged', acknowledged_at = ${now}, acknowledged_by = ${by.user?.id ?? null} WHERE id = ${d.id}`);
  return { auditAction: 'dispatch.acknowledge', after: { dispatchId: String(d.id), department: d.name, role: d.role, note: body.note } };
};

/** 反馈. The case is handled once the lead and every assisting department still on it have fed back. */
export const feedback: ActionHandler = async ({ tx, c, body, now }) => {
  const d = await current(tx, c, body.dispatchId!);
  await tx.execute(sql`UPDATE case_dispatches SET state = 'handled', handled_at = ${now}, feedback = ${body.note!} WHERE id = ${d.id}`);
  const all = (await dispatchesOf(tx, c.id)).map((x) => (x.id === d.id ? { ...x, state: 'handled' } : x));
  const live = all.filter((x) => x.state !== 'returned' && x.state !== 'cancelled');
  const leadDone = live.some((x) => x.departmentId === c.leadDepartmentId && x.state === 'handled');
  const done = c.state === 'dispatched' && leadDone && live.every((x) => x.state === 'handled');
  const after = { dispatchId: String(d.id), department: d.name, role: d.role, note: body.note };
  if (!done) return { auditAction: 'dispatch.feedback', after, notify: [{ holder: 'street' }], notice: `部门已反馈 ${c.trackingNo}` };
  const resolution = live.map((x) => (x.id === d.id ? `${x.name}: ${body.note}` : null)).filter(Boolean).join('\n');
  return {
    auditAction: 'dispatch.feedback', state: 'handled', set: { handledAt: now, resolution: resolution || body.note },
    after, followUps: [{ action: 'case.handled', actor: 'system', after: { reason: 'every department fed back' } }],
    notify: [{ holder: 'grid' }, { holder: 'street' }], notice: `部门已办结，待核查 ${c.trackingNo}`,
  };
};

/** 退回: reason required; back to the centre's queue (not the reporter); other dispatches keep going. */
export const returnDispatch: ActionHandler = async ({ tx, c, body, now }) => {
  const d = await current(tx, c, body.dispatchId!);
  await tx.execute(sql`UPDATE case_dispatches SET state = 'returned', returned_at = ${now}, return_reason = ${body.reason!} WHERE id = ${d.id}`);
  return {
    auditAction: 'dispatch.return', state: 'returned', holder: 'street',
    after: { dispatchId: String(d.id), department: d.name, role: d.role, reason: body.reason },
    notify: [{ holder: 'street' }], notice: `部门退回 ${c.trackingNo}`,
  };
};

/** 延期申请: a later handling deadline, with the reason; the centre approves or denies. */
export const requestExtension: ActionHandler = async ({ tx, c, body }) => {
  const d = await current(tx, c, body.dispatchId!);
  const until = new Date(body.until!);
  if (d.extension?.state === 'requested') throw new AppError('CASE_INVALID_TRANSITION', 'An extension request is already pending');
  if (until <= d.handleDueAt) {
    throw new AppError('VALIDATION_FAILED', `until must be later than the current deadline ${d.handleDueAt.toISOString()}`, { field: 'until' });
  }
  const ext = { until: until.toISOString(), reason: body.reason!, state: 'requested' as const };
  await tx.execute(sql`UPDATE case_dispatches SET extension = ${JSON.stringify(ext)}::jsonb WHERE id = ${d.id}`);
  return {
    auditAction: 'dispatch.request_extension',
    after: { dispatchId: String(d.id), department: d.name, until: ext.until, reason: body.reason },
    notify: [{ holder: 'street' }], notice: `延期申请 ${c.trackingNo}`,
  };
};

async function decide(i: Parameters<ActionHandler>[0], approve: boolean) {
  const { tx, c, by, body } = i;
  const d = await current(tx, c, body.dispatchId!);
  if (d.extension?.state !== 'requested') throw new AppError('CASE_INVALID_TRANSITION', 'No extension request is pending on this dispatch');
  const ext = { ...d.extension, state: approve ? 'approved' : 'denied', decidedBy: by.user?.id ?? undefined };
  await tx.execute(approve
    ? sql`UPDATE case_dispatches SET extension = ${JSON.stringify(ext)}::jsonb, handle_due_at = ${new Date(d.extension.until)}, handle_warn = 'none' WHERE id = ${d.id}`
    : sql`UPDATE case_dispatches SET extension = ${JSON.stringify(ext)}::jsonb WHERE id = ${d.id}`);
  return {
    auditAction: `dispatch.${approve ? 'approve' : 'deny'}_extension`,
    after: { dispatchId: String(d.id), department: d.name, until: d.extension.until, reason: body.reason, note: body.note },
    notify: [{ to: { departmentId: d.departmentId } }], notice: `延期申请已${approve ? '批准' : '驳回'} ${c.trackingNo}`,
  };
}
export const approveExtension: ActionHandler = (i) => decide(i, true);
export const denyExtension: ActionHandler = (i) => decide(i, false);
