import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Ledger of deadline warnings raised by the deadline job: one row per (case, dispatch, deadline kind, deadline
 * time, level). Inserting the row is what makes a warning happen exactly once, even when several server
 * instances run the job at the same moment; a new deadline time (re-dispatch, extension, reopen) starts afresh.
 */
export const deadlineMarks = pgTable('deadline_marks', {
  caseId: bigint('case_id', { mode: 'number' }).notNull(),
  /** 0 = the case's own deadline (response or in-grid handling). */
  dispatchId: bigint('dispatch_id', { mode: 'number' }).notNull().default(0),
  /** response | due | ack | handle */
  kind: text('kind').notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  /** yellow | red */
  level: text('level').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.caseId, t.dispatchId, t.kind, t.dueAt, t.level] })]);
