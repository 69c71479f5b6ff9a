import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { geometry, ltree } from './types.js';
import { units } from './territory.js';
import { persons, users } from './people.js';

/**
 * Emergency mode (平战结合, DOMAIN.md §4). An emergency covers a subtree (`path` of its unit); wartime at a unit
 * is "an active emergency whose path contains the unit's path" — one GiST lookup. Directives fan out to one
 * `directive_grids` row per current basic grid, so the board and the escalation timers are plain indexed SQL.
 */
export const emergencyPlans = pgTable('emergency_plans', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  code: text('code').notNull(),
  incidentType: text('incident_type').notNull(),
  level: smallint('level').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  /** Everything else of the plan (timers, directive templates, mobilisation, checklist, sitrep template): common PlanDetail. */
  body: jsonb('body').$type<Record<string, unknown>>().notNull().default({}),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('emergency_plans_code_uq').on(t.code), index('emergency_plans_type_idx').on(t.incidentType, t.level)]);

export const emergencies = pgTable('emergencies', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  planId: bigint('plan_id', { mode: 'number' }).notNull().references(() => emergencyPlans.id),
  incidentType: text('incident_type').notNull(),
  level: smallint('level').notNull(),
  title: text('title').notNull(),
  note: text('note'),
  unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  state: text('state').notNull().default('active'), // active | ended
  sitrepEveryMinutes: integer('sitrep_every_minutes').notNull().default(240),
  timers: jsonb('timers').$type<{ ackMinutes: number; executeMinutes: number; streetAfterMinutes: number }>().notNull(),
  formations: jsonb('formations').$type<{ kind: string; name: string; partyOrgId: string | null; partyPostId: string | null }[]>().notNull().default([]),
  summary: text('summary'),
  declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
  declaredBy: bigint('declared_by', { mode: 'number' }).references(() => users.id),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  endedBy: bigint('ended_by', { mode: 'number' }).references(() => users.id),
}, (t) => [
  index('emergencies_path_gist').using('gist', t.path),
  index('emergencies_active_path_gist').using('gist', t.path).where(sql`state = 'active'`),
]);

/** Timeline of an emergency (declared, level changed, directive issued, call-up, ended …) for the after-action report. */
export const emergencyLog = pgTable('emergency_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  emergencyId: bigint('emergency_id', { mode: 'number' }).notNull().references(() => emergencies.id),
  at: timestamp('at', { withTimezone: true }).notNull(),
  kind: text('kind').notNull(),
  text: text('text').notNull(),
  actorName: text('actor_name'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [index('emergency_log_emergency_idx').on(t.emergencyId, t.at)]);

export const directives = pgTable('directives', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  emergencyId: bigint('emergency_id', { mode: 'number' }).notNull().references(() => emergencies.id),
  title: text('title').notNull(),
  body: text('body').notNull(),
  targetUnitIds: jsonb('target_unit_ids').$type<string[]>().notNull(),
  /** Path of the emergency's unit (scope for command users). */
  path: ltree('path').notNull(),
  reportFields: jsonb('report_fields').$type<Record<string, unknown>[]>().notNull().default([]),
  attachments: jsonb('attachments').$type<{ name: string; url: string }[]>().notNull().default([]),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  issuedBy: bigint('issued_by', { mode: 'number' }).references(() => users.id),
  ackDueAt: timestamp('ack_due_at', { withTimezone: true }).notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  /** Minutes after the first escalation (to the community) before the street/town is told. */
  streetAfterMinutes: integer('street_after_minutes').notNull().default(60),
  total: integer('total').notNull().default(0),
}, (t) => [index('directives_emergency_idx').on(t.emergencyId), index('directives_path_gist').using('gist', t.path)]);

