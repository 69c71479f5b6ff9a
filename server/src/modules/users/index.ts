import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** User administration routes. */
export const usersRoutes: FastifyPluginAsyncZod = async () => {};
