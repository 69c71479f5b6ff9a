#!/usr/bin/env node
// Playwright journeys in Debian Chromium against a real server (npm run e2e).
// Builds web/dist if missing or older than its sources, starts the server on a free port with a fresh DATA_DIR and the demo seed,
// runs every journey in e2e/journeys/ in its own browser context, saves screenshots to e2e/screenshots/,
// and ends with the line `E2E: N passed, M failed` (non-zero exit on any failure).
//   E2E_SEED=tiny|demo (default demo)   E2E_ONLY=<substring of journey names>   E2E_HEADED=1 (with a display)
//   CHROMIUM_PATH (default /usr/bin/chromium)   E2E_BASE_URL=http://… (use a running server instead)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from '../scripts/lib/server.mjs';
import { SHOTS } from './lib.mjs';

const ADMIN_PASSWORD = 'E2eAdmin2026';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);

/** Newest modification time of a file, or of anything under a directory; 0 when it does not exist. */
function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  if (fs.statSync(p).isFile()) return fs.statSync(p).mtimeMs;
  return Math.max(0, ...fs.readdirSync(p, { recursive: true }).map((f) => fs.statSync(path.join(p, f)).mtimeMs));
}

/** Builds web/dist when it is missing, older than the web or common sources it is built from, or E2E_REBUILD is set. */
function buildWebIfStale() {
  const index = path.join(ROOT, 'web', 'dist', 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(...['web/src', 'web/public', 'web/index.html', 'common/src'].map((p) => newestMtime(path.join(ROOT, p))));
  const why = !built ? 'web/dist missing' : process.env.E2E_REBUILD ? 'E2E_REBUILD set' : sources > built ? 'sources newer than web/dist' : null;
  if (!why) return;
  console.log(`e2e: building web (${why})`);
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, stdio: 'inherit' });
  if (!fs.existsSync(index)) throw new Error('web build produced no web/dist/index.html');
}

async function loadJourneys() {
  const dir = path.join(ROOT, 'e2e', 'journeys');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
  const list = [];
  for (const f of files) {
    const mod = await import(path.join(dir, f));
    list.push(...(Array.isArray(mod.default) ? mod.default : [mod.default]));
  }
  const only = process.env.E2E_ONLY;
  return only ? list.filter((j) => j.name.includes(only)) : list;
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
  const journeys = await loadJourneys();
  if (journeys.length === 0) throw new Error('no journeys selected');
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });

  let server = null;
  let dataDir = null;
  let baseUrl = process.env.E2E_BASE_URL;
  if (!baseUrl) {
    buildWebIfStale();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-e2e-'));
    const seed = process.env.E2E_SEED ?? 'demo';
    console.log(`e2e: starting server (SEED_SIZE=${seed}, DATA_DIR=${dataDir})`);
    server = await startServer({
      label: 'server',
      // The product promises healthy within 2 minutes; a loaded CI machine gets 3 before the run fails.
      timeoutMs: 180_000,
      env: {
        DATA_DIR: dataDir, SEED_SIZE: seed, GRIDGOV_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: '',
        GRIDGOV_SECRET_KEY: 'c'.repeat(64), LOG_LEVEL: 'warn', COOKIE_SECURE: 'false', MAP_TILE_URL: '',
      },
    });
    baseUrl = server.url;
    console.log(`e2e: server healthy at ${baseUrl} in ${(server.startedInMs / 1000).toFixed(1)} s`);
    if (server.startedInMs > 120_000) console.log('e2e: WARNING: empty database took over 2 minutes to seed and become healthy');
  }

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: !process.env.E2E_HEADED,
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-quic', '--disable-dev-shm-usage'],
  });
  let passed = 0;
  let failed = 0;
  const failures = [];
  try {
    for (const j of journeys) {
      const started = Date.now();
      const context = await browser.newContext({
        viewport: j.viewport, deviceScaleFactor: 1, locale: j.lang ?? 'zh-CN', timezoneId: 'Asia/Shanghai',
        isMobile: j.viewport.width < 600, hasTouch: j.viewport.width < 600,
      });
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      const consoleErrors = [];
      page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
      try {
        await j.run({ page, baseUrl, adminPassword: ADMIN_PASSWORD, name: j.name });
        passed += 1;
        console.log(`  ✓ ${j.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed += 1;
        const shotPath = path.join(SHOTS, `${j.name}-FAILED.png`);
        await page.screenshot({ path: shotPath }).catch(() => {});
        const msg = (err?.message ?? String(err)).split('\n').slice(0, 6).join('\n      ');
        failures.push(j.name);
        console.log(`  ✗ ${j.name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n      ${msg}\n      at ${page.url()}`);
        if (consoleErrors.length) console.log(`      browser errors: ${consoleErrors.slice(0, 5).join(' | ')}`);
        console.log(`      screenshot: ${path.relative(ROOT, shotPath)}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    if (server) {
      if (failed) console.log(`e2e: last server output:\n${server.output().split('\n').slice(-15).join('\n')}`);
      await server.stop();
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`e2e: finished in ${secs()} s; screenshots in e2e/screenshots/${failures.length ? `; failed: ${failures.join(', ')}` : ''}`);
  console.log(`E2E: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => {
  console.error(`e2e: ${err?.stack ?? err}`);
  console.log('E2E: 0 passed, 1 failed');
  process.exit(1);
});
