import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/sql.js';
import { AppError, errorBody } from '../../lib/errors.js';
import { idParam, toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { caseVisibleSql } from './case.scope.js';
import { duplicatesOfCase } from './duplicates.js';
import { idempotencyKeyOf, idempotencyScope } from './idempotency.js';
import { parseBody, readIntake } from './intake.request.js';
import { duplicateSchema, intakeResponse, staffIntakeBody } from './intake.schema.js';
import { createCase } from './intake.service.js';
import { THUMB_MIME } from './photos.js';


/**
 * Staff intake (field patrol, hotline clerk, petitions desk, external systems, API) and the case's photos and
 * duplicate suggestions. The body is JSON or multipart (fields + `photos`), so it is validated here, not by Fastify.
 */
export const intakeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/cases', {
    schema: {
      summary: 'Record a matter (staff intake); JSON or multipart with photos; honours Idempotency-Key',
      response: { 201: intakeResponse, 400: errorBody, 413: errorBody, 415: errorBody, 422: errorBody },
    },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'cases.intake');
    const key = idempotencyKeyOf(req);
    const { fields, files } = await readIntake(req);
    const input = parseBody(staffIntakeBody, fields);
    const r = await createCase(app.ctx, { user, as: user.role, name: user.displayName }, input, files, {
      idempotencyKey: key, scope: idempotencyScope(user.id), ip: req.ip,
    });
    return reply.status(201).send({ id: String(r.id), trackingNo: r.trackingNo, state: r.state, gridId: r.gridId == null ? null : String(r.gridId), duplicates: r.duplicates });
  });

  app.get('/cases/:id/files/:fileId', {
    schema: {
      summary: 'A photo of a case (or its thumbnail with ?thumb=1), scope-checked',
      params: z.object({ id: idParam, fileId: idParam }),
      querystring: z.object({ thumb: z.enum(['0', '1', 'true', 'false']).optional() }),
    },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'cases.read');
    const thumb = req.query.thumb === '1' || req.query.thumb === 'true';
    const [f] = await queryRows<{ mime: string; data: Uint8Array; sha256: string }>(app.ctx.db, sql`
      SELECT f.mime, f.sha256, ${thumb ? sql`f.thumb` : sql`f.data`} AS data
      FROM case_files f JOIN cases c ON c.id = f.case_id
      WHERE f.id = ${toId(req.params.fileId)} AND f.case_id = ${toId(req.params.id)} AND ${caseVisibleSql(user)}`);
    // Missing and out of scope answer alike.
    if (!f) throw new AppError('NOT_FOUND', `File ${req.params.fileId} not found`, { id: req.params.fileId });
    return reply
      .type(thumb ? THUMB_MIME : f.mime)
      .header('cache-control', 'private, max-age=86400, immutable')
      .header('etag', `"${f.sha256.slice(0, 32)}${thumb ? '-t' : ''}"`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(f.data));
  });

  app.get('/cases/:id/duplicates', {
    schema: {
      summary: 'Open cases of the same category within 50 m and 7 days (merge candidates)',
      params: z.object({ id: idParam }),
      response: { 200: z.object({ items: z.array(duplicateSchema) }) },
    },
  }, async (req) => {
    const user = requirePermission(req.user, 'cases.read');
    const visible = caseVisibleSql(user);
    const items = await duplicatesOfCase(app.ctx.db, toId(req.params.id), visible);
    if (items === null) throw new AppError('NOT_FOUND', `Case ${req.params.id} not found`, { id: req.params.id });
    return { items };
  });
};
