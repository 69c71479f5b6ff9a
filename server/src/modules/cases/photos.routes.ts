import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { can, MAX_PHOTOS, TERMINAL_STATES, type CaseState } from '@gridgov/common';
import { queryRows } from '../../db/sql.js';
import { audit } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError, errorBody } from '../../lib/errors.js';
import { idParam, toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { lockCase } from './case.repo.js';
import { claimKey, idempotencyKeyOf, idempotencyScope, requestHash, saveResponse, storedResponse } from './idempotency.js';
import { readIntake } from './intake.request.js';
import { fileUrl, inspectPhotos, storePhotos, tooMany } from './photos.js';


/** What the photo shows; stored in case_files.purpose (the detail response already lists it per photo). */
export const PHOTO_KINDS = ['verification', 'handling', 'report'] as const;
const PURPOSE: Record<(typeof PHOTO_KINDS)[number], string> = { verification: 'verify', handling: 'handling', report: 'report' };

const addedResponse = z.object({
  caseId: z.string(),
  kind: z.enum(PHOTO_KINDS),
  photos: z.array(z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })),
});
type Added = z.infer<typeof addedResponse>;

/**
 * Photos added to an existing case after intake: the grid worker's on-site verification photo (核查), a handling
 * photo, or a late report photo. Same content checks and limits as intake (JPEG/PNG/WebP by content, ≤ 10 MB each,
 * ≤ 9 per case in total); refused once the case is finished; honours Idempotency-Key (a phone retrying on a bad
 * network stores the photos once).
 */
export const casePhotoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/cases/:id/photos', {
    schema: {
      summary: 'Add photos to a case (multipart `photos`, field `kind`: verification | handling | report); honours Idempotency-Key',
      params: z.object({ id: idParam }),
      response: { 201: addedResponse, 400: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 415: errorBody, 422: errorBody },
    },
  }, async (req, reply) => {
    if (!req.user) throw new AppError('UNAUTHENTICATED', 'Log in first');
    const user = requirePermission(req.user, can(req.user.role, 'cases.handle') ? 'cases.handle' : 'cases.intake');
    const caseId = toId(req.params.id);
    const key = idempotencyKeyOf(req);
    const scope = idempotencyScope(user.id);
    if (!req.isMultipart()) {
      throw new AppError('VALIDATION_FAILED', 'Send multipart/form-data with one or more `photos`', { field: 'photos' });
    }
    const { fields, files } = await readIntake(req);
    const kindRaw = fields.kind ?? 'verification';
    const kind = PHOTO_KINDS.find((k) => k === kindRaw);
    if (!kind) throw new AppError('VALIDATION_FAILED', `kind must be one of ${PHOTO_KINDS.join(', ')}`, { field: 'kind', allowed: [...PHOTO_KINDS] });
    if (files.length === 0) throw new AppError('VALIDATION_FAILED', 'At least one photo is required', { field: 'photos' });
    // Every photo is inspected before the transaction: one bad file refuses the whole request.
    const photos = await inspectPhotos(files);
    const hash = requestHash({ caseId, kind, photos: photos.map((p) => p.sha256) });
    const db = app.ctx.db;
    if (key) {
      const prior = await storedResponse<Added>(db, scope, key, hash);
      // Only 201 answers are stored (errors roll the key back), so the status is always 201.
      if (prior) return reply.status(201).send(prior.body);
    }
    const now = clock.now();
    const out = await db.transaction(async (tx) => {
      if (key && !(await claimKey(tx, scope, key, now))) {
        const prior = await storedResponse<Added>(tx, scope, key, hash);
        if (!prior) throw new AppError('IDEMPOTENCY_CONFLICT', 'A request with this Idempotency-Key is still in progress', { field: 'Idempotency-Key' });
        return prior;
      }
      // The lock serialises concurrent uploads, so the 9-per-case count cannot be overrun.
      const c = await lockCase(tx, user, caseId);
      if (!c) throw new AppError('NOT_FOUND', `Case ${req.params.id} not found`, { id: req.params.id });
      if (TERMINAL_STATES.includes(c.state as CaseState)) {
        throw new AppError('CONFLICT', `Case ${req.params.id} is ${c.state}: no more photos`, { state: c.state });
      }
      const [n] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM case_files WHERE case_id = ${caseId}`);
      const total = Number(n?.n ?? 0) + photos.length;
      if (total > MAX_PHOTOS) throw tooMany(total);
      const stored = await storePhotos(tx, caseId, photos, user.id, now, PURPOSE[kind]);
      await audit(tx, { id: user.id, name: user.username, ip: req.ip }, {
        action: 'case.photos_added', entityType: 'case', entityId: caseId, unitPath: c.path, at: now,
        after: { count: stored.length, kind, fileIds: stored.map((s) => String(s.id)) },
      });
      const body: Added = {
        caseId: String(caseId), kind,
        photos: stored.map((s) => ({ id: String(s.id), url: fileUrl(caseId, s.id), thumbUrl: fileUrl(caseId, s.id, true) })),
      };
      if (key) await saveResponse(tx, scope, key, caseId, { status: 201, body, requestHash: hash });
      return { status: 201, body };
    });
    return reply.status(201).send(out.body);
  });
};
