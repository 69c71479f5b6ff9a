import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/index.js';
import { idParam } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { closeItem, listItems, requireSupervisor, urgeCase } from './supervision.service.js';

const item = z.object({
  id: z.string(), caseId: z.string(), trackingNo: z.string(), caseTitle: z.string(), caseState: z.string(), kind: z.string(),
  dispatchId: z.string().nullable(), departmentName: z.string().nullable(), dueAt: z.string().nullable(),
  unitId: z.string().nullable(), unitName: z.string().nullable(), openedAt: z.string(), closedAt: z.string().nullable(), note: z.string().nullable(),
});

/** The supervision queue (督办) and manual urges (催办). */
export const supervisionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/supervision', {
    schema: {
      querystring: z.object({
        state: z.enum(['open', 'closed', 'all']).default('open'),
        kind: z.enum(['ack_overdue', 'handle_overdue', 'accept_overdue']).optional(),
        caseId: idParam.optional(),
        unitId: idParam.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: { 200: z.object({ items: z.array(item), total: z.number() }) },
    },
  }, async (req) => listItems(app.ctx.db, requireSupervisor(req.user), req.query));

  app.post('/supervision/:id/close', {
    schema: {
      params: z.object({ id: idParam }),
      body: z.object({ note: z.string().trim().min(1, 'a note is required').max(2000) }),
      response: { 200: z.object({ id: z.string(), closedAt: z.string(), note: z.string() }) },
    },
  }, async (req) => {
    const user = requireSupervisor(req.user);
    return app.ctx.db.transaction((tx) => closeItem(tx, user, actorOf(req), Number(req.params.id), req.body.note));
  });

  app.post('/cases/:id/urge', {
    schema: {
      params: z.object({ id: idParam }),
      // A bare POST (no body) urges without a note.
      body: z.object({ note: z.string().trim().max(2000).optional() }).nullish(),
      response: { 200: z.object({ caseId: z.string(), notified: z.number(), urged: z.array(z.string()) }) },
    },
  }, async (req) => {
    const user = requirePermission(req.user, 'cases.supervise');
    return app.ctx.db.transaction((tx) => urgeCase(tx, user, actorOf(req), Number(req.params.id), req.body?.note || undefined));
  });
};
