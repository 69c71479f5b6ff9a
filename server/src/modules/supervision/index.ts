export { supervisionRoutes } from './supervision.routes.js';
export { runDeadlines, type DeadlineKind } from './deadline.job.js';
export { closeUnrated } from './close-unrated.js';
