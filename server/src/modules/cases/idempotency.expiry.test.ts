import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase, uniq } from '../../../test/harness.js';
import type { Database } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { setNow } from '../../lib/clock.js';
import { jobs } from '../../jobs/index.js';
import { expireIdempotencyKeys } from './idempotency.expiry.js';

/**
 * The clock is set to 2001, so the cutoff (7 days before) touches only the keys this file writes, never those of
 * other test files sharing the CI database.
 */
let database: Database;
beforeAll(async () => { database = await openTestDatabase(); }, 600_000);
afterAll(() => database?.close());
afterEach(() => setNow(null));

const NOW = new Date('2001-03-10T00:00:00Z');
const day = 86_400_000;

describe('expireIdempotencyKeys', () => {
  it('deletes keys older than 7 days by clock.now(), in batches, and keeps younger ones', async () => {
    const db = database.db;
    const scope = `test:L:${uniq()}`;
    const put = (key: string, ageMs: number) => db.execute(sql`INSERT INTO idempotency_keys (scope, key, response, created_at)
      VALUES (${scope}, ${key}, '{}'::jsonb, ${new Date(NOW.getTime() - ageMs)})`);
    for (let i = 0; i < 5; i++) await put(`old-${i}`, 8 * day + i * 1000);
    await put('edge-old', 7 * day + 1000);
    await put('edge-young', 7 * day - 60_000);
    await put('fresh', 60_000);

    setNow(NOW);
    expect(await expireIdempotencyKeys(db, { batch: 2 })).toBe(6);
    const left = await queryRows<{ key: string }>(db, sql`SELECT key FROM idempotency_keys WHERE scope = ${scope} ORDER BY key`);
    expect(left.map((r) => r.key)).toEqual(['edge-young', 'fresh']);

    // A day later the edge key goes too; the job is listed with the scheduler.
    setNow(new Date(NOW.getTime() + day));
    const job = jobs.find((j) => j.id === 'cases.expire-idempotency-keys');
    expect(job).toBeDefined();
    expect(await expireIdempotencyKeys(db)).toBe(1);
    expect((await queryRows<{ key: string }>(db, sql`SELECT key FROM idempotency_keys WHERE scope = ${scope}`)).map((r) => r.key)).toEqual(['fresh']);
  });

  it('stops after maxBatches, leaving the rest for the next run', async () => {
    const db = database.db;
    const scope = `test:L:${uniq()}`;
    for (let i = 0; i < 5; i++) {
      await db.execute(sql`INSERT INTO idempotency_keys (scope, key, response, created_at) VALUES (${scope}, ${`k${i}`}, '{}'::jsonb, ${new Date(NOW.getTime() - 30 * day)})`);
    }
    setNow(NOW);
    expect(await expireIdempotencyKeys(db, { batch: 2, maxBatches: 1 })).toBe(2);
    expect(await expireIdempotencyKeys(db, { batch: 2 })).toBe(3);
  });
});
