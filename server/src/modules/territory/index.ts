export { territoryRoutes } from './territory.routes.js';
export { locate, toWgs84 } from './locate.service.js';
export { unitPathById } from './territory.repo.js';
export { applyDueLayouts } from './redraw.service.js';
