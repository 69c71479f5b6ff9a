/**
 * Benchmark preparation for bench/emergency.mjs (run with tsx before the server starts on the same data): migrate +
 * seed (--dataset large = the 100,000-grid territory, demo for a smoke run), then write straight into the database
 * (no argon2 logins in the measurement): one command user (admin, whole deployment), --clients board users whose
 * scope is the whole target territory (they receive every grid's directive.progress event), and --ackers grid
 * workers in distinct grids of the target. Writes a JSON summary with the cookies.
 *   tsx bench/emergency-prepare.ts --dataset large|demo --clients 5000 --ackers 20 --out file.json
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/config.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { queryRows } from '../server/src/db/sql.js';
import { LARGE_SEED, seedLarge } from '../server/src/seed/large.js';

const { values } = parseArgs({ options: { dataset: { type: 'string', default: 'large' }, clients: { type: 'string', default: '5000' }, ackers: { type: 'string', default: '20' }, out: { type: 'string' } } });
if (!values.out) throw new Error('--out file.json');
const dataset = values.dataset;
if (dataset !== 'demo' && dataset !== 'large') throw new Error('--dataset demo|large');
const clients = Number(values.clients);
const ackers = Number(values.ackers);

const started = Date.now();
const log = (m: string) => console.log(`  [prepare] ${m}`);
const config = loadConfig({ ...process.env, SEED_SIZE: dataset, LOG_LEVEL: 'warn' });
const ctx = await bootstrap(config, { log });
if (dataset === 'large') await seedLarge(ctx, log);
const seedSeconds = (Date.now() - started) / 1000;

// Target: the large territory's province (every generated grid), or the demo's first district.
const [target] = dataset === 'large'
  ? await queryRows<{ id: string; path: string }>(ctx.db, sql`SELECT id::text, path::text AS path FROM units WHERE kind = 'province' AND code = ${LARGE_SEED.provinceCode} AND valid_to IS NULL LIMIT 1`)
  : await queryRows<{ id: string; path: string }>(ctx.db, sql`SELECT id::text, path::text AS path FROM units WHERE kind = 'district' AND valid_to IS NULL ORDER BY code LIMIT 1`);
if (!target) throw new Error(`dataset ${dataset}: no target unit`);
const [g] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM units WHERE kind = 'grid' AND grid_kind = 'basic' AND valid_to IS NULL AND path <@ ${target.path}::ltree`);
const [plan] = await queryRows<{ id: string }>(ctx.db, sql`SELECT id::text FROM emergency_plans WHERE code = 'flood-2'`);
if (!plan) throw new Error('no emergency plans seeded');

const tag = `ebench${Date.now() % 1e8}`;
const expires = new Date(Date.now() + 24 * 3600_000);
const session = async (tx: Parameters<Parameters<typeof ctx.db.transaction>[0]>[0], userIds: string[]) => {
  const tokens = userIds.map(() => crypto.randomBytes(32).toString('base64url'));
  const hashes = tokens.map((t) => crypto.createHash('sha256').update(t).digest('hex'));
  await tx.execute(sql`INSERT INTO sessions (id, user_id, expires_at)
    SELECT h, u, ${expires}::timestamptz FROM unnest(${`{${hashes.join(',')}}`}::text[], ${`{${userIds.join(',')}}`}::bigint[]) AS x(h, u)`);
  return tokens.map((t) => `gg_sid=${t}`);
};
const out = await ctx.db.transaction(async (tx) => {
  const [cmd] = await queryRows<{ id: string }>(tx, sql`INSERT INTO users (username, display_name, role, password_hash, home_unit_id, active, must_change_password)
    VALUES (${`${tag}.cmd`}, '基准指挥', 'admin', 'bench-no-login', NULL, true, false) RETURNING id::text`);
  const board = await queryRows<{ id: string }>(tx, sql`INSERT INTO users (username, display_name, role, password_hash, home_unit_id, active, must_change_password)
    SELECT ${tag} || '.b' || i, '基准看板' || i, 'centre_operator', 'bench-no-login', ${Number(target.id)}, true, false FROM generate_series(1, ${clients}) AS i
    RETURNING id::text`);
  const acks = await queryRows<{ id: string; grid_id: string }>(tx, sql`
    WITH g AS (SELECT id FROM units WHERE kind = 'grid' AND grid_kind = 'basic' AND valid_to IS NULL AND path <@ ${target.path}::ltree ORDER BY md5(code) LIMIT ${ackers})
    INSERT INTO users (username, display_name, role, password_hash, home_unit_id, active, must_change_password)
    SELECT ${tag} || '.w' || g.id, '基准网格员', 'grid_worker', 'bench-no-login', g.id, true, false FROM g
    RETURNING id::text, home_unit_id::text AS grid_id`);
  const [cmdCookie] = await session(tx, [cmd!.id]);
  const boardCookies = await session(tx, board.map((b) => b.id));
  const ackCookies = await session(tx, acks.map((a) => a.id));
  return { command: cmdCookie!, board: boardCookies, ackers: acks.map((a, i) => ({ gridId: a.grid_id, cookie: ackCookies[i]! })) };
});
await ctx.database.close();
const summary = { dataset, db: ctx.database.kind, seedSeconds, targetUnitId: target.id, basicGrids: g!.n, planId: plan.id, ...out };
fs.writeFileSync(values.out, JSON.stringify(summary));
log(`${dataset} on ${summary.db}: target ${target.id} with ${g!.n} basic grids, ${out.board.length} board sessions, ${out.ackers.length} ackers; seed ${seedSeconds.toFixed(1)} s`);
