import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLE_PERMISSIONS, type Role } from '@gridgov/common';
import { eq } from 'drizzle-orm';
import { units } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import type { Actor } from '../../lib/audit.js';
import * as service from './auth.service.js';
import { findSessionUser } from './auth.repo.js';
import { changePasswordBody, loginBody, meResponse } from './auth.schema.js';

export const SESSION_COOKIE = 'gg_sid';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    /** The session's user still has a temporary password. */
    mustChangePassword: boolean;
  }
}

/** With a temporary password only these answer; everything else asks for a new password first. */
const ALLOWED_WITH_TEMPORARY_PASSWORD = ['/api/auth/', '/api/health'];

export function actorOf(req: FastifyRequest): Actor {
  return { id: req.user?.id ?? null, name: req.user?.username ?? 'anonymous', ip: req.ip };
}

export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED', 'Log in first');
  return req.user;
}

/** Resolves the session cookie into req.user on every request; routes decide what they require. */
export const authPlugin = fp(async (app) => {
  app.decorateRequest('user', null);
  app.decorateRequest('mustChangePassword', false);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const row = await findSessionUser(app.ctx.db, service.hashToken(token));
    if (!row || !row.active) return;
    req.mustChangePassword = row.mustChangePassword;
    if (row.mustChangePassword && req.url.startsWith('/api/') && !ALLOWED_WITH_TEMPORARY_PASSWORD.some((p) => req.url.startsWith(p))) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Choose a new password first (POST /api/auth/password)');
    }
    req.user = {
      id: row.id, username: row.username, displayName: row.displayName, role: row.role as Role,
      homeUnitId: row.homeUnitId, departmentId: row.departmentId,
      scopePath: row.role === 'admin' && row.homeUnitId === null ? null : (row.scopePath ?? '__none__'),
    };
  });
  await app.register(authRoutes, { prefix: '/api/auth' });
});

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = (req: FastifyRequest) =>
    app.ctx.config.COOKIE_SECURE === 'true' || (app.ctx.config.COOKIE_SECURE === 'auto' && req.protocol === 'https');

  app.post('/login', { schema: { body: loginBody, response: { 200: meResponse } } }, async (req, reply) => {
    const { token, expiresAt, user } = await service.login(app.ctx.db, { ...req.body, ip: req.ip }, app.ctx.config.SESSION_HOURS);
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(req), expires: expiresAt });
    req.user = { id: user.id, username: user.username, displayName: user.displayName, role: user.role as Role, homeUnitId: user.homeUnitId, departmentId: user.departmentId, scopePath: null };
    req.mustChangePassword = user.mustChangePassword;
    return present(app, req.user, req.mustChangePassword);
  });

  app.post('/logout', { schema: { response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await service.logout(app.ctx.db, token, actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/me', { schema: { response: { 200: meResponse } } }, async (req) => present(app, requireUser(req), req.mustChangePassword));

  app.post('/password', { schema: { body: changePasswordBody, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
    const user = requireUser(req);
    await service.changePassword(app.ctx.db, user.id, req.cookies[SESSION_COOKIE]!, req.body, actorOf(req));
    req.mustChangePassword = false;
    return { ok: true as const };
  });
};

async function present(app: { ctx: { db: import('../../db/client.js').Db } }, u: SessionUser, mustChangePassword: boolean) {
  let homeUnitName: string | null = null;
  if (u.homeUnitId) {
    const [unit] = await app.ctx.db.select({ name: units.name }).from(units).where(eq(units.id, u.homeUnitId));
    homeUnitName = unit?.name ?? null;
  }
  return {
    id: String(u.id), username: u.username, displayName: u.displayName, role: u.role,
    homeUnitId: u.homeUnitId == null ? null : String(u.homeUnitId), homeUnitName,
    permissions: [...ROLE_PERMISSIONS[u.role]],
    mustChangePassword,
  };
}
