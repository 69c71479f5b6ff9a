#!/usr/bin/env node
// npm run bench:locate [-- --db pglite|postgres|all --dataset demo|large|all --duration 20 --warmup 5
//                          --connections 32 --rate 200 --no-write]
//
// For each database × dataset: a fresh database is migrated and seeded (bench/prepare.ts, which also samples
// random points inside basic grids), then the server starts on it as its own process and this process loads
// GET /api/territory/locate?lat=&lng= with autocannon: warm-up, one connection at a time (service time), an
// open-loop run at --rate req/s (fetch on a fixed schedule), then the measured closed-loop run at N connections.
// Latencies are taken per response at sub-millisecond resolution (autocannon's histogram rounds to whole ms). Prints a table and writes bench/results/locate-<db>.json (format: ARCHITECTURE.md §Benchmarks);
// running one combination updates only its metrics in that file.
// PostgreSQL: BENCH_DATABASE_URL (its public schema is DROPPED and recreated) or the local Debian cluster.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { redact } from '../scripts/lib/pg-local.mjs';
import { ROOT, startServer } from '../scripts/lib/server.mjs';
import { freshBenchDatabaseOrSkip, percentile, round, writeResult } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'all' },
    dataset: { type: 'string', default: 'all' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    rate: { type: 'string', default: '100' },
    'no-write': { type: 'boolean', default: false },
  },
});
const DATASETS = { demo: '1k', large: '100k' };
const dbs = args.db === 'all' ? ['pglite', 'postgres'] : args.db.split(',');
const datasets = args.dataset === 'all' ? ['demo', 'large'] : args.dataset.split(',');
for (const d of dbs) if (!['pglite', 'postgres'].includes(d)) throw new Error(`--db ${d}: pglite|postgres|all`);
for (const d of datasets) if (!DATASETS[d]) throw new Error(`--dataset ${d}: demo|large|all`);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const RATE = Number(args.rate);
const WORK = path.join(ROOT, 'bench', '.data');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SECRET = 'b'.repeat(64);

