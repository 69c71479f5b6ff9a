import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openPglite, openPostgres } from '../src/db/client.js';
import { seed } from '../src/seed/index.js';
import { testContext } from './context.js';

/**
 * Migrate and seed (tiny) once per run. PGlite: dump the data dir so each test file starts from a copy.
 * PostgreSQL (TEST_DATABASE_URL): reset the public schema; test files share it and isolate by distinct units.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const db = await openPostgres(url);
    await db.db.execute('DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public;' as never);
    await migrateDatabase(db);
    await seed(testContext(db), { size: 'tiny', log: () => {} });
    await db.close();
    project.provide('templatePath', '');
  } else {
    const db = await openPglite();
    await migrateDatabase(db);
    await seed(testContext(db), { size: 'tiny', log: () => {} });
    const dump = await db.pglite!.dumpDataDir('none');
    const file = path.join(os.tmpdir(), `gridgov-template-${process.pid}.tar`);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await db.close();
    project.provide('templatePath', file);
  }
  console.log(`test database ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${url ? 'postgres' : 'pglite'})`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    templatePath: string;
  }
}
