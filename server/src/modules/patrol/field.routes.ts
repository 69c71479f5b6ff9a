import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  fieldBundleSchema, fieldTaskCompleteBody, fieldTaskListSchema, fieldTaskSchema, householdVisitBody, householdVisitListSchema,
  householdVisitSchema, trackingPolicySchema, trackingPolicyUpdateBody,
} from '@gridgov/common';
import { idParam, toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { idempotencyKeyOf } from '../cases/idempotency.js';
import { fieldBundle } from './bundle.service.js';
import { requireFieldRole } from './patrol.service.js';
import { policyForUnit, setPolicy } from './policy.service.js';
import { completeTask, reopenTask, tasksFor } from './tasks.service.js';
import { addVisit, listVisits } from './visits.service.js';

const taskParams = z.object({ id: z.string().max(120) });
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/** The field app's offline bundle, duty tasks (网格工作清单), household visits (走访) and the district field policy. */
export const fieldRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get('/field/bundle', { schema: { querystring: z.object({ gridId: idParam.optional() }), response: { 200: fieldBundleSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    return fieldBundle(db, user, req.query.gridId ? toId(req.query.gridId) : undefined);
  });
  app.get('/field/policy', { schema: { querystring: z.object({ unitId: idParam.optional() }), response: { 200: trackingPolicySchema } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    return policyForUnit(db, user, req.query.unitId ? toId(req.query.unitId) : null);
  });
  app.put('/field/policy', { schema: { body: trackingPolicyUpdateBody, response: { 200: trackingPolicySchema } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    return setPolicy(db, user, actorOf(req), req.body);
  });
  app.get('/field/tasks', { schema: { querystring: z.object({ gridId: idParam.optional(), date: ymd.optional() }), response: { 200: fieldTaskListSchema } } }, async (req) => {
    const user = requireFieldRole(req.user);
    return tasksFor(db, user, { gridId: req.query.gridId ? toId(req.query.gridId) : undefined, date: req.query.date });
  });
  app.post('/field/tasks/:id/complete', { schema: { params: taskParams, body: fieldTaskCompleteBody, response: { 200: fieldTaskSchema } } }, async (req, reply) => {
    const user = requireFieldRole(req.user);
    return reply.status(200).send(await completeTask(db, user, actorOf(req), req.params.id, req.body, idempotencyKeyOf(req)));
  });
  app.post('/field/tasks/:id/reopen', { schema: { params: taskParams, response: { 200: fieldTaskSchema } } }, async (req) => {
    const user = requireFieldRole(req.user);
    return reopenTask(db, user, actorOf(req), req.params.id);
  });
  app.post('/visits', { schema: { body: householdVisitBody, response: { 201: householdVisitSchema } } }, async (req, reply) => {
    const user = requireFieldRole(req.user);
    return reply.status(201).send(await addVisit(db, user, actorOf(req), req.body, idempotencyKeyOf(req)));
  });
  app.get('/visits', {
    schema: {
      querystring: z.object({ householdId: idParam.optional(), gridId: idParam.optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
      response: { 200: householdVisitListSchema },
    },
  }, async (req) => {
    const user = requirePermission(req.user, 'residents.read');
    return listVisits(db, user, req.query);
  });
};
