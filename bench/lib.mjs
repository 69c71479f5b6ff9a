// Helpers shared by the benchmarks.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureLocalDatabase } from '../scripts/lib/pg-local.mjs';
import { ROOT } from '../scripts/lib/server.mjs';

/**
 * A PostgreSQL database to fill from scratch: BENCH_DATABASE_URL with its public schema DROPPED and recreated,
 * or the local Debian cluster's database `name`, created fresh.
 */
export async function freshBenchDatabase(name) {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) {
    const client = new pg.Client({ connectionString: given });
    await client.connect();
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; CREATE SCHEMA public;');
    await client.end();
    return given;
  }
  return ensureLocalDatabase(name, { fresh: true, log: (m) => console.log(`  ${m}`) });
}

/**
 * As freshBenchDatabase, but null (that database skipped, not failed) when no BENCH_DATABASE_URL is given and the
 * local cluster is not reachable: the benchmarks that run PGlite too still measure it.
 */
export async function freshBenchDatabaseOrSkip(name) {
  if (process.env.BENCH_DATABASE_URL) return freshBenchDatabase(name);
  try {
    return await freshBenchDatabase(name);
  } catch (err) {
    console.log(`  postgres: not reachable (${err.message.split('\n')[0]}); skipped`);
    return null;
  }
}

/** The p-th percentile of an ascending array (nearest rank); NaN when empty. */
export const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/** The server settings that shape the figures (recorded with the results: a tuned and a stock server differ). */
export async function pgSettings(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const names = ['server_version', 'shared_buffers', 'effective_cache_size', 'work_mem', 'random_page_cost', 'synchronous_commit', 'max_connections'];
    const { rows } = await client.query('SELECT n AS name, current_setting(n) AS value FROM unnest($1::text[]) AS n', [names]);
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  } finally {
    await client.end();
  }
}

/** Two decimals for a result file; null for a figure that could not be measured (NaN, Infinity). */
export const round = (v) => (Number.isFinite(v) ? Math.round(v * 100) / 100 : null);

/** Writes one benchmark's results under bench/results/ (format: ARCHITECTURE.md §Benchmarks) and says where. */
export function writeResult(name, out) {
  const file = path.join(ROOT, 'bench', 'results', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote ${path.relative(ROOT, file)}`);
}
