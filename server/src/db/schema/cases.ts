import { bigint, bigserial, boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { geometry, ltree } from './types.js';
import { units } from './territory.js';
import { departments, users } from './people.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Matter catalogue (事项目录): groups and leaf categories in one tree. */
export const caseCategories = pgTable('case_categories', {
  code: text('code').primaryKey(),
  parentCode: text('parent_code'),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** 'group' rows only structure the tree; cases take 'leaf' codes. */
  kind: text('kind').notNull().default('leaf'),
  /** grid | community | street | department: the lowest level allowed to close it. */
  lowestLevel: text('lowest_level').notNull().default('department'),
  /** Department keys (departments.key), resolved to the district's department at dispatch. */
  leadDeptKey: text('lead_dept_key'),
  assistDeptKeys: jsonb('assist_dept_keys').$type<string[]>().notNull().default([]),
  deadlineClass: text('deadline_class').notNull().default('d7'),
  /** Extra fields the intake must carry: [{key, zh, en, type}] */
  requiredFields: jsonb('required_fields').$type<{ key: string; zh: string; en: string; type: string }[]>().notNull().default([]),
  urgent: boolean('urgent').notNull().default(false),
  dispute: boolean('dispute').notNull().default(false),
  /** "Not for this channel" guidance, e.g. {channels:['web'], zh:'请拨打110', en:'Call 110'}. */
  guidance: jsonb('guidance').$type<{ channels: string[]; zh: string; en: string } | null>(),
  defaultRisk: text('default_risk').notNull().default('low'),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

/** Working calendar exceptions in Asia/Shanghai: public holidays and make-up workdays (调休). Weekends are implied. */
export const workCalendar = pgTable('work_calendar', {
  day: date('day').primaryKey(),
  kind: text('kind').notNull(), // 'holiday' | 'workday'
  name: text('name').notNull(),
});

/** Matters. Territory columns (grid_id, cell_id, path, location) are what redraw moves. */
export const cases = pgTable('cases', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  trackingNo: text('tracking_no').notNull().unique(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  categoryCode: text('category_code').references(() => caseCategories.code),
  channel: text('channel').notNull().default('api'),
  state: text('state').notNull(),
  /** State to go back to when a suspension ends. */
  stateBefore: text('state_before'),
  suspensionRequested: jsonb('suspension_requested').$type<{ by: number; reason: string; at: string } | null>(),
  version: integer('version').notNull().default(1),
  riskLevel: text('risk_level').notNull().default('low'),
  /** Higher first on worklists: urgent categories and wartime areas raise it. */
  priority: integer('priority').notNull().default(0),
  deadlineClass: text('deadline_class').notNull().default('d7'),
  gridId: bigint('grid_id', { mode: 'number' }).references(() => units.id),
  cellId: bigint('cell_id', { mode: 'number' }).references(() => units.id),
  /** The unit that owns it now when no grid does (triage at the district centre, 兜底). */
  ownerUnitId: bigint('owner_unit_id', { mode: 'number' }).references(() => units.id),
  /** ltree path of the grid, or of the owner unit in triage: scope filtering uses it. */
  path: ltree('path'),
  location: geometry('location', 'Point'),
  address: text('address'),
  /** Who holds it now: grid | community | street | department | mediator | reporter | none. */
  holder: text('holder').notNull().default('grid'),
  /** 首接负责: the department that first received it leads it if it spans several. */
  leadDepartmentId: bigint('lead_department_id', { mode: 'number' }).references(() => departments.id),
  hasResidentReporter: boolean('has_resident_reporter').notNull().default(false),
  extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default({}),
  mergedIntoId: bigint('merged_into_id', { mode: 'number' }),
  rejectReason: text('reject_reason'),
  resolution: text('resolution'),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
  responseDueAt: timestamp('response_due_at', { withTimezone: true }),
  /** Overall handling deadline from the deadline class; dispatches carry their own. */
  dueAt: timestamp('due_at', { withTimezone: true }),
  /** none | yellow | red for the case's own deadline (acceptance / in-grid handling). */
  warnLevel: text('warn_level').notNull().default('none'),
  handledAt: timestamp('handled_at', { withTimezone: true }),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  ratedAt: timestamp('rated_at', { withTimezone: true }),
  resolved: boolean('resolved'),
  satisfaction: text('satisfaction'),
  ratingComment: text('rating_comment'),
  /** Closed as unrated 7 days after verification: left out of the satisfaction rate. */
  unrated: boolean('unrated').notNull().default(false),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  reopenCount: integer('reopen_count').notNull().default(0),
  /**
   * Maintained by triggers (migration 0011_case_board), never written by code: the dispatch board's column
   * (to_dispatch | waiting_ack | in_progress, null when the case is not in the centre's hands) and the next
   * deadline that matters now (an open dispatch's 报到 or handling deadline, else the case's own). A case on
   * the board is overdue exactly when next_due_at < now, so the board reads one partial index at any history size.
   */
  boardCol: text('board_col'),
  nextDueAt: timestamp('next_due_at', { withTimezone: true }),
}, (t) => [
  index('cases_path_gist').using('gist', t.path),
  index('cases_grid_idx').on(t.gridId),
  index('cases_state_idx').on(t.state, t.priority, t.createdAt),
  index('cases_created_idx').on(t.createdAt),
  index('cases_category_idx').on(t.categoryCode, t.createdAt),
  index('cases_location_gist').using('gist', t.location),
]);

/** Everyone who reported a matter (several after a merge); each tracks with tracking number + phone. */
export const caseReporters = pgTable('case_reporters', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: bigint('case_id', { mode: 'number' }).notNull().references(() => cases.id),
  /** The tracking number this reporter was given (their own case's, kept after a merge). */
  trackingNo: text('tracking_no').notNull(),
  channel: text('channel').notNull(),
  nameEnc: text('name_enc'),
  phoneEnc: text('phone_enc'),
  phoneBidx: text('phone_bidx'),
  phoneMasked: text('phone_masked'),
  anonymous: boolean('anonymous').notNull().default(false),
  /** A resident (not staff) reported it: they are asked to rate. */
  resident: boolean('resident').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('case_reporters_case_idx').on(t.caseId), index('case_reporters_tracking_idx').on(t.trackingNo)]);

/** Photos and attachments, stored in the database so a write is atomic with the case. */
export const caseFiles = pgTable('case_files', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: bigint('case_id', { mode: 'number' }).notNull().references(() => cases.id),
  /** report | verify | feedback | mediation */
  purpose: text('purpose').notNull().default('report'),
  mime: text('mime').notNull(),
  bytes: integer('bytes').notNull(),
  sha256: text('sha256').notNull(),
  data: bytea('data').notNull(),
  thumb: bytea('thumb').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('case_files_case_idx').on(t.caseId)]);

/** One per department a case is dispatched to (吹哨): the lead and each assisting department. */
export const caseDispatches = pgTable('case_dispatches', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: bigint('case_id', { mode: 'number' }).notNull().references(() => cases.id),
  departmentId: bigint('department_id', { mode: 'number' }).notNull().references(() => departments.id),
  role: text('role').notNull(), // lead | assist
  state: text('state').notNull().default('sent'),
  instructions: text('instructions'),
  ackDueAt: timestamp('ack_due_at', { withTimezone: true }).notNull(),
  handleDueAt: timestamp('handle_due_at', { withTimezone: true }).notNull(),
  ackWarn: text('ack_warn').notNull().default('none'),
  handleWarn: text('handle_warn').notNull().default('none'),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  acknowledgedBy: bigint('acknowledged_by', { mode: 'number' }),
  handledAt: timestamp('handled_at', { withTimezone: true }),
  feedback: text('feedback'),
  returnedAt: timestamp('returned_at', { withTimezone: true }),
  returnReason: text('return_reason'),
  extension: jsonb('extension').$type<{ until: string; reason: string; state: 'requested' | 'approved' | 'denied'; decidedBy?: number } | null>(),
  createdBy: bigint('created_by', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('case_dispatches_case_idx').on(t.caseId),
  index('case_dispatches_dept_state_idx').on(t.departmentId, t.state),
  index('case_dispatches_due_idx').on(t.state, t.handleDueAt),
]);

/** Mediation (先行调解) of a dispute: parties, mediator, sessions, outcome. */
export const caseMediations = pgTable('case_mediations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: bigint('case_id', { mode: 'number' }).notNull().references(() => cases.id),
  mediatorId: bigint('mediator_id', { mode: 'number' }).references(() => users.id),
  mediatorName: text('mediator_name').notNull(),
  parties: jsonb('parties').$type<{ name: string; role: string; phoneMasked?: string }[]>().notNull().default([]),
  state: text('state').notNull().default('open'), // open | agreed | failed
  agreement: text('agreement'),
  failureReason: text('failure_reason'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
}, (t) => [index('case_mediations_case_idx').on(t.caseId)]);

export const mediationSessions = pgTable('mediation_sessions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  mediationId: bigint('mediation_id', { mode: 'number' }).notNull().references(() => caseMediations.id),
  heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
  place: text('place'),
  notes: text('notes').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }),
});

