import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { openTestDatabase } from './harness.js';
import { testContext } from './context.js';
import type { Database } from '../src/db/client.js';

/** The server serves the built web app on the same port, with a single-page-app fallback. */
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-web-'));
let app: FastifyInstance;
let database: Database;

beforeAll(async () => {
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>网格通</title>');
  database = await openTestDatabase();
  const ctx = testContext(database);
  app = await buildApp({ ...ctx, config: { ...ctx.config, WEB_DIST: dist } }, { logger: false });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('web app serving', () => {
  it('answers client-side routes with index.html', async () => {
    const res = await app.inject({ url: '/territory/units/42' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('网格通');
  });

  it('serves asset files written after start (a rebuild needs no restart)', async () => {
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'app-123.js'), 'console.log(1)');
    const res = await app.inject({ url: '/assets/app-123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
  });

  it('keeps unknown API paths as JSON 404s', async () => {
    const res = await app.inject({ url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
