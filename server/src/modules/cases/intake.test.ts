import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { MAX_PHOTO_BYTES } from '@gridgov/common';
import { queryRows } from '../../db/sql.js';
import { setNow } from '../../lib/clock.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { insertUnit } from '../territory/unit.writer.js';
import { cityFor, rect, uniqueDistrictCode } from '../territory/territory.factory.js';
import { buildUser, FACTORY_PASSWORD } from '../users/users.factory.js';
import { buildCategories, buildWorld, counts, form, GIF, jpeg, metresLat, png, webp, type IntakeCategories } from './intake.fixture.js';
import { trackingNumber } from './intake.service.js';

/** Staff intake through HTTP: every channel, routing (grid, triage, outside), photos, idempotency, duplicates. */
let t: TestApp;
let cat: IntakeCategories;
let w: Awaited<ReturnType<typeof buildWorld>>;
let other: Awaited<ReturnType<typeof buildWorld>>;
const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
// Longitude band 64–66°E is this slice's; this file uses 64.0–64.6.
const X0 = 64.1;
const Y0 = 30.2;
const inGrid1 = { lat: Y0 + 0.005, lng: X0 + 0.005 };

const post = (cookie: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie, ...headers }, payload });
const body = (over: Record<string, unknown> = {}) => ({
  channel: 'field', category: cat.plain, description: '路灯不亮', ...inGrid1, ...over,
});
async function caseRow(id: string) {
  const [r] = await queryRows<Record<string, unknown>>(t.ctx.db, sql`
    SELECT c.*, c.path::text AS path_text, ST_X(c.location) AS x, ST_Y(c.location) AS y FROM cases c WHERE c.id = ${Number(id)}`);
  return r!;
}
const codes = () => [cat.plain, cat.urgent, cat.guided, cat.other, cat.group];

beforeAll(async () => {
  setNow(NOW);
  t = await createTestApp();
  cat = await buildCategories(t.ctx.db);
  w = await buildWorld(t, X0, Y0);
  other = await buildWorld(t, X0 + 0.3, Y0);
});
afterAll(async () => {
  setNow(null);
  await t?.close();
});

