import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    schema: { response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }), 503: z.object({ status: z.literal('starting'), db: z.enum(['pglite', 'postgres']) }) } },
  }, async (_req, reply) => {
    const { ready, database } = app.ctx;
    if (!ready) return reply.status(503).send({ status: 'starting' as const, db: database.kind });
    return { status: 'ok' as const, db: database.kind };
  });

  app.get('/config/public', {
    schema: { response: { 200: z.object({ mapTileUrl: z.string().nullable(), mapTileCrs: z.enum(['gcj02', 'wgs84']) }) } },
  }, async () => ({ mapTileUrl: app.ctx.config.MAP_TILE_URL ?? null, mapTileCrs: app.ctx.config.MAP_TILE_CRS }));
};
