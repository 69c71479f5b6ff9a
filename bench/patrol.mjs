#!/usr/bin/env node
// npm run bench:patrol [-- --workers 500 --batch 50 --connections 50 --duration 20 --warmup 5 --no-write]
//
// Patrol point ingestion on PostgreSQL (issue 6): a fresh database is migrated, seeded with the demo data, tracking
// is turned on in every district and --workers grid workers get a session (written straight into the database)
// and a running patrol (bench/patrol-prepare.ts). The server then starts as its own process (rate limiting off) and
// this process loads it with autocannon: each request is one worker's next batch of --batch points
// (POST /api/patrols/:id/points with a fresh Idempotency-Key), the workers taken in turn, --connections requests in
// flight at once (closed loop). pointsPerSecond counts the points the database actually holds afterwards.
// Prints a table and writes bench/results/patrol-postgres.json (format: ARCHITECTURE.md §Benchmarks).
// PostgreSQL: BENCH_DATABASE_URL (its public schema is DROPPED and recreated) or the local Debian cluster.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { redact } from '../scripts/lib/pg-local.mjs';
import { ROOT, startServer } from '../scripts/lib/server.mjs';
import { freshBenchDatabase, percentile, round, writeResult } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '500' },
    batch: { type: 'string', default: '50' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    'no-write': { type: 'boolean', default: false },
  },
});
const workers = Number(args.workers);
const batch = Number(args.batch);
const connections = Number(args.connections);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const WORK = path.join(ROOT, 'bench', '.data');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SECRET = 'b'.repeat(64);
const TARGETS = { pointsPerSecond: 5000 };

const postgresUrl = () => freshBenchDatabase('gridgov_bench_patrol');

async function storedPoints(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query('SELECT count(*)::bigint AS n FROM patrol_points');
  await client.end();
  return Number(rows[0].n);
}

/** Each worker walks: its points are 1 s apart from its patrol's start, near a fixed spot of its grid. */
function makeBatcher(prep) {
  const state = prep.sessions.map((s, i) => ({ ...s, k: 0, lat: 22.5 + (i % 50) * 1e-3, lng: 113 + Math.floor(i / 50) * 1e-3 }));
  const t0 = Date.parse(prep.startedAt);
  let w = 0;
  let req = 0;
  return () => {
    const s = state[w];
    w = (w + 1) % state.length;
    req += 1;
    const points = [];
    for (let j = 0; j < batch; j++, s.k++) {
      points.push({ t: new Date(t0 + 60_000 + s.k * 1000).toISOString(), lat: s.lat + (s.k % 100) * 1e-6, lng: s.lng, accuracy: 8 + (s.k % 20) });
    }
    return { cookie: s.cookie, path: `/api/patrols/${s.patrolId}/points`, key: `bench-${process.pid}-${req}`, body: JSON.stringify({ points }) };
  };
}

async function load(url, next, seconds) {
  const lat = [];
  let non2xx = 0;
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 60,
    requests: [{
      setupRequest: (req) => {
        const r = next();
        return { ...req, method: 'POST', path: r.path, headers: { ...req.headers, cookie: r.cookie, 'idempotency-key': r.key, 'content-type': 'application/json' }, body: r.body };
      },
    }],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) lat.push(ms);
    else non2xx += 1;
  });
  const result = await instance;
  lat.sort((a, b) => a - b);
  return { batches: lat.length, p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99), non2xx, errors: result.errors + result.timeouts };
}

