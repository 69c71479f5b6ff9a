import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ackBody, createDirectiveBody, createdSchema, directiveGridSchema, directiveListSchema, directiveSchema, forwardBody, myDirectiveListSchema, progressSchema, reportBody,
} from '@gridgov/common';
import { idParam, toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { requireEmergencyAccess } from './common.js';
import * as service from './directives.service.js';
import { progress } from './progress.service.js';

const params = z.object({ id: idParam });

/** Directives (指令): issue, field list, ack (签收), report (反馈), forward (转发), live board. */
export const directivesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.post('/emergencies/:id/directives', { schema: { params, body: createDirectiveBody, response: { 201: createdSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'emergency.command');
    const { id } = await service.createDirective(db, user, actorOf(req), toId(req.params.id), req.body);
    return reply.status(201).send({ id });
  });
  app.get('/emergencies/:id/directives', { schema: { params, response: { 200: directiveListSchema } } }, async (req) => {
    return service.listForEmergency(db, requireEmergencyAccess(req.user), toId(req.params.id));
  });
  app.get('/directives/mine', { schema: { querystring: z.object({ gridId: idParam.optional() }), response: { 200: myDirectiveListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'emergency.respond');
    return service.mine(db, user, req.query.gridId ? toId(req.query.gridId) : undefined);
  });
  app.get('/directives/:id', { schema: { params, response: { 200: directiveSchema } } }, async (req) => {
    return service.getDirective(db, requireEmergencyAccess(req.user), toId(req.params.id));
  });
  app.get('/directives/:id/progress', { schema: { params, querystring: z.object({ unitId: idParam.optional() }), response: { 200: progressSchema } } }, async (req) => {
    return progress(db, requireEmergencyAccess(req.user), toId(req.params.id), req.query.unitId);
  });
  app.post('/directives/:id/ack', { schema: { params, body: ackBody, response: { 200: directiveGridSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'emergency.respond');
    return service.acknowledge(db, user, actorOf(req), toId(req.params.id), toId(req.body.gridId));
  });
  app.post('/directives/:id/report', { schema: { params, body: reportBody, response: { 200: directiveGridSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'emergency.respond');
    return service.report(db, user, actorOf(req), toId(req.params.id), req.body);
  });
  app.post('/directives/:id/forward', { schema: { params, body: forwardBody, response: { 201: createdSchema } } }, async (req, reply) => {
    const user = requireEmergencyAccess(req.user);
    return reply.status(201).send(await service.forward(db, user, actorOf(req), toId(req.params.id), req.body));
  });
};
