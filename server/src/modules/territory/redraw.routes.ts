import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import * as service from './redraw.service.js';
import {
  communityLayouts, layoutDetail, layoutParams, redrawBody, redrawQuery, redrawResult,
} from './redraw.schema.js';
import { unitsAdminRoutes } from './units-admin.routes.js';
import { gridTypesRoutes } from './grid-types.routes.js';

/** A redraw carries whole polygons for a community's grids: allow more than the default 2 MB body. */
const LAYOUT_BODY_LIMIT = 32 * 1024 * 1024;

/** Redraw routes under /api/territory; also registers the units and grid-types admin routes. */
export const redrawRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  await app.register(unitsAdminRoutes);
  await app.register(gridTypesRoutes);

  app.post('/communities/:id/redraw', {
    bodyLimit: LAYOUT_BODY_LIMIT,
    schema: { params: layoutParams, querystring: redrawQuery, body: redrawBody, response: { 201: redrawResult } },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'territory.write');
    const input = { ...req.body, effectiveAt: req.body.effectiveAt ?? req.query.effectiveAt, note: req.body.note ?? req.query.note };
    const result = await service.redraw(db, user, actorOf(req), toId(req.params.id), input);
    return reply.status(201).send(result);
  });

  app.get('/communities/:id/layouts', { schema: { params: layoutParams, response: { 200: communityLayouts } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    return { items: await service.listLayouts(db, user, toId(req.params.id)) };
  });

  app.get('/layouts/:id', { schema: { params: layoutParams, response: { 200: layoutDetail } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    return service.layoutDetail(db, user, toId(req.params.id));
  });
};
