#!/usr/bin/env node
// npm run bench:cockpit [-- --sizes 100000,1000000 --per-day 1000 --duration 20 --warmup 5 --connections 8 --no-write]
//
// Issue 8: indicator and cockpit queries at 100,000 and 1,000,000 matters on PostgreSQL. For each size a fresh
// database is migrated, seeded with the demo data and filled with synthetic matters at a constant daily rate
// (bench/cockpit-prepare.ts: more matters = a longer history), the rollups are rebuilt, then the server starts on
// it as its own process (rate limiting off) and this process loads it with autocannon at --connections, one
// endpoint at a time, as the district centre operator (centre.xinhui, scope 新会区):
//   indicators  GET /api/analytics/indicators?from=<month start>&to=<today>
//   cockpit     GET /api/analytics/cockpit
//   points      GET /api/analytics/cockpit/points (the cockpit map's layer, its own request)
//   breakdown   GET /api/analytics/breakdown?from=<month start>&to=<today>
// The month's finished days are reused for up to a minute (closed-days.ts); each endpoint's first request, with
// nothing cached, is timed on its own (*FirstMs*). p99Ms100k / p99Ms1M are the worst p99 of the four;
// scaleRatio = p99Ms1M / p99Ms100k (target ≤ 1.5: the cost must not grow with history). Writes bench/results/cockpit-postgres.json (format: ARCHITECTURE.md §Benchmarks).
// PostgreSQL: BENCH_DATABASE_URL (its public schema is DROPPED and recreated) or the local Debian cluster.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { redact } from '../scripts/lib/pg-local.mjs';
import { ROOT, startServer } from '../scripts/lib/server.mjs';
import { freshBenchDatabase, percentile, pgSettings, round, writeResult } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    'per-day': { type: 'string', default: '1000' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '8' },
    'no-write': { type: 'boolean', default: false },
  },
});
const sizes = args.sizes.split(',').map(Number);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const WORK = path.join(ROOT, 'bench', '.data');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SECRET = 'c'.repeat(64);
const USER = { username: 'centre.xinhui', password: 'Gridgov2026' };
const TARGETS = { p99Ms1M: 300, scaleRatio: 1.5 };

const postgresUrl = () => freshBenchDatabase('gridgov_bench_cockpit');

/** Closed loop at `connections` for `seconds` on one GET path. */
async function load(url, cookie, pathAndQuery, seconds) {
  const lat = [];
  let non2xx = 0;
  const instance = autocannon({ url: `${url}${pathAndQuery}`, connections, duration: seconds, timeout: 60, headers: { cookie } });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) lat.push(ms);
    else non2xx += 1;
  });
  const result = await instance;
  lat.sort((a, b) => a - b);
  return {
    requests: lat.length, perSecond: lat.length / seconds, p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99),
    non2xx, errors: result.errors + result.timeouts,
  };
}

async function login(url) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(USER) });
  if (res.status !== 200) throw new Error(`login ${USER.username}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().find((s) => s.startsWith('gg_sid=')).split(';')[0];
}

/** Today and the first of the month in Asia/Shanghai. */
function month() {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

async function runSize(cases) {
  console.log(`\n== postgres, ${cases.toLocaleString('en')} matters`);
  const dir = path.join(WORK, `cockpit-${cases}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const url = await postgresUrl();
  console.log(`  database ${redact(url)}`);
  const env = { DATA_DIR: dir, DATABASE_URL: url, GRIDGOV_SECRET_KEY: SECRET, GRIDGOV_ADMIN_PASSWORD: 'Bench12345', LOG_LEVEL: 'warn', RATE_LIMIT: 'off' };
  const summaryFile = path.join(dir, 'prepare.json');
  execFileSync(TSX, ['bench/cockpit-prepare.ts', '--cases', String(cases), '--per-day', args['per-day'], '--out', summaryFile], {
    cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env },
  });
  const prep = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  prep.settings = await pgSettings(url);
  const server = await startServer({ env: { ...env, SEED_SIZE: 'none' }, label: `cockpit-${cases}`, timeoutMs: 900_000 });
  try {
    console.log(`  server ${server.url} (pid ${server.pid}) ready in ${(server.startedInMs / 1000).toFixed(1)} s`);
    const cookie = await login(server.url);
    const { from, to } = month();
    const paths = {
      indicators: `/api/analytics/indicators?from=${from}&to=${to}`,
      cockpit: '/api/analytics/cockpit',
      points: '/api/analytics/cockpit/points',
      breakdown: `/api/analytics/breakdown?from=${from}&to=${to}`,
    };
    const out = {};
    for (const [name, p] of Object.entries(paths)) {
      // The first request reads everything itself (nothing of the finished days is cached yet: closed-days.ts).
      const t0 = performance.now();
      const probe = await fetch(`${server.url}${p}`, { headers: { cookie } });
      if (probe.status !== 200) throw new Error(`${name}: ${probe.status} ${await probe.text()}`);
      await probe.arrayBuffer();
      const firstMs = performance.now() - t0;
      console.log(`  ${name}: ${warmup} s warm-up, ${duration} s at ${connections} connections`);
      await load(server.url, cookie, p, warmup);
      const r = await load(server.url, cookie, p, duration);
      if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
      if (!r.requests) throw new Error(`${name}: no response completed in ${duration} s; rerun on a quieter machine`);
      console.log(`  ${r.requests} requests: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.perSecond.toFixed(0)} req/s`);
      console.log(`  first request (finished days not yet cached): ${firstMs.toFixed(1)} ms`);
      out[name] = { ...r, firstMs };
    }
    return { cases, prep, results: out };
  } finally {
    await server.stop();
  }
}

