import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { unitItem } from './territory.schema.js';
import { unitCreate, unitParams, unitPatch } from './units-admin.schema.js';
import * as service from './units-admin.service.js';

/** Units admin under /api/territory: create, edit, retire (reads live in territory.routes.ts). */
export const unitsAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const bodyLimit = 16 * 1024 * 1024; // a community boundary can carry many vertices

  app.post('/units', { bodyLimit, schema: { body: unitCreate, response: { 201: unitItem } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'territory.write');
    return reply.status(201).send(await service.createUnit(db, user, actorOf(req), req.body));
  });

  app.patch('/units/:id', { bodyLimit, schema: { params: unitParams, body: unitPatch, response: { 200: unitItem } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.write');
    return service.updateUnit(db, user, actorOf(req), toId(req.params.id), req.body);
  });

  app.delete('/units/:id', { schema: { params: unitParams, response: { 200: unitItem } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.write');
    return service.retireUnit(db, user, actorOf(req), toId(req.params.id));
  });
};
