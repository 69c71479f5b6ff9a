import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { coverageRoutes } from './coverage.routes.js';
import { dualRoutes } from './dual.routes.js';
import { importRoutes } from './import.routes.js';
import { membersRoutes } from './members.routes.js';
import { orgsRoutes } from './orgs.routes.js';
import { pointsRoutes } from './points.routes.js';
import { postsRoutes } from './posts.routes.js';
import { recruitsRoutes } from './recruits.routes.js';
import { trainingRoutes } from './training.routes.js';

/** Party organisation overlay under /api/party (route list: common/src/party.ts). */
export const partyRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(async (party) => {
    await party.register(coverageRoutes);
    await party.register(orgsRoutes);
    await party.register(importRoutes);
    await party.register(membersRoutes);
    await party.register(recruitsRoutes);
    await party.register(dualRoutes);
    await party.register(pointsRoutes);
    await party.register(postsRoutes);
    await party.register(trainingRoutes);
  }, { prefix: '/party' });
};

/** For the emergency module: commando teams (party_posts kind 'commando') and temporary branches (party_orgs type 'temporary_branch'). */
export { buildOrg, buildMember } from './party.factory.js';
export { create as createPartyOrg } from './orgs.service.js';
export { createPost, addPostMember } from './posts.service.js';