async function run() {
  console.log('\n== postgres');
  const dir = path.join(WORK, 'patrol-postgres');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const url = await postgresUrl();
  console.log(`  database ${redact(url)}`);
  const env = { DATA_DIR: dir, GRIDGOV_SECRET_KEY: SECRET, GRIDGOV_ADMIN_PASSWORD: 'Bench12345', LOG_LEVEL: 'warn', RATE_LIMIT: 'off', DATABASE_URL: url };
  const summaryFile = path.join(dir, 'prepare.json');
  execFileSync(TSX, ['bench/patrol-prepare.ts', '--workers', String(workers), '--out', summaryFile], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const prep = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  const server = await startServer({ env: { ...env, SEED_SIZE: 'none' }, label: 'postgres', timeoutMs: 300_000 });
  try {
    console.log(`  server ${server.url} (pid ${server.pid}) ready in ${(server.startedInMs / 1000).toFixed(1)} s`);
    const next = makeBatcher(prep);
    const probe = next();
    const first = await fetch(`${server.url}${probe.path}`, { method: 'POST', headers: { cookie: probe.cookie, 'idempotency-key': probe.key, 'content-type': 'application/json' }, body: probe.body });
    const answer = await first.json();
    if (first.status !== 200 || answer.accepted !== batch) throw new Error(`probe batch: ${first.status} ${JSON.stringify(answer)}`);
    console.log(`  ${warmup} s warm-up, ${duration} s at ${connections} connections, ${workers} workers, ${batch} points per batch`);
    await load(server.url, next, warmup);
    await new Promise((r) => setTimeout(r, 2000)); // let abandoned warm-up requests finish before counting
    const before = await storedPoints(url);
    const r = await load(server.url, next, duration);
    await new Promise((res) => setTimeout(res, 2000));
    const after = await storedPoints(url);
    if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-200 answers and ${r.errors} errors under load`);
    if (!r.batches) throw new Error(`no batch completed in ${duration} s; rerun on a quieter machine or with a longer --duration`);
    const points = after - before;
    // Points of requests abandoned at the end of the run can land after it; never count more than the answered ones.
    const counted = Math.min(points, r.batches * batch);
    const out = { prep, ...r, points: counted, pointsPerSecond: counted / duration };
    console.log(`  ${r.batches} batches (${counted} points stored): ${out.pointsPerSecond.toFixed(0)} points/s; per batch p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
    return out;
  } finally {
    await server.stop();
  }
}


function writeResults(r) {
  const metric = (key, value, unit, better) => ({ value: round(value), unit, target: TARGETS[key] ?? null, better });
  const out = {
    name: 'patrol',
    db: 'postgres',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), loadAvg1mAtEnd: round(os.loadavg()[0]) },
    dataset: { seed: 'demo', workers: r.prep.workers, grids: r.prep.grids, sessions: 'inserted into the database, no logins', seedSeconds: Math.round(r.prep.seedSeconds) },
    load: {
      connections, durationS: duration, warmupS: warmup, pointsPerBatch: batch, rateLimit: 'off',
      tool: 'autocannon in the bench process; the server is its own process on the same machine',
      request: 'POST /api/patrols/:id/points with a fresh Idempotency-Key, the workers in turn, each batch the worker\'s next points 1 s apart',
      note: `closed loop: ${connections} batches in flight at once from ${r.prep.workers} simulated workers; pointsPerSecond = points stored in patrol_points during the run / duration`,
    },
    metrics: {
      pointsPerSecond: metric('pointsPerSecond', r.pointsPerSecond, 'points/s', 'higher'),
      batchesPerSecond: metric('batchesPerSecond', r.batches / duration, 'req/s', 'higher'),
      batchP50Ms: metric('batchP50Ms', r.p50, 'ms', 'lower'),
      batchP95Ms: metric('batchP95Ms', r.p95, 'ms', 'lower'),
      batchP99Ms: metric('batchP99Ms', r.p99, 'ms', 'lower'),
    },
  };
  writeResult('patrol-postgres.json', out);
}

const r = await run();
if (!args['no-write']) writeResults(r);
console.log(`\npatrol points through HTTP on PostgreSQL, closed loop, ${connections} connections, ${duration} s after ${warmup} s warm-up`);
console.log(`points/s ${r.pointsPerSecond.toFixed(0)} (target ${TARGETS.pointsPerSecond}); batch of ${batch} p50/p95/p99 ${r.p50.toFixed(1)}/${r.p95.toFixed(1)}/${r.p99.toFixed(1)} ms`);
process.exit(0);
