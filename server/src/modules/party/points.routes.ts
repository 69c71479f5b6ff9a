import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { partySettingsSchema, pointEntryListSchema, pointEntrySchema, pointRankingSchema, pointRuleListSchema, pointRuleSchema, pointTotalsSchema } from '@gridgov/common';
import { idParam, toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { orgInScope, rootPath } from './common.js';
import {
  createPointBody, decideBody, listPointsQuery, params, pointRuleBody, settingsBody, unitQuery, updatePointRuleBody,
} from './party.schema.js';
import * as service from './points.service.js';

export const pointsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get('/point-rules', { schema: { querystring: unitQuery, response: { 200: pointRuleListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.listRules(db, user, await rootPath(db, user, req.query.unitId));
  });
  app.post('/point-rules', { schema: { body: pointRuleBody, response: { 201: pointRuleSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.manage');
    return reply.status(201).send(await service.createRule(db, user, actorOf(req), req.body));
  });
  app.patch('/point-rules/:id', { schema: { params, body: updatePointRuleBody, response: { 200: pointRuleSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.manage');
    return service.updateRule(db, user, actorOf(req), toId(req.params.id), req.body);
  });
  app.get('/points', { schema: { querystring: listPointsQuery, response: { 200: pointEntryListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    const root = await rootPath(db, user, req.query.unitId);
    const org = req.query.orgId ? await orgInScope(db, user, Number(req.query.orgId)) : null;
    return service.listEntries(db, user, { ...req.query, root, orgPath: org?.org_path });
  });
  app.post('/points', { schema: { body: createPointBody, response: { 201: pointEntrySchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    return reply.status(201).send(await service.record(db, user, actorOf(req), req.body));
  });
  app.post('/points/:id/decide', { schema: { params, body: decideBody, response: { 200: pointEntrySchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.manage');
    return service.decide(db, user, actorOf(req), toId(req.params.id), req.body.decision);
  });
  app.get('/points/totals', { schema: { querystring: unitQuery, response: { 200: pointTotalsSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.totals(db, user, await rootPath(db, user, req.query.unitId));
  });
  app.get('/points/ranking', { schema: { querystring: unitQuery, response: { 200: pointRankingSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.ranking(db, user, req.query.unitId);
  });
  app.get('/settings', { schema: { querystring: z.object({ unitId: idParam }), response: { 200: partySettingsSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    const s = await service.settings(db, user, req.query.unitId);
    return { districtId: s.districtId, rankingsEnabled: s.rankingsEnabled };
  });
  app.put('/settings', { schema: { body: settingsBody, response: { 200: partySettingsSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.manage');
    return service.setRankings(db, user, actorOf(req), req.body.unitId, req.body.rankingsEnabled);
  });
};
