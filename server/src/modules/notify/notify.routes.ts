import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../auth/index.js';
import { audit } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { idParam } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { hubFor } from './events.js';
import { listInbox, markAllRead, markRead, unreadCount } from './inbox.js';
import { listOutbox, retryOutbox } from './outbox.js';
import { serveEvents } from './sse.js';
import { isWebhookUrl, listWebhooks, maskWebhook, setWebhook } from './webhooks.js';

const inboxItem = z.object({
  id: z.string(), kind: z.string(), title: z.string(), body: z.string(), caseId: z.string().nullable(),
  readAt: z.string().nullable(), createdAt: z.string(),
});
const paging = { limit: z.coerce.number().int().min(1).max(200).default(20), offset: z.coerce.number().int().min(0).default(0) };
const outboxItem = z.object({
  id: z.string(), channel: z.string(), target: z.string(), state: z.string(), attempts: z.number(), lastError: z.string().nullable(),
  title: z.string(), caseId: z.string().nullable(), createdAt: z.string(), nextAttemptAt: z.string(), sentAt: z.string().nullable(),
});
const idParams = z.object({ id: idParam });

/** Inbox, live events (SSE), outbox dead letters and WeCom robot configuration. */
export const notifyRoutes: FastifyPluginAsyncZod = async (app) => {
  const streams = new Set<() => void>();
  const hub = hubFor(app.ctx.database);
  // End live streams first, then stop listening, so closing the server never waits on an open stream.
  app.addHook('preClose', async () => { [...streams].forEach((end) => end()); });
  app.addHook('onClose', async () => { await hub.stop(); });

  app.get('/inbox', {
    schema: {
      querystring: z.object({ unread: z.enum(['true', 'false']).optional(), ...paging }),
      response: { 200: z.object({ items: z.array(inboxItem), total: z.number(), unread: z.number() }) },
    },
  }, async (req) => {
    const user = requireUser(req);
    return listInbox(app.ctx.db, user.id, { unread: req.query.unread === 'true', limit: req.query.limit, offset: req.query.offset });
  });

  app.post('/inbox/read-all', { schema: { response: { 200: z.object({ updated: z.number(), unread: z.number() }) } } }, async (req) =>
    markAllRead(app.ctx.db, requireUser(req).id));

  app.post('/inbox/:id/read', {
    schema: { params: idParams, response: { 200: z.object({ id: z.string(), readAt: z.string(), unread: z.number() }) } },
  }, async (req) => markRead(app.ctx.db, requireUser(req).id, Number(req.params.id)));

  app.get('/events', async (req, reply) => {
    const user = requireUser(req);
    const unread = await unreadCount(app.ctx.db, user.id);
    await serveEvents(req, reply, hub, user, unread, streams);
  });

  app.get('/outbox', {
    schema: {
      querystring: z.object({ state: z.enum(['pending', 'sent', 'dead']).optional(), channel: z.string().max(32).optional(), ...paging }),
      response: { 200: z.object({ items: z.array(outboxItem), total: z.number() }) },
    },
  }, async (req) => {
    requirePermission(req.user, 'users.manage');
    return listOutbox(app.ctx.db, req.query);
  });

  app.post('/outbox/:id/retry', {
    schema: { params: idParams, response: { 200: z.object({ id: z.string(), state: z.string() }) } },
  }, async (req) => {
    requirePermission(req.user, 'users.manage');
    return retryOutbox(app.ctx, actorOf(req), Number(req.params.id));
  });

  app.get('/notify/webhooks', {
    schema: { response: { 200: z.object({ items: z.array(z.object({ owner: z.enum(['unit', 'department']), id: z.string(), url: z.string() })) }) } },
  }, async (req) => {
    requirePermission(req.user, 'users.manage');
    return { items: await listWebhooks(app.ctx.db) };
  });

  /** Sets (or with url null removes) the WeCom group robot of a unit or department. */
  app.put('/notify/webhooks', {
    schema: {
      body: z.object({ owner: z.enum(['unit', 'department']), id: idParam, url: z.string().max(500).nullable() }),
      response: { 200: z.object({ owner: z.string(), id: z.string(), url: z.string().nullable() }) },
    },
  }, async (req) => {
    requirePermission(req.user, 'users.manage');
    const { owner, id, url } = req.body;
    if (url !== null && !isWebhookUrl(url)) throw new AppError('VALIDATION_FAILED', 'url must be an http(s) URL', { field: 'body.url' });
    await app.ctx.db.transaction(async (tx) => {
      const at = clock.now();
      await setWebhook(tx, owner, Number(id), url, at);
      await audit(tx, actorOf(req), { action: 'notify.webhook', entityType: owner, entityId: id, at, after: { url: url && maskWebhook(url) } });
    });
    return { owner, id, url: url && maskWebhook(url) };
  });
};
