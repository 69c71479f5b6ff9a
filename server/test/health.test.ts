import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

describe('health and login', () => {
  it('reports ok with the database kind', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('logs the admin in and answers /me', async () => {
    const cookie = await t.login('admin', TEST_ADMIN_PASSWORD);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ username: 'admin', role: 'admin' });
  });

  it('refuses a wrong password with 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nope-nope-1' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers 401 to an API call without a session', async () => {
    const res = await t.app.inject({ url: '/api/territory/units' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});
