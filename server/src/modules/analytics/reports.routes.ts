import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { riskQuerySchema, riskResponseSchema } from '@gridgov/common';
import { clock } from '../../lib/clock.js';
import { requirePermission } from '../../lib/scope.js';
import { shanghaiDay } from './assessment.period.js';
import { reportUnit } from './assessment.scope.js';
import { riskAnalysis } from './risk.service.js';
import { assessmentRoutes } from './assessment.routes.js';
import { exportsRoutes } from './exports.routes.js';

/** Risk analysis, periodic assessment documents, street ratings and background exports (issue 8, parts 4–7). */
export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.db;

  app.get('/analytics/risk', {
    schema: { querystring: riskQuerySchema, response: { 200: riskResponseSchema } },
  }, async (req) => {
    const user = requirePermission(req.user, 'analytics.read');
    const unit = await reportUnit(db, user, req.query.unitId);
    return riskAnalysis(db, unit, req.query.asOf ?? shanghaiDay(clock.now()), req.query.days);
  });

  await app.register(assessmentRoutes);
  await app.register(exportsRoutes);
};
