import { applyDueLayouts } from '../modules/territory/index.js';
import { deliverOutbox } from '../modules/notify/index.js';
import { runDeadlines } from '../modules/supervision/index.js';
import { expireIdempotencyKeys } from '../modules/cases/idempotency.expiry.js';
import { runEscalations } from '../modules/emergency/index.js';
import { runExports } from '../modules/analytics/exports.runner.js';
import type { Job } from './scheduler.js';

export { startScheduler, type Job, type Scheduler } from './scheduler.js';

/** Every background job of the server. */
export const jobs: Job[] = [
  // Grid layouts dated in the future move buildings, residents, cases and staff when their time comes.
  { id: 'territory.apply-due-layouts', everyMs: 30_000, run: (ctx) => applyDueLayouts(ctx.db) },
  // Yellow/red deadline warnings, urges (催办), supervision items (督办), return visits, unrated closes.
  { id: 'supervision.deadlines', everyMs: 30_000, run: (ctx) => runDeadlines(ctx) },
  // Outbound messages (WeCom robots, SMS) with retries and a dead-letter state.
  { id: 'notify.outbox', everyMs: 10_000, run: (ctx) => deliverOutbox(ctx) },
  // Idempotency keys older than 7 days (batches, SKIP LOCKED).
  { id: 'cases.expire-idempotency-keys', everyMs: 3_600_000, run: (ctx) => expireIdempotencyKeys(ctx.db) },
  // Emergency directives not acknowledged/executed in time: community, then street (SKIP LOCKED).
  { id: 'emergency.escalations', everyMs: 30_000, run: (ctx) => runEscalations(ctx) },
  // Background exports (Excel/CSV), streamed in chunks with progress; claimed with SKIP LOCKED.
  { id: 'analytics.exports', everyMs: 3_000, run: (ctx) => runExports(ctx) },
];
