import { bigint, bigserial, customType, date, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AssessmentWeights } from '@gridgov/common';
import { ltree } from './types.js';
import { units } from './territory.js';
import { departments, users } from './people.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** 街道评议部门: a street's quarterly rating of a department (0–100); one per street, department and quarter. */
export const departmentRatings = pgTable('department_ratings', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
  /** The rating street's path: scope filtering. */
  path: ltree('path').notNull(),
  departmentId: bigint('department_id', { mode: 'number' }).notNull().references(() => departments.id),
  quarter: text('quarter').notNull(), // YYYY-Qn
  score: real('score').notNull(),
  comment: text('comment'),
  ratedBy: bigint('rated_by', { mode: 'number' }).notNull().references(() => users.id),
  ratedAt: timestamp('rated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('department_ratings_once_uq').on(t.unitId, t.departmentId, t.quarter),
  index('department_ratings_quarter_idx').on(t.quarter, t.departmentId),
  index('department_ratings_path_gist').using('gist', t.path),
]);

/** Assessment weights of a district (年考核); a district without a row uses DEFAULT_WEIGHTS. */
export const assessmentWeights = pgTable('assessment_weights', {
  unitId: bigint('unit_id', { mode: 'number' }).primaryKey().references(() => units.id),
  weights: jsonb('weights').$type<AssessmentWeights>().notNull(),
  updatedBy: bigint('updated_by', { mode: 'number' }).references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Background exports: claimed with SKIP LOCKED, rows written in chunks, the finished file kept in `data`. */
export const exportJobs = pgTable('export_jobs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  createdBy: bigint('created_by', { mode: 'number' }).notNull().references(() => users.id),
  tableName: text('table_name').notNull(),
  unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
  /** Path of the unit asked for (already checked against the creator's scope). */
  path: ltree('path').notNull(),
  fromDay: date('from_day').notNull(),
  toDay: date('to_day').notNull(),
  format: text('format').notNull(), // xlsx | csv
  state: text('state').notNull().default('queued'), // queued | running | done | failed
  rowsDone: integer('rows_done').notNull().default(0),
  rowsTotal: integer('rows_total'),
  attempts: integer('attempts').notNull().default(0),
  error: text('error'),
  fileName: text('file_name'),
  data: bytea('data'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  /** A running job whose heartbeat is older than a few minutes is taken over by another instance. */
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [
  index('export_jobs_state_idx').on(t.state, t.createdAt),
  index('export_jobs_owner_idx').on(t.createdBy, t.createdAt),
]);
