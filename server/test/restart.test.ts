import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openPglite } from '../src/db/client.js';
import { queryRows } from '../src/db/sql.js';
import { insertUnit } from '../src/modules/territory/unit.writer.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-restart-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The embedded database must keep what was written when the process stops and starts again.
describe.runIf(!process.env.TEST_DATABASE_URL)('PGlite persistence', () => {
  it('keeps data written before a restart', async () => {
    const first = await openPglite({ dataDir: dir });
    await migrateDatabase(first);
    await insertUnit(first.db, { kind: 'city', code: '990100000000', name: '持久市' });
    await first.close();

    const second = await openPglite({ dataDir: dir });
    await migrateDatabase(second); // re-applying migrations on an up-to-date database is a no-op
    const rows = await queryRows<{ name: string }>(second.db, sql`SELECT name FROM units WHERE code = '990100000000'`);
    await second.close();
    expect(rows.map((r) => r.name)).toEqual(['持久市']);
  }, 90_000);
});
