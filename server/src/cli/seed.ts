/**
 * npm run seed -- --size tiny|demo|large [--reset] [--check]
 *   Seeds the configured database (DATA_DIR or DATABASE_URL). Refuses a database that already has data
 *   unless --reset, which empties every table first. --check runs the consistency checks afterwards.
 * npm run seed:check [-- --size tiny|demo]
 *   Seeds a fresh in-memory PGlite (--memory) and runs the checks: exact tiling, codes, places inside their
 *   grids, valid encrypted ID numbers, no phone in clear. Exits non-zero on any failure or problem.
 */
import nodeCrypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { migrateDatabase, openPglite } from '../db/client.js';
import { queryRows } from '../db/sql.js';
import type { AppContext } from '../lib/context.js';
import { Crypto } from '../lib/secrets.js';
import { checkAll } from '../seed/check.js';
import { seed, type SeedSize } from '../seed/index.js';

const SIZES: SeedSize[] = ['tiny', 'demo', 'large'];

async function openContext(memory: boolean, log: (m: string) => void): Promise<AppContext> {
  const config = loadConfig();
  if (!memory) return bootstrap(config, { seed: false, log });
  const database = await openPglite();
  await migrateDatabase(database);
  const crypto = new Crypto(nodeCrypto.randomBytes(32));
  return { config, database, db: database.db, crypto, ready: false };
}

/** Every table of the schema, except those owned by extensions (PostGIS's spatial_ref_sys). */
async function resetTables(ctx: AppContext): Promise<number> {
  const tables = await queryRows<{ name: string }>(ctx.db, sql`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')`);
  if (tables.length) {
    await ctx.db.execute(sql.raw(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`));
  }
  return tables.length;
}

export interface SeedCommandOptions { size: SeedSize; reset: boolean; check: boolean; memory?: boolean }

/** The command itself, on an open context: refuse a non-empty database unless reset, seed, report, check. */
export async function seedCommand(ctx: AppContext, o: SeedCommandOptions, log: (m: string) => void): Promise<{ counts: Record<string, number>; problems: string[] }> {
  if (!SIZES.includes(o.size)) throw new Error(`--size must be one of ${SIZES.join(', ')}, not "${o.size}"`);
  const [n] = await queryRows<{ users: number; units: number }>(ctx.db, sql`
    SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM units)::int AS units`);
  if (n!.users + n!.units > 0) {
    if (!o.reset) {
      throw new Error(`the database is not empty (${n!.users} users, ${n!.units} units); run with --reset to erase it and seed again`);
    }
    log(`reset: emptied ${await resetTables(ctx)} tables`);
  }
  log(`seeding ${o.size} into ${o.memory ? 'an in-memory PGlite' : ctx.database.kind} …`);
  // The seed's one-line summary is replaced by the table below; the admin password line passes through.
  let adminLine: string | null = null;
  const result = await seed(ctx, { size: o.size, log: (m) => { if (m.startsWith('admin password: ')) adminLine = m; } });
  const width = Math.max(...Object.keys(result.counts).map((k) => k.length));
  for (const [kind, count] of Object.entries(result.counts)) log(`  ${kind.padEnd(width)}  ${String(count).padStart(6)}`);
  log(`seeded ${o.size} in ${(result.ms / 1000).toFixed(1)} s`);
  if (adminLine) log(adminLine);
  let problems: string[] = [];
  if (o.check) {
    const t0 = Date.now();
    problems = await checkAll(ctx.db, ctx.crypto);
    log(`checks ran in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${problems.length ? `${problems.length} problems` : 'all passed'}`);
    for (const p of problems.slice(0, 50)) log(`  ✗ ${p}`);
  }
  return { counts: result.counts, problems };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'demo' },
      reset: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      memory: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run seed -- --size tiny|demo|large [--reset] [--check] [--memory]');
    return 0;
  }
  const size = values.size as SeedSize;
  if (!SIZES.includes(size)) throw new Error(`--size must be one of ${SIZES.join(', ')}, not "${values.size}"`);
  const log = (m: string) => console.log(m);
  const started = Date.now();
  const ctx = await openContext(values.memory, log);
  try {
    const { problems } = await seedCommand(ctx, { size, reset: values.reset, check: values.check || values.memory, memory: values.memory }, log);
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s including database start`);
    return problems.length ? 1 : 0;
  } finally {
    await ctx.database.close();
  }
}

// Run only as a command, not when a test imports seedCommand.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then((code) => process.exit(code), (err: unknown) => {
    console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
