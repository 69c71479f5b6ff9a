import { bigint, date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Rollups behind the indicators and the cockpit (issue 8). Maintained incrementally by triggers on `cases` and
 * `case_dispatches` (migration 0007_analytics_triggers.sql) in the same transaction as the change, and recomputed
 * from scratch by `npm run analytics:rebuild`. Queries sum them up the unit tree (units.path <@ scope), so their
 * cost follows the period asked for, not the length of the history.
 *
 * `unit_id` is the unit whose path the case carries: its grid, or the owner unit while no grid holds it (triage).
 * `day` is an Asia/Shanghai calendar day. Keys include the grid and the day, so concurrent intake spreads over
 * many rows instead of one counter per district. Rows whose counters are all zero may remain; readers ignore them.
 *
 * Each table also has a covering index on `day` (migration 0016, custom SQL: drizzle cannot declare INCLUDE), so
 * a period's rows are summed from the index alone, without visiting the table.
 */

/** Matters by the day they were received and their CURRENT state: counts by state/channel/category, received. */
export const caseStateRollups = pgTable('case_state_rollups', {
  unitId: bigint('unit_id', { mode: 'number' }).notNull(),
  day: date('day').notNull(),
  /** '' when the case has no category yet. */
  categoryCode: text('category_code').notNull(),
  channel: text('channel').notNull(),
  state: text('state').notNull(),
  n: integer('n').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.unitId, t.day, t.categoryCode, t.channel, t.state] }),
]);

/**
 * Matter outcomes by the day that puts them in a period (see INDICATORS[*].periodBy):
 * received / respondedOnTime by the day received; rated / solved / satisfied by the day rated; closed by the day closed.
 */
export const caseDailyRollups = pgTable('case_daily_rollups', {
  unitId: bigint('unit_id', { mode: 'number' }).notNull(),
  day: date('day').notNull(),
  categoryCode: text('category_code').notNull(),
  received: integer('received').notNull().default(0),
  respondedOnTime: integer('responded_on_time').notNull().default(0),
  rated: integer('rated').notNull().default(0),
  solved: integer('solved').notNull().default(0),
  satisfied: integer('satisfied').notNull().default(0),
  closed: integer('closed').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.unitId, t.day, t.categoryCode] }),
]);

/** Dispatches by department and the case's unit: sent (day created), handled and handled on time (day handled). */
export const dispatchDailyRollups = pgTable('dispatch_daily_rollups', {
  departmentId: bigint('department_id', { mode: 'number' }).notNull(),
  unitId: bigint('unit_id', { mode: 'number' }).notNull(),
  day: date('day').notNull(),
  categoryCode: text('category_code').notNull(),
  sent: integer('sent').notNull().default(0),
  handled: integer('handled').notNull().default(0),
  handledOnTime: integer('handled_on_time').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.unitId, t.day, t.departmentId, t.categoryCode] }),
]);
