import { applyDueLayouts } from '../modules/territory/index.js';
import type { Job } from './scheduler.js';

export { startScheduler, type Job, type Scheduler } from './scheduler.js';

/** Every background job of the server. */
export const jobs: Job[] = [
  // Grid layouts dated in the future move buildings, residents, cases and staff when their time comes.
  { id: 'territory.apply-due-layouts', everyMs: 30_000, run: (ctx) => applyDueLayouts(ctx.db) },
];