/** One row per current basic grid reached by a directive (fan-out by one INSERT … SELECT). */
export const directiveGrids = pgTable('directive_grids', {
  directiveId: bigint('directive_id', { mode: 'number' }).notNull().references(() => directives.id),
  gridId: bigint('grid_id', { mode: 'number' }).notNull(),
  path: ltree('path').notNull(),
  state: text('state').notNull().default('pending'), // pending | acknowledged | executed
  ackedAt: timestamp('acked_at', { withTimezone: true }),
  ackedBy: bigint('acked_by', { mode: 'number' }),
  reportedAt: timestamp('reported_at', { withTimezone: true }),
  reportedBy: bigint('reported_by', { mode: 'number' }),
  report: jsonb('report').$type<Record<string, unknown>>(),
  /** 0 none, 1 community told, 2 street/town told. */
  escalation: smallint('escalation').notNull().default(0),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
}, (t) => [
  primaryKey({ columns: [t.directiveId, t.gridId] }),
  index('directive_grids_grid_idx').on(t.gridId),
  index('directive_grids_open_idx').on(t.directiveId, t.escalation).where(sql`state <> 'executed'`),
]);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** 反馈 photos of one grid for one directive (checked like case photos: JPEG/PNG/WebP by content, ≤ 9 per grid). */
export const directivePhotos = pgTable('directive_photos', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  directiveId: bigint('directive_id', { mode: 'number' }).notNull().references(() => directives.id),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  /** The grid's path (scope checks without a join). */
  path: ltree('path').notNull(),
  mime: text('mime').notNull(),
  bytes: integer('bytes').notNull(),
  sha256: text('sha256').notNull(),
  data: bytea('data').notNull(),
  thumb: bytea('thumb').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [index('directive_photos_directive_grid_idx').on(t.directiveId, t.gridId)]);

/** A directive forwarded downward by an intermediate unit with its additions (seen by the grids under that unit). */
export const directiveAdditions = pgTable('directive_additions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  directiveId: bigint('directive_id', { mode: 'number' }).notNull().references(() => directives.id),
  unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  note: text('note').notNull(),
  reportFields: jsonb('report_fields').$type<Record<string, unknown>[]>().notNull().default([]),
  addedBy: bigint('added_by', { mode: 'number' }).references(() => users.id),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
}, (t) => [index('directive_additions_directive_idx').on(t.directiveId)]);

/** Registry of people who can be called up (most without an account). `path` = the home grid's path. */
export const responders = pgTable('emergency_responders', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(), // RESPONDER_KINDS
  name: text('name').notNull(),
  phoneEnc: text('phone_enc'),
  phoneMasked: text('phone_masked'),
  team: text('team'),
  role: text('role'),
  homeGridId: bigint('home_grid_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  personId: bigint('person_id', { mode: 'number' }).references(() => persons.id),
  partyMemberId: bigint('party_member_id', { mode: 'number' }),
  userId: bigint('user_id', { mode: 'number' }).references(() => users.id),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('emergency_responders_path_gist').using('gist', t.path),
  uniqueIndex('emergency_responders_member_uq').on(t.partyMemberId).where(sql`party_member_id IS NOT NULL`),
]);

/** One call-up of one responder for one emergency; the one-time link is stored as a hash only. */
export const callups = pgTable('emergency_callups', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  emergencyId: bigint('emergency_id', { mode: 'number' }).notNull().references(() => emergencies.id),
  responderId: bigint('responder_id', { mode: 'number' }).notNull().references(() => responders.id),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  tokenHash: text('token_hash').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  state: text('state').notNull().default('called'), // called | confirmed | declined | checked_in
  calledAt: timestamp('called_at', { withTimezone: true }).notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
  distanceM: integer('distance_m'),
}, (t) => [
  uniqueIndex('emergency_callups_uq').on(t.emergencyId, t.responderId),
  uniqueIndex('emergency_callups_token_uq').on(t.tokenHash),
  index('emergency_callups_path_gist').using('gist', t.path),
]);

/** 情况报告: one per grid per reporting period (slot start), values keyed by the plan's template fields. */
export const sitreps = pgTable('emergency_sitreps', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  emergencyId: bigint('emergency_id', { mode: 'number' }).notNull().references(() => emergencies.id),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  period: timestamp('period', { withTimezone: true }).notNull(),
  values: jsonb('values').$type<Record<string, number | string>>().notNull(),
  reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  reportedBy: bigint('reported_by', { mode: 'number' }).references(() => users.id),
}, (t) => [
  uniqueIndex('emergency_sitreps_uq').on(t.emergencyId, t.gridId, t.period),
  index('emergency_sitreps_path_gist').using('gist', t.path),
]);

/** Shelters, supply points and rescue equipment with capacity and occupancy. */
export const emergencyResources = pgTable('emergency_resources', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  location: geometry('location', 'Point').notNull(),
  capacity: integer('capacity').notNull().default(0),
  occupancy: integer('occupancy').notNull().default(0),
  note: text('note'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('emergency_resources_path_gist').using('gist', t.path), index('emergency_resources_loc_gist').using('gist', t.location)]);