/** Supervision items (督办) opened when a deadline turns red; closed when the work is done. */
export const supervisionItems = pgTable('supervision_items', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: bigint('case_id', { mode: 'number' }).notNull().references(() => cases.id),
  dispatchId: bigint('dispatch_id', { mode: 'number' }).references(() => caseDispatches.id),
  /** ack_overdue | handle_overdue | accept_overdue */
  kind: text('kind').notNull(),
  /** The unit whose supervisor queue shows it (the next level up), and its path for scope. */
  unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
  path: ltree('path'),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  note: text('note'),
}, (t) => [
  index('supervision_path_gist').using('gist', t.path),
  uniqueIndex('supervision_once_uq').on(t.caseId, t.kind, t.dispatchId),
]);

/** Follow-up tasks: return visits (回访) when a deadline expires, on-site verification. */
export const caseTasks = pgTable('case_tasks', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: bigint('case_id', { mode: 'number' }).notNull().references(() => cases.id),
  kind: text('kind').notNull(), // return_visit | verify
  path: ltree('path'),
  dueAt: timestamp('due_at', { withTimezone: true }),
  doneAt: timestamp('done_at', { withTimezone: true }),
  doneBy: bigint('done_by', { mode: 'number' }),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('case_tasks_case_idx').on(t.caseId), uniqueIndex('case_tasks_once_uq').on(t.caseId, t.kind, t.dueAt)]);

