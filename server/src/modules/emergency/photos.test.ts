import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { form, GIF, jpeg, png } from '../cases/intake.fixture.js';
import { buildEmergencyWorld, type EmergencyWorld } from './emergency.factory.js';

/** 反馈 photos of a directive: content checks, limits, scope, idempotency, audit, and the report naming them. */
let t: TestApp;
let W: EmergencyWorld;
let did: string;
let eid: string;
const c: Record<string, string> = {};

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const upload = (cookie: string, gridId: number | string, files: { name: string; data: Buffer; type?: string }[], headers: Record<string, string> = {}) => {
  const f = form({ gridId: String(gridId) }, files);
  return t.app.inject({ method: 'POST', url: `/api/directives/${did}/photos`, headers: { cookie, ...f.headers, ...headers }, payload: f.payload });
};
const stored = async (gridId: number) => (await queryRows<{ n: number }>(t.ctx.db, sql`
  SELECT count(*)::int AS n FROM directive_photos WHERE directive_id = ${Number(did)} AND grid_id = ${gridId}`))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  W = await buildEmergencyWorld(t.ctx.db);
  for (const [k, u] of Object.entries(W.users)) c[k] = await t.login(u.username, u.password);
  const e = await call(c.centre!, 'POST', '/api/emergencies', { planId: W.floodPlanId, unitId: String(W.district.id), level: 2, title: '防汛照片测试' });
  const d = await call(c.centre!, 'POST', `/api/emergencies/${e.json<{ id: string }>().id}/directives`, {
    title: '排查低洼地带', body: '逐户排查并拍照反馈', targetUnitIds: [String(W.district.id)], dueAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
  });
  expect(d.statusCode, d.body).toBe(201);
  did = d.json<{ id: string }>().id;
  eid = e.json<{ id: string }>().id;
}, 600_000);
afterAll(() => t?.close());

describe('POST /api/directives/:id/photos', () => {
  it('stores a good photo with a thumbnail, audited, listed for command, and a report names it', async () => {
    const g = W.grids[0]!.id;
    const res = await upload(c.worker!, g, [{ name: '现场.jpg', data: await jpeg(800, 600) }, { name: 'b.png', data: await png(), type: 'image/png' }]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ gridId: string; photos: { id: string; thumbUrl: string; url: string; gridName: string }[] }>();
    expect(body.gridId).toBe(String(g));
    expect(body.photos).toHaveLength(2);
    const thumb = await call(c.centre!, 'GET', body.photos[0]!.thumbUrl);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const full = await call(c.worker!, 'GET', body.photos[1]!.url);
    expect(full.headers['content-type']).toBe('image/png');
    // The neighbour grid's worker sees neither the photo nor the list.
    expect((await call(c.worker2!, 'GET', body.photos[0]!.url)).statusCode).toBe(404);
    const list = await call(c.centre!, 'GET', `/api/directives/${did}/photos`);
    expect(list.json<{ total: number; items: { gridName: string }[] }>()).toMatchObject({ total: 2 });
    const [a] = await queryRows<{ after: { count: number; gridId: string } }>(t.ctx.db, sql`
      SELECT after FROM audit_events WHERE action = 'emergency.directive.photos' AND entity_id = ${did}`);
    expect(a!.after).toMatchObject({ count: 2, gridId: String(g) });

    const bad = await call(c.worker!, 'POST', `/api/directives/${did}/report`, { gridId: String(g), photos: [body.photos[0]!.id, '999999999'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { field: string } } }>().error.details.field).toBe('photos.1');
    const rep = await call(c.worker!, 'POST', `/api/directives/${did}/report`, { gridId: String(g), photos: body.photos.map((p) => p.id) });
    expect(rep.statusCode, rep.body).toBe(200);
    expect(rep.json<{ report: { photos: string[] } }>().report.photos).toEqual(body.photos.map((p) => p.id));
  });

  it('refuses a wrong format with 415 naming the accepted formats; nothing stored', async () => {
    const g = W.grids[0]!.id;
    const before = await stored(g);
    const text = await upload(c.leader!, g, [{ name: 'fake.jpg', data: Buffer.from('not an image at all') }]);
    expect(text.statusCode).toBe(415);
    const err = text.json<{ error: { message: string; details: { file: string; accepted: string[] } } }>().error;
    expect(err.message).toContain('JPEG, PNG or WebP');
    expect(err.details).toMatchObject({ file: 'fake.jpg', accepted: ['image/jpeg', 'image/png', 'image/webp'] });
    expect((await upload(c.leader!, g, [{ name: 'ok.jpg', data: await jpeg() }, { name: 'x.gif', data: GIF, type: 'image/gif' }])).statusCode).toBe(415);
    expect(await stored(g)).toBe(before);
  });

  it("someone else's grid answers 404 (another grid of the area, another district); bad gridId 400", async () => {
    const img = await jpeg();
    expect((await upload(c.worker!, W.grids[1]!.id, [{ name: 'a.jpg', data: img }])).statusCode).toBe(404);
    expect((await upload(c.otherWorker!, W.grids[0]!.id, [{ name: 'a.jpg', data: img }])).statusCode).toBe(404);
    expect(await stored(W.grids[1]!.id)).toBe(0);
    const bad = await upload(c.worker!, 'abc', [{ name: 'a.jpg', data: img }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { field: string } } }>().error.details.field).toBe('gridId');
  });

  it('the same Idempotency-Key twice stores once; the 10th photo of a grid is refused naming the limit', async () => {
    const g = W.grids[1]!.id;
    const img = await jpeg(120, 90);
    const key = { 'idempotency-key': `dp-${did}-${Date.now()}` };
    const first = await upload(c.worker2!, g, [{ name: 'a.jpg', data: img }], key);
    const second = await upload(c.worker2!, g, [{ name: 'a.jpg', data: img }], key);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await stored(g)).toBe(1);
    expect((await upload(c.worker2!, g, Array.from({ length: 8 }, (_, i) => ({ name: `p${i}.jpg`, data: img })))).statusCode).toBe(201);
    const tenth = await upload(c.worker2!, g, [{ name: 'p10.jpg', data: img }]);
    expect(tenth.statusCode).toBe(400);
    expect(tenth.json<{ error: { details: unknown } }>().error.details).toMatchObject({ field: 'photos', max: 9, count: 10 });
  });
});

