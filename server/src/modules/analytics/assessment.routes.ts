import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  annualAssessmentSchema, annualQuerySchema, assessmentWeightsSchema, createRatingBody, monthlyQuerySchema, monthlySheetSchema,
  putWeightsBody, quarterlyBulletinSchema, quarterlyQuerySchema, ratingListSchema, ratingQuerySchema, ratingSchema,
} from '@gridgov/common';
import { actorOf } from '../auth/index.js';
import { clock } from '../../lib/clock.js';
import { requirePermission } from '../../lib/scope.js';
import { annualAssessment, monthlySheet, quarterlyBulletin } from './assessment.service.js';
import { reportUnit } from './assessment.scope.js';
import { annualPdf, monthlyPdf, quarterlyPdf } from './docs.pdf.js';
import { annualXlsx, monthlyXlsx, quarterlyXlsx } from './docs.xlsx.js';
import { attachment, MIME } from './docs.format.js';
import { listRatings, putWeights, rateDepartment, weightsFor } from './ratings.service.js';

/** 月调度 · 季通报 · 年考核 (JSON, ?format=xlsx|pdf), assessment weights, 街道评议部门. */
export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.db;

  /** Sends the report as JSON, or renders it as a file named after its Chinese title. */
  async function deliver<T extends { title: string }>(reply: FastifyReply, format: 'json' | 'xlsx' | 'pdf', ascii: string, data: T,
    xlsx: (d: T) => Promise<Buffer>, pdf: (d: T) => Promise<Buffer>) {
    if (format === 'json') return data;
    const file = format === 'xlsx' ? await xlsx(data) : await pdf(data);
    return reply.header('content-type', MIME[format]).header('cache-control', 'no-store')
      .header('content-disposition', attachment(`${ascii}.${format}`, `${data.title}.${format}`)).send(file);
  }

  app.get('/analytics/assessment/monthly', {
    schema: { querystring: monthlyQuerySchema, response: { 200: monthlySheetSchema } },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'analytics.read');
    const unit = await reportUnit(db, user, req.query.unitId);
    const data = await monthlySheet(db, unit, req.query.month, clock.now());
    return deliver(reply, req.query.format, `monthly-${unit.code}-${req.query.month}`, data, monthlyXlsx, monthlyPdf);
  });

  app.get('/analytics/assessment/quarterly', {
    schema: { querystring: quarterlyQuerySchema, response: { 200: quarterlyBulletinSchema } },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'analytics.read');
    const unit = await reportUnit(db, user, req.query.unitId);
    const data = await quarterlyBulletin(db, unit, req.query.quarter, clock.now());
    return deliver(reply, req.query.format, `bulletin-${unit.code}-${req.query.quarter}`, data, quarterlyXlsx, quarterlyPdf);
  });

  app.get('/analytics/assessment/annual', {
    schema: { querystring: annualQuerySchema, response: { 200: annualAssessmentSchema } },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'analytics.read');
    const unit = await reportUnit(db, user, req.query.unitId);
    const data = await annualAssessment(db, unit, req.query.year, clock.now());
    return deliver(reply, req.query.format, `assessment-${unit.code}-${req.query.year}`, data, annualXlsx, annualPdf);
  });

  app.get('/analytics/assessment/weights', {
    schema: { querystring: z.object({ unitId: z.string().regex(/^\d+$/, 'expected a numeric id') }), response: { 200: assessmentWeightsSchema } },
  }, async (req) => {
    const user = requirePermission(req.user, 'analytics.read');
    return weightsFor(db, await reportUnit(db, user, req.query.unitId));
  });

  app.put('/analytics/assessment/weights', {
    schema: { body: putWeightsBody, response: { 200: assessmentWeightsSchema } },
  }, async (req) => {
    const user = requirePermission(req.user, 'catalogue.manage');
    return db.transaction((tx) => putWeights(tx, user, actorOf(req), req.body.unitId, req.body.weights));
  });

  app.get('/analytics/ratings', {
    schema: { querystring: ratingQuerySchema, response: { 200: ratingListSchema } },
  }, async (req) => {
    const user = requirePermission(req.user, 'analytics.read');
    return listRatings(db, await reportUnit(db, user, req.query.unitId), req.query.quarter);
  });

  app.post('/analytics/ratings', {
    schema: { body: createRatingBody, response: { 200: ratingSchema, 201: ratingSchema } },
  }, async (req, reply) => {
    const user = requirePermission(req.user, 'cases.supervise');
    const r = await db.transaction((tx) => rateDepartment(tx, user, actorOf(req), req.body));
    return reply.status(201).send(r.rating);
  });
};
