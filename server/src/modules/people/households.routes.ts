import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import * as hh from './households.repo.js';
import * as service from './households.service.js';
import { unitPathFilter } from './persons.service.js';
import { presentHousehold } from './people.present.js';
import { createHouseholdBody, householdDetailSchema, householdItemSchema, listHouseholdsQuery, params } from './people.schema.js';

export const householdsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get('/households', {
    schema: { querystring: listHouseholdsQuery, response: { 200: z.object({ items: z.array(householdItemSchema), total: z.number().int() }) } },
  }, async (req) => {
    const user = requirePermission(req.user, 'residents.read');
    const q = req.query;
    const unitPath = await unitPathFilter(db, user, q.unitId);
    const res = await hh.listHouseholds(db, user, { unitPath, buildingId: q.buildingId ? toId(q.buildingId) : undefined }, q);
    return { items: res.items.map(presentHousehold), total: res.total };
  });

  app.get('/households/:id', { schema: { params, response: { 200: householdDetailSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'residents.read');
    return service.detail(db, user, toId(req.params.id));
  });

  app.post('/households', { schema: { body: createHouseholdBody, response: { 201: householdDetailSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'residents.write');
    const id = await service.create(db, user, actorOf(req), req.body);
    return reply.status(201).send(await service.detail(db, user, id));
  });
};
