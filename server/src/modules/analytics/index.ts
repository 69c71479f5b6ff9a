import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { indicatorsRoutes } from './indicators.routes.js';

/** Analytics under /api/analytics: indicators, cockpit, breakdown (common/src/analytics.ts). */
export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(indicatorsRoutes);
};

export { rebuildRollups } from './rollups.js';
export { indicatorsFor, analyticsUnit, checkPeriod } from './indicators.service.js';
