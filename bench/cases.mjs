#!/usr/bin/env node
// npm run bench:cases [-- --db pglite|postgres|all --cases N --duration 20 --warmup 5 --connections 16 --no-write --reuse]
//
// For each database: a fresh database is migrated, seeded with the demo data and filled with synthetic cases
// (bench/cases-prepare.ts: 100,000 on PGlite, 1,000,000 on PostgreSQL unless --cases), then the server starts on it
// as its own process (rate limiting off) and this process loads it with autocannon at --connections:
//   1. GET /api/cases/board as the district centre operator (centre.xinhui): the dispatch board's p99;
//   2. POST /api/cases (staff intake, channel hotline) at random points in 新会's grids: requests/s and p99.
// Prints a table and writes bench/results/cases-<db>.json (format: ARCHITECTURE.md §Benchmarks).
// PostgreSQL: BENCH_DATABASE_URL (its public schema is DROPPED and recreated) or the local Debian cluster.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ensureLocalDatabase, redact } from '../scripts/lib/pg-local.mjs';
import { ROOT, startServer } from '../scripts/lib/server.mjs';
import { freshBenchDatabaseOrSkip, percentile, pgSettings, round, writeResult } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'all' },
    cases: { type: 'string' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    'no-write': { type: 'boolean', default: false },
    // Measure again on the database a previous run prepared (after a query change), skipping the long fill.
    reuse: { type: 'boolean', default: false },
  },
});
const dbs = args.db === 'all' ? ['pglite', 'postgres'] : args.db.split(',');
for (const d of dbs) if (!['pglite', 'postgres'].includes(d)) throw new Error(`--db ${d}: pglite|postgres|all`);
const CASES = { pglite: 100_000, postgres: 1_000_000 };
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const WORK = path.join(ROOT, 'bench', '.data');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SECRET = 'b'.repeat(64);
const USER = { username: 'centre.xinhui', password: 'Gridgov2026' };
const TARGETS = { intakePerSecond: 200, intakeP99Ms: 100, dispatchBoardP99Ms: 100 };

/** Closed loop at `conns` connections; `next()` gives each request's {method, path, body}. */
async function load(url, cookie, next, seconds, conns = connections) {
  const lat = [];
  let non2xx = 0;
  const instance = autocannon({
    url,
    connections: conns,
    duration: seconds,
    // PGlite answers one query at a time: with 16 connections queued a board answer can take seconds.
    timeout: 60,
    requests: [{
      setupRequest: (req) => {
        const r = next();
        return { ...req, method: r.method, path: r.path, headers: { ...req.headers, cookie, 'content-type': 'application/json' }, ...(r.body ? { body: r.body } : {}) };
      },
    }],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) lat.push(ms);
    else non2xx += 1;
  });
  const result = await instance;
  lat.sort((a, b) => a - b);
  return {
    requests: lat.length, perSecond: lat.length / seconds, p50: percentile(lat, 50), p99: percentile(lat, 99),
    non2xx, errors: result.errors + result.timeouts,
  };
}

async function login(url) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(USER) });
  if (res.status !== 200) throw new Error(`login ${USER.username}: ${res.status} ${await res.text()}`);
  const c = res.headers.getSetCookie().find((s) => s.startsWith('gg_sid='));
  return c.split(';')[0];
}

