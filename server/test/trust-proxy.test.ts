import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { openTestDatabase } from './harness.js';
import { testContext } from './context.js';

/**
 * TRUST_PROXY: off by default, so a client cannot pick its own address with X-Forwarded-For and escape the
 * per-IP limit of the public endpoints; a trusted proxy's header is honoured.
 */
let database: Database;
let plain: FastifyInstance;
let proxied: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  const ctx = testContext(database);
  plain = await buildApp(ctx, { logger: false });
  proxied = await buildApp({ ...ctx, config: { ...ctx.config, TRUST_PROXY: ['10.9.8.7'] } }, { logger: false });
}, 600_000);
afterAll(async () => {
  await plain?.close();
  await proxied?.close();
  await database?.close();
});

const env = (TRUST_PROXY?: string) => ({ GRIDGOV_SECRET_KEY: 'a'.repeat(64), ...(TRUST_PROXY === undefined ? {} : { TRUST_PROXY }) });

describe('TRUST_PROXY setting', () => {
  it('is off unless set; takes a hop count or addresses/CIDR ranges as Fastify does; refuses anything else', () => {
    expect(loadConfig(env()).TRUST_PROXY).toBe(false);
    expect(loadConfig(env('off')).TRUST_PROXY).toBe(false);
    expect(loadConfig(env('true')).TRUST_PROXY).toBe(true);
    expect(loadConfig(env('1')).TRUST_PROXY).toBe(1);
    expect(loadConfig(env('10.0.0.5, 192.168.0.0/16,loopback,::1,fd00::/8')).TRUST_PROXY).toEqual(['10.0.0.5', '192.168.0.0/16', 'loopback', '::1', 'fd00::/8']);
    expect(() => loadConfig(env('10.0.0.0/33'))).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig(env('nginx'))).toThrow(/TRUST_PROXY/);
  });
});

/** Sends `n` track requests from one socket address, each claiming a different client in X-Forwarded-For. */
async function spoofed(app: FastifyInstance, from: string, n: number) {
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await app.inject({
      method: 'POST', url: '/api/public/track', remoteAddress: from,
      headers: { 'x-forwarded-for': `203.0.113.${(i % 250) + 1}` }, payload: { trackingNo: '999999000000', phone: '13800000000' },
    });
    codes.push(r.statusCode);
  }
  return codes;
}

describe('public rate limit and X-Forwarded-For', () => {
  it('with TRUST_PROXY off, a spoofed X-Forwarded-For does not reset the per-IP limit', async () => {
    const codes = await spoofed(plain, '198.51.100.7', 40);
    expect(codes).toContain(429);
    expect(codes.slice(0, 30).every((c) => c === 404)).toBe(true);
  });

  it('behind a trusted proxy, the forwarded client address is the one limited', async () => {
    const codes = await spoofed(proxied, '10.9.8.7', 40);
    expect(codes).not.toContain(429);
    // The same header from an untrusted hop is still ignored.
    expect(await spoofed(proxied, '198.51.100.8', 40)).toContain(429);
  });
});
