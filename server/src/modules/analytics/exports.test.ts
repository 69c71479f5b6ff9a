import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { FACTORY_PASSWORD } from '../users/users.factory.js';
import { buildAssessWorld, insertAssessCase, type AssessWorld } from './assessment.fixture.js';
import { csvCell, runExports } from './exports.runner.js';

/** Background exports: 2,500 cases of street 1 in March 2026 (band 74–76°E), streamed in chunks with progress. */
let t: TestApp;
let w: AssessWorld;
const cookies: Record<string, string> = {};
const N = 2500;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildAssessWorld(t.ctx.db, 74 + ((Math.floor(Date.now() / 1000) + process.pid + 17) % 60) * 0.03);
  for (const [k, u] of Object.entries(w.users)) cookies[k] = await t.login(u.username, FACTORY_PASSWORD);
  const g = w.grids[0]!;
  await t.ctx.db.execute(sql`
    INSERT INTO cases (tracking_no, title, state, category_code, grid_id, path, location, holder, created_at, deadline_class)
    SELECT ${`EX${process.pid}${Date.now() % 1e6}-`} || i, '路灯不亮' || i, 'closed', ${w.cat.road}, ${g.id}, ${g.path}::ltree,
      ST_SetSRID(ST_MakePoint(${w.x0 + 0.005}, ${w.y0 + 0.005}), 4326), 'grid', timestamptz '2026-03-01 08:00+08' + (i % 30) * interval '1 day', 'd7'
    FROM generate_series(1, ${N}) AS i`);
  // A formula-looking title (CSV injection) in street 1 and a case of street 2 (out of the export's scope).
  await insertAssessCase(t.ctx.db, w, { grid: 1, createdAt: new Date('2026-03-15T02:00:00Z'), address: '=HYPERLINK("http://x")' });
  await insertAssessCase(t.ctx.db, w, { grid: 2, createdAt: new Date('2026-03-15T02:00:00Z') });
}, 300_000);
afterAll(() => t?.close());

const req = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, payload: payload as object | undefined, headers: { cookie: cookies[who]! } });
const body = (over: Record<string, unknown> = {}) => ({ table: 'cases', unitId: String(w.town.id), from: '2026-03-01', to: '2026-03-31', format: 'xlsx', ...over });

/** Runs the runner while polling the job as the client would; returns the progress values seen. */
async function runWatching(id: string): Promise<number[]> {
  const seen: number[] = [];
  let finished = false;
  const runner = runExports(t.ctx, { chunkRows: 500 }).finally(() => { finished = true; });
  while (!finished) {
    seen.push((await req('street', 'GET', `/api/exports/${id}`)).json().progress);
    await new Promise((r) => setImmediate(r));
  }
  await runner;
  seen.push((await req('street', 'GET', `/api/exports/${id}`)).json().progress);
  return seen;
}

describe('exports', { timeout: 180_000 }, () => {
  it('queues a job, streams the rows in chunks with progress, and serves the file', async () => {
    const created = await req('street', 'POST', '/api/exports', body());
    expect(created.statusCode).toBe(202);
    const { id } = created.json();
    const queued = (await req('street', 'GET', `/api/exports/${id}`)).json();
    expect(queued).toMatchObject({ id, state: 'queued', progress: 0, downloadUrl: null, table: 'cases', format: 'xlsx' });
    expect((await req('street', 'GET', `/api/exports/${id}/file`)).statusCode).toBe(409);

    const seen = await runWatching(id);
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
    // The event loop kept answering while the export ran: progress was seen between 0 and 1.
    expect(seen.some((p) => p > 0 && p < 1)).toBe(true);
    const done = (await req('street', 'GET', `/api/exports/${id}`)).json();
    expect(done).toMatchObject({ state: 'done', progress: 1, rowsDone: N + 1, rowsTotal: N + 1, downloadUrl: `/api/exports/${id}/file` });
    expect((await req('street', 'GET', '/api/exports')).json().jobs[0]).toMatchObject({ id, state: 'done' });

    const file = await req('street', 'GET', done.downloadUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('案件-2026-03-01-2026-03-31.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('案件');
    expect((ws.getRow(1).values as unknown[]).filter(Boolean).slice(0, 3)).toEqual(['受理编号', '标题', '事项类别']);
    expect(ws.actualRowCount).toBe(N + 2);
  });

  it('writes CSV with a BOM and formula-looking cells neutralised', async () => {
    const { id } = (await req('street', 'POST', '/api/exports', body({ format: 'csv', from: '2026-03-15', to: '2026-03-15' }))).json();
    await runExports(t.ctx);
    const file = await req('street', 'GET', `/api/exports/${id}/file`);
    expect(file.headers['content-type']).toContain('text/csv');
    const text = file.rawPayload.toString('utf8');
    expect(text.startsWith('\ufeff受理编号,标题,事项类别')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
  });

  it('keeps jobs to their creator and scope; names the bad field', async () => {
    const { id } = (await req('street', 'POST', '/api/exports', body())).json();
    expect((await req('street2', 'GET', `/api/exports/${id}`)).statusCode).toBe(404);
    expect((await req('street2', 'GET', `/api/exports/${id}/file`)).statusCode).toBe(404);
    expect((await req('street2', 'POST', '/api/exports', body())).statusCode).toBe(404);
    expect((await req('worker', 'POST', '/api/exports', body())).statusCode).toBe(403);
    const table = await req('street', 'POST', '/api/exports', body({ table: 'users' }));
    expect(table.statusCode).toBe(400);
    expect(table.json().error.details.issues[0].field).toBe('body.table');
    const fmt = await req('street', 'POST', '/api/exports', body({ format: 'pdf' }));
    expect(fmt.json().error.details.issues[0].field).toBe('body.format');
    const order = await req('street', 'POST', '/api/exports', body({ from: '2026-04-01' }));
    expect(order.statusCode).toBe(400);
    expect(order.json().error.details.field).toBe('from');
    await runExports(t.ctx);
  });
});
