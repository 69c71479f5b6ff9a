import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { exportWorkbook } from './export.service.js';
import { importWorkbook, ImportRejected } from './import.service.js';
import { unitPathFilter } from './persons.service.js';
import { exportQuery, importResultSchema } from './people.schema.js';

const rejectedSchema = importResultSchema.extend({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, crypto } = app.ctx;

  /**
   * Multipart upload of one .xlsx (field name free). 200 with the counts when every row was written; 422 with
   * the same counts and `errors: [{row, field, message}]` (plus the usual `error` envelope) when nothing was.
   */
  app.post('/import', { schema: { response: { 200: importResultSchema, 422: rejectedSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'residents.write');
    if (!req.isMultipart()) throw new AppError('BAD_FILE', 'file: send the .xlsx as multipart/form-data', { field: 'file' });
    const file = await req.file();
    if (!file) throw new AppError('BAD_FILE', 'file: attach an .xlsx file', { field: 'file' });
    if (!/\.xlsx$/i.test(file.filename)) throw new AppError('BAD_FILE', 'file: only .xlsx workbooks are accepted (save .xls or .csv as .xlsx)', { field: 'file' });
    const data = await file.toBuffer();
    try {
      return await importWorkbook(db, crypto, user, actorOf(req), { name: file.filename, data });
    } catch (e) {
      if (!(e instanceof ImportRejected)) throw e;
      return reply.status(422).send({ ...e.result, error: { code: e.code, message: e.message, details: e.details } });
    }
  });

  app.get('/export.xlsx', { schema: { querystring: exportQuery } }, async (req, reply) => {
    const user = requirePermission(req.user, 'residents.read');
    const unitPath = await unitPathFilter(db, user, req.query.unitId);
    const { data } = await exportWorkbook(db, user, actorOf(req), unitPath);
    const name = `residents-${new Date().toISOString().slice(0, 10)}.xlsx`;
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`实有人口-${name.slice(10)}`)}`)
      .header('cache-control', 'no-store')
      .send(data);
  });
};
