import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { breakdownSchema, cockpitPointsSchema, cockpitSchema, indicatorsResponseSchema } from '@gridgov/common';
import { clock } from '../../lib/clock.js';
import { idParam } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { cockpitFor, cockpitPoints } from './cockpit.service.js';
import { breakdownFor } from './indicators.breakdown.js';
import { analyticsUnit, checkPeriod, screenIndicators } from './indicators.service.js';

/** Dates are checked in the service (calendar validity, order, span) so the 400 names the field precisely. */
const periodQuery = z.object({ unitId: idParam.optional(), from: z.string(), to: z.string() });
const unitQuery = z.object({ unitId: idParam.optional() });

/** GET /api/analytics/{indicators,cockpit,breakdown} (shapes: common/src/analytics.ts). */
export const indicatorsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get('/analytics/indicators', { schema: { querystring: periodQuery, response: { 200: indicatorsResponseSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'analytics.read');
    const period = checkPeriod(req.query.from, req.query.to);
    const unit = await analyticsUnit(db, user, req.query.unitId);
    return { unitId: unit.id, ...period, indicators: await screenIndicators(db, unit, period, clock.now()) };
  });
  app.get('/analytics/breakdown', { schema: { querystring: periodQuery, response: { 200: breakdownSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'analytics.read');
    const period = checkPeriod(req.query.from, req.query.to);
    const unit = await analyticsUnit(db, user, req.query.unitId);
    return breakdownFor(db, unit, period, clock.now());
  });
  app.get('/analytics/cockpit', { schema: { querystring: unitQuery, response: { 200: cockpitSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'analytics.read');
    const unit = await analyticsUnit(db, user, req.query.unitId);
    return cockpitFor(db, user, unit, clock.now());
  });
  app.get('/analytics/cockpit/points', { schema: { querystring: unitQuery, response: { 200: cockpitPointsSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'analytics.read');
    const unit = await analyticsUnit(db, user, req.query.unitId);
    return cockpitPoints(db, unit, clock.now());
  });
};
