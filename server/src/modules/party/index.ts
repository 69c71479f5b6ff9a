import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { coverageRoutes } from './coverage.routes.js';
import { membersRoutes } from './members.routes.js';
import { orgsRoutes } from './orgs.routes.js';

/** Party organisation overlay under /api/party (route list: common/src/party.ts). */
export const partyRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(async (party) => {
    await party.register(coverageRoutes);
    await party.register(orgsRoutes);
    await party.register(membersRoutes);
  }, { prefix: '/party' });
};
