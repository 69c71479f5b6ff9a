import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { gridTypeItem } from './territory.schema.js';
import { gridTypeCreate, gridTypeParams, gridTypePatch } from './grid-types.schema.js';
import * as service from './grid-types.service.js';

/** Grid-type admin under /api/territory (GET /grid-types lives in territory.routes.ts). */
export const gridTypesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.post('/grid-types', { schema: { body: gridTypeCreate, response: { 201: gridTypeItem } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'territory.write');
    return reply.status(201).send(await service.createGridType(db, user, actorOf(req), req.body));
  });

  app.patch('/grid-types/:id', { schema: { params: gridTypeParams, body: gridTypePatch, response: { 200: gridTypeItem } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.write');
    return service.updateGridType(db, user, actorOf(req), toId(req.params.id), req.body);
  });
};
