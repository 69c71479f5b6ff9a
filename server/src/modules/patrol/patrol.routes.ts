import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPatrolBody, createPatrolResponse, patrolCheckinBody, patrolCheckinSchema, patrolCoverageSchema, patrolDetailSchema,
  patrolEventBody, patrolFindingBody, patrolFindingSchema, patrolListSchema, patrolPointsBody, patrolPointsResultSchema, patrolTrackSchema,
} from '@gridgov/common';
import { idParam, toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { idempotencyKeyOf } from '../cases/idempotency.js';
import { checkIn } from './checkins.service.js';
import { coverage } from './coverage.service.js';
import { addFinding } from './findings.service.js';
import { ownPatrols } from './patrol.repo.js';
import { createPatrol, patrolDetail, patrolEvent, patrolTrack, requireFieldRole, type PatrolEvent } from './patrol.service.js';
import { ingestPoints } from './points.service.js';

const params = z.object({ id: idParam });

/** Patrols (巡查): start/pause/resume/stop, GPS points (policy permitting), check-ins, findings, weekly coverage. */
export const patrolRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.post('/patrols', { schema: { body: createPatrolBody, response: { 201: createPatrolResponse } } }, async (req, reply) => {
    const user = requireFieldRole(req.user);
    return reply.status(201).send(await createPatrol(db, user, actorOf(req), req.body, idempotencyKeyOf(req)));
  });
  app.get('/patrols', {
    schema: { querystring: z.object({ gridId: idParam.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: patrolListSchema } },
  }, async (req) => {
    const user = requireFieldRole(req.user);
    return { items: await ownPatrols(db, user, { gridId: req.query.gridId ? toId(req.query.gridId) : undefined, limit: req.query.limit }) };
  });
  app.get('/patrols/coverage', {
    schema: { querystring: z.object({ gridId: idParam, week: z.string().optional() }), response: { 200: patrolCoverageSchema } },
  }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    return coverage(db, user, toId(req.query.gridId), req.query.week);
  });
  app.get('/patrols/:id', { schema: { params, response: { 200: patrolDetailSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    return patrolDetail(db, user, toId(req.params.id));
  });
  app.get('/patrols/:id/track', { schema: { params, response: { 200: patrolTrackSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'territory.read');
    return patrolTrack(db, user, toId(req.params.id));
  });
  app.post('/patrols/:id/points', { schema: { params, body: patrolPointsBody, response: { 200: patrolPointsResultSchema } } }, async (req) => {
    const user = requireFieldRole(req.user);
    return ingestPoints(db, user, toId(req.params.id), req.body, idempotencyKeyOf(req));
  });
  for (const ev of ['pause', 'resume', 'stop'] as PatrolEvent[]) {
    app.post(`/patrols/:id/${ev}`, { schema: { params, body: patrolEventBody, response: { 200: patrolDetailSchema } } }, async (req) => {
      const user = requireFieldRole(req.user);
      return patrolEvent(db, user, actorOf(req), toId(req.params.id), ev, req.body?.at);
    });
  }
  app.post('/patrols/:id/checkins', { schema: { params, body: patrolCheckinBody, response: { 201: patrolCheckinSchema } } }, async (req, reply) => {
    const user = requireFieldRole(req.user);
    return reply.status(201).send(await checkIn(db, user, actorOf(req), toId(req.params.id), req.body, idempotencyKeyOf(req)));
  });
  app.post('/patrols/:id/findings', { schema: { params, body: patrolFindingBody, response: { 201: patrolFindingSchema } } }, async (req, reply) => {
    const user = requireFieldRole(req.user);
    return reply.status(201).send(await addFinding(db, user, actorOf(req), toId(req.params.id), req.body, idempotencyKeyOf(req)));
  });
};
