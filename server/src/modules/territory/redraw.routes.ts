import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** redraw routes under /api/territory (filled in by the redraw slice). */
export const redrawRoutes: FastifyPluginAsyncZod = async () => {};
