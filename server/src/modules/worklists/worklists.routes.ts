import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePermission } from '../../lib/scope.js';
import {
  boardQuery, boardResponse, bulkDispatchBody, bulkDispatchResponse, countsQuery, countsResponse, listQuery, listResponse,
} from './worklists.schema.js';
import * as board from './board.service.js';
import * as service from './worklists.service.js';

/**
 * Worklists: every role's to-do and the full list with filters, badge counts, the centre's dispatch board and
 * bulk dispatch. Scope is applied in SQL (caseVisibleSql): another unit's cases never appear.
 */
export const worklistsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/cases', { schema: { summary: 'Cases: to-do (view=todo) or all, with filters', querystring: listQuery, response: { 200: listResponse } } }, async (req) => {
    const user = requirePermission(req.user, 'cases.read');
    return service.listCases(ctx.db, user, req.query);
  });

  app.get('/cases/counts', { schema: { summary: 'Counts per state, overdue and to-do (badges)', querystring: countsQuery, response: { 200: countsResponse } } }, async (req) => {
    const user = requirePermission(req.user, 'cases.read');
    return service.caseCounts(ctx.db, user, req.query.unitId);
  });

  app.get('/cases/board', { schema: { summary: 'Dispatch board (派单看板) of the centre', querystring: boardQuery, response: { 200: boardResponse } } }, async (req) => {
    const user = requirePermission(req.user, 'cases.dispatch');
    return board.dispatchBoard(ctx.db, user, req.query);
  });

  app.post('/cases/bulk/dispatch', { schema: { summary: 'Dispatch several cases to the same departments (批量派单)', body: bulkDispatchBody, response: { 200: bulkDispatchResponse } } }, async (req) => {
    const user = requirePermission(req.user, 'cases.dispatch');
    return service.bulkDispatch(ctx, user, req.body);
  });
};
