import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { coverageSchema, dashboardSchema } from '@gridgov/common';
import { idParam } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { rootPath, thisYear } from './common.js';
import { coverage, dashboard } from './coverage.service.js';

const query = z.object({ unitId: idParam.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

export const coverageRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get('/coverage', { schema: { querystring: query, response: { 200: coverageSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return coverage(db, user, await rootPath(db, user, req.query.unitId), req.query.year ?? thisYear());
  });
  app.get('/dashboard', { schema: { querystring: query, response: { 200: dashboardSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return dashboard(db, user, await rootPath(db, user, req.query.unitId), req.query.year ?? thisYear());
  });
};