describe('the after-action report (复盘) with the photos', () => {
  it('lists them oldest first with the directive and grid, and embeds their thumbnails in the Excel and the PDF', async () => {
    const g = W.grids[0]!.id;
    expect((await upload(c.worker!, g, [{ name: 'r.jpg', data: await jpeg(320, 240) }])).statusCode).toBe(201);
    const total = (await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM directive_photos WHERE directive_id = ${Number(did)}`))[0]!.n;
    const r = await call(c.centre!, 'GET', `/api/emergencies/${eid}/review`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<{ photoTotal: number; photos: { at: string; directiveTitle: string; gridName: string; thumbUrl: string }[] }>();
    expect(body.photoTotal).toBe(total);
    expect(body.photos).toHaveLength(Math.min(total, 60));
    expect(body.photos[0]).toMatchObject({ directiveTitle: '排查低洼地带', gridName: expect.any(String) });
    expect([...body.photos.map((p) => p.at)]).toEqual([...body.photos.map((p) => p.at)].sort());
    expect((await call(c.centre!, 'GET', body.photos[0]!.thumbUrl)).statusCode).toBe(200);
    // A grid worker of the neighbouring grid reads only their own grid's photos in the report.
    const other = (await call(c.worker2!, 'GET', `/api/emergencies/${eid}/review`)).json<{ photoTotal: number }>();
    expect(other.photoTotal).toBe(await stored(W.grids[1]!.id));
    expect(other.photoTotal).toBeLessThan(total);

    const xlsx = await t.app.inject({ method: 'GET', url: `/api/emergencies/${eid}/review.xlsx`, headers: { cookie: c.centre! } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('现场照片')!;
    expect(ws.getRow(2).getCell(1).value).toBe('排查低洼地带');
    expect(ws.getImages()).toHaveLength(body.photos.length);

    const pdf = await t.app.inject({ method: 'GET', url: `/api/emergencies/${eid}/review.pdf`, headers: { cookie: c.centre! } });
    expect(pdf.statusCode).toBe(200);
    const file = path.join(os.tmpdir(), `review-${process.pid}-${Date.now()}.pdf`);
    fs.writeFileSync(file, pdf.rawPayload);
    try {
      const images = execFileSync('pdfimages', ['-list', file]).toString().split('\n').filter((l) => /^\s*\d+\s+\d+\s+image/.test(l));
      expect(images).toHaveLength(body.photos.length);
      expect(execFileSync('pdftotext', [file, '-']).toString()).toContain('现场照片');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
