import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contactGroupListSchema, contactGroupSchema, postListSchema, postSchema, visitSchema } from '@gridgov/common';
import { toId } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';
import { actorOf } from '../auth/index.js';
import { rootPath } from './common.js';
import { createGroupBody, createPostBody, listPostsQuery, params, postMemberBody, unitQuery, visitBody } from './party.schema.js';
import * as service from './posts.service.js';

export const postsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  app.get('/posts', { schema: { querystring: listPostsQuery, response: { 200: postListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.listPosts(db, user, { ...req.query, root: await rootPath(db, user, req.query.unitId) });
  });
  app.post('/posts', { schema: { body: createPostBody, response: { 201: postSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    return reply.status(201).send(await service.createPost(db, user, actorOf(req), req.body));
  });
  app.post('/posts/:id/members', { schema: { params, body: postMemberBody, response: { 200: postSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.write');
    return service.addPostMember(db, user, actorOf(req), toId(req.params.id), req.body.memberId);
  });
  app.get('/contact-groups', { schema: { querystring: unitQuery, response: { 200: contactGroupListSchema } } }, async (req) => {
    const user = requirePermission(req.user, 'party.read');
    return service.listGroups(db, user, await rootPath(db, user, req.query.unitId));
  });
  app.post('/contact-groups', { schema: { body: createGroupBody, response: { 201: contactGroupSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    return reply.status(201).send(await service.createGroup(db, user, actorOf(req), req.body));
  });
  app.post('/contact-groups/:id/visits', { schema: { params, body: visitBody, response: { 201: visitSchema } } }, async (req, reply) => {
    const user = requirePermission(req.user, 'party.write');
    return reply.status(201).send(await service.recordVisit(db, user, actorOf(req), toId(req.params.id), req.body));
  });
};
