import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPglite } from '../src/db/client.js';
import { queryRows } from '../src/db/sql.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-restart-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The embedded database must keep what was written when the process stops and starts again.
describe.runIf(!process.env.TEST_DATABASE_URL)('PGlite persistence', () => {
  it('keeps data written before a restart', async () => {
    const first = await openPglite({ dataDir: dir });
    await first.db.execute(sql`CREATE TABLE kept (name text NOT NULL)`);
    await first.db.execute(sql`INSERT INTO kept VALUES ('持久市')`);
    await first.close();

    const second = await openPglite({ dataDir: dir });
    const rows = await queryRows<{ name: string }>(second.db, sql`SELECT name FROM kept`);
    await second.close();
    expect(rows.map((r) => r.name)).toEqual(['持久市']);
  }, 180_000);
});
