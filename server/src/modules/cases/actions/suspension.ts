import { AppError } from '../../../lib/errors.js';
import { holderFor } from '../case.notify.js';
import type { ActionHandler } from './types.js';

/** 挂起 needs approval: anyone holding the case asks, the centre approves; resume returns to the state before. */
export const requestSuspension: ActionHandler = async ({ c, by, body, now }) => {
  if (c.suspensionRequested) throw new AppError('CASE_INVALID_TRANSITION', 'A suspension request is already pending');
  return {
    holder: c.holder as never,
    set: { suspensionRequested: { by: by.user?.id ?? 0, reason: body.reason!, at: now.toISOString() } },
    after: { reason: body.reason }, notify: [{ holder: 'street' }], notice: `挂起申请 ${c.trackingNo}`,
  };
};

export const approveSuspension: ActionHandler = async ({ c, body }) => {
  if (!c.suspensionRequested) throw new AppError('CASE_INVALID_TRANSITION', 'No suspension has been requested');
  return {
    holder: c.holder as never,
    set: { stateBefore: c.state, suspensionRequested: null },
    after: { note: body.note, reason: c.suspensionRequested.reason, from: c.state },
    notify: [{ holder: c.holder as never }], notice: `已挂起 ${c.trackingNo}`,
  };
};

export const resume: ActionHandler = async ({ c, body }) => {
  if (!c.stateBefore) throw new AppError('CASE_INVALID_TRANSITION', 'The case has no state to resume to');
  const holder = holderFor(c.stateBefore as never, c);
  return { set: { stateBefore: null }, holder, after: { note: body.note, to: c.stateBefore }, notify: [{ holder }], notice: `已恢复办理 ${c.trackingNo}` };
};
