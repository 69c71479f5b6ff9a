import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { personsRoutes } from './persons.routes.js';
import { householdsRoutes } from './households.routes.js';
import { importRoutes } from './import.routes.js';

/** Residents registry routes (households, persons, masking, Excel import/export) under /api/people. */
export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(async (people) => {
    await people.register(personsRoutes);
    await people.register(householdsRoutes);
    await people.register(importRoutes);
  }, { prefix: '/people' });
};

export { buildPerson, buildHousehold, buildBuilding, validIdNumber, randomMobile } from './people.factory.js';
export { piiColumns, idBlindIndex, idNumberProblem, phoneProblem, reconcileWithIdNumber } from './pii.js';
