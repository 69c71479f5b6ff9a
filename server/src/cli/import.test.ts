import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { buildEmptyCommunity, countsUnder, fc, gridFeatures, warmUpPostgis, xlsx } from '../../test/fixtures/import/helpers.js';
import { main } from './import.js';

// Import tests' band: 140–145E, 30°S. This file uses 143.00–144.00.
const Y0 = -30;
let nextX = 143.0;
const place = () => { nextX += 0.05; return Number(nextX.toFixed(2)); };
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  await warmUpPostgis(t.ctx.db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-cli-'));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { ctx: t.ctx, out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run import (main)', () => {
  it('imports grids, printing rows read/written/rejected; a dry run writes nothing', async () => {
    const x0 = place();
    const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    fs.writeFileSync(path.join(dir, 'ok.geojson'), fc(gridFeatures(c.communityCode, { x0, y0: Y0, cols: 2, rows: 1 })));
    const dry = await run(['grids', 'ok.geojson', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('rows read: 2, written: 0, rejected: 0');
    expect(dry.out).toContain('dry run');
    const r = await run(['grids', 'ok.geojson']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('rows read: 2, written: 2, rejected: 0');
  });

  it('exits 1 on a rejected file, printing each problem, and writes nothing', async () => {
    const x0 = place();
    const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    const feats = gridFeatures(c.communityCode, { x0, y0: Y0, cols: 2, rows: 1 });
    feats[0]!.geometry.coordinates = [[[x0, Y0], [x0 + 0.01, Y0 + 0.01], [x0 + 0.01, Y0], [x0, Y0 + 0.01], [x0, Y0]]];
    feats[1]!.properties.网格编码 = `${c.communityCode}001`;
    fs.writeFileSync(path.join(dir, 'bad.geojson'), fc(feats));
    const before = await countsUnder(t.ctx.db, c.district.path);
    const r = await run(['grids', 'bad.geojson']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('rows read: 2, written: 0, rejected: 2');
    expect(r.err).toMatch(/INVALID_GEOMETRY: grid \d+ has an invalid geometry: Self-intersection/);
    expect(r.err).toContain('DUPLICATE_CODE');
    expect(r.err).toContain('nothing was written');
    expect(await countsUnder(t.ctx.db, c.district.path)).toEqual(before);
  });

  it('imports attributes and exits 1 on a bad header', async () => {
    const x0 = place();
    const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 1, rows: 1 });
    fs.writeFileSync(path.join(dir, 'g.geojson'), fc(gridFeatures(c.communityCode, { x0, y0: Y0, cols: 1, rows: 1 })));
    expect((await run(['grids', 'g.geojson'])).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'a.xlsx'), await xlsx(['网格编码', '人口数'], [[`${c.communityCode}001`, 42]]));
    const ok = await run(['attributes', 'a.xlsx']);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('rows read: 1, written: 1, rejected: 0');
    fs.writeFileSync(path.join(dir, 'b.xlsx'), await xlsx(['编号', '人口数'], [[`${c.communityCode}001`, 42]]));
    const bad = await run(['attributes', 'b.xlsx']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('row 1, 网格编码: no 网格编码 (grid code) column');
  });

  it('exits 2 with usage on bad arguments and 1 on a missing file', async () => {
    expect((await run(['boundaries', 'x'])).code).toBe(2);
    expect((await run(['grids'])).err).toContain('usage:');
    const missing = await run(['grids', 'nope.geojson']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('does not exist');
  });
});

describe('the CLI process', () => {
  // A real child process (tsx compiles the CLI on start): slow on a loaded 2-core CI machine, hence the long timeout.
  it('exits non-zero on a file that is not a zip, before opening any database', { timeout: 180_000 }, () => {
    const file = path.join(dir, 'not-a.zip');
    fs.writeFileSync(file, 'plain text');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-cli-data-'));
    const p = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['server/src/cli/import.ts', 'grids', file], {
      cwd: root, encoding: 'utf8', timeout: 170_000, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(p.status).toBe(1);
    expect(p.stderr).toContain('rows read: 0, written: 0, rejected: 0');
    expect(p.stderr).toContain('BAD_FILE: not-a.zip is not a valid zip archive');
  });
});
