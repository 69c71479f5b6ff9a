#!/usr/bin/env node
// npm run bench:emergency [-- --dataset large|demo --clients 5000 --ackers 20 --no-write]
//
// Emergency mode on PostgreSQL (issue 7). A fresh database is migrated and seeded (large = 100,000 basic grids),
// sessions are written straight into the database (bench/emergency-prepare.ts), the server starts as its own
// process, and this process measures:
//   fanoutMs  — POST /api/emergencies/:id/directives to the whole large territory, until the 201 answer (the fan-out
//               is one INSERT … SELECT in the request's transaction, so the answer means stored for every grid;
//               the stored row count is checked afterwards).
//   sseP99Ms  — --clients board users hold GET /api/events open (a small SSE client here: autocannon cannot read
//               streams); --ackers grid workers each acknowledge once, 300 ms apart; for every client the time from
//               sending the acknowledgement to receiving its `directive.progress` event; p99 over all deliveries.
// The open-files limit is raised first (ulimit -n in a re-exec'd shell) for 5,000 sockets on each side.
// Writes bench/results/emergency-postgres.json (format: ARCHITECTURE.md §Benchmarks).
// PostgreSQL: BENCH_DATABASE_URL (its public schema is DROPPED and recreated) or the local Debian cluster.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { redact } from '../scripts/lib/pg-local.mjs';
import { ROOT, startServer, sleep } from '../scripts/lib/server.mjs';
import { freshBenchDatabase, percentile, round, writeResult } from './lib.mjs';

if (!process.env.EMERGENCY_BENCH_ULIMIT) {
  const args = process.argv.slice(2).map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('bash', ['-c', `ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec node bench/emergency.mjs ${args}`],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, EMERGENCY_BENCH_ULIMIT: '1' } });
  process.exit(r.status ?? 1);
}

const { values: args } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'large' },
    clients: { type: 'string', default: '5000' },
    ackers: { type: 'string', default: '20' },
    'no-write': { type: 'boolean', default: false },
  },
});
const clients = Number(args.clients);
const WORK = path.join(ROOT, 'bench', '.data');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SECRET = 'e'.repeat(64);
const TARGETS = { fanoutMs: 5000, sseP99Ms: 2000 };

const postgresUrl = () => freshBenchDatabase('gridgov_bench_emergency');

