// Local PostgreSQL 15 + PostGIS for tests and benchmarks: start the Debian cluster if it is down and
// create a role and database, idempotently. Used by scripts/test-pg.mjs and bench/locate.mjs.
// Installing the packages is .ci/run's job (apt-get); this only needs them present.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const LOCAL_ROLE = 'gridgov';
export const LOCAL_PASSWORD = 'gridgov-local-test';

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

/** Run a command as the postgres OS user (root: runuser; otherwise sudo without a prompt). */
function asPostgres(args, input) {
  const isRoot = process.getuid?.() === 0;
  const [cmd, pre] = isRoot ? ['runuser', ['-u', 'postgres', '--']] : ['sudo', ['-n', '-u', 'postgres', '--']];
  const res = spawnSync(cmd, [...pre, ...args], { encoding: 'utf8', input, cwd: '/tmp' });
  if (res.status !== 0) {
    throw new Error(`${[cmd, ...pre, ...args].join(' ')} failed (${res.status}): ${res.stderr || res.stdout}`);
  }
  return res.stdout;
}

/** The cluster of the newest installed major version: { version, name, port, status }. */
function findCluster() {
  if (!fs.existsSync('/usr/bin/pg_lsclusters')) {
    throw new Error('PostgreSQL is not installed: apt-get install postgresql postgresql-15-postgis-3 (or set TEST_DATABASE_URL)');
  }
  const lines = run('pg_lsclusters', ['--no-header']).trim().split('\n').filter(Boolean);
  const clusters = lines.map((l) => {
    const [version, name, port, status] = l.trim().split(/\s+/);
    return { version, name, port: Number(port), status };
  }).sort((a, b) => Number(b.version) - Number(a.version));
  return clusters[0] ?? null;
}

/** Start (creating if needed) the local cluster; returns its port. */
export function ensureCluster(log = console.log) {
  let c = findCluster();
  if (!c) {
    log('pg: no cluster; creating 15/main');
    run('pg_createcluster', ['15', 'main']);
    c = findCluster();
  }
  if (!c) throw new Error('pg: could not create a cluster');
  if (!c.status.startsWith('online')) {
    log(`pg: starting cluster ${c.version}/${c.name}`);
    run('pg_ctlcluster', [c.version, c.name, 'start']);
  }
  // Wait until it accepts connections (pg_ctlcluster returns once the postmaster is up, but be safe).
  for (let i = 0; i < 60; i += 1) {
    const r = spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', String(c.port)], { encoding: 'utf8' });
    if (r.status === 0) return c.port;
    spawnSync('sleep', ['0.5']);
  }
  throw new Error(`pg: cluster on port ${c.port} did not become ready`);
}

const ident = (s) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`bad identifier ${s}`);
  return s;
};

/**
 * Make sure role + database exist and PostGIS loads in it; returns a postgres:// URL over TCP with a password.
 * The role is a superuser because the migrations run CREATE EXTENSION postgis (an untrusted extension) and the
 * test setup drops and recreates the public schema. Local test clusters only.
 * `fresh: true` drops the database first (benchmarks want an empty one).
 */
export function ensureLocalDatabase(database, { fresh = false, log = console.log } = {}) {
  const port = ensureCluster(log);
  const db = ident(database);
  const psql = (sqlText, dbName = 'postgres') =>
    asPostgres(['psql', '-p', String(port), '-d', dbName, '-v', 'ON_ERROR_STOP=1', '-qAt', '-f', '-'], sqlText);
  psql(`DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${LOCAL_ROLE}') THEN
    CREATE ROLE ${LOCAL_ROLE} LOGIN SUPERUSER PASSWORD '${LOCAL_PASSWORD}';
  ELSE
    ALTER ROLE ${LOCAL_ROLE} LOGIN SUPERUSER PASSWORD '${LOCAL_PASSWORD}';
  END IF;
END $$;`);
  if (fresh) {
    psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE);`);
  }
  const exists = psql(`SELECT 1 FROM pg_database WHERE datname = '${db}';`).trim() === '1';
  if (!exists) {
    log(`pg: creating database ${db}`);
    psql(`CREATE DATABASE ${db} OWNER ${LOCAL_ROLE};`);
  }
  // Proves PostGIS is installed for this cluster (postgresql-15-postgis-3); migrations create it again IF NOT EXISTS.
  psql('CREATE EXTENSION IF NOT EXISTS postgis; SELECT postgis_lib_version();', db);
  return `postgres://${LOCAL_ROLE}:${encodeURIComponent(LOCAL_PASSWORD)}@127.0.0.1:${port}/${db}`;
}

/** The URL without its password, for printing. */
export function redact(url) {
  return url.replace(/:\/\/([^:/@]+):[^@]*@/, '://$1:***@');
}
