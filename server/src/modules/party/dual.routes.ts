import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { activityListSchema, activitySchema, dualRegistrationListSchema, dualRegistrationSchema, serviceStatsSchema, signupListSchema, signupSchema } from '@gridgov/common';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { rootPath } from './common.js';
import * as service from './dual.service.js';
import { createActivityBody, createDualBody, hoursBody, params, signupBody, unitQuery } from './party.schema.js';

export const dualRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get('/dual-registrations', { schema: { querystring: unitQuery, response: { 200: dualRegistrationListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.listDual(db, user, await rootPath(db, user, req.query.unitId));
  });
  app.post('/dual-registrations', { schema: { body: createDualBody, response: { 201: dualRegistrationSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    return reply.status(201).send(await service.register(db, user, actorOf(req), req.body));
  });
  app.get('/activities', { schema: { querystring: unitQuery, response: { 200: activityListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.listActivities(db, user, await rootPath(db, user, req.query.unitId));
  });
  app.post('/activities', { schema: { body: createActivityBody, response: { 201: activitySchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    return reply.status(201).send(await service.publish(db, user, actorOf(req), req.body));
  });
  app.get('/activities/:id/signups', { schema: { params, response: { 200: signupListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.listSignups(db, user, toId(req.params.id));
  });
  app.post('/activities/:id/signups', { schema: { params, body: signupBody, response: { 201: signupSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    return reply.status(201).send(await service.signUp(db, user, actorOf(req), toId(req.params.id), req.body.memberId));
  });
  app.post('/signups/:id/check-in', { schema: { params, response: { 200: signupSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.write');
    return service.checkIn(db, user, actorOf(req), toId(req.params.id));
  });
  app.post('/signups/:id/hours', { schema: { params, body: hoursBody, response: { 200: signupSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.write');
    return service.recordHours(db, user, actorOf(req), toId(req.params.id), req.body.hours);
  });
  app.get('/service-stats', { schema: { querystring: unitQuery, response: { 200: serviceStatsSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.stats(db, user, await rootPath(db, user, req.query.unitId));
  });
};