async function load(url, paths, seconds, conns = connections) {
  let i = 0;
  const lat = [];
  let non2xx = 0;
  const instance = autocannon({
    url,
    connections: conns,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, method: 'GET', path: paths[(i++) % paths.length] }) }],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) lat.push(ms);
    else non2xx += 1;
  });
  const result = await instance;
  lat.sort((a, b) => a - b);
  const pct = (p) => percentile(lat, p);
  return {
    requests: lat.length,
    perSecond: lat.length / seconds,
    p50: pct(50),
    p99: pct(99),
    max: lat[lat.length - 1] ?? NaN,
    non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * Open loop: one request every 1/rate s whatever the answers do (autocannon's overallRate sends each second's
 * budget in a burst). Latency counts from the scheduled start, so a late sender is not hidden.
 */
async function openLoop(url, paths, seconds, rate) {
  const interval = 1000 / rate;
  const lat = [];
  let failed = 0;
  const pending = [];
  const start = performance.now();
  for (let n = 0; n * interval < seconds * 1000; n += 1) {
    const due = start + n * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(fetch(url + paths[n % paths.length])
      .then(async (res) => { await res.arrayBuffer(); if (res.ok) lat.push(performance.now() - due); else failed += 1; })
      .catch(() => { failed += 1; }));
  }
  await Promise.all(pending);
  if (failed) throw new Error(`open loop: ${failed} failed requests`);
  lat.sort((a, b) => a - b);
  return { requests: lat.length, p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

async function runOne(db, dataset) {
  const label = `${db}/${dataset}`;
  console.log(`\n== ${label}`);
  const dir = path.join(WORK, `${db}-${dataset}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { DATA_DIR: dir, GRIDGOV_SECRET_KEY: SECRET, GRIDGOV_ADMIN_PASSWORD: 'Bench12345', LOG_LEVEL: 'warn' };
  if (db === 'postgres') {
    const url = await freshBenchDatabaseOrSkip(`gridgov_bench_${dataset}`);
    if (!url) return null;
    console.log(`  database ${redact(url)}`);
    env.DATABASE_URL = url;
  } else {
    env.DATABASE_URL = '';
  }

  const summaryFile = path.join(dir, 'prepare.json');
  execFileSync(TSX, ['bench/prepare.ts', '--dataset', dataset, '--out', summaryFile], {
    cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env },
  });
  const prep = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  const paths = prep.points.map(([lng, lat]) => `/api/territory/locate?lat=${lat.toFixed(7)}&lng=${lng.toFixed(7)}`);

  // SEED_SIZE=none: the database is already seeded; the server only opens and migrates (no-op) it.
  const server = await startServer({ env: { ...env, SEED_SIZE: 'none' }, label, timeoutMs: 180_000 });
  try {
    console.log(`  server ${server.url} (pid ${server.pid}) ready in ${(server.startedInMs / 1000).toFixed(1)} s`);
    // Sanity: a sampled point must locate to the grid it was drawn from.
    const [lng, lat, code] = prep.points[0];
    const probe = await (await fetch(`${server.url}/api/territory/locate?lat=${lat}&lng=${lng}`)).json();
    if (probe.grid?.code !== code) throw new Error(`locate(${lat}, ${lng}) gave ${JSON.stringify(probe.grid)}, expected grid ${code}`);
    console.log(`  warm-up ${warmup} s at ${connections} connections`);
    await load(server.url, paths, warmup);
    // Service time without queueing: one request at a time (with 32 in flight, Little's law adds 32 / rate).
    const one = await load(server.url, paths, 5, 1);
    console.log(`  1 connection x 5 s: p50 ${one.p50.toFixed(2)} ms, p99 ${one.p99.toFixed(2)} ms, ${one.perSecond.toFixed(0)} req/s`);
    // Latency at a steady offered rate below saturation (open loop: requests leave on a fixed schedule).
    const paced = await openLoop(server.url, paths, 10, RATE);
    console.log(`  open loop at ${RATE} req/s x 10 s: p50 ${paced.p50.toFixed(2)} ms, p99 ${paced.p99.toFixed(2)} ms`);
    console.log(`  measuring ${duration} s at ${connections} connections`);
    const r = await load(server.url, paths, duration);
    if (r.non2xx || r.errors) throw new Error(`${label}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
    console.log(`  ${r.requests} requests: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ${r.perSecond.toFixed(0)} req/s`);
    return { db, dataset, prep, result: r, serial: one, paced };
  } finally {
    await server.stop();
  }
}

function writeResults(db, runs) {
  // Runs of one dataset keep the other dataset's figures from the previous file.
  const file = path.join(ROOT, 'bench', 'results', `locate-${db}.json`);
  const old = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  const out = {
    name: 'locate',
    db,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), loadAvg1mAtEnd: round(os.loadavg()[0]) },
    dataset: { ...(old?.dataset ?? {}) },
    load: {
      connections, durationS: duration, warmupS: warmup, pacedRatePerSecond: RATE,
      tool: 'autocannon in the bench process; the server is its own process on the same 2-core machine',
      note: 'locateP50/P99/PerSecond: closed loop at full speed, so latency includes queueing (Little: connections / rate). '
        + 'OneConnection: one request at a time. AtNPerSecond: the same connections paced at N req/s in total.',
    },
    metrics: { ...(old?.metrics ?? {}) },
  };
  for (const { dataset, prep, result, serial, paced } of runs) {
    const s = DATASETS[dataset];
    out.dataset[s] = {
      seed: dataset, grids: prep.grids, basicGrids: prep.basicGrids, dedicatedGrids: prep.dedicatedGrids, cells: prep.cells,
      samplePoints: prep.points.length, seedSeconds: Math.round(prep.seedSeconds),
    };
    const target = db === 'postgres' && s === '100k' ? 5 : null;
    out.metrics[`locateP50Ms${s}`] = { value: round(result.p50), unit: 'ms', target: null, better: 'lower' };
    out.metrics[`locateP99Ms${s}`] = { value: round(result.p99), unit: 'ms', target, better: 'lower' };
    out.metrics[`locatePerSecond${s}`] = { value: Math.round(result.perSecond), unit: 'req/s', target: null, better: 'higher' };
    out.metrics[`locateP50Ms${s}OneConnection`] = { value: round(serial.p50), unit: 'ms', target: null, better: 'lower' };
    out.metrics[`locateP99Ms${s}OneConnection`] = { value: round(serial.p99), unit: 'ms', target: null, better: 'lower' };
    out.metrics[`locateP99Ms${s}At${RATE}PerSecond`] = { value: round(paced.p99), unit: 'ms', target: null, better: 'lower' };
  }
  writeResult(`locate-${db}.json`, out);
}

const all = [];
for (const db of dbs) {
  const runs = [];
  for (const dataset of datasets) {
    const r = await runOne(db, dataset);
    if (r) runs.push(r);
  }
  if (runs.length && !args['no-write']) writeResults(db, runs);
  all.push(...runs);
}

console.log('\nlocate through HTTP, closed loop,', connections, 'connections,', duration, 's after', warmup, 's warm-up');
console.log(`db        dataset  grids     cells      p50 ms   p99 ms   req/s   1-conn p50/p99 ms  p99 ms @${RATE}/s`);
for (const { db, dataset, prep, result: r, serial, paced } of all) {
  console.log([
    db.padEnd(9), dataset.padEnd(8), String(prep.grids).padEnd(9), String(prep.cells).padEnd(10),
    r.p50.toFixed(2).padStart(6), r.p99.toFixed(2).padStart(8), r.perSecond.toFixed(0).padStart(7), `${serial.p50.toFixed(2)}/${serial.p99.toFixed(2)}`.padStart(16), paced.p99.toFixed(2).padStart(13),
  ].join(' '));
}
process.exit(0);