async function api(base, cookie, method, url, body) {
  const res = await fetch(`${base}${url}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** A minimal SSE client: one socket, parses `event:`/`data:` blocks, calls onEvent(name, data). */
function openStream(base, cookie, onEvent) {
  return new Promise((resolve, reject) => {
    const u = new URL('/api/events', base);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, headers: { cookie, accept: 'text/event-stream' }, agent: false }, (res) => {
      if (res.statusCode !== 200) { reject(new Error(`SSE ${res.statusCode}`)); res.resume(); return; }
      res.setEncoding('utf8');
      let buf = '';
      let ready = false;
      res.on('data', (chunk) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let name = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) name = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (name === 'ready' && !ready) { ready = true; resolve(() => req.destroy()); }
          else if (data) onEvent(name, data);
        }
      });
      res.on('error', () => {});
    });
    req.on('error', reject);
    req.end();
  });
}

async function run() {
  console.log('\n== postgres');
  const dir = path.join(WORK, 'emergency-postgres');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const url = await postgresUrl();
  console.log(`  database ${redact(url)}`);
  const env = { DATA_DIR: dir, GRIDGOV_SECRET_KEY: SECRET, GRIDGOV_ADMIN_PASSWORD: 'Bench12345', LOG_LEVEL: 'warn', RATE_LIMIT: 'off', DATABASE_URL: url };
  const summaryFile = path.join(dir, 'prepare.json');
  execFileSync(TSX, ['bench/emergency-prepare.ts', '--dataset', args.dataset, '--clients', String(clients), '--ackers', args.ackers, '--out', summaryFile],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const prep = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  const server = await startServer({ env: { ...env, SEED_SIZE: 'none' }, label: 'postgres', timeoutMs: 300_000 });
  const closers = [];
  try {
    console.log(`  server ${server.url} (pid ${server.pid}) ready in ${(server.startedInMs / 1000).toFixed(1)} s`);
    const { id: eid } = await api(server.url, prep.command, 'POST', '/api/emergencies', { planId: prep.planId, unitId: prep.targetUnitId, level: 2, title: '基准:强降雨Ⅱ级响应' });
    const t0 = performance.now();
    const { id: did } = await api(server.url, prep.command, 'POST', `/api/emergencies/${eid}/directives`, {
      title: '低洼易涝点巡查', body: '立即巡查并报告', targetUnitIds: [prep.targetUnitId], dueAt: new Date(Date.now() + 4 * 3600_000).toISOString(),
    });
    const fanoutMs = performance.now() - t0;
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const { rows } = await db.query('SELECT count(*)::int AS n FROM directive_grids WHERE directive_id = $1', [did]);
    await db.end();
    if (rows[0].n !== prep.basicGrids) throw new Error(`fan-out stored ${rows[0].n} rows for ${prep.basicGrids} basic grids`);
    console.log(`  fan-out to ${rows[0].n} grids: ${fanoutMs.toFixed(0)} ms`);

    // SSE: connect every board client (in waves so the accept queue keeps up), then acknowledge grid by grid.
    const sentAt = new Map();
    const latencies = [];
    const seen = new Map();
    for (let i = 0; i < prep.board.length; i += 250) {
      const wave = prep.board.slice(i, i + 250).map((cookie) => openStream(server.url, cookie, (name, data) => {
        if (name !== 'directive.progress') return;
        const d = JSON.parse(data);
        const t = sentAt.get(d.gridId);
        if (d.directiveId === String(did) && t != null && d.state === 'acknowledged') {
          latencies.push(performance.now() - t);
          seen.set(d.gridId, (seen.get(d.gridId) ?? 0) + 1);
        }
      }));
      closers.push(...await Promise.all(wave));
    }
    console.log(`  ${closers.length} SSE clients connected`);
    for (const a of prep.ackers) {
      sentAt.set(a.gridId, performance.now());
      await api(server.url, a.cookie, 'POST', `/api/directives/${did}/ack`, { gridId: a.gridId });
      await sleep(300);
    }
    const expected = prep.ackers.length * closers.length;
    for (let i = 0; i < 100 && latencies.length < expected; i++) await sleep(100);
    latencies.sort((x, y) => x - y);
    const delivered = latencies.length;
    console.log(`  ${delivered}/${expected} deliveries; p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`);
    return { prep, fanoutMs, grids: rows[0].n, clients: closers.length, acks: prep.ackers.length, delivered, expected,
      sseP50Ms: percentile(latencies, 50), sseP99Ms: delivered < expected ? Infinity : percentile(latencies, 99) };
  } finally {
    for (const c of closers) c();
    await server.stop();
  }
}


function writeResults(r) {
  const metric = (key, value, unit, better) => ({ value: round(value), unit, target: TARGETS[key] ?? null, better });
  const out = {
    name: 'emergency',
    db: 'postgres',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), loadAvg1mAtEnd: round(os.loadavg()[0]) },
    dataset: { seed: r.prep.dataset, basicGrids: r.grids, sseClients: r.clients, acks: r.acks, sessions: 'inserted into the database, no logins', seedSeconds: Math.round(r.prep.seedSeconds) },
    load: {
      fanout: 'one POST /api/emergencies/:id/directives to the whole target territory; time to the 201 answer (stored for every grid, count checked)',
      sse: `${r.clients} GET /api/events streams held by this process (custom SSE client); ${r.acks} acknowledgements 300 ms apart; latency = ack sent → directive.progress received, per client; ${r.delivered}/${r.expected} delivered`,
    },
    metrics: {
      fanoutMs: metric('fanoutMs', r.fanoutMs, 'ms', 'lower'),
      sseP50Ms: metric('sseP50Ms', r.sseP50Ms, 'ms', 'lower'),
      sseP99Ms: metric('sseP99Ms', r.sseP99Ms, 'ms', 'lower'),
    },
  };
  writeResult('emergency-postgres.json', out);
}

const r = await run();
if (!args['no-write']) writeResults(r);
console.log(`\nemergency on PostgreSQL: fan-out ${r.fanoutMs.toFixed(0)} ms to ${r.grids} grids (target ${TARGETS.fanoutMs}); SSE p99 ${r.sseP99Ms.toFixed(0)} ms to ${r.clients} clients (target ${TARGETS.sseP99Ms})`);
process.exit(0);
