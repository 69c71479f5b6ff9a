import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { memberUnitSchema, oneShoulderListSchema, orgDetailSchema, orgListSchema } from '@gridgov/common';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { rootPath } from './common.js';
import * as repo from './orgs.repo.js';
import * as service from './orgs.service.js';
import { createOrgBody, listOrgsQuery, memberUnitBody, params, unitQuery, updateOrgBody } from './party.schema.js';

export const orgsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get('/orgs', { schema: { querystring: listOrgsQuery, response: { 200: orgListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    const root = await rootPath(db, user, req.query.unitId);
    return repo.listOrgs(db, user, { ...req.query, root });
  });

  app.get('/orgs/:id', { schema: { params, response: { 200: orgDetailSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.detail(db, user, toId(req.params.id));
  });

  app.post('/orgs', { schema: { body: createOrgBody, response: { 201: orgDetailSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    const id = await service.create(db, user, actorOf(req), req.body);
    return reply.status(201).send(await service.detail(db, user, id));
  });

  app.patch('/orgs/:id', { schema: { params, body: updateOrgBody, response: { 200: orgDetailSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.write');
    await service.update(db, user, actorOf(req), toId(req.params.id), req.body);
    return service.detail(db, user, toId(req.params.id));
  });

  app.post('/orgs/:id/member-units', { schema: { params, body: memberUnitBody, response: { 201: memberUnitSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    return reply.status(201).send(await service.addMemberUnit(db, user, actorOf(req), toId(req.params.id), req.body));
  });

  app.get('/one-shoulder', { schema: { querystring: unitQuery, response: { 200: oneShoulderListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.oneShoulder(db, user, await rootPath(db, user, req.query.unitId));
  });
};
