import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** import routes under /api/territory (filled in by the import slice). */
export const importRoutes: FastifyPluginAsyncZod = async () => {};
