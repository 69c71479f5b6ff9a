import os from 'node:os';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import type { AppContext } from '../src/lib/context.js';
import { Crypto } from '../src/lib/secrets.js';

export const TEST_SECRET = 'a'.repeat(64);
export const TEST_ADMIN_PASSWORD = 'Admin12345';
/** Password of every seeded demo account. */
export const DEMO_PASSWORD = 'Gridgov2026';

export function testContext(database: Database): AppContext {
  const config = loadConfig({
    GRIDGOV_SECRET_KEY: TEST_SECRET,
    GRIDGOV_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    DATA_DIR: os.tmpdir(),
    LOG_LEVEL: 'silent',
    SEED_SIZE: 'tiny',
  });
  return { config, database, db: database.db, crypto: new Crypto(Buffer.from(TEST_SECRET, 'hex')), ready: true };
}
