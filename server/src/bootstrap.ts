import type { Config } from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/client.js';
import type { AppContext } from './lib/context.js';
import { Crypto, loadMasterKey } from './lib/secrets.js';
import { seedIfEmpty } from './seed/index.js';

/** Open the database, apply migrations, seed an empty database. Shared by main and the CLIs. */
export async function bootstrap(config: Config, opts: { seed?: boolean; log?: (m: string) => void } = {}): Promise<AppContext> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const crypto = new Crypto(loadMasterKey(config));
  const database: Database = await openDatabase(config);
  await migrateDatabase(database);
  const ctx: AppContext = { config, database, db: database.db, crypto, ready: false };
  if (opts.seed !== false && config.SEED_SIZE !== 'none') {
    await seedIfEmpty(ctx, { size: config.SEED_SIZE, log });
  }
  ctx.ready = true;
  return ctx;
}
