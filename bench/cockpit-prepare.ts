/**
 * Benchmark preparation for bench/cockpit.mjs (tsx, before the server starts on the same data): migrate + seed the
 * demo data, then add --cases synthetic matters in bulk SQL across 新会区's grids at a constant intake rate
 * (--per-day, default 1,000 a day), so 100,000 matters are 100 days of history and 1,000,000 are 1,000 days: more
 * cases means a LONGER history at the same daily load, which is what "cost must not grow with history" is about.
 * Matters older than 30 days are finished (closed, rated, some rejected); recent ones spread over the open states,
 * so the open backlog is the same size whatever the history. Dispatches for the department matters.
 * The analytics triggers are switched off for the bulk load and the rollups rebuilt at the end (the documented
 * path after a bulk import; its duration is reported). Writes a JSON summary.
 *   tsx bench/cockpit-prepare.ts --cases 100000 --out file.json   (DATA_DIR or DATABASE_URL from the env)
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/config.js';
import { bootstrap } from '../server/src/bootstrap.js';
import { queryRows } from '../server/src/db/sql.js';
import { rebuildRollups } from '../server/src/modules/analytics/rollups.js';
import { markSwept } from '../server/src/modules/supervision/deadline.job.js';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '100000' }, 'per-day': { type: 'string', default: '1000' }, out: { type: 'string' } },
});
if (!values.out) throw new Error('--out file.json');
const total = Number(values.cases);
const perDay = Number(values['per-day']);

const started = Date.now();
const log = (m: string) => console.log(`  [prepare] ${m}`);
const config = loadConfig({ ...process.env, SEED_SIZE: 'demo', LOG_LEVEL: 'warn' });
const ctx = await bootstrap(config, { log });
const seedSeconds = (Date.now() - started) / 1000;

const TRIGGERS = ['cases_analytics_rollup', 'cases_analytics_rollup_update'];
const DISPATCH_TRIGGERS = ['case_dispatches_analytics_rollup', 'case_dispatches_analytics_rollup_update'];
const toggle = async (on: boolean) => {
  for (const t of TRIGGERS) await ctx.db.execute(sql.raw(`ALTER TABLE cases ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${t}`));
  for (const t of DISPATCH_TRIGGERS) await ctx.db.execute(sql.raw(`ALTER TABLE case_dispatches ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${t}`));
};

const genStarted = Date.now();
const [{ n: gridCount } = { n: 0 }] = await queryRows<{ n: number }>(ctx.db, sql`
  SELECT count(*)::int AS n FROM units WHERE kind = 'grid' AND valid_to IS NULL AND code LIKE '440705%'`);
const [{ n: existing } = { n: 0 }] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM cases WHERE tracking_no LIKE 'COCK%'`);
await toggle(false);
const CHUNK = 50_000;
try {
  for (let from = existing + 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1);
    await ctx.db.transaction(async (tx) => {
      // Row i is received (total - i) / perDay days ago: the newest rows are the most recent.
      await tx.execute(sql`
        WITH g AS (
          SELECT row_number() OVER (ORDER BY code) AS rn, id, path, ST_PointOnSurface(geom) AS pt
          FROM units WHERE kind = 'grid' AND valid_to IS NULL AND code LIKE '440705%'),
        cat AS (SELECT row_number() OVER (ORDER BY code) AS rn, code, deadline_class FROM case_categories WHERE kind = 'leaf' AND NOT urgent),
        catn AS (SELECT count(*) AS n FROM cat),
        s0 AS (
          SELECT i, now() - ((${total}::bigint - i)::float8 / ${perDay}) * interval '1 day' - interval '1 minute' AS at FROM generate_series(${from}::bigint, ${to}::bigint) AS i),
        s AS (
          SELECT i, at, CASE
            WHEN at < now() - interval '30 days' THEN CASE WHEN i % 50 = 0 THEN 'rejected' ELSE 'closed' END
            WHEN i % 100 < 55 THEN 'closed' WHEN i % 100 < 65 THEN 'dispatched' WHEN i % 100 < 72 THEN 'in_grid'
            WHEN i % 100 < 76 THEN 'escalated_street' WHEN i % 100 < 80 THEN 'reported' WHEN i % 100 < 85 THEN 'verified'
            WHEN i % 100 < 90 THEN 'escalated_community' WHEN i % 100 < 92 THEN 'returned' WHEN i % 100 < 98 THEN 'accepted' ELSE 'rejected' END AS state
          FROM s0)
        INSERT INTO cases (tracking_no, title, description, category_code, channel, state, version, risk_level, priority, deadline_class,
          grid_id, path, location, holder, has_resident_reporter, created_at, updated_at, accepted_at, first_response_at, response_due_at,
          due_at, handled_at, rated_at, resolved, satisfaction, unrated, closed_at)
        SELECT 'COCK' || lpad(s.i::text, 9, '0'), '驾驶舱基准事项 ' || s.i, '基准测试数据', cat.code,
          (ARRAY['field', 'web', 'hotline', 'petition'])[(1 + s.i % 4)::int], s.state, 5, 'low', (s.i % 7)::int, cat.deadline_class,
          g.id, g.path, g.pt,
          CASE s.state WHEN 'dispatched' THEN 'department' WHEN 'escalated_street' THEN 'street' WHEN 'returned' THEN 'street'
            WHEN 'escalated_community' THEN 'community' WHEN 'closed' THEN 'none' WHEN 'rejected' THEN 'none' ELSE 'grid' END,
          true, s.at, s.at,
          CASE WHEN s.state <> 'reported' THEN s.at + interval '20 minutes' END,
          -- one in ten answered late
          CASE WHEN s.state <> 'reported' THEN s.at + CASE WHEN s.i % 10 = 0 THEN interval '30 hours' ELSE interval '20 minutes' END END,
          s.at + interval '1 day',
          -- about a third of the open matters are past their deadline
          CASE WHEN s.state = 'closed' OR s.i % 3 = 0 THEN s.at + interval '2 days' ELSE now() + (s.i % 10 + 1)::int * interval '1 day' END,
          CASE WHEN s.state IN ('closed', 'verified') THEN s.at + interval '2 days' END,
          CASE WHEN s.state = 'closed' AND s.i % 5 <> 0 THEN s.at + interval '3 days' END,
          CASE WHEN s.state = 'closed' AND s.i % 5 <> 0 THEN s.i % 11 <> 0 END,
          CASE WHEN s.state = 'closed' AND s.i % 5 <> 0 THEN (ARRAY['satisfied', 'satisfied', 'basic', 'unsatisfied'])[(1 + s.i % 4)::int] END,
          s.state = 'closed' AND s.i % 5 = 0,
          CASE WHEN s.state = 'closed' THEN s.at + interval '3 days' WHEN s.state = 'rejected' THEN s.at + interval '1 hour' END
        FROM s JOIN g ON g.rn = 1 + (s.i * 7919) % ${gridCount}
        CROSS JOIN catn JOIN cat ON cat.rn = 1 + (s.i * 104729) % catn.n`);
      await tx.execute(sql`
        INSERT INTO case_dispatches (case_id, department_id, role, state, ack_due_at, handle_due_at, acknowledged_at, handled_at, created_at)
        SELECT c.id, d.id, 'lead',
          CASE WHEN c.state = 'closed' THEN 'handled' WHEN c.id % 2 = 0 THEN 'acknowledged' ELSE 'sent' END,
          c.created_at + interval '1 day', c.created_at + interval '3 days',
          CASE WHEN c.state = 'closed' OR c.id % 2 = 0 THEN c.created_at + interval '2 hours' END,
          CASE WHEN c.state = 'closed' THEN c.created_at + CASE WHEN c.id % 6 = 0 THEN interval '4 days' ELSE interval '2 days' END END, c.created_at
        FROM cases c JOIN departments d ON d.key = 'chengguan' AND c.path <@ d.path
        WHERE c.tracking_no BETWEEN ${`COCK${String(from).padStart(9, '0')}`} AND ${`COCK${String(to).padStart(9, '0')}`}
          AND (c.state = 'dispatched' OR (c.state = 'closed' AND c.id % 4 = 0))`);
    });
    log(`cases ${to}/${total}`);
  }
} finally {
  await toggle(true);
}
const genSeconds = (Date.now() - genStarted) / 1000;
const rebuildStarted = Date.now();
const rows = await ctx.db.transaction((tx) => rebuildRollups(tx));
const rebuildSeconds = (Date.now() - rebuildStarted) / 1000;
// A live deadline job has long since marked the late matters of the backlog (see cases-prepare.ts).
log(`deadline marks of the backlog: ${await ctx.db.transaction((tx) => markSwept(tx, new Date()))}`);
// The steady state autovacuum keeps (thresholds in migrations 0014 and 0016): statistics and a fresh visibility map,
// without which index-only scans of a freshly bulk-loaded table visit every page.
await ctx.db.execute(sql`VACUUM (ANALYZE)`);
log(`rollups rebuilt in ${rebuildSeconds.toFixed(1)} s: ${JSON.stringify(rows)}`);

const [counts] = await queryRows<{ cases: number; open: number; dispatches: number; days: number }>(ctx.db, sql`
  SELECT (SELECT count(*)::int FROM cases) AS cases,
         (SELECT count(*)::int FROM cases WHERE state NOT IN ('closed', 'merged', 'rejected')) AS open,
         (SELECT count(*)::int FROM case_dispatches) AS dispatches,
         (SELECT (max(created_at)::date - min(created_at)::date) FROM cases)::int AS days`);
const [unit] = await queryRows<{ id: string }>(ctx.db, sql`SELECT id::text FROM units WHERE kind = 'district' AND code LIKE '440705%' AND valid_to IS NULL LIMIT 1`);
await ctx.database.close();

const summary = { db: ctx.database.kind, seedSeconds, genSeconds, rebuildSeconds, perDay, ...counts, rollupRows: rows, districtId: unit?.id };
fs.writeFileSync(values.out, JSON.stringify(summary));
log(`${summary.db}: ${counts!.cases} cases over ${counts!.days} days (${counts!.open} open), ${counts!.dispatches} dispatches; seed ${seedSeconds.toFixed(1)} s, generate ${genSeconds.toFixed(1)} s`);
