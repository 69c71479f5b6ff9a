import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { ltree } from './types.js';

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

// The cases table lives in cases.ts with the rest of the matter workflow.
