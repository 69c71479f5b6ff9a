import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/sql.js';
import { audit } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { caseParams, errorBody } from './cases.schema.js';
import { findVisibleCase, lockCase } from './case.repo.js';
import { agreementHtml } from './mediation.agreement.js';

const sessionBody = z.object({
  heldAt: z.string().datetime({ offset: true }).optional(),
  place: z.string().trim().max(200).optional(),
  notes: z.string().trim().min(1).max(4000),
});

/** Mediation sessions (调解记录) and the printable agreement (人民调解协议书). */
export const mediationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/cases/:id/mediation/sessions', {
    schema: { params: caseParams, body: sessionBody, response: { 201: z.object({ id: z.string(), mediationId: z.string() }), 404: errorBody, 409: errorBody } },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'cases.mediate');
    const id = toId(req.params.id);
    const out = await app.ctx.db.transaction(async (tx) => {
      const c = await lockCase(tx, user, id);
      if (!c) throw new AppError('NOT_FOUND', `Case ${id} not found`, { id: String(id) });
      const [m] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM case_mediations WHERE case_id = ${id} AND state = 'open' ORDER BY id DESC LIMIT 1`);
      if (c.state !== 'mediation' || !m) {
        throw new AppError('CASE_INVALID_TRANSITION', 'Sessions are recorded while the case is in mediation', { state: c.state, allowed: [] });
      }
      const now = clock.now();
      const heldAt = req.body.heldAt ? new Date(req.body.heldAt) : now;
      const [s] = await queryRows<{ id: string }>(tx, sql`
        INSERT INTO mediation_sessions (mediation_id, held_at, place, notes, created_by)
        VALUES (${m.id}, ${heldAt}, ${req.body.place ?? null}, ${req.body.notes}, ${user.id}) RETURNING id::text`);
      await audit(tx, actorOf(req), {
        action: 'case.mediation_session', entityType: 'case', entityId: id, unitPath: c.path, at: now,
        after: { mediationId: m.id, sessionId: s!.id, heldAt: heldAt.toISOString(), place: req.body.place, notes: req.body.notes },
      });
      return { id: s!.id, mediationId: m.id };
    });
    return reply.status(201).send(out);
  });

  app.get('/cases/:id/mediation/agreement', {
    schema: { params: caseParams, response: { 200: z.string(), 404: errorBody } },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'cases.read');
    const c = await findVisibleCase(app.ctx.db, user, toId(req.params.id));
    if (!c) throw new AppError('NOT_FOUND', `Case ${req.params.id} not found`, { id: req.params.id });
    const html = await agreementHtml(app.ctx.db, c);
    if (!html) throw new AppError('NOT_FOUND', `Case ${c.trackingNo} has no mediation agreement`, { id: req.params.id });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
};
