/**
 * Benchmark preparation for bench/cases.mjs (run with tsx before the server starts on the same data):
 * migrate + seed the demo data (with its 600 demo cases), then add --cases synthetic cases in bulk SQL across
 * 新会区's grids (mostly closed, the rest spread over the open states, dispatched ones with dispatches to the
 * district's departments, some overdue), and sample intake points inside 新会 grids. Writes a JSON summary.
 *   tsx bench/cases-prepare.ts --cases 100000 --out file.json   (DATA_DIR or DATABASE_URL from the env)
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/config.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { queryRows } from '../server/src/db/sql.js';
import { markSwept } from '../server/src/modules/supervision/deadline.job.js';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '100000' }, out: { type: 'string' }, points: { type: 'string', default: '2000' } },
});
if (!values.out) throw new Error('--out file.json');
const total = Number(values.cases);

const started = Date.now();
const log = (m: string) => console.log(`  [prepare] ${m}`);
const config = loadConfig({ ...process.env, SEED_SIZE: 'demo', LOG_LEVEL: 'warn' });
const ctx = await bootstrap(config, { log });
const seedSeconds = (Date.now() - started) / 1000;

// Synthetic cases in chunks (one INSERT … SELECT each): grid and category by a stable hash of the row number
// (bigint: the products overflow int4 past ~20,000 rows).
const genStarted = Date.now();
const [{ n: gridCount } = { n: 0 }] = await queryRows<{ n: number }>(ctx.db, sql`
  SELECT count(*)::int AS n FROM units WHERE kind = 'grid' AND valid_to IS NULL AND code LIKE '440705%'`);
const [{ n: existing } = { n: 0 }] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM cases WHERE tracking_no LIKE 'BENCH%'`);
const CHUNK = 50_000;
for (let from = existing + 1; from <= total; from += CHUNK) {
  const to = Math.min(total, from + CHUNK - 1);
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`
      WITH g AS (
        SELECT row_number() OVER (ORDER BY code) AS rn, id, path, ST_PointOnSurface(geom) AS pt
        FROM units WHERE kind = 'grid' AND valid_to IS NULL AND code LIKE '440705%'),
      cat AS (SELECT row_number() OVER (ORDER BY code) AS rn, code, deadline_class FROM case_categories WHERE kind = 'leaf' AND NOT urgent),
      catn AS (SELECT count(*) AS n FROM cat),
      s AS (
        SELECT i, now() - (random() * interval '60 days') AS at,
          CASE WHEN i % 100 < 80 THEN 'closed' WHEN i % 100 < 84 THEN 'dispatched' WHEN i % 100 < 87 THEN 'in_grid'
               WHEN i % 100 < 89 THEN 'escalated_street' WHEN i % 100 < 91 THEN 'reported' WHEN i % 100 < 93 THEN 'verified'
               WHEN i % 100 < 95 THEN 'escalated_community' WHEN i % 100 < 96 THEN 'returned' WHEN i % 100 < 98 THEN 'accepted' ELSE 'rejected' END AS state
        FROM generate_series(${from}::bigint, ${to}::bigint) AS i)
      INSERT INTO cases (tracking_no, title, description, category_code, channel, state, version, risk_level, priority, deadline_class,
        grid_id, path, location, holder, has_resident_reporter, created_at, updated_at, accepted_at, response_due_at, due_at, closed_at)
      SELECT 'BENCH' || lpad(s.i::text, 9, '0'), '基准测试事项 ' || s.i, '基准测试数据', cat.code,
        (ARRAY['field', 'web', 'hotline', 'petition'])[(1 + s.i % 4)::int], s.state, 3, (ARRAY['low', 'low', 'medium', 'high'])[(1 + s.i % 4)::int],
        (s.i % 7)::int, cat.deadline_class, g.id, g.path, g.pt,
        CASE s.state WHEN 'dispatched' THEN 'department' WHEN 'escalated_street' THEN 'street' WHEN 'returned' THEN 'street'
          WHEN 'escalated_community' THEN 'community' WHEN 'closed' THEN 'none' WHEN 'rejected' THEN 'none' ELSE 'grid' END,
        true, s.at, s.at, s.at + interval '1 hour', s.at + interval '1 day',
        -- about a third of the open cases are past their deadline
        CASE WHEN s.i % 3 = 0 THEN s.at + interval '2 days' ELSE now() + (s.i % 10 + 1)::int * interval '1 day' END,
        CASE WHEN s.state = 'closed' THEN s.at + interval '3 days' END
      FROM s JOIN g ON g.rn = 1 + (s.i * 7919) % ${gridCount}
      CROSS JOIN catn JOIN cat ON cat.rn = 1 + (s.i * 104729) % catn.n`);
    // Dispatches of the dispatched (open) and closed cases of this chunk, to the district's 城管 (lead).
    await tx.execute(sql`
      INSERT INTO case_dispatches (case_id, department_id, role, state, ack_due_at, handle_due_at, acknowledged_at, handled_at, created_at)
      SELECT c.id, d.id, 'lead',
        CASE WHEN c.state = 'closed' THEN 'handled' WHEN c.id % 2 = 0 THEN 'acknowledged' ELSE 'sent' END,
        c.created_at + interval '1 day', c.due_at,
        CASE WHEN c.state = 'closed' OR c.id % 2 = 0 THEN c.created_at + interval '2 hours' END,
        CASE WHEN c.state = 'closed' THEN c.created_at + interval '2 days' END, c.created_at
      FROM cases c JOIN departments d ON d.key = 'chengguan' AND c.path <@ d.path
      WHERE c.tracking_no BETWEEN ${`BENCH${String(from).padStart(9, '0')}`} AND ${`BENCH${String(to).padStart(9, '0')}`}
        AND (c.state = 'dispatched' OR (c.state = 'closed' AND c.id % 4 = 0))`);
  });
  log(`cases ${to}/${total}`);
}
// A live deadline job has long since marked the late matters of a backlog (and urged their holders); without this its
// first runs would urge 100,000 synthetic late matters during the measurement. Marks only, in bulk (markSwept).
const swept = await ctx.db.transaction((tx) => markSwept(tx, new Date()));
log(`deadline marks of the backlog: ${swept}`);
// A long-lived table has been vacuumed by autovacuum (migration 0014 sets its thresholds); a freshly bulk-loaded one
// has an empty visibility map, so index-only scans would fetch every heap page: measure the steady state. Every
// table: otherwise autovacuum works through the other bulk-written ones (marks, rollups, audit) during the runs.
await ctx.db.execute(sql`VACUUM (ANALYZE)`);
const genSeconds = (Date.now() - genStarted) / 1000;

const [counts] = await queryRows<{ cases: number; open: number; dispatches: number }>(ctx.db, sql`
  SELECT (SELECT count(*)::int FROM cases) AS cases,
         (SELECT count(*)::int FROM cases WHERE state NOT IN ('closed', 'merged', 'rejected')) AS open,
         (SELECT count(*)::int FROM case_dispatches) AS dispatches`);
// Intake points: inside 新会 basic grids that admit env.garbage (every grid type does).
const points = await queryRows<{ lng: number; lat: number }>(ctx.db, sql`
  SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (
    SELECT (ST_Dump(ST_GeneratePoints(geom, 1, 7))).geom AS p FROM (
      SELECT geom FROM units WHERE kind = 'grid' AND grid_kind = 'basic' AND valid_to IS NULL AND code LIKE '440705%'
      ORDER BY md5(code) LIMIT ${Number(values.points)}) g) x`);
await ctx.database.close();

const summary = { db: ctx.database.kind, seedSeconds, genSeconds, ...counts, points: points.map((p) => [Number(p.lng), Number(p.lat)]) };
fs.writeFileSync(values.out, JSON.stringify(summary));
log(`${summary.db}: ${counts!.cases} cases (${counts!.open} open), ${counts!.dispatches} dispatches; seed ${seedSeconds.toFixed(1)} s, generate ${genSeconds.toFixed(1)} s`);
