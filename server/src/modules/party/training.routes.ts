import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { courseListSchema, courseSchema, memberListSchema, sessionListSchema, sessionSchema, trainingCoverageSchema } from '@gridgov/common';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { rootPath, thisYear } from './common.js';
import { attendanceBody, createCourseBody, createSessionBody, params, unitQuery, yearQuery } from './party.schema.js';
import * as service from './training.service.js';

export const trainingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get('/courses', { schema: { response: { 200: courseListSchema } } }, async (req) => {
    requirePermission(req.user, 'party.read');
    return service.listCourses(db);
  });
  app.post('/courses', { schema: { body: createCourseBody, response: { 201: courseSchema } } }, async (req, reply) => {
    requirePermission(req.user, 'party.write');
    return reply.status(201).send(await service.createCourse(db, actorOf(req), req.body));
  });
  app.get('/sessions', { schema: { querystring: unitQuery, response: { 200: sessionListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.listSessions(db, user, await rootPath(db, user, req.query.unitId));
  });
  app.post('/sessions', { schema: { body: createSessionBody, response: { 201: sessionSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    return reply.status(201).send(await service.createSession(db, user, actorOf(req), req.body));
  });
  app.post('/sessions/:id/attendance', { schema: { params, body: attendanceBody, response: { 200: sessionSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.write');
    return service.recordAttendance(db, user, actorOf(req), toId(req.params.id), req.body.memberIds);
  });
  app.get('/training/coverage', { schema: { querystring: yearQuery, response: { 200: trainingCoverageSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.coverageByOrg(db, user, await rootPath(db, user, req.query.unitId), req.query.year ?? thisYear());
  });
  app.get('/training/untrained', { schema: { querystring: yearQuery, response: { 200: memberListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.untrained(db, user, { ...req.query, root: await rootPath(db, user, req.query.unitId), year: req.query.year ?? thisYear() });
  });
};
