import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SATISFACTION } from '@gridgov/common';
import { idempotencyKeyOf, idempotencyScope } from '../cases/idempotency.js';
import { parseBody, readIntake } from '../cases/intake.request.js';
import { publicReportBody } from '../cases/intake.schema.js';
import { createCase } from '../cases/intake.service.js';
import { tokenBucket } from './ratelimit.js';
import { rate, track, type Lang } from './track.service.js';
import { errorBody } from '../../lib/errors.js';

// Tracking numbers are digits (see trackingNumber); the pattern keeps anything else out of SQL and logs.
const trackingNo = z.string().trim().regex(/^[0-9A-Za-z-]{6,32}$/, 'must be a tracking number');
const phone = z.string().trim().min(5).max(20);

const trackBody = z.object({ trackingNo, phone });
const trackResponse = z.object({
  trackingNo: z.string(), state: z.string(), stateLabel: z.string(),
  category: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }).nullable(), categoryCode: z.string().nullable(),
  createdAt: z.string(), rejectReason: z.string().nullable(),
  timeline: z.array(z.object({ at: z.string(), action: z.string(), label: z.string(), labelEn: z.string(), note: z.string().optional() })),
  canRate: z.boolean(),
  rating: z.object({ resolved: z.boolean(), satisfaction: z.string(), comment: z.string().nullable(), at: z.string() }).nullable(),
});
const ratingBody = z.object({
  phone, resolved: z.boolean(), satisfaction: z.enum(SATISFACTION), comment: z.string().trim().max(2000).optional(),
});

/** Chinese first; English when the browser asks for it. */
const langOf = (req: FastifyRequest): Lang => (/^en\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'en' : 'zh');

/**
 * No-login endpoints for residents: report (JSON or multipart with photos), track with number + phone, rate.
 * Phones travel only in POST bodies, never in URLs. Limited per IP unless RATE_LIMIT=off.
 */
export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const enabled = () => app.ctx.config.RATE_LIMIT !== 'off';
  // Reports: a few in a burst (a family reporting together behind one NAT), then 10 a minute.
  const reportLimit = tokenBucket({ capacity: 20, perMinute: 10, enabled });
  // Tracking and rating: tight enough that guessing phone numbers for a tracking number is impractical.
  const trackLimit = tokenBucket({ capacity: 30, perMinute: 20, enabled });

  app.post('/public/reports', {
    preHandler: reportLimit,
    schema: {
      summary: 'A resident reports a matter (no login); JSON or multipart with `photos`; honours Idempotency-Key',
      response: { 201: z.object({ trackingNo: z.string() }), 400: errorBody, 413: errorBody, 415: errorBody, 422: errorBody, 429: errorBody },
    },
  }, async (req, reply) => {
    const key = idempotencyKeyOf(req);
    const { fields, files } = await readIntake(req);
    const input = parseBody(publicReportBody, fields);
    const r = await createCase(app.ctx, null, { ...input, channel: 'web' }, files, { idempotencyKey: key, scope: idempotencyScope(null), ip: req.ip });
    return reply.status(201).send({ trackingNo: r.trackingNo });
  });

  app.post('/public/track', {
    preHandler: trackLimit,
    schema: { summary: 'Status and public timeline of a report, by tracking number + phone', body: trackBody, response: { 200: trackResponse, 404: errorBody, 429: errorBody } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return track(app.ctx, req.body.trackingNo, req.body.phone, langOf(req));
  });

  app.post('/public/reports/:trackingNo/rating', {
    preHandler: trackLimit,
    schema: {
      summary: "The resident's rating: solved or not, satisfaction; an unsolved rating reopens the matter",
      params: z.object({ trackingNo }), body: ratingBody,
      response: { 200: z.object({ trackingNo: z.string(), state: z.string(), stateLabel: z.string() }), 404: errorBody, 409: errorBody, 429: errorBody },
    },
  }, async (req) => rate(app.ctx, req.params.trackingNo, req.body, langOf(req)));
};
