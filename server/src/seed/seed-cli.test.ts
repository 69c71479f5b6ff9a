import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { seedCommand } from '../cli/seed.js';
import { queryRows } from '../db/sql.js';
import type { SeedSize } from './index.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

const sharedDatabase = Boolean(process.env.TEST_DATABASE_URL);

describe('seed command', () => {
  it('refuses a database that already has data, naming --reset', async () => {
    const lines: string[] = [];
    await expect(seedCommand(t.ctx, { size: 'tiny', reset: false, check: false }, (m) => lines.push(m)))
      .rejects.toThrow(/not empty \(\d+ users, \d+ units\); run with --reset/);
    expect(lines).toEqual([]);
  });

  it('rejects an unknown size', async () => {
    await expect(seedCommand(t.ctx, { size: 'huge' as SeedSize, reset: true, check: false }, () => {}))
      .rejects.toThrow('--size must be one of tiny, demo, large');
  });

  // --reset empties every table: only on this file's own PGlite copy, never on the shared PostgreSQL.
  it.skipIf(sharedDatabase)('with --reset empties the database, seeds again, prints counts and passes the checks', async () => {
    await t.ctx.db.execute(sql`INSERT INTO settings (key, value) VALUES ('seed-cli-test', '1'::jsonb)`);
    const lines: string[] = [];
    const { counts, problems } = await seedCommand(t.ctx, { size: 'tiny', reset: true, check: true }, (m) => lines.push(m));
    expect(problems).toEqual([]);
    expect(lines[0]).toMatch(/^reset: emptied \d+ tables$/);
    expect(lines.join('\n')).toMatch(/ person\s+\d+/);
    expect(lines.join('\n')).toMatch(/seeded tiny in \d+\.\d s/);
    const [r] = await queryRows<{ users: number; setting: number; spatial: number }>(t.ctx.db, sql`
      SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM settings WHERE key = 'seed-cli-test')::int AS setting,
        (SELECT count(*) FROM spatial_ref_sys WHERE srid = 4326)::int AS spatial`);
    expect(r).toEqual({ users: counts.user, setting: 0, spatial: 1 });
  });
});
