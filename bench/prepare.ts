/**
 * Benchmark preparation (run with tsx, before the server starts on the same data):
 * migrate + seed a fresh database for one dataset, count what is there, and sample random points inside
 * basic grids for the load generator. Writes a JSON summary to the path given by --out.
 *   tsx bench/prepare.ts --dataset demo|large --out file.json   (DATA_DIR or DATABASE_URL from the env)
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/config.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { queryRows } from '../server/src/db/sql.js';
import { LARGE_SEED, seedLarge } from '../server/src/seed/large.js';

const { values } = parseArgs({
  options: { dataset: { type: 'string' }, out: { type: 'string' }, points: { type: 'string', default: '4000' } },
});
const dataset = values.dataset;
if (dataset !== 'demo' && dataset !== 'large') throw new Error('--dataset demo|large');
if (!values.out) throw new Error('--out file.json');

const started = Date.now();
const log = (m: string) => console.log(`  [prepare] ${m}`);
const config = loadConfig({ ...process.env, SEED_SIZE: dataset, LOG_LEVEL: 'warn' });
const ctx = await bootstrap(config, { log });
// The seed CLI runs seedLarge after the demo seed for size `large`; do it here too if it did not (idempotent).
if (dataset === 'large') await seedLarge(ctx, log);
const seedSeconds = (Date.now() - started) / 1000;

const [counts] = await queryRows<{ grids: number; basic: number; dedicated: number; cells: number; large_grids: number }>(ctx.db, sql`
  SELECT count(*) FILTER (WHERE kind = 'grid')::int AS grids,
         count(*) FILTER (WHERE kind = 'grid' AND grid_kind = 'basic')::int AS basic,
         count(*) FILTER (WHERE kind = 'grid' AND grid_kind = 'dedicated')::int AS dedicated,
         count(*) FILTER (WHERE kind = 'cell')::int AS cells,
         count(*) FILTER (WHERE kind = 'grid' AND code LIKE ${LARGE_SEED.provinceCode.slice(0, 2) + '%'})::int AS large_grids
  FROM units WHERE valid_to IS NULL`);
if (!counts || counts.basic === 0) throw new Error(`dataset ${dataset}: the seed made no basic grids`);

// Uniform over basic grids (a stable pseudo-random order), one random point inside each sampled grid.
const points = await queryRows<{ lng: number; lat: number; code: string }>(ctx.db, sql`
  SELECT ST_X(p) AS lng, ST_Y(p) AS lat, code FROM (
    SELECT code, (ST_Dump(ST_GeneratePoints(geom, 1, 42))).geom AS p FROM (
      SELECT code, geom FROM units
      WHERE kind = 'grid' AND grid_kind = 'basic' AND valid_to IS NULL
      ORDER BY md5(code) LIMIT ${Number(values.points)}) g) x`);
await ctx.database.close();

const summary = {
  dataset,
  db: ctx.database.kind,
  seedSeconds,
  grids: counts.grids,
  basicGrids: counts.basic,
  dedicatedGrids: counts.dedicated,
  cells: counts.cells,
  points: points.map((p) => [Number(p.lng), Number(p.lat), p.code]),
};
fs.writeFileSync(values.out, JSON.stringify(summary));
log(`${dataset} on ${summary.db}: ${counts.grids} grids (${counts.basic} basic), ${counts.cells} cells, `
  + `${points.length} sample points, in ${seedSeconds.toFixed(1)} s`);
process.exit(0);
