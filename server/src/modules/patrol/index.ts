import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fieldRoutes } from './field.routes.js';
import { patrolRoutes } from './patrol.routes.js';

/** The grid worker's field app, server side (issue 6; route list: common/src/patrol.ts). */
export const patrolModuleRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(patrolRoutes);
  await app.register(fieldRoutes);
};

export { effectivePolicy } from './policy.service.js';
