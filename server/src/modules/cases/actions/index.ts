import type { CaseAction, DispatchAction } from '@gridgov/common';
import type { ActionHandler } from './types.js';
import { accept, escalate, handleInGrid, reject, resolve } from './basic.js';
import { verify, verifyFailed, close, closeUnrated, reopen } from './verify.js';
import { rate } from './rating.js';
import { dispatch } from './dispatch.js';
import { acknowledge, approveExtension, denyExtension, feedback, requestExtension, returnDispatch } from './dispatch-moves.js';
import { mediationAgreed, mediationFailed, startMediation } from './mediation.js';
import { approveSuspension, requestSuspension, resume } from './suspension.js';
import { merge } from './merge.js';
import { reroute } from './reroute.js';

/** One handler per move of CASE_TRANSITIONS and DISPATCH_TRANSITIONS. */
export const HANDLERS: Record<CaseAction | DispatchAction, ActionHandler> = {
  accept, reject, handle_in_grid: handleInGrid, escalate, resolve,
  start_mediation: startMediation, mediation_agreed: mediationAgreed, mediation_failed: mediationFailed,
  dispatch, verify, verify_failed: verifyFailed, rate, close, close_unrated: closeUnrated, reopen,
  request_suspension: requestSuspension, approve_suspension: approveSuspension, resume, merge, reroute,
  acknowledge, feedback, return: returnDispatch, request_extension: requestExtension,
  approve_extension: approveExtension, deny_extension: denyExtension,
};