const worstP99 = (run) => Math.max(...Object.values(run.results).map((r) => r.p99));

const runs = [];
for (const size of sizes) runs.push(await runSize(size));

const small = runs.find((r) => r.cases === 100_000) ?? runs[0];
const big = runs.find((r) => r.cases === 1_000_000) ?? (runs.length > 1 ? runs[runs.length - 1] : null);
const metric = (value, unit, target, better) => ({ value: round(value), unit, target, better });
const metrics = { p99Ms100k: metric(worstP99(small), 'ms', null, 'lower') };
if (big) {
  metrics.p99Ms1M = metric(worstP99(big), 'ms', TARGETS.p99Ms1M, 'lower');
  metrics.scaleRatio = metric(worstP99(big) / worstP99(small), 'ratio', TARGETS.scaleRatio, 'lower');
}
for (const run of runs) {
  const tag = run.cases >= 1_000_000 ? '1M' : run.cases === 100_000 ? '100k' : String(run.cases);
  for (const [name, r] of Object.entries(run.results)) {
    for (const p of ['p50', 'p95', 'p99']) metrics[`${name}${p.toUpperCase()}Ms${tag}`] = metric(r[p], 'ms', null, 'lower');
    metrics[`${name}FirstMs${tag}`] = metric(r.firstMs, 'ms', null, 'lower');
    metrics[`${name}PerSecond${tag}`] = metric(r.perSecond, 'req/s', null, 'higher');
  }
}

console.log(`\nanalytics through HTTP, closed loop, ${connections} connections, ${duration} s after ${warmup} s warm-up`);
console.log('matters     endpoint     p50 ms   p95 ms   p99 ms   req/s');
for (const run of runs) {
  for (const [name, r] of Object.entries(run.results)) {
    console.log([String(run.cases).padEnd(11), name.padEnd(11), ...[r.p50, r.p95, r.p99].map((v) => v.toFixed(1).padStart(8)), r.perSecond.toFixed(0).padStart(7)].join(' '));
  }
}
if (big) console.log(`scaleRatio (worst p99 at ${big.cases} ÷ at ${small.cases}): ${(worstP99(big) / worstP99(small)).toFixed(2)}`);

if (!args['no-write']) {
  const result = {
    name: 'cockpit',
    db: 'postgres',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), loadAvg1mAtEnd: round(os.loadavg()[0]) },
    database: runs[0]?.prep.settings ?? null,
    dataset: Object.fromEntries(runs.map((r) => [String(r.cases), {
      cases: r.prep.cases, days: r.prep.days, perDay: r.prep.perDay, openCases: r.prep.open, dispatches: r.prep.dispatches,
      rollupRows: r.prep.rollupRows, rebuildSeconds: round(r.prep.rebuildSeconds), generateSeconds: Math.round(r.prep.genSeconds),
    }])),
    load: {
      connections, durationS: duration, warmupS: warmup, rateLimit: 'off',
      tool: 'autocannon in the bench process; the server is its own process on the same machine; one endpoint at a time',
      user: 'centre.xinhui (district centre operator, scope 新会区)',
      endpoints: 'GET /api/analytics/indicators (month to date), /api/analytics/cockpit, /api/analytics/cockpit/points, /api/analytics/breakdown (month to date)',
      p99: 'p99Ms100k / p99Ms1M: the worst p99 of the four endpoints',
      monthToDate: `${month().from} to ${month().to} (Asia/Shanghai)`,
      closedDays: 'figures of the finished days of a period are reused for up to 60 s per scope and period, today is read live (server/src/modules/analytics/closed-days.ts); *FirstMs* is one request with nothing cached, just after the server started',
    },
    metrics,
  };
  writeResult('cockpit-postgres.json', result);
}
process.exit(0);
