import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { partyImportResultSchema } from '@gridgov/common';
import { AppError } from '../../lib/errors.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { orgInScope, rootPath } from './common.js';
import { exportMembers, importMembers, PartyImportRejected } from './import.service.js';
import { exportQuery } from './party.schema.js';

const rejectedSchema = partyImportResultSchema.extend({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, crypto } = app.ctx;

  /** Multipart .xlsx: 200 with counts when every row was written; 422 with `errors: [{row, field, message}]` when none was. */
  app.post('/members/import', { schema: { response: { 200: partyImportResultSchema, 422: rejectedSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    if (!req.isMultipart()) throw new AppError('BAD_FILE', 'file: send the .xlsx as multipart/form-data', { field: 'file' });
    const file = await req.file();
    if (!file) throw new AppError('BAD_FILE', 'file: attach an .xlsx file', { field: 'file' });
    if (!/\.xlsx$/i.test(file.filename)) throw new AppError('BAD_FILE', 'file: only .xlsx workbooks are accepted', { field: 'file' });
    const data = await file.toBuffer();
    try {
      return await importMembers(db, crypto, user, actorOf(req), { name: file.filename, data });
    } catch (e) {
      if (!(e instanceof PartyImportRejected)) throw e;
      return reply.status(422).send({ ...e.result, error: { code: e.code, message: e.message, details: e.details } });
    }
  });

  app.get('/members/export.xlsx', { schema: { querystring: exportQuery } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.read');
    const root = await rootPath(db, user, req.query.unitId);
    const org = req.query.orgId ? await orgInScope(db, user, Number(req.query.orgId)) : null;
    const data = await exportMembers(db, user, actorOf(req), { root, orgPath: org?.org_path });
    const name = `party-members-${new Date().toISOString().slice(0, 10)}.xlsx`;
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`党员名册-${name.slice(14)}`)}`)
      .header('cache-control', 'no-store')
      .send(data);
  });
};
