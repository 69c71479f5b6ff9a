import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Residents registry routes (households, persons, masking). */
export const peopleRoutes: FastifyPluginAsyncZod = async () => {};
