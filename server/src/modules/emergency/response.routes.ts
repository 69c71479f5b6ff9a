import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  callupBody, callupResultSchema, checkInBody, confirmBody, createResourceBody, createResponderBody, formationBody, formationSchema, mobilisationSchema,
  mobiliseLinkSchema, resourceKindSchema, resourceListSchema, resourceSchema, responderKindSchema, responderListSchema, responderSchema, reviewSchema,
  sitrepBody, sitrepSchema, sitrepSummarySchema, updateResourceBody,
} from '@gridgov/common';
import { idParam, toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { requireEmergencyAccess, unitInScopeOrFail } from './common.js';
import { form } from './formations.service.js';
import * as mob from './mobilise.service.js';
import { createResource, deleteResource, listResources, updateResource } from './resources.service.js';
import { review, reviewPdf, reviewThumbs, reviewXlsx } from './review.service.js';
import { submit, summary } from './sitreps.service.js';

const params = z.object({ id: idParam });
const token = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be a link token') });

/** Mobilisation (动员 + one-time links), formations, situation reports, resources and the after-action report. */
export const responseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, crypto } = app.ctx;
  const root = async (user: ReturnType<typeof requireEmergencyAccess>, unitId?: string) =>
    (unitId ? (await unitInScopeOrFail(db, user, toId(unitId), 'unitId')).path : null);

  app.get('/emergency/responders', {
    schema: { querystring: z.object({ unitId: idParam.optional(), kind: responderKindSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) }), response: { 200: responderListSchema } },
  }, async (req) => {
    const user = requireEmergencyAccess(req.user);
    return mob.listResponders(db, user, { ...req.query, root: await root(user, req.query.unitId) });
  });
  app.post('/emergency/responders', { schema: { body: createResponderBody, response: { 201: responderSchema } } }, async (req, reply) => {
    const user = requireEmergencyAccess(req.user);
    return reply.status(201).send(await mob.createResponder(db, crypto, user, actorOf(req), req.body));
  });
  app.post('/emergencies/:id/callups', { schema: { params, body: callupBody, response: { 201: callupResultSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'emergency.command');
    return reply.status(201).send(await mob.callup(db, user, actorOf(req), toId(req.params.id), req.body));
  });
  app.get('/emergencies/:id/mobilisation', { schema: { params, querystring: z.object({ unitId: idParam.optional() }), response: { 200: mobilisationSchema } } }, async (req) => {
    const user = requireEmergencyAccess(req.user);
    return mob.mobilisation(db, user, toId(req.params.id), await root(user, req.query.unitId));
  });
  // One-time links: no login (most responders have no account); the token is the credential.
  app.get('/mobilise/:token', { schema: { params: token, response: { 200: mobiliseLinkSchema } } }, async (req) => mob.link(db, req.params.token));
  app.post('/mobilise/:token/confirm', { schema: { params: token, body: confirmBody, response: { 200: mobiliseLinkSchema } } }, async (req) =>
    mob.confirm(db, req.params.token, req.body.accept, req.ip));
  app.post('/mobilise/:token/check-in', { schema: { params: token, body: checkInBody, response: { 200: mobiliseLinkSchema } } }, async (req) =>
    mob.checkIn(db, req.params.token, req.body, req.ip));

  app.post('/emergencies/:id/formations', { schema: { params, body: formationBody, response: { 201: formationSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'emergency.command');
    return reply.status(201).send(await form(db, user, actorOf(req), toId(req.params.id), req.body));
  });

  app.post('/emergencies/:id/sitreps', { schema: { params, body: sitrepBody, response: { 201: sitrepSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'emergency.respond');
    return reply.status(201).send(await submit(db, user, actorOf(req), toId(req.params.id), req.body));
  });
  app.get('/emergencies/:id/sitreps/summary', { schema: { params, querystring: z.object({ unitId: idParam.optional(), period: z.string().optional() }), response: { 200: sitrepSummarySchema } } }, async (req) => {
    return summary(db, requireEmergencyAccess(req.user), toId(req.params.id), req.query);
  });

  app.get('/emergency/resources', { schema: { querystring: z.object({ unitId: idParam.optional(), kind: resourceKindSchema.optional() }), response: { 200: resourceListSchema } } }, async (req) => {
    const user = requireEmergencyAccess(req.user);
    return listResources(db, user, { root: await root(user, req.query.unitId), kind: req.query.kind });
  });
  app.post('/emergency/resources', { schema: { body: createResourceBody, response: { 201: resourceSchema } } }, async (req, reply) => {
    const user = requireEmergencyAccess(req.user);
    return reply.status(201).send(await createResource(db, user, actorOf(req), req.body));
  });
  app.patch('/emergency/resources/:id', { schema: { params, body: updateResourceBody, response: { 200: resourceSchema } } }, async (req) => {
    const user = requireEmergencyAccess(req.user);
    return updateResource(db, user, actorOf(req), toId(req.params.id), req.body);
  });
  app.delete('/emergency/resources/:id', { schema: { params } }, async (req, reply) => {
    const user = requireEmergencyAccess(req.user);
    await deleteResource(db, user, actorOf(req), toId(req.params.id));
    return reply.status(204).send();
  });

  app.get('/emergencies/:id/review', { schema: { params, response: { 200: reviewSchema } } }, async (req) => review(db, requireEmergencyAccess(req.user), toId(req.params.id)));
  app.get('/emergencies/:id/review.xlsx', { schema: { params } }, async (req, reply) => {
    const r = await review(db, requireEmergencyAccess(req.user), toId(req.params.id));
    const buf = await reviewXlsx(r, await reviewThumbs(db, r));
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="emergency-${req.params.id}-review.xlsx"`).send(buf);
  });
  app.get('/emergencies/:id/review.pdf', { schema: { params } }, async (req, reply) => {
    const r = await review(db, requireEmergencyAccess(req.user), toId(req.params.id));
    const buf = await reviewPdf(r, await reviewThumbs(db, r));
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="emergency-${req.params.id}-review.pdf"`).send(buf);
  });
};
