#!/usr/bin/env node
// Run the vitest suite against PostgreSQL + PostGIS instead of PGlite.
//   npm run test:pg                       local Debian cluster: started and gridgov_test created if needed
//   TEST_DATABASE_URL=postgres://… npm run test:pg   an existing database (its public schema is reset!)
// Extra arguments go to vitest: `npm run test:pg -- server/test/health.test.ts`.
import { spawn } from 'node:child_process';
import { ensureLocalDatabase, redact } from './lib/pg-local.mjs';

let url = process.env.TEST_DATABASE_URL;
if (!url) {
  try {
    url = ensureLocalDatabase(process.env.TEST_DATABASE_NAME ?? 'gridgov_test');
  } catch (err) {
    console.error(`test:pg: no TEST_DATABASE_URL and no local PostgreSQL: ${err.message}`);
    process.exit(2);
  }
}
console.log(`test:pg: vitest on ${redact(url)}`);

const child = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
const forward = (sig) => child.kill(sig);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => {
  if (signal) {
    console.error(`test:pg: vitest killed by ${signal}`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
