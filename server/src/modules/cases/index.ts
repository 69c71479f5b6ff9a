import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseActionRoutes } from './cases.routes.js';
import { mediationRoutes } from './mediation.routes.js';
import { intakeRoutes } from './intake.routes.js';
import { casePhotoRoutes } from './photos.routes.js';

export { applyCaseAction, type CaseActor, type ActionBody } from './workflow.js';
export { caseVisibleSql } from './case.scope.js';

/** The cases module: workflow routes (actions, detail, mediation) and intake routes, under /api. */
export const casesRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(caseActionRoutes);
  await app.register(mediationRoutes);
  await app.register(intakeRoutes);
  await app.register(casePhotoRoutes);
};
