/**
 * Benchmark preparation for bench/patrol.mjs (run with tsx before the server starts on the same data): migrate +
 * seed the demo data, turn peacetime tracking on in every district (the default is off, DOMAIN.md §9), then create
 * --workers grid workers spread over the basic grids, each with a session written straight into the database (no
 * argon2 logins in the measurement) and a running patrol started hours ago. Writes a JSON summary with the cookies.
 *   tsx bench/patrol-prepare.ts --workers 500 --out file.json   (DATA_DIR or DATABASE_URL from the env)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/config.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { queryRows } from '../server/src/db/sql.js';

const { values } = parseArgs({ options: { workers: { type: 'string', default: '500' }, out: { type: 'string' } } });
if (!values.out) throw new Error('--out file.json');
const workers = Number(values.workers);

const started = Date.now();
const log = (m: string) => console.log(`  [prepare] ${m}`);
const config = loadConfig({ ...process.env, SEED_SIZE: 'demo', LOG_LEVEL: 'warn' });
const ctx = await bootstrap(config, { log });
const seedSeconds = (Date.now() - started) / 1000;

const tag = `bench${Date.now() % 1e8}`;
const startedAt = new Date(Date.now() - 6 * 3600_000);
const expires = new Date(Date.now() + 24 * 3600_000);
await ctx.db.execute(sql`
  INSERT INTO field_policies (district_id, peacetime_tracking, peacetime_checkins)
  SELECT id, true, true FROM units WHERE kind = 'district' AND valid_to IS NULL
  ON CONFLICT (district_id) DO UPDATE SET peacetime_tracking = true, peacetime_checkins = true`);
const tokens = Array.from({ length: workers }, () => crypto.randomBytes(32).toString('base64url'));
const rows = await ctx.db.transaction(async (tx) => {
  // Workers round-robin over the basic grids; one session and one running patrol each.
  const users = await queryRows<{ id: string; grid_id: string; path: string }>(tx, sql`
    WITH g AS (
      SELECT row_number() OVER (ORDER BY code) - 1 AS rn, id, path FROM units WHERE kind = 'grid' AND grid_kind = 'basic' AND valid_to IS NULL),
    n AS (SELECT count(*) AS c FROM g),
    w AS (SELECT i FROM generate_series(0, ${workers - 1}) AS i)
    INSERT INTO users (username, display_name, role, password_hash, home_unit_id, active, must_change_password)
    SELECT ${tag} || '.' || w.i, '基准网格员' || w.i, 'grid_worker', 'bench-no-login', g.id, true, false
    FROM w CROSS JOIN n JOIN g ON g.rn = w.i % n.c
    RETURNING id::text, home_unit_id::text AS grid_id, (SELECT path::text FROM units WHERE id = home_unit_id) AS path`);
  const out: { cookie: string; patrolId: string }[] = [];
  for (const [i, u] of users.entries()) {
    const token = tokens[i]!;
    await tx.execute(sql`INSERT INTO sessions (id, user_id, expires_at)
      VALUES (${crypto.createHash('sha256').update(token).digest('hex')}, ${u.id}, ${expires})`);
    const [p] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO patrols (user_id, grid_id, path, state, started_at) VALUES (${u.id}, ${u.grid_id}, ${u.path}::ltree, 'running', ${startedAt})
      RETURNING id::text`);
    out.push({ cookie: `gg_sid=${token}`, patrolId: p!.id });
  }
  return out;
});
const [counts] = await queryRows<{ grids: number; points: number }>(ctx.db, sql`
  SELECT (SELECT count(DISTINCT grid_id)::int FROM patrols WHERE id IN (SELECT unnest(${`{${rows.map((r) => r.patrolId).join(',')}}`}::bigint[]))) AS grids,
         (SELECT count(*)::int FROM patrol_points) AS points`);
await ctx.database.close();
const summary = { db: ctx.database.kind, seedSeconds, workers: rows.length, grids: counts!.grids, pointsBefore: counts!.points, startedAt: startedAt.toISOString(), sessions: rows };
fs.writeFileSync(values.out, JSON.stringify(summary));
log(`${summary.db}: ${rows.length} workers with a session and a running patrol in ${counts!.grids} grids; seed ${seedSeconds.toFixed(1)} s`);