/** In-app inbox. */
export const notifications = pgTable('notifications', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  caseId: bigint('case_id', { mode: 'number' }),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  readAt: timestamp('read_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)]);

/** Outbound messages (WeCom robot, SMS): written in the business transaction, delivered by a job; nothing lost. */
export const outbox = pgTable('outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  channel: text('channel').notNull(), // wecom | sms
  target: text('target').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  state: text('state').notNull().default('pending'), // pending | sent | dead
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
}, (t) => [index('outbox_due_idx').on(t.state, t.nextAttemptAt)]);

/** Idempotency-Key → the first answer, per caller scope. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  scope: text('scope').notNull(),
  key: text('key').notNull(),
  caseId: bigint('case_id', { mode: 'number' }),
  response: jsonb('response').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.scope, t.key] }),
  // The expiry job deletes keys older than 7 days: a range, not a scan of every key ever sent.
  index('idempotency_keys_created_idx').on(t.createdAt),
]);

/** Department ↔ the units it serves, beyond its own district (e.g. a city bureau serving two districts). */
export const departmentServes = pgTable('department_serves', {
  departmentId: bigint('department_id', { mode: 'number' }).notNull().references(() => departments.id),
  unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
}, (t) => [primaryKey({ columns: [t.departmentId, t.unitId] })]);


