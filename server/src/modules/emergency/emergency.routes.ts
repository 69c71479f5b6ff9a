import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activeListSchema, createdSchema, declareBody, emergencyListSchema, emergencySchema, endBody, incidentTypeSchema, levelBody, planDetailSchema, planListSchema,
} from '@gridgov/common';
import { idParam, toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { requireEmergencyAccess, unitInScopeOrFail } from './common.js';
import * as service from './emergencies.service.js';
import { getPlan, listPlans } from './plans.js';

const params = z.object({ id: idParam });

/** Plans and the emergencies themselves (declare, change level, end). */
export const emergencyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get('/emergency/plans', { schema: { querystring: z.object({ incidentType: incidentTypeSchema.optional() }), response: { 200: planListSchema } } }, async (req) => {
    requireEmergencyAccess(req.user);
    return listPlans(db, req.query);
  });
  app.get('/emergency/plans/:id', { schema: { params, response: { 200: planDetailSchema } } }, async (req) => {
    requireEmergencyAccess(req.user);
    return getPlan(db, toId(req.params.id));
  });
  app.get('/emergencies', {
    schema: { querystring: z.object({ state: z.enum(['active', 'ended', 'all']).default('all'), unitId: idParam.optional() }), response: { 200: emergencyListSchema } },
  }, async (req) => {
    const user = requireEmergencyAccess(req.user);
    const unitPath = req.query.unitId ? (await unitInScopeOrFail(db, user, toId(req.query.unitId), 'unitId')).path : null;
    return service.listEmergencies(db, user, { state: req.query.state, unitPath });
  });
  app.get('/emergencies/active', { schema: { response: { 200: activeListSchema } } }, async (req) => {
    // The banner shows for every staff user in the area, whatever their emergency permissions.
    return service.activeForUser(db, requirePermission(req.user, 'territory.read'));
  });
  app.get('/emergencies/:id', { schema: { params, response: { 200: emergencySchema } } }, async (req) => {
    return service.getEmergency(db, requireEmergencyAccess(req.user), toId(req.params.id));
  });
  app.post('/emergencies', { schema: { body: declareBody, response: { 201: createdSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'emergency.command');
    return reply.status(201).send(await service.declare(db, user, actorOf(req), req.body));
  });
  app.post('/emergencies/:id/level', { schema: { params, body: levelBody, response: { 200: emergencySchema } } }, async (req) => {
    const user = requirePermission(req.user, 'emergency.command');
    return service.changeLevel(db, user, actorOf(req), toId(req.params.id), req.body);
  });
  app.post('/emergencies/:id/end', { schema: { params, body: endBody, response: { 200: emergencySchema } } }, async (req) => {
    const user = requirePermission(req.user, 'emergency.command');
    return service.end(db, user, actorOf(req), toId(req.params.id), req.body);
  });
};
