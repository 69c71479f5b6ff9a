import { z } from 'zod';
import type { Role } from './roles.js';
import type { Label } from './people.js';

/**
 * The matter (case) lifecycle: ONE transition table for the whole workflow (DOMAIN.md §3, issue 4).
 * reported → accepted (受理) → in_grid | escalated_community → escalated_street | mediation → dispatched (派单)
 * → handled → verified (核查) → rated → closed, plus returned, suspended, reopened, merged, rejected.
 * Every row names who may make the move; the server checks the row, the permission and the scope.
 */
export const CASE_STATES = [
  'reported', 'accepted', 'in_grid', 'escalated_community', 'escalated_street', 'mediation', 'dispatched',
  'returned', 'handled', 'verified', 'rated', 'closed', 'suspended', 'reopened', 'merged', 'rejected',
] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const caseStateSchema = z.enum(CASE_STATES);

/** States in which a case is finished; nothing but `reopen` (from closed, by a rating) leaves them. */
export const TERMINAL_STATES: readonly CaseState[] = ['closed', 'merged', 'rejected'];
export const isOpenState = (s: CaseState): boolean => !TERMINAL_STATES.includes(s);

/** Case-level actions. Dispatch-level actions (报到/反馈/退回/延期) are in DISPATCH_TRANSITIONS. */
export const CASE_ACTIONS = [
  'accept', 'reject', 'handle_in_grid', 'escalate', 'resolve', 'start_mediation', 'mediation_agreed',
  'mediation_failed', 'dispatch', 'verify', 'verify_failed', 'rate', 'close', 'close_unrated', 'reopen',
  'request_suspension', 'approve_suspension', 'resume', 'merge', 'reroute',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The pseudo-roles the server acts as: `system` for scheduled moves, `resident` for a reporter's rating. */
export type Actor = Role | 'system';

const GRID: Role[] = ['grid_worker', 'grid_leader'];
const COMMUNITY: Role[] = ['community_cadre'];
const CENTRE: Role[] = ['centre_operator', 'street_cadre'];
const HOLDERS_BELOW_CENTRE: Role[] = [...GRID, ...COMMUNITY];
const ACTIVE: CaseState[] = ['reported', 'accepted', 'in_grid', 'escalated_community', 'escalated_street', 'mediation',
  'dispatched', 'returned', 'handled', 'verified', 'rated', 'suspended', 'reopened'];

export interface CaseTransition {
  action: CaseAction;
  from: readonly CaseState[];
  /** 'same' = the state does not change (a reroute, a suspension request). 'previous' = back to where it was. */
  to: CaseState | 'same' | 'previous';
  roles: readonly Actor[];
  /** Body fields the move cannot do without. */
  requires?: readonly ('reason' | 'note' | 'departments' | 'intoCaseId' | 'gridId' | 'rating' | 'mediation')[];
}

/** admin may make every staff move; it is added to each row below so the table stays the single answer. */
const rows: CaseTransition[] = [
  { action: 'accept', from: ['reported'], to: 'accepted', roles: [...HOLDERS_BELOW_CENTRE, ...CENTRE, 'police_officer'] },
  { action: 'reject', from: ['reported', 'accepted'], to: 'rejected', roles: ['grid_leader', ...COMMUNITY, ...CENTRE], requires: ['reason'] },
  { action: 'handle_in_grid', from: ['accepted', 'reopened'], to: 'in_grid', roles: [...GRID, 'police_officer'] },
  { action: 'escalate', from: ['accepted', 'in_grid', 'reopened'], to: 'escalated_community', roles: [...GRID, 'police_officer'], requires: ['reason'] },
  { action: 'escalate', from: ['escalated_community'], to: 'escalated_street', roles: COMMUNITY, requires: ['reason'] },
  { action: 'resolve', from: ['in_grid'], to: 'handled', roles: [...GRID, 'police_officer'], requires: ['note'] },
  { action: 'resolve', from: ['escalated_community'], to: 'handled', roles: COMMUNITY, requires: ['note'] },
  { action: 'resolve', from: ['escalated_street'], to: 'handled', roles: CENTRE, requires: ['note'] },
  { action: 'start_mediation', from: ['accepted', 'in_grid', 'escalated_community', 'escalated_street', 'reopened'], to: 'mediation', roles: ['grid_leader', ...COMMUNITY, ...CENTRE, 'mediator'], requires: ['mediation'] },
  { action: 'mediation_agreed', from: ['mediation'], to: 'handled', roles: ['mediator', ...COMMUNITY, ...CENTRE], requires: ['note'] },
  { action: 'mediation_failed', from: ['mediation'], to: 'escalated_street', roles: ['mediator', ...COMMUNITY, ...CENTRE], requires: ['reason'] },
  { action: 'dispatch', from: ['accepted', 'escalated_street', 'returned', 'reopened', 'dispatched'], to: 'dispatched', roles: CENTRE, requires: ['departments'] },
  { action: 'verify', from: ['handled'], to: 'verified', roles: [...GRID, ...COMMUNITY] },
  { action: 'verify_failed', from: ['handled'], to: 'reopened', roles: [...GRID, ...COMMUNITY], requires: ['reason'] },
  { action: 'rate', from: ['verified'], to: 'rated', roles: ['resident', ...CENTRE], requires: ['rating'] },
  { action: 'close', from: ['verified', 'rated'], to: 'closed', roles: ['system', ...CENTRE] },
  { action: 'close_unrated', from: ['verified'], to: 'closed', roles: ['system'] },
  { action: 'reopen', from: ['rated', 'closed'], to: 'reopened', roles: ['resident', 'system', ...CENTRE], requires: ['reason'] },
  { action: 'request_suspension', from: ['accepted', 'in_grid', 'escalated_community', 'escalated_street', 'dispatched', 'mediation', 'reopened'], to: 'same', roles: [...GRID, ...COMMUNITY, ...CENTRE, 'department_officer', 'mediator'], requires: ['reason'] },
  { action: 'approve_suspension', from: ['accepted', 'in_grid', 'escalated_community', 'escalated_street', 'dispatched', 'mediation', 'reopened'], to: 'suspended', roles: CENTRE },
  { action: 'resume', from: ['suspended'], to: 'previous', roles: CENTRE },
  { action: 'merge', from: ACTIVE.filter((s) => s !== 'rated' && s !== 'verified'), to: 'merged', roles: CENTRE, requires: ['intoCaseId'] },
  { action: 'reroute', from: ['reported', 'accepted', 'in_grid', 'reopened'], to: 'same', roles: [...CENTRE, ...COMMUNITY, 'grid_leader'], requires: ['gridId'] },
];
export const CASE_TRANSITIONS: readonly CaseTransition[] = rows.map((r) =>
  (r.roles.length === 1 && r.roles[0] === 'system') ? r : { ...r, roles: [...r.roles, 'admin'] });

/** The row for (state, action, actor), or undefined when that move is not allowed. */
export function findTransition(state: CaseState, action: CaseAction, actor: Actor): CaseTransition | undefined {
  return CASE_TRANSITIONS.find((t) => t.action === action && t.from.includes(state) && t.roles.includes(actor));
}

/** Every action `actor` may take on a case in `state` (the 409 body lists these). */
export function allowedActions(state: CaseState, actor: Actor): CaseAction[] {
  return [...new Set(CASE_TRANSITIONS.filter((t) => t.from.includes(state) && t.roles.includes(actor)).map((t) => t.action))];
}

/** Dispatch (派单) sub-workflow: one per department; the lead and every assisting department each have one. */
export const DISPATCH_STATES = ['sent', 'acknowledged', 'handled', 'returned', 'cancelled'] as const;
export type DispatchState = (typeof DISPATCH_STATES)[number];
export const DISPATCH_ACTIONS = ['acknowledge', 'feedback', 'return', 'request_extension', 'approve_extension', 'deny_extension'] as const;
export type DispatchAction = (typeof DISPATCH_ACTIONS)[number];
export interface DispatchTransition {
  action: DispatchAction;
  from: readonly DispatchState[];
  to: DispatchState | 'same';
  roles: readonly Actor[];
  requires?: readonly ('reason' | 'note' | 'until')[];
}
export const DISPATCH_TRANSITIONS: readonly DispatchTransition[] = [
  { action: 'acknowledge', from: ['sent'], to: 'acknowledged', roles: ['department_officer', 'admin'] },
  { action: 'feedback', from: ['acknowledged'], to: 'handled', roles: ['department_officer', 'admin'], requires: ['note'] },
  { action: 'return', from: ['sent', 'acknowledged'], to: 'returned', roles: ['department_officer', 'admin'], requires: ['reason'] },
  { action: 'request_extension', from: ['acknowledged'], to: 'same', roles: ['department_officer', 'admin'], requires: ['reason', 'until'] },
  { action: 'approve_extension', from: ['acknowledged'], to: 'same', roles: ['centre_operator', 'street_cadre', 'admin'] },
  { action: 'deny_extension', from: ['acknowledged'], to: 'same', roles: ['centre_operator', 'street_cadre', 'admin'], requires: ['reason'] },
];
export function findDispatchTransition(state: DispatchState, action: DispatchAction, actor: Actor): DispatchTransition | undefined {
  return DISPATCH_TRANSITIONS.find((t) => t.action === action && t.from.includes(state) && t.roles.includes(actor));
}
export const isDispatchAction = (a: string): a is DispatchAction => (DISPATCH_ACTIONS as readonly string[]).includes(a);
export const isCaseAction = (a: string): a is CaseAction => (CASE_ACTIONS as readonly string[]).includes(a);

/** Where a matter comes in. */
export const CHANNELS = ['field', 'web', 'hotline', 'petition', 'external', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];
export const channelSchema = z.enum(CHANNELS);

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Lowest level allowed to close a category: 小事不出网格、大事不出社区. */
export const LEVELS = ['grid', 'community', 'street', 'department'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * Deadline classes (DOMAIN.md §8, Beijing 12345 norm): 2 h and 24 h in calendar time; 7 and 15 days in working
 * days on the Asia/Shanghai working calendar. `responseHours` is the time to the first response (acceptance).
 */
export const DEADLINE_CLASSES = {
  h2: { calendar: true, hours: 2, responseHours: 0.5, label: { zh: '2小时', en: '2 hours' } },
  h24: { calendar: true, hours: 24, responseHours: 2, label: { zh: '24小时', en: '24 hours' } },
  d7: { calendar: false, workingDays: 7, responseHours: 24, label: { zh: '7个工作日', en: '7 working days' } },
  d15: { calendar: false, workingDays: 15, responseHours: 24, label: { zh: '15个工作日', en: '15 working days' } },
} as const;
export type DeadlineClass = keyof typeof DEADLINE_CLASSES;
export const DEADLINE_CLASS_KEYS = Object.keys(DEADLINE_CLASSES) as DeadlineClass[];
/** Acknowledgement (报到) deadline for a dispatch, in hours of calendar time. */
export const ACK_HOURS: Record<DeadlineClass, number> = { h2: 0.5, h24: 2, d7: 24, d15: 24 };
/** Yellow at 75 % of the allowed time, red at 100 %. */
export const WARN_YELLOW = 0.75;

export const SATISFACTION = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

export const MAX_DESCRIPTION = 4000;
export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Days after verification before an unrated case closes as unrated. */
export const UNRATED_CLOSE_DAYS = 7;
/** Duplicate suggestions: same category, this close, this recent. */
export const DUPLICATE_RADIUS_M = 50;
export const DUPLICATE_DAYS = 7;

export const CASE_STATE_LABELS: Record<CaseState, Label> = {
  reported: { zh: '已上报', en: 'Reported' },
  accepted: { zh: '已受理', en: 'Accepted' },
  in_grid: { zh: '网格处置中', en: 'Handling in grid' },
  escalated_community: { zh: '已上报社区', en: 'Escalated to community' },
  escalated_street: { zh: '已上报街道', en: 'Escalated to street' },
  mediation: { zh: '调解中', en: 'In mediation' },
  dispatched: { zh: '已派单', en: 'Dispatched' },
  returned: { zh: '已退回', en: 'Returned' },
  handled: { zh: '已办结待核查', en: 'Handled, awaiting verification' },
  verified: { zh: '已核查待评价', en: 'Verified, awaiting rating' },
  rated: { zh: '已评价', en: 'Rated' },
  closed: { zh: '已结案', en: 'Closed' },
  suspended: { zh: '已挂起', en: 'Suspended' },
  reopened: { zh: '已重启', en: 'Reopened' },
  merged: { zh: '已合并', en: 'Merged' },
  rejected: { zh: '不予受理', en: 'Rejected' },
};
export const CHANNEL_LABELS: Record<Channel, Label> = {
  field: { zh: '网格员巡查', en: 'Grid patrol' },
  web: { zh: '群众网上反映', en: 'Resident web form' },
  hotline: { zh: '12345热线', en: 'Hotline' },
  petition: { zh: '信访超市', en: 'Petitions desk' },
  external: { zh: '外部系统', en: 'External system' },
  api: { zh: '接口', en: 'API' },
};
