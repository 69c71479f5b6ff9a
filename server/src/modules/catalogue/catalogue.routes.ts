import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '@gridgov/common';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import {
  calendarDay, calendarDayBody, calendarQuery, calendarResponse, catalogueQuery, catalogueResponse, categoryParams,
  categoryPatch, dayParam, nodeBase,
} from './catalogue.schema.js';
import * as service from './catalogue.service.js';
import * as calendar from './calendar.service.js';

/**
 * The matter catalogue and the working calendar. Reading both needs no login: the public report form lists the
 * categories and shows the deadlines; editing needs catalogue.manage and is audited.
 */
export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get('/catalogue', { schema: { querystring: catalogueQuery, response: { 200: catalogueResponse } } }, async (req) => {
    const all = (req.query.all === '1' || req.query.all === 'true') && !!req.user && can(req.user.role, 'catalogue.manage');
    return { categories: await service.catalogueTree(db, all) };
  });

  app.put('/catalogue/categories/:code', { schema: { params: categoryParams, body: categoryPatch, response: { 200: nodeBase } } }, async (req) => {
    requirePermission(req.user, 'catalogue.manage');
    return service.updateCategory(db, actorOf(req), req.params.code, req.body);
  });

  app.get('/calendar', { schema: { querystring: calendarQuery, response: { 200: calendarResponse } } }, async (req) =>
    ({ year: req.query.year, days: await calendar.listYear(db, req.query.year) }));

  app.put('/calendar/days/:day', { schema: { params: dayParam, body: calendarDayBody, response: { 200: calendarDay } } }, async (req) => {
    requirePermission(req.user, 'catalogue.manage');
    return calendar.setDay(db, actorOf(req), req.params.day, req.body);
  });

  app.delete('/calendar/days/:day', { schema: { params: dayParam, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
    requirePermission(req.user, 'catalogue.manage');
    await calendar.deleteDay(db, actorOf(req), req.params.day);
    return { ok: true as const };
  });
};
