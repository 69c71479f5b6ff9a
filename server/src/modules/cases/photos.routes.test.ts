import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/sql.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { FACTORY_PASSWORD } from '../users/users.factory.js';
import { buildCase, buildWorkflowWorld, type WorkflowWorld } from './case.factory.js';
import { form, GIF, jpeg, png } from './intake.fixture.js';

/** Photos added to an existing case (on-site verification): checks, limits, scope, states, idempotency, audit. */
let t: TestApp;
let w: WorkflowWorld;
let worker: string;
// Longitude band 82–84°E is this slice's.
const X0 = 82.2 + (Date.now() % 1000) * 0.0015;

const upload = (id: string, files: { name: string; data: Buffer; type?: string }[], fields: Record<string, string> = {}, headers: Record<string, string> = {}) => {
  const f = form(fields, files);
  return t.app.inject({ method: 'POST', url: `/api/cases/${id}/photos`, headers: { cookie: worker, ...f.headers, ...headers }, payload: f.payload });
};
async function files(id: string) {
  return queryRows<{ purpose: string; thumb_len: number }>(t.ctx.db, sql`
    SELECT purpose, length(thumb)::int AS thumb_len FROM case_files WHERE case_id = ${Number(id)} ORDER BY id`);
}
async function audits(id: string) {
  return queryRows<{ after: { count: number; kind: string } }>(t.ctx.db, sql`
    SELECT after FROM audit_events WHERE action = 'case.photos_added' AND entity_type = 'case' AND entity_id = ${id}`);
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorkflowWorld(t.ctx.db, { x0: X0 });
  worker = await t.login(w.users.worker.username, FACTORY_PASSWORD);
});
afterAll(async () => {
  await t?.close();
});

describe('POST /api/cases/:id/photos', () => {
  it('stores a verification photo with its thumbnail, audited, listed in the case detail', async () => {
    const c = await buildCase(t.ctx.db, w, { state: 'handled' });
    const res = await upload(c.id, [{ name: '核查.jpg', data: await jpeg(800, 600) }]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ caseId: c.id, kind: 'verification' });
    expect(body.photos).toHaveLength(1);
    const rows = await files(c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.purpose).toBe('verify');
    expect(rows[0]!.thumb_len).toBeGreaterThan(100);
    const thumb = await t.app.inject({ method: 'GET', url: body.photos[0].thumbUrl, headers: { cookie: worker } });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await audits(c.id)).map((a) => a.after)).toMatchObject([{ count: 1, kind: 'verification' }]);
    const detail = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie: worker } });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().photos.map((p: { purpose: string }) => p.purpose)).toEqual(['verify']);
  });

  it('kind handling is stored as such; an unknown kind is 400', async () => {
    const c = await buildCase(t.ctx.db, w, { state: 'handling' });
    expect((await upload(c.id, [{ name: 'a.png', data: await png(), type: 'image/png' }], { kind: 'handling' })).statusCode).toBe(201);
    expect((await files(c.id)).map((f) => f.purpose)).toEqual(['handling']);
    const bad = await upload(c.id, [{ name: 'b.png', data: await png(), type: 'image/png' }], { kind: 'selfie' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('kind');
  });

  it('refuses fake images: text named .jpg (415), a GIF (415), a truncated JPEG (400); nothing stored', async () => {
    const c = await buildCase(t.ctx.db, w, { state: 'handled' });
    const text = await upload(c.id, [{ name: 'fake.jpg', data: Buffer.from('not an image at all') }]);
    expect(text.statusCode).toBe(415);
    expect(text.json().error.details.file).toBe('fake.jpg');
    expect((await upload(c.id, [{ name: 'x.gif', data: GIF, type: 'image/gif' }])).statusCode).toBe(415);
    const full = await jpeg(200, 200);
    const cut = await upload(c.id, [{ name: 'ok.jpg', data: await jpeg() }, { name: 'cut.jpg', data: full.subarray(0, 20) }]);
    expect(cut.statusCode).toBe(400);
    expect(await files(c.id)).toHaveLength(0);
    expect(await audits(c.id)).toHaveLength(0);
  });

  it('the 10th photo of a case is refused with 400 naming the limit', async () => {
    const c = await buildCase(t.ctx.db, w, { state: 'handled' });
    const img = await jpeg();
    const eight = Array.from({ length: 8 }, (_, i) => ({ name: `p${i}.jpg`, data: img }));
    expect((await upload(c.id, eight)).statusCode).toBe(201);
    expect((await upload(c.id, [{ name: 'p9.jpg', data: img }])).statusCode).toBe(201);
    const tenth = await upload(c.id, [{ name: 'p10.jpg', data: img }]);
    expect(tenth.statusCode).toBe(400);
    expect(tenth.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'photos', max: 9, count: 10 } });
    expect(await files(c.id)).toHaveLength(9);
  });

  it("another grid's case answers 404; a closed or merged case 409 naming the state", async () => {
    const other = await buildCase(t.ctx.db, w, { state: 'handled', gridIndex: 1 });
    const res = await upload(other.id, [{ name: 'a.jpg', data: await jpeg() }]);
    expect(res.statusCode).toBe(404);
    expect(await files(other.id)).toHaveLength(0);
    for (const state of ['closed', 'merged']) {
      const c = await buildCase(t.ctx.db, w, { state });
      const r = await upload(c.id, [{ name: 'a.jpg', data: await jpeg() }]);
      expect(r.statusCode).toBe(409);
      expect(r.json().error.details.state).toBe(state);
      expect(r.json().error.message).toContain(state);
    }
  });

  it('the same Idempotency-Key twice stores one set of photos and answers the same', async () => {
    const c = await buildCase(t.ctx.db, w, { state: 'handled' });
    const img = await jpeg(120, 90);
    const key = `verify-${c.id}-${Date.now()}`;
    const photos = [{ name: 'a.jpg', data: img }, { name: 'b.jpg', data: await jpeg(90, 120) }];
    const first = await upload(c.id, photos, {}, { 'idempotency-key': key });
    const second = await upload(c.id, photos, {}, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await files(c.id)).toHaveLength(2);
    expect(await audits(c.id)).toHaveLength(1);
  });

  it('not logged in is 401', async () => {
    const c = await buildCase(t.ctx.db, w, { state: 'handled' });
    const anon = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/photos`, ...form({}, [{ name: 'a.jpg', data: await jpeg() }]) });
    expect(anon.statusCode).toBe(401);
  });
});
