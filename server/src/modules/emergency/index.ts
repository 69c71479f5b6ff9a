import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { directivesRoutes } from './directives.routes.js';
import { emergencyRoutes as emergenciesRoutes } from './emergency.routes.js';
import { directivePhotoRoutes } from './photos.routes.js';
import { responseRoutes } from './response.routes.js';

/** Emergency mode (平战结合, DOMAIN.md §4). Other modules import only from here. Routes: common/src/emergency.ts. */
export const emergencyRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(emergenciesRoutes);
  await app.register(directivesRoutes);
  await app.register(directivePhotoRoutes);
  await app.register(responseRoutes);
};

export { activeEmergenciesAt, isWartime, isWartimeUnit, wartimeSql, type ActiveEmergencyRef, type ActiveOptions } from './wartime.js';
export { runEscalations } from './escalation.js';
export { writeEmergencyPlans, loadPlansFile } from './plans.js';
