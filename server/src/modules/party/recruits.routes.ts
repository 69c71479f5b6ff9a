import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cadreListSchema, cadreSchema, recruitListSchema, recruitSchema } from '@gridgov/common';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import * as cadres from './cadres.service.js';
import { orgInScope, rootPath } from './common.js';
import { createCadreBody, createRecruitBody, listCadresQuery, listRecruitsQuery, params, stepBody, transitionBody } from './party.schema.js';
import * as service from './recruits.service.js';

export const recruitsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, crypto } = app.ctx;

  app.get('/recruits', { schema: { querystring: listRecruitsQuery, response: { 200: recruitListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    const root = await rootPath(db, user, req.query.unitId);
    const org = req.query.orgId ? await orgInScope(db, user, Number(req.query.orgId)) : null;
    return service.list(db, user, { ...req.query, root, orgPath: org?.org_path });
  });

  app.get('/recruits/:id', { schema: { params, response: { 200: recruitSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.get(db, user, toId(req.params.id));
  });

  app.post('/recruits', { schema: { body: createRecruitBody, response: { 201: recruitSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    const id = await service.create(db, crypto, user, actorOf(req), req.body);
    return reply.status(201).send(await service.get(db, user, id));
  });

  app.post('/recruits/:id/steps', { schema: { params, body: stepBody, response: { 200: recruitSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.write');
    await service.recordStep(db, user, actorOf(req), toId(req.params.id), req.body);
    return service.get(db, user, toId(req.params.id));
  });

  app.post('/recruits/:id/transition', { schema: { params, body: transitionBody, response: { 200: recruitSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.write');
    await service.transition(db, user, actorOf(req), toId(req.params.id), req.body);
    return service.get(db, user, toId(req.params.id));
  });

  app.get('/cadres', { schema: { querystring: listCadresQuery, response: { 200: cadreListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return cadres.list(db, user, { ...req.query, root: await rootPath(db, user, req.query.unitId) });
  });

  app.post('/cadres', { schema: { body: createCadreBody, response: { 201: cadreSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    return reply.status(201).send(await cadres.create(db, crypto, user, actorOf(req), req.body));
  });
};
