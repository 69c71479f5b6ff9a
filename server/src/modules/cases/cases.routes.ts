import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../lib/errors.js';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actionBodySchema } from './actions/types.js';
import { actionParams, actionResponse, caseParams, errorBody, versionFromIfMatch } from './cases.schema.js';
import { presentCase } from './case.detail.js';
import { caseDetailSchema } from './case.detail.schema.js';
import { findVisibleCase } from './case.repo.js';
import { applyCaseAction } from './workflow.js';

/** Every move of the transition table: `POST /api/cases/:id/actions/:action`, version from If-Match or the body. */
export const caseActionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/cases/:id', {
    schema: { summary: 'Case page: state, allowed moves, dispatches with countdowns, photos, mediation, reporters (masked), timeline',
      params: caseParams, response: { 200: caseDetailSchema, 404: errorBody } },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'cases.read');
    const c = await findVisibleCase(app.ctx.db, user, toId(req.params.id));
    if (!c) throw new AppError('NOT_FOUND', `Case ${req.params.id} not found`, { id: req.params.id });
    reply.header('etag', `"${c.version}"`).header('cache-control', 'no-store');
    return presentCase(app.ctx.db, app.ctx.crypto, user, c);
  });

  app.post('/cases/:id/actions/:action', {
    schema: {
      summary: 'Make one move of the case workflow (accept, dispatch, acknowledge, feedback, verify, rate …)',
      params: actionParams,
      body: actionBodySchema.optional(),
      response: { 200: actionResponse, 400: errorBody, 404: errorBody, 409: errorBody },
    },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'cases.read');
    const ifMatch = versionFromIfMatch(req.headers['if-match']);
    if (Number.isNaN(ifMatch)) throw new AppError('VALIDATION_FAILED', 'If-Match must be the case version number', { field: 'If-Match' });
    const r = await applyCaseAction(app.ctx, { user, as: user.role, name: user.displayName }, toId(req.params.id), req.params.action,
      req.body ?? {}, { expectedVersion: ifMatch ?? req.body?.version });
    reply.header('etag', `"${r.version}"`);
    return { id: String(r.id), state: r.state, version: r.version };
  });
};
