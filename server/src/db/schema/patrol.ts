import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, doublePrecision, index, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { ltree } from './types.js';
import { units } from './territory.js';
import { households, users } from './people.js';

/**
 * The grid worker's field records (issue 6). Every row keeps the grid it was made in: a later redraw does not
 * move history (a patrol walked in grid A stays A's patrol), so none of these tables is in the redraw's move list.
 * Nothing here is read to rank workers (DOMAIN.md §9).
 */
export const patrols = pgTable('patrols', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  /** The grid's ltree path (scope checks in SQL). */
  path: ltree('path').notNull(),
  state: text('state').notNull().default('running'), // running | paused | stopped
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  stoppedAt: timestamp('stopped_at', { withTimezone: true }),
  /** [{from, to|null}] ISO instants; a handful per patrol. */
  pauses: jsonb('pauses').$type<{ from: string; to: string | null }[]>().notNull().default([]),
  note: text('note'),
  pointCount: bigint('point_count', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('patrols_user_started_idx').on(t.userId, t.startedAt),
  index('patrols_grid_started_idx').on(t.gridId, t.startedAt),
  index('patrols_path_gist').using('gist', t.path),
]);

/**
 * GPS points, lean: no id, no geometry column (built in SQL when needed). The primary key (patrol, t) is the
 * index by patrol and time AND the de-duplication: a point re-sent under a lost Idempotency-Key is not stored twice.
 */
export const patrolPoints = pgTable('patrol_points', {
  patrolId: bigint('patrol_id', { mode: 'number' }).notNull().references(() => patrols.id),
  t: timestamp('t', { withTimezone: true }).notNull(),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  accuracy: real('accuracy').notNull(),
}, (t) => [primaryKey({ columns: [t.patrolId, t.t] })]);

export const patrolCheckins = pgTable('patrol_checkins', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  patrolId: bigint('patrol_id', { mode: 'number' }).notNull().references(() => patrols.id),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  keySiteId: bigint('key_site_id', { mode: 'number' }).notNull(),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  accuracy: real('accuracy'),
  distanceM: real('distance_m').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('patrol_checkins_patrol_idx').on(t.patrolId),
  index('patrol_checkins_grid_at_idx').on(t.gridId, t.at),
]);

export const patrolFindings = pgTable('patrol_findings', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  patrolId: bigint('patrol_id', { mode: 'number' }).notNull().references(() => patrols.id),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  kind: text('kind').notNull(), // all_clear | problem | note
  cellId: bigint('cell_id', { mode: 'number' }),
  keySiteId: bigint('key_site_id', { mode: 'number' }),
  note: text('note').notNull().default(''),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  caseId: bigint('case_id', { mode: 'number' }),
  at: timestamp('at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('patrol_findings_patrol_idx').on(t.patrolId),
  index('patrol_findings_grid_at_idx').on(t.gridId, t.at),
]);

/** Household visits (走访), linked to the household; the grid is the household's at the time of the visit. */
export const householdVisits = pgTable('household_visits', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  householdId: bigint('household_id', { mode: 'number' }).notNull().references(() => households.id),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  purpose: text('purpose').notNull().default('routine'),
  note: text('note').notNull().default(''),
  patrolId: bigint('patrol_id', { mode: 'number' }).references(() => patrols.id),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  at: timestamp('at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('household_visits_household_idx').on(t.householdId, t.at),
  index('household_visits_grid_at_idx').on(t.gridId, t.at),
  index('household_visits_path_gist').using('gist', t.path),
]);

/** A duty of the grid type's list (网格工作清单) done for one period; the duty belongs to the grid, not a person. */
export const dutyTaskCompletions = pgTable('duty_task_completions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  dutyCode: text('duty_code').notNull(),
  periodKey: text('period_key').notNull(),
  completedBy: bigint('completed_by', { mode: 'number' }).references(() => users.id),
  completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
  note: text('note'),
}, (t) => [uniqueIndex('duty_task_completions_uq').on(t.gridId, t.dutyCode, t.periodKey)]);

/**
 * Per-district field policy. No row = the defaults: tracking and check-ins OFF in peacetime, ON in wartime.
 * Set by a district admin; every change audited.
 */
export const fieldPolicies = pgTable('field_policies', {
  districtId: bigint('district_id', { mode: 'number' }).primaryKey().references(() => units.id),
  peacetimeTracking: boolean('peacetime_tracking').notNull().default(false),
  peacetimeCheckins: boolean('peacetime_checkins').notNull().default(false),
  wartimeOn: boolean('wartime_on').notNull().default(true),
  updatedBy: bigint('updated_by', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});
