import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { can, memberDetailSchema, memberListSchema, memberRecordSchema, memberUnmaskSchema } from '@gridgov/common';
import { AppError } from '../../lib/errors.js';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { orgInScope, rootPath } from './common.js';
import * as repo from './members.repo.js';
import * as service from './members.service.js';
import { memberRecord } from './record.service.js';
import { createMemberBody, listMembersQuery, params, transferBody, unmaskBody, updateMemberBody } from './party.schema.js';

export const membersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, crypto } = app.ctx;

  /** Paged, always masked. orgId includes its sub-organisations unless direct=true. */
  app.get('/members', { schema: { querystring: listMembersQuery, response: { 200: memberListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    const q = req.query;
    const root = await rootPath(db, user, q.unitId);
    const org = q.orgId ? await orgInScope(db, user, Number(q.orgId)) : null;
    return repo.listMembers(db, user, {
      root, orgId: org && q.direct === 'true' ? Number(org.id) : undefined, orgPath: org?.org_path,
      homeGridId: q.homeGridId ? Number(q.homeGridId) : undefined, memberClass: q.class, status: q.status, q: q.q,
    }, q);
  });

  app.get('/members/:id', { schema: { params, response: { 200: memberDetailSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.detail(db, user, toId(req.params.id));
  });

  app.get('/members/:id/record', { schema: { params, response: { 200: memberRecordSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return memberRecord(db, user, toId(req.params.id));
  });

  app.post('/members', { schema: { body: createMemberBody, response: { 201: memberDetailSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    const id = await service.create(db, crypto, user, actorOf(req), req.body);
    return reply.status(201).send(await service.detail(db, user, id));
  });

  app.patch('/members/:id', { schema: { params, body: updateMemberBody, response: { 200: memberDetailSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.write');
    await service.update(db, user, actorOf(req), toId(req.params.id), req.body);
    return service.detail(db, user, toId(req.params.id));
  });

  app.post('/members/:id/transfer', { schema: { params, body: transferBody, response: { 200: memberDetailSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.write');
    await service.transfer(db, user, actorOf(req), toId(req.params.id), req.body);
    return service.detail(db, user, toId(req.params.id));
  });

  // Unmasking needs residents.unmask or party.manage (the organisation's own secretary); each look is audited.
  app.post('/members/:id/unmask', { schema: { params, body: unmaskBody, response: { 200: memberUnmaskSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.read');
    if (!can(user.role, 'residents.unmask') && !can(user.role, 'party.manage')) {
      throw new AppError('FORBIDDEN', `Role ${user.role} may not see full ID or phone numbers`, { permission: 'residents.unmask', role: user.role });
    }
    reply.header('cache-control', 'no-store');
    return service.unmask(db, crypto, user, actorOf(req), toId(req.params.id), req.body?.reason);
  });
};
