import {
  findDispatchTransition, findTransition, isCaseAction, isDispatchAction, type CaseState, type DispatchState,
} from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { audit, SYSTEM_ACTOR } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import type { AppContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import { HANDLERS } from './actions/index.js';
import { resolveDispatch } from './actions/dispatch-moves.js';
import { actionBodySchema, type ActionBody, type ActionBodyInput, type ActionResult, type CaseActor, type CasePatch } from './actions/types.js';
import { allowedFor } from './case.allowed.js';
import { holderFor, notifyTargets } from './case.notify.js';
import { lockCase, updateCase } from './case.repo.js';

export type { CaseActor, ActionBody } from './actions/types.js';

/**
 * The one entry point for every move of a case (CASE_TRANSITIONS) and of its dispatches (DISPATCH_TRANSITIONS).
 * In one transaction: lock the case, check scope (404), version (409), the table row (409 with the allowed moves),
 * required fields (400); run the action's handler; bump the version, set the holder; audit; notify.
 */
export async function applyCaseAction(
  ctx: AppContext, by: CaseActor, caseId: number, action: string, input: ActionBody | ActionBodyInput,
  opts: { tx?: Tx; expectedVersion?: number } = {},
): Promise<{ id: number; state: CaseState; version: number }> {
  const parsed = actionBodySchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: ['body', ...i.path].join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues, field: issues[0]?.field });
  }
  const body = parsed.data;
  const expectedVersion = opts.expectedVersion ?? body.version;
  const run = (tx: Tx) => applyInTx(ctx, tx, by, caseId, action, body, expectedVersion);
  return opts.tx ? run(opts.tx) : ctx.db.transaction(run);
}

async function applyInTx(ctx: AppContext, tx: Tx, by: CaseActor, caseId: number, action: string, body: ActionBody, expectedVersion?: number) {
  if (!isCaseAction(action) && !isDispatchAction(action)) {
    throw new AppError('VALIDATION_FAILED', `Unknown action ${action}`, { field: 'action', action });
  }
  const c = await lockCase(tx, by.user, caseId);
  if (!c) throw new AppError('NOT_FOUND', `Case ${caseId} not found`, { id: String(caseId) });
  if (expectedVersion != null && expectedVersion !== c.version) {
    throw new AppError('CASE_VERSION_CONFLICT', `Case ${caseId} has changed (version ${c.version}, you sent ${expectedVersion}); reload it`,
      { expected: expectedVersion, current: c.version });
  }
  const state = c.state as CaseState;
  const refuse = async (why?: string) => {
    const allowed = await allowedFor(tx, c, by);
    return new AppError('CASE_INVALID_TRANSITION', why ?? `${by.as} may not ${action} a case in state ${state}`, { action, state, allowed });
  };

  let requires: readonly string[] = [];
  let to: CaseState | 'same' | 'previous' = 'same';
  if (isDispatchAction(action)) {
    const d = await resolveDispatch(tx, c, by, body);
    const row = d && (state === 'dispatched' || state === 'returned') ? findDispatchTransition(d.state as DispatchState, action, by.as) : undefined;
    if (!row || !d) throw await refuse();
    body = { ...body, dispatchId: d.id };
    requires = row.requires ?? [];
  } else {
    const row = findTransition(state, action, by.as);
    if (!row) throw await refuse();
    requires = row.requires ?? [];
    to = row.to;
  }
  for (const field of requires) {
    if ((body as Record<string, unknown>)[field] == null) {
      throw new AppError('VALIDATION_FAILED', `${field} is required to ${action}`, { field, issues: [{ field: `body.${field}`, message: 'Required' }] });
    }
  }

  const now = clock.now();
  let result: ActionResult;
  try {
    result = await HANDLERS[action]({ ctx, tx, by, c, body, action, to, now });
  } catch (err) {
    // A handler's own refusal (a rule beyond the table) still lists what the caller may do instead.
    if (err instanceof AppError && err.code === 'CASE_INVALID_TRANSITION' && !err.details.allowed) throw await refuse(err.message);
    throw err;
  }
  const next: CaseState = result.state ?? (to === 'same' ? state : to === 'previous' ? (c.stateBefore as CaseState) : to);
  const holder = result.holder ?? holderFor(next, { ...c, ...result.set } as typeof c);
  const version = c.version + 1;
  const patch: CasePatch = {
    ...result.set, state: next, holder, version, updatedAt: now,
    ...(c.firstResponseAt == null && by.user ? { firstResponseAt: now } : {}),
  };
  await updateCase(tx, c.id, patch);

  const actor = { id: by.user?.id ?? null, name: by.name };
  const eventAction = result.auditAction ?? `case.${action}`;
  await audit(tx, actor, {
    action: eventAction, entityType: 'case', entityId: c.id, unitPath: (result.set?.path as string | undefined) ?? c.path, at: now,
    before: { state, version: c.version, holder: c.holder }, after: { state: next, version, holder, ...result.after },
  });
  for (const f of result.followUps ?? []) {
    await audit(tx, f.actor === 'system' ? SYSTEM_ACTOR : actor, {
      action: f.action, entityType: 'case', entityId: c.id, unitPath: c.path, at: now, after: { state: next, ...f.after },
    });
  }
  await notifyTargets(tx, { ...c, ...patch } as typeof c, result.notify ?? [], result.notice ?? `${c.trackingNo}: ${eventAction}`, eventAction);
  return { id: c.id, state: next, version };
}
