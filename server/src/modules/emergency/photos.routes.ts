import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { directivePhotoListSchema, photosAddedSchema } from '@gridgov/common';
import { AppError, errorBody } from '../../lib/errors.js';
import { idParam, toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { idempotencyKeyOf } from '../cases/idempotency.js';
import { readIntake } from '../cases/intake.request.js';
import { inspectPhotos } from '../cases/photos.js';
import { requireEmergencyAccess, unitInScopeOrFail } from './common.js';
import { addPhotos, listPhotos, photoFile } from './photos.service.js';

const gridIdRe = /^\d{1,18}$/;

/** 反馈 photos of directives: upload (grid staff), list and view (anyone who sees the directive and grid). */
export const directivePhotoRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.post('/directives/:id/photos', {
    schema: {
      summary: 'Add execution-report photos for a grid (multipart: field `gridId`, files `photos`); honours Idempotency-Key',
      params: z.object({ id: idParam }),
      response: { 201: photosAddedSchema, 400: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 415: errorBody },
    },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'emergency.respond');
    const key = idempotencyKeyOf(req);
    if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', 'Send multipart/form-data with `gridId` and one or more `photos`', { field: 'photos' });
    const { fields, files } = await readIntake(req);
    const gridId = typeof fields.gridId === 'string' ? fields.gridId.trim() : '';
    if (!gridIdRe.test(gridId)) throw new AppError('VALIDATION_FAILED', 'gridId: must be a numeric id', { field: 'gridId' });
    if (files.length === 0) throw new AppError('VALIDATION_FAILED', 'photos: at least one photo is required', { field: 'photos' });
    // Every file is checked by content before anything is written: one bad file refuses the request.
    const photos = await inspectPhotos(files);
    return reply.status(201).send(await addPhotos(db, user, actorOf(req), toId(req.params.id), toId(gridId), photos, key));
  });
  app.get('/directives/:id/photos', {
    schema: { params: z.object({ id: idParam }), querystring: z.object({ unitId: idParam.optional() }), response: { 200: directivePhotoListSchema } },
  }, async (req) => {
    const user = requireEmergencyAccess(req.user);
    const root = req.query.unitId ? (await unitInScopeOrFail(db, user, toId(req.query.unitId), 'unitId')).path : null;
    return listPhotos(db, user, toId(req.params.id), root);
  });
  app.get('/directives/:id/photos/:photoId', {
    schema: {
      summary: 'A report photo (or its thumbnail with ?thumb=1), scope-checked',
      params: z.object({ id: idParam, photoId: idParam }), querystring: z.object({ thumb: z.enum(['0', '1', 'true', 'false']).optional() }),
    },
  }, async (req, reply) => {
    const thumb = req.query.thumb === '1' || req.query.thumb === 'true';
    const f = await photoFile(db, requireEmergencyAccess(req.user), toId(req.params.id), toId(req.params.photoId), thumb);
    return reply.type(f.mime).header('cache-control', 'private, max-age=86400, immutable').header('x-content-type-options', 'nosniff').send(f.data);
  });
};