describe('staff intake: channels', () => {
  it('field patrol: routed to the grid, deadlines from the class, no resident reporter, notified, audited', async () => {
    const res = await post(w.cookies.worker, body());
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ state: 'reported', gridId: String(w.grids[0]!.id), duplicates: [] });
    expect(r.trackingNo).toBe(trackingNumber(NOW, Number(r.id)));
    expect(r.trackingNo.startsWith('261123')).toBe(true);
    const c = await caseRow(r.id);
    expect(c).toMatchObject({ channel: 'field', holder: 'grid', has_resident_reporter: false, risk_level: 'medium', priority: 0, path_text: w.grids[0]!.path });
    expect(Number(c.x)).toBeCloseTo(inGrid1.lng, 9);
    expect(new Date(c.response_due_at as string).getTime()).toBe(NOW.getTime() + 24 * 3600_000);
    // d7 from Monday 10:00: seven working days later is the next Wednesday 10:00 Shanghai.
    expect(new Date(c.due_at as string).toISOString()).toBe('2026-12-02T02:00:00.000Z');
    const reps = await queryRows<{ resident: boolean; channel: string }>(t.ctx.db, sql`SELECT resident, channel FROM case_reporters WHERE case_id = ${Number(r.id)}`);
    expect(reps).toEqual([{ resident: false, channel: 'field' }]);
    const notified = await queryRows<{ user_id: string }>(t.ctx.db, sql`SELECT user_id::text FROM notifications WHERE case_id = ${Number(r.id)} ORDER BY user_id`);
    expect(notified.map((x) => Number(x.user_id)).sort()).toEqual([w.users.worker.id, w.users.leader.id].sort());
    const [a] = await queryRows<{ after: Record<string, unknown>; actor_id: string }>(t.ctx.db, sql`
      SELECT after, actor_id::text FROM audit_events WHERE entity_type = 'case' AND entity_id = ${r.id} AND action = 'case.create'`);
    expect(a!.after).toMatchObject({ channel: 'field', category: cat.plain, trackingNo: r.trackingNo });
    expect(Number(a!.actor_id)).toBe(w.users.worker.id);
  });

  it('hotline with the caller’s phone: a resident reporter, phone encrypted, blind-indexed, masked, never in the audit', async () => {
    const res = await post(w.cookies.centre, body({ channel: 'hotline', phone: '138 1234 5678', name: '张三' }));
    expect(res.statusCode, res.body).toBe(201);
    const id = Number(res.json().id);
    expect((await caseRow(res.json().id)).has_resident_reporter).toBe(true);
    const [rep] = await queryRows<{ phone_enc: string; phone_bidx: string; phone_masked: string; name_enc: string; resident: boolean }>(t.ctx.db, sql`
      SELECT phone_enc, phone_bidx, phone_masked, name_enc, resident FROM case_reporters WHERE case_id = ${id}`);
    expect(rep!.resident).toBe(true);
    expect(rep!.phone_masked).toBe('138****5678');
    expect(rep!.phone_enc).not.toContain('13812345678');
    expect(t.ctx.crypto.decrypt(rep!.phone_enc)).toBe('13812345678');
    expect(rep!.phone_bidx).toBe(t.ctx.crypto.blindIndex('13812345678'));
    expect(t.ctx.crypto.decrypt(rep!.name_enc)).toBe('张三');
    const audits = await queryRows<{ j: string }>(t.ctx.db, sql`SELECT row_to_json(a)::text AS j FROM audit_events a WHERE entity_type = 'case' AND entity_id = ${String(id)}`);
    expect(audits.length).toBeGreaterThan(0);
    for (const x of audits) expect(x.j).not.toMatch(/13812345678|138\*\*\*\*5678|张三/);
  });

  it('petitions desk registers a visitor by name and phone (no ID number needed)', async () => {
    const res = await post(w.cookies.centre, body({ channel: 'petition', phone: '13900001111', name: '李四', description: '邻里噪音纠纷' }));
    expect(res.statusCode, res.body).toBe(201);
    expect((await caseRow(res.json().id))).toMatchObject({ channel: 'petition', has_resident_reporter: true });
  });

  it('external systems and the API record without a resident reporter, even with a phone', async () => {
    for (const channel of ['external', 'api']) {
      const res = await post(w.cookies.centre, body({ channel, phone: '13900002222' }));
      expect(res.statusCode, res.body).toBe(201);
      expect(await caseRow(res.json().id)).toMatchObject({ channel, has_resident_reporter: false });
    }
  });

  it('refuses the web channel on the staff route and anonymous callers', async () => {
    expect((await post(w.cookies.worker, body({ channel: 'web' }))).statusCode).toBe(400);
    const anon = await t.app.inject({ method: 'POST', url: '/api/cases', payload: body() });
    expect(anon.statusCode).toBe(401);
  });

  it('urgent categories raise priority and get the 2-hour clock; their extra fields are required', async () => {
    const missing = await post(w.cookies.worker, body({ category: cat.urgent }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.field).toBe('extra.area');
    const bad = await post(w.cookies.worker, body({ category: cat.urgent, extra: { area: 'big' } }));
    expect(bad.statusCode).toBe(400);
    const ok = await post(w.cookies.worker, body({ category: cat.urgent, extra: { area: 12 } }));
    expect(ok.statusCode, ok.body).toBe(201);
    const c = await caseRow(ok.json().id);
    expect(c).toMatchObject({ priority: 10, risk_level: 'high', deadline_class: 'h2', extra: { area: 12 } });
    expect(new Date(c.due_at as string).getTime()).toBe(NOW.getTime() + 2 * 3600_000);
    expect(new Date(c.response_due_at as string).getTime()).toBe(NOW.getTime() + 30 * 60_000);
  });

  it('a category not for the web is still taken by the hotline clerk', async () => {
    const res = await post(w.cookies.centre, body({ channel: 'hotline', category: cat.guided }));
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('routing outside grids', () => {
  it('a point in the territory but in no grid goes to the district centre’s triage queue, never lost', async () => {
    // A community polygon larger than its only grid: the strip north of the grid is in the territory, in no grid.
    const code = await uniqueDistrictCode(t.ctx.db, '9');
    const city = await cityFor(t.ctx.db, `${code.slice(0, 4)}00000000`, code.slice(1));
    const district = await insertUnit(t.ctx.db, { kind: 'district', code: `${code}000000`, name: `分拨区${code}`, parentId: city.id });
    const town = await insertUnit(t.ctx.db, { kind: 'town', subkind: 'street', code: `${code}001000`, name: '分拨街道', parentId: district.id });
    const community = await insertUnit(t.ctx.db, { kind: 'community', subkind: 'urban', code: `${code}001001`, name: '分拨社区', parentId: town.id, geometry: rect(64.55, 30.5, 64.57, 30.54) });
    const grid = await insertUnit(t.ctx.db, { kind: 'grid', gridKind: 'basic', code: `${code}001001001`, name: '唯一网格', parentId: community.id, geometry: rect(64.55, 30.5, 64.57, 30.52) });
    const centre = await buildUser(t.ctx.db, { role: 'centre_operator', homeUnitId: district.id });
    const cookie = await t.login(centre.username, FACTORY_PASSWORD);

    const inGrid = await post(cookie, body({ lat: 30.51, lng: 64.56 }));
    expect(inGrid.json().gridId).toBe(String(grid.id));
    const res = await post(w.cookies.worker, body({ lat: 30.53, lng: 64.56 }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().gridId).toBeNull();
    const c = await caseRow(res.json().id);
    expect(c).toMatchObject({ grid_id: null, holder: 'street', path_text: district.path });
    expect(Number(c.owner_unit_id)).toBe(district.id);
    const notified = await queryRows<{ user_id: string }>(t.ctx.db, sql`SELECT user_id::text FROM notifications WHERE case_id = ${Number(res.json().id)}`);
    expect(notified.map((x) => Number(x.user_id))).toContain(centre.id);
    // The district centre sees it (scope by path): its duplicates endpoint answers.
    expect((await t.app.inject({ url: `/api/cases/${res.json().id}/duplicates`, headers: { cookie } })).statusCode).toBe(200);
  });
});

describe('grid admission (网格事项准入)', () => {
  it('a category the grid does not admit goes to the district centre instead of being refused', async () => {
    const world = await buildWorld(t, 64.25, 30.2, 1);
    const grid = world.grids[0]!;
    const [gt] = await queryRows<{ id: string }>(t.ctx.db, sql`
      INSERT INTO grid_types (code, name_zh, name_en, category, admission)
      VALUES (${`t_ik_gt_${grid.id}`}, '学校专属', 'School', 'specialised', ${JSON.stringify([cat.plain])}::jsonb) RETURNING id::text`);
    await t.ctx.db.execute(sql`UPDATE units SET grid_type_id = ${Number(gt!.id)} WHERE id = ${grid.id}`);
    const pt = { lat: 30.205, lng: 64.255 };
    const admitted = await post(world.cookies.worker, body({ ...pt }));
    expect(admitted.json().gridId).toBe(String(grid.id));
    const notAdmitted = await post(world.cookies.worker, body({ ...pt, category: cat.other }));
    expect(notAdmitted.statusCode, notAdmitted.body).toBe(201);
    expect(notAdmitted.json().gridId).toBeNull();
    const c = await caseRow(notAdmitted.json().id);
    expect(c).toMatchObject({ holder: 'street', path_text: world.district.path });
    expect(Number(c.owner_unit_id)).toBe(world.district.id);
  });
});

describe('bad input: the right status and code, nothing written', () => {
  const refusals: [string, () => Promise<{ statusCode: number; json(): { error: { code: string; message: string; details?: Record<string, unknown> } } }>, number, string][] = [
    ['missing category', () => post(w.cookies.worker, body({ category: undefined })), 400, 'VALIDATION_FAILED'],
    ['unknown category', () => post(w.cookies.worker, body({ category: 'no_such_thing' })), 422, 'UNKNOWN_CATEGORY'],
    ['a group, not a category', () => post(w.cookies.worker, body({ category: cat.group })), 422, 'UNKNOWN_CATEGORY'],
    ['point outside the territory', () => post(w.cookies.worker, body({ lat: 30.9, lng: 65.9 })), 422, 'OUTSIDE_TERRITORY'],
    ['4,001-character description', () => post(w.cookies.worker, body({ description: 'x'.repeat(4001) })), 400, 'VALIDATION_FAILED'],
    ['bad phone', () => post(w.cookies.centre, body({ channel: 'hotline', phone: '12345' })), 400, 'VALIDATION_FAILED'],
    ['fake image (text named .jpg)', () => postForm(w.cookies.worker, [{ name: 'photo.jpg', data: Buffer.from('this is not a picture at all') }]), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['GIF', () => postForm(w.cookies.worker, [{ name: 'anim.gif', data: GIF, type: 'image/gif' }]), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['truncated JPEG', async () => postForm(w.cookies.worker, [{ name: 'broken.jpg', data: (await jpeg()).subarray(0, 40) }]), 400, 'BAD_FILE'],
    ['oversize image', async () => postForm(w.cookies.worker, [
      { name: 'small.jpg', data: await jpeg() },
      { name: 'huge.jpg', data: Buffer.concat([await jpeg(), Buffer.alloc(MAX_PHOTO_BYTES)]) },
    ]), 413, 'PAYLOAD_TOO_LARGE'],
    ['10 photos', async () => { const p = await jpeg(); return postForm(w.cookies.worker, Array.from({ length: 10 }, (_, i) => ({ name: `p${i}.jpg`, data: p }))); }, 400, 'VALIDATION_FAILED'],
  ];
  function postForm(cookie: string, files: { name: string; data: Buffer; type?: string }[]) {
    const f = form({ channel: 'field', category: cat.plain, description: '带照片', lat: inGrid1.lat, lng: inGrid1.lng }, files);
    return t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie, ...f.headers }, payload: f.payload });
  }

  for (const [name, send, status, code] of refusals) {
    it(`${name} → ${status} ${code}`, async () => {
      const before = await counts(t.ctx.db, codes());
      const res = await send();
      expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(await counts(t.ctx.db, codes())).toEqual(before);
    });
  }

  it('names the file that is too large and lists the accepted formats', async () => {
    const huge = await postForm(w.cookies.worker, [{ name: 'huge.jpg', data: Buffer.concat([await jpeg(), Buffer.alloc(MAX_PHOTO_BYTES)]) }]);
    expect(huge.json().error.message).toContain('huge.jpg');
    const gif = await postForm(w.cookies.worker, [{ name: 'anim.gif', data: GIF }]);
    expect(gif.json().error.message).toMatch(/JPEG, PNG or WebP/);
    expect(gif.json().error.details?.accepted).toEqual(['image/jpeg', 'image/png', 'image/webp']);
  });

  it('4,000 characters are accepted', async () => {
    expect((await post(w.cookies.worker, body({ description: '水'.repeat(4000) }))).statusCode).toBe(201);
  });
});

describe('photos', () => {
  it('stores JPEG, PNG and WebP with thumbnails and serves them to those in scope only', async () => {
    const f = form({ channel: 'field', category: cat.other, description: '井盖缺失', lat: inGrid1.lat, lng: inGrid1.lng }, [
      { name: 'a.jpg', data: await jpeg() },
      // declared type and name say JPEG; the content (PNG) decides.
      { name: 'b.jpg', data: await png(), type: 'image/jpeg' },
      { name: 'c.webp', data: await webp(), type: 'application/octet-stream' },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.worker, ...f.headers }, payload: f.payload });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const files = await queryRows<{ id: string; mime: string; bytes: number }>(t.ctx.db, sql`SELECT id::text, mime, bytes FROM case_files WHERE case_id = ${Number(id)} ORDER BY id`);
    expect(files.map((x) => x.mime)).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    const pngFile = files[1]!;
    const full = await t.app.inject({ url: `/api/cases/${id}/files/${pngFile.id}`, headers: { cookie: w.cookies.leader } });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/png');
    expect(full.rawPayload.length).toBe(pngFile.bytes);
    const thumb = await t.app.inject({ url: `/api/cases/${id}/files/${pngFile.id}?thumb=1`, headers: { cookie: w.cookies.leader } });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const meta = await (await import('sharp')).default(thumb.rawPayload).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(320);
    // Another community's worker: the same 404 as a missing file.
    expect((await t.app.inject({ url: `/api/cases/${id}/files/${pngFile.id}`, headers: { cookie: other.cookies.worker } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/cases/${id}/files/999999999`, headers: { cookie: w.cookies.worker } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/cases/${id}/duplicates`, headers: { cookie: other.cookies.worker } })).statusCode).toBe(404);
  });
});

describe('Idempotency-Key', () => {
  it('the same key returns the first answer, never a second case', async () => {
    const before = await counts(t.ctx.db, codes());
    const h = { 'idempotency-key': `seq-${Date.now()}` };
    const a = await post(w.cookies.worker, body({ description: '重复提交' }), h);
    const b = await post(w.cookies.worker, body({ description: '重复提交' }), h);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    expect((await counts(t.ctx.db, codes())).cases).toBe(before.cases + 1);
    // The same key with a different request is a client bug.
    const c = await post(w.cookies.worker, body({ description: '另一件事' }), h);
    expect(c.statusCode).toBe(409);
    expect(c.json().error.code).toBe('IDEMPOTENCY_CONFLICT');
    // Keys are per caller: the leader's identical key is a new case.
    const d = await post(w.cookies.leader, body({ description: '重复提交' }), h);
    expect(d.statusCode).toBe(201);
    expect(d.json().id).not.toBe(a.json().id);
  });

  it('two concurrent requests with one key make one case', async () => {
    const before = await counts(t.ctx.db, codes());
    const h = { 'idempotency-key': `conc-${Date.now()}` };
    const [a, b] = await Promise.all([post(w.cookies.worker, body({ description: '并发' }), h), post(w.cookies.worker, body({ description: '并发' }), h)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect((await counts(t.ctx.db, codes())).cases).toBe(before.cases + 1);
  });
});

describe('duplicates', () => {
  it('suggests open cases of the same category within 50 m, not at 60 m, not another category', async () => {
    const p = { lat: Y0 + 0.002, lng: X0 + 0.015 }; // grid 2
    const fp = form({ channel: 'field', category: cat.other, description: '垃圾堆放', ...p }, [{ name: 'a.jpg', data: await jpeg() }]);
    const first = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.centre, ...fp.headers }, payload: fp.payload });
    expect(first.statusCode, first.body).toBe(201);
    const near = await post(w.cookies.centre, body({ category: cat.other, description: '同一处垃圾', lat: p.lat + metresLat(45), lng: p.lng }));
    const dup = near.json().duplicates;
    expect(dup.map((d: { id: string }) => d.id)).toEqual([first.json().id]);
    expect(dup[0].distanceM).toBeGreaterThan(40);
    expect(dup[0].distanceM).toBeLessThan(50);
    expect(dup[0].summary).toBe('垃圾堆放');
    expect(dup[0].thumbUrl).toMatch(new RegExp(`^/api/cases/${first.json().id}/files/\\d+\\?thumb=1$`));
    const far = await post(w.cookies.centre, body({ category: cat.other, description: '远处', lat: p.lat - metresLat(60), lng: p.lng }));
    expect(far.json().duplicates).toEqual([]);
    const otherCat = await post(w.cookies.centre, body({ category: cat.urgent, extra: { area: 1 }, ...p }));
    expect(otherCat.json().duplicates).toEqual([]);
    const list = await t.app.inject({ url: `/api/cases/${near.json().id}/duplicates`, headers: { cookie: w.cookies.centre } });
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([first.json().id]);
  });
});
