import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_HOME_KINDS, ROLE_LABELS, ROLE_PERMISSIONS, ROLES, isStaffRole } from '@gridgov/common';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf, requireUser } from '../auth/index.js';
import * as repo from './users.repo.js';
import * as service from './users.service.js';
import { createUserBody, listUsersQuery, params, passwordResponse, roleItemSchema, updateUserBody, userItemSchema } from './users.schema.js';
import { AppError } from '../../lib/errors.js';

/** User administration (users.manage), always inside the manager's own subtree. */
export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get('/roles', { schema: { response: { 200: z.object({ items: z.array(roleItemSchema) }) } } }, async (req) => {
    requireUser(req);
    return {
      items: ROLES.map((role) => ({
        role, ...ROLE_LABELS[role], staff: isStaffRole(role),
        homeUnitKinds: ROLE_HOME_KINDS[role] ? [...ROLE_HOME_KINDS[role]!] : null, permissions: [...ROLE_PERMISSIONS[role]],
      })),
    };
  });

  app.get('/users', {
    schema: { querystring: listUsersQuery, response: { 200: z.object({ items: z.array(userItemSchema), total: z.number().int() }) } },
  }, async (req) => {
    const manager = requirePermission(req.user, 'users.manage');
    const q = req.query;
    let unitPath: string | undefined;
    if (q.unitId) {
      const u = await repo.unitInScope(db, manager, toId(q.unitId));
      if (!u) throw new AppError('NOT_FOUND', `unit ${q.unitId} not found`, { field: 'unitId', id: q.unitId });
      unitPath = u.path;
    }
    const res = await repo.listUsers(db, manager, { q: q.q, role: q.role, unitPath }, q);
    return { items: res.items.map(service.presentUser), total: res.total };
  });

  app.get('/users/:id', { schema: { params, response: { 200: userItemSchema } } }, async (req) => {
    const manager = requirePermission(req.user, 'users.manage');
    const u = await repo.getUser(db, manager, toId(req.params.id));
    if (!u) throw new AppError('NOT_FOUND', `User ${req.params.id} not found`, { id: req.params.id });
    return service.presentUser(u);
  });

  app.post('/users', {
    schema: { body: createUserBody, response: { 201: userItemSchema.extend({ password: z.string().optional() }) } },
  }, async (req, reply) => {
    const manager = requirePermission(req.user, 'users.manage');
    const created = await service.create(db, manager, actorOf(req), req.body);
    return reply.status(201).header('cache-control', 'no-store').send(created);
  });

  app.patch('/users/:id', { schema: { params, body: updateUserBody, response: { 200: userItemSchema } } }, async (req) => {
    const manager = requirePermission(req.user, 'users.manage');
    return service.update(db, manager, actorOf(req), toId(req.params.id), req.body);
  });

  app.post('/users/:id/reset-password', { schema: { params, response: { 200: passwordResponse } } }, async (req, reply) => {
    const manager = requirePermission(req.user, 'users.manage');
    reply.header('cache-control', 'no-store');
    return service.resetPassword(db, manager, actorOf(req), toId(req.params.id));
  });

  app.post('/users/:id/unlock', { schema: { params, response: { 200: userItemSchema } } }, async (req) => {
    const manager = requirePermission(req.user, 'users.manage');
    return service.unlock(db, manager, actorOf(req), toId(req.params.id));
  });
};