async function runOne(db) {
  console.log(`\n== ${db}`);
  const dir = path.join(WORK, `cases-${db}`);
  if (!args.reuse) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { DATA_DIR: dir, GRIDGOV_SECRET_KEY: SECRET, GRIDGOV_ADMIN_PASSWORD: 'Bench12345', LOG_LEVEL: 'warn', RATE_LIMIT: 'off' };
  if (db === 'postgres') {
    const url = args.reuse && !process.env.BENCH_DATABASE_URL ? ensureLocalDatabase('gridgov_bench_cases') : await freshBenchDatabaseOrSkip('gridgov_bench_cases');
    if (!url) return null;
    console.log(`  database ${redact(url)}`);
    env.DATABASE_URL = url;
  } else {
    env.DATABASE_URL = '';
  }
  const cases = Number(args.cases ?? CASES[db]);
  const summaryFile = path.join(dir, 'prepare.json');
  if (!args.reuse || !fs.existsSync(summaryFile)) {
    execFileSync(TSX, ['bench/cases-prepare.ts', '--cases', String(cases), '--out', summaryFile], {
      cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env },
    });
  }
  const prep = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  if (db === 'postgres') prep.settings = await pgSettings(env.DATABASE_URL);

  const server = await startServer({ env: { ...env, SEED_SIZE: 'none' }, label: db, timeoutMs: 900_000 });
  try {
    console.log(`  server ${server.url} (pid ${server.pid}) ready in ${(server.startedInMs / 1000).toFixed(1)} s`);
    const cookie = await login(server.url);
    const board = () => ({ method: 'GET', path: '/api/cases/board' });
    const probe = await fetch(`${server.url}/api/cases/board`, { headers: { cookie } });
    if (probe.status !== 200) throw new Error(`board: ${probe.status} ${await probe.text()}`);
    let k = 0;
    const intake = () => {
      const [lng, lat] = prep.points[(k++) % prep.points.length];
      return {
        method: 'POST', path: '/api/cases',
        body: JSON.stringify({ channel: 'hotline', category: 'env.garbage', description: `基准测试：路边垃圾堆放 ${k}`, lat, lng }),
      };
    };
    const first = await fetch(`${server.url}/api/cases`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: intake().body });
    if (first.status !== 201) throw new Error(`intake: ${first.status} ${await first.text()}`);

    // The read-only board first, on the table as vacuumed; then intake. In the other order the 7,000 matters written
    // by the intake run set autovacuum off on five tables during the board run (1 % thresholds, migrations 0014
    // and 0016), which measured table maintenance rather than the board.
    console.log(`  dispatch board: ${warmup} s warm-up, ${duration} s at ${connections} connections`);
    await load(server.url, cookie, board, warmup);
    const b = await load(server.url, cookie, board, duration);
    console.log(`  ${b.requests} requests: p50 ${b.p50.toFixed(2)} ms, p99 ${b.p99.toFixed(2)} ms, ${b.perSecond.toFixed(0)} req/s`);
    await new Promise((r) => setTimeout(r, 5000));
    console.log(`  intake: ${warmup} s warm-up, ${duration} s at ${connections} connections`);
    await load(server.url, cookie, intake, warmup);
    const i = await load(server.url, cookie, intake, duration);
    console.log(`  ${i.requests} requests: p50 ${i.p50.toFixed(2)} ms, p99 ${i.p99.toFixed(2)} ms, ${i.perSecond.toFixed(0)} req/s`);
    for (const [name, r] of [['board', b], ['intake', i]]) {
      if (r.non2xx || r.errors) throw new Error(`${db} ${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
      // On an overloaded machine no answer may finish inside the run: say so rather than record NaN.
      if (!r.requests) throw new Error(`${db} ${name}: no response completed in ${duration} s; rerun on a quieter machine or with a longer --duration`);
    }
    return { db, prep, board: b, intake: i };
  } finally {
    await server.stop();
  }
}

function writeResults({ db, prep, board, intake }) {
  const metric = (key, value, unit, better) => ({ value: round(value), unit, target: db === 'postgres' ? TARGETS[key] ?? null : null, better });
  const out = {
    name: 'cases',
    db,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), loadAvg1mAtEnd: round(os.loadavg()[0]) },
    database: prep.settings ?? null,
    dataset: { cases: prep.cases, openCases: prep.open, dispatches: prep.dispatches, seedSeconds: Math.round(prep.seedSeconds), generateSeconds: Math.round(prep.genSeconds) },
    load: {
      connections, durationS: duration, warmupS: warmup, rateLimit: 'off',
      tool: 'autocannon in the bench process; the server is its own process on the same machine',
      order: 'board first (read-only, on the vacuumed table), 5 s pause, then intake',
      board: 'GET /api/cases/board as the district centre operator (scope: the whole of 新会区)',
      intake: 'POST /api/cases, channel hotline, env.garbage at random points in 新会 basic grids (locate, routing, duplicates, audit, notify)',
    },
    metrics: {
      intakePerSecond: metric('intakePerSecond', intake.perSecond, 'req/s', 'higher'),
      intakeP99Ms: metric('intakeP99Ms', intake.p99, 'ms', 'lower'),
      intakeP50Ms: metric('intakeP50Ms', intake.p50, 'ms', 'lower'),
      dispatchBoardP99Ms: metric('dispatchBoardP99Ms', board.p99, 'ms', 'lower'),
      dispatchBoardP50Ms: metric('dispatchBoardP50Ms', board.p50, 'ms', 'lower'),
      dispatchBoardPerSecond: metric('dispatchBoardPerSecond', board.perSecond, 'req/s', 'higher'),
    },
  };
  writeResult(`cases-${db}.json`, out);
}

const all = [];
for (const db of dbs) {
  const r = await runOne(db);
  if (!r) continue;
  if (!args['no-write']) writeResults(r);
  all.push(r);
}
console.log(`\ncases through HTTP, closed loop, ${connections} connections, ${duration} s after ${warmup} s warm-up`);
console.log('db        cases      board p50/p99 ms    intake req/s  intake p50/p99 ms');
for (const { db, prep, board, intake } of all) {
  console.log([
    db.padEnd(9), String(prep.cases).padEnd(10), `${board.p50.toFixed(1)}/${board.p99.toFixed(1)}`.padStart(18),
    intake.perSecond.toFixed(0).padStart(13), `${intake.p50.toFixed(1)}/${intake.p99.toFixed(1)}`.padStart(18),
  ].join(' '));
}
process.exit(0);
