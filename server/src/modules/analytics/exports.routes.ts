import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createExportBody, exportJobSchema, exportListSchema } from '@gridgov/common';
import { actorOf } from '../auth/index.js';
import { idParam } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { attachment, MIME } from './docs.format.js';
import { createExport, exportFile, getExport, listExports } from './exports.service.js';

/** Background exports (any table as Excel/CSV by scope and date range). The runner job writes the file. */
export const exportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.db;

  app.post('/exports', {
    schema: { body: createExportBody, response: { 202: z.object({ id: z.string() }) } },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'analytics.read');
    const job = await db.transaction((tx) => createExport(tx, user, actorOf(req), req.body));
    return reply.status(202).send(job);
  });

  app.get('/exports', { schema: { response: { 200: exportListSchema } } }, async (req) =>
    listExports(db, requirePermission(req.user, 'analytics.read')));

  app.get('/exports/:id', {
    schema: { params: z.object({ id: idParam }), response: { 200: exportJobSchema } },
  }, async (req) => getExport(db, requirePermission(req.user, 'analytics.read'), Number(req.params.id)));

  app.get('/exports/:id/file', { schema: { params: z.object({ id: idParam }) } }, async (req, reply) => {
    const user = requirePermission(req.user, 'analytics.read');
    const f = await db.transaction((tx) => exportFile(tx, user, actorOf(req), Number(req.params.id)));
    return reply.header('content-type', MIME[f.format]).header('cache-control', 'no-store')
      .header('content-disposition', attachment(`export-${req.params.id}.${f.format}`, f.name)).send(f.data);
  });
};
