import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import * as repo from './persons.repo.js';
import * as service from './persons.service.js';
import { presentPerson } from './people.present.js';
import {
  createPersonBody, listPersonsQuery, params, personDetailSchema, personListSchema, searchBody, unmaskBody,
  unmaskResponseSchema, updatePersonBody,
} from './people.schema.js';

/** Persons: lists and detail are always masked; full numbers only through /unmask, audited. */
export const personsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, crypto } = app.ctx;

  app.get('/persons', { schema: { querystring: listPersonsQuery, response: { 200: personListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'residents.read');
    const q = req.query;
    const unitPath = await service.unitPathFilter(db, user, q.unitId);
    const res = await repo.listPersons(db, user, {
      unitPath, q: q.q, category: q.category, tag: q.tag,
      buildingId: q.buildingId ? toId(q.buildingId) : undefined, householdId: q.householdId ? toId(q.householdId) : undefined,
    }, q);
    return { items: res.items.map(presentPerson), total: res.total };
  });

  // POST so that ID and phone numbers stay out of URLs and access logs.
  app.post('/persons/search', { schema: { body: searchBody, response: { 200: personListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'residents.read');
    return service.search(db, crypto, user, req.body);
  });

  app.get('/persons/:id', { schema: { params, response: { 200: personDetailSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'residents.read');
    return service.detail(db, user, toId(req.params.id));
  });

  app.post('/persons/:id/unmask', { schema: { params, body: unmaskBody, response: { 200: unmaskResponseSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'residents.unmask');
    reply.header('cache-control', 'no-store');
    return service.unmask(db, crypto, user, actorOf(req), toId(req.params.id), req.body?.reason);
  });

  app.post('/persons', { schema: { body: createPersonBody, response: { 201: personDetailSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'residents.write');
    const id = await service.create(db, crypto, user, actorOf(req), req.body);
    return reply.status(201).send(await service.detail(db, user, id));
  });

  app.patch('/persons/:id', { schema: { params, body: updatePersonBody, response: { 200: personDetailSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'residents.write');
    const id = await service.update(db, crypto, user, actorOf(req), toId(req.params.id), req.body);
    return service.detail(db, user, id);
  });
};
