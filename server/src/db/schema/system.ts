import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { geometry, ltree } from './types.js';
import { units } from './territory.js';

/** Every change, written in the same transaction as the change itself. */
export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorId: bigint('actor_id', { mode: 'number' }),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  unitPath: ltree('unit_path'),
  before: jsonb('before'),
  after: jsonb('after'),
  ip: text('ip'),
}, (t) => [
  index('audit_at_idx').on(t.at),
  index('audit_entity_idx').on(t.entityType, t.entityId),
  index('audit_actor_idx').on(t.actorId),
  index('audit_path_gist').using('gist', t.unitPath),
]);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Matters (cases). Only the columns the territory layer needs (location, grid, state) live here;
 * the case workflow module extends this table.
 */
export const cases = pgTable('cases', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  trackingNo: text('tracking_no').notNull().unique(),
  title: text('title').notNull(),
  state: text('state').notNull(),
  gridId: bigint('grid_id', { mode: 'number' }).references(() => units.id),
  cellId: bigint('cell_id', { mode: 'number' }).references(() => units.id),
  path: ltree('path'),
  location: geometry('location', 'Point'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
}, (t) => [index('cases_path_gist').using('gist', t.path), index('cases_grid_idx').on(t.gridId)]);
