import fs from 'node:fs';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { openPglite, openPostgres, type Database } from '../src/db/client.js';
import type { AppContext } from '../src/lib/context.js';
import { TEST_ADMIN_PASSWORD, testContext } from './context.js';

export { DEMO_PASSWORD, TEST_ADMIN_PASSWORD } from './context.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** Log in and return the cookie header to send with later requests. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** One database per test file: a copy of the migrated, tiny-seeded template (PGlite) or the shared PostgreSQL. */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return openPostgres(url);
  const template = inject('templatePath');
  return openPglite({ loadDataDir: new Blob([fs.readFileSync(template)]) });
}

export async function createTestApp(): Promise<TestApp> {
  const database = await openTestDatabase();
  const ctx = testContext(database);
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return {
    app,
    ctx,
    async login(username, password = TEST_ADMIN_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return cookieOf(res);
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'gg_sid');
  if (!c) throw new Error('no session cookie');
  return `gg_sid=${c.value}`;
}

/** A unique suffix so tests sharing a PostgreSQL database never collide. */
let counter = 0;
export function uniq(): string {
  counter += 1;
  return `${process.pid % 1000}${Date.now() % 100000}${counter}`;
}
