import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/sql.js';
import { setNow } from '../../lib/clock.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildCategories, buildWorld, counts, form, jpeg, png, type IntakeCategories } from '../cases/intake.fixture.js';

/** Residents without an account: report (JSON and multipart), track with number + phone, rate; per-IP limits. */
let t: TestApp;
let cat: IntakeCategories;
let w: Awaited<ReturnType<typeof buildWorld>>;
const NOW = new Date('2026-11-24T01:30:00Z');
// This slice's band is 64–66°E; this file uses 65.1–65.3.
const X0 = 65.1;
const Y0 = 30.6;
const PHONE = '13712345678';
const at = { lat: Y0 + 0.004, lng: X0 + 0.004 };

const report = (payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/public/reports', headers, payload });
const track = (trackingNo: string, phone: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/public/track', headers, payload: { trackingNo, phone } });
const base = (over: Record<string, unknown> = {}) => ({ category: cat.plain, description: '楼道堆放杂物', ...at, phone: PHONE, name: '王五', ...over });
const codes = () => [cat.plain, cat.urgent, cat.guided, cat.other];
async function caseByTracking(no: string) {
  const [r] = await queryRows<{ id: string; channel: string; has_resident_reporter: boolean; created_by: string | null; grid_id: string }>(t.ctx.db, sql`
    SELECT id::text, channel, has_resident_reporter, created_by::text, grid_id::text FROM cases WHERE tracking_no = ${no}`);
  return r!;
}

beforeAll(async () => {
  setNow(NOW);
  t = await createTestApp();
  t.ctx.config.RATE_LIMIT = 'off';
  cat = await buildCategories(t.ctx.db);
  w = await buildWorld(t, X0, Y0);
});
afterAll(async () => {
  setNow(null);
  await t?.close();
});

describe('POST /api/public/reports', () => {
  it('takes a JSON report without login and answers only the tracking number', async () => {
    const res = await report(base());
    expect(res.statusCode, res.body).toBe(201);
    expect(Object.keys(res.json())).toEqual(['trackingNo']);
    const c = await caseByTracking(res.json().trackingNo);
    expect(c).toMatchObject({ channel: 'web', has_resident_reporter: true, created_by: null, grid_id: String(w.grids[0]!.id) });
    const [a] = await queryRows<{ actor_name: string; actor_id: string | null }>(t.ctx.db, sql`
      SELECT actor_name, actor_id::text FROM audit_events WHERE entity_type = 'case' AND entity_id = ${c.id} AND action = 'case.create'`);
    expect(a).toEqual({ actor_name: 'resident', actor_id: null });
  });

  it('anonymous: the name is not kept; without a phone there is nobody to ask for a rating', async () => {
    const res = await report(base({ anonymous: true, phone: undefined }));
    expect(res.statusCode, res.body).toBe(201);
    const c = await caseByTracking(res.json().trackingNo);
    expect(c.has_resident_reporter).toBe(false);
    const [r] = await queryRows<{ name_enc: string | null; anonymous: boolean; phone_enc: string | null }>(t.ctx.db, sql`
      SELECT name_enc, anonymous, phone_enc FROM case_reporters WHERE case_id = ${Number(c.id)}`);
    expect(r).toEqual({ name_enc: null, anonymous: true, phone_enc: null });
  });

  it('takes multipart with photos (phone-sized form) and the same fields', async () => {
    const f = form({ category: cat.other, description: '路面塌陷', lat: at.lat, lng: at.lng, phone: PHONE, anonymous: 'false' },
      [{ name: 'IMG_0001.JPG', data: await jpeg(1200, 900) }, { name: 'shot.png', data: await png() }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/public/reports', headers: f.headers, payload: f.payload });
    expect(res.statusCode, res.body).toBe(201);
    const c = await caseByTracking(res.json().trackingNo);
    const files = await queryRows<{ mime: string; thumb_len: number }>(t.ctx.db, sql`
      SELECT mime, length(thumb) AS thumb_len FROM case_files WHERE case_id = ${Number(c.id)} ORDER BY id`);
    expect(files.map((x) => x.mime)).toEqual(['image/jpeg', 'image/png']);
    expect(files.every((x) => x.thumb_len > 0)).toBe(true);
  });

  const refusals: [string, () => Promise<{ statusCode: number; json(): { error: { code: string; message: string; details?: Record<string, unknown> } } }>, number, string][] = [
    ['a category for the police, not the web form', () => report(base({ category: cat.guided })), 422, 'CATEGORY_NOT_FOR_CHANNEL'],
    ['missing category', () => report(base({ category: undefined })), 400, 'VALIDATION_FAILED'],
    ['unknown category', () => report(base({ category: 'nope_nope' })), 422, 'UNKNOWN_CATEGORY'],
    ['outside the territory', () => report(base({ lat: 30.99, lng: 65.99 })), 422, 'OUTSIDE_TERRITORY'],
    ['4,001 characters', () => report(base({ description: '字'.repeat(4001) })), 400, 'VALIDATION_FAILED'],
    ['a text file named .jpg', () => {
      const f = form({ category: cat.plain, description: 'x', lat: at.lat, lng: at.lng }, [{ name: 'fake.jpg', data: Buffer.from('hello, not a jpeg') }]);
      return t.app.inject({ method: 'POST', url: '/api/public/reports', headers: f.headers, payload: f.payload });
    }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ];
  for (const [name, send, status, code] of refusals) {
    it(`${name} → ${status} ${code}, nothing written`, async () => {
      const before = await counts(t.ctx.db, codes());
      const res = await send();
      expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(await counts(t.ctx.db, codes())).toEqual(before);
    });
  }

  it('the guidance refusal carries the text in Chinese and English', async () => {
    const err = (await report(base({ category: cat.guided }))).json().error;
    expect(err.message).toContain('请拨打110报警');
    expect(err.message).toContain('Call 110 for the police');
    expect(err.details).toMatchObject({ field: 'category', guidance: { zh: '请拨打110报警', en: 'Call 110 for the police' } });
  });

  it('Idempotency-Key: a retried submission gets the same tracking number', async () => {
    const before = await counts(t.ctx.db, codes());
    const h = { 'idempotency-key': `pub-${Date.now()}` };
    const [a, b] = await Promise.all([report(base({ description: '重试' }), h), report(base({ description: '重试' }), h)]);
    const c = await report(base({ description: '重试' }), h);
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([201, 201, 201]);
    expect(new Set([a.json().trackingNo, b.json().trackingNo, c.json().trackingNo]).size).toBe(1);
    expect((await counts(t.ctx.db, codes())).cases).toBe(before.cases + 1);
  });
});

describe('POST /api/public/track', () => {
  it('shows state and a public timeline (no staff names, no phones); wrong phone and unknown number look the same', async () => {
    const no = (await report(base({ description: '噪音扰民' }))).json().trackingNo;
    const id = (await caseByTracking(no)).id;
    const accept = await t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions/accept`, headers: { cookie: w.cookies.worker }, payload: {} });
    expect(accept.statusCode, accept.body).toBe(200);

    const res = await track(no, '137 1234 5678');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ trackingNo: no, state: 'accepted', stateLabel: '已受理', canRate: false, category: { code: cat.plain } });
    expect(r.timeline.map((e: { action: string }) => e.action)).toEqual(['case.create', 'case.accept']);
    expect(r.timeline[0].label).toBe('已登记');
    expect(res.body).not.toContain(w.users.worker.username);
    expect(res.body).not.toContain('5678');
    expect((await track(no, PHONE, { 'accept-language': 'en-US,en;q=0.9' })).json().stateLabel).toBe('Accepted');

    const wrongPhone = await track(no, '13700000000');
    const unknown = await track('999999000000', PHONE);
    expect(wrongPhone.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrongPhone.json()).toEqual(unknown.json());
  });

  it('a merged report shows the progress of the case it was merged into', async () => {
    const first = (await report(base({ category: cat.other, description: '第一次反映' }))).json().trackingNo;
    const second = (await report(base({ category: cat.other, description: '同一件事', phone: '13600000001' }))).json().trackingNo;
    const a = await caseByTracking(first);
    const b = await caseByTracking(second);
    for (const id of [a.id, b.id]) {
      const r = await t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions/accept`, headers: { cookie: w.cookies.centre }, payload: {} });
      expect(r.statusCode, r.body).toBe(200);
    }
    const m = await t.app.inject({ method: 'POST', url: `/api/cases/${a.id}/actions/merge`, headers: { cookie: w.cookies.centre }, payload: { intoCaseId: b.id, reason: '重复' } });
    expect(m.statusCode, m.body).toBe(200);
    const h = await t.app.inject({ method: 'POST', url: `/api/cases/${b.id}/actions/handle_in_grid`, headers: { cookie: w.cookies.worker }, payload: {} });
    expect(h.statusCode, h.body).toBe(200);
    // The clock is frozen, so steps come in the order they were written.
    const r = (await track(first, PHONE)).json();
    expect(r.trackingNo).toBe(first);
    expect(r.state).toBe('in_grid');
    expect(r.timeline.map((e: { action: string }) => e.action)).toEqual(['case.create', 'case.accept', 'case.accept', 'case.merge', 'case.handle_in_grid']);
  });
});

describe('rejection', () => {
  it('a rejected report shows the reason to the reporter', async () => {
    const no = (await report(base({ description: '咨询政策' }))).json().trackingNo;
    const { id } = await caseByTracking(no);
    const rej = await t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions/reject`, headers: { cookie: w.cookies.centre }, payload: { reason: '属于咨询类，请拨打12345' } });
    expect(rej.statusCode, rej.body).toBe(200);
    const r = (await track(no, PHONE)).json();
    expect(r).toMatchObject({ state: 'rejected', rejectReason: '属于咨询类，请拨打12345' });
    expect(r.timeline.at(-1)).toMatchObject({ action: 'case.reject', note: '属于咨询类，请拨打12345' });
  });
});

describe('POST /api/public/reports/:trackingNo/rating', () => {
  it('a resident rates a verified matter; not before; wrong phone 404', async () => {
    const no = (await report(base({ description: '待评价' }))).json().trackingNo;
    const { id } = await caseByTracking(no);
    const rating = { phone: PHONE, resolved: true, satisfaction: 'satisfied', comment: '很快' };
    const early = await t.app.inject({ method: 'POST', url: `/api/public/reports/${no}/rating`, payload: rating });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CASE_INVALID_TRANSITION');

    await t.ctx.db.execute(sql`UPDATE cases SET state = 'verified', verified_at = ${NOW} WHERE id = ${Number(id)}`);
    expect((await track(no, PHONE)).json().canRate).toBe(true);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/public/reports/${no}/rating`, payload: { ...rating, phone: '13799999999' } });
    expect(wrong.statusCode).toBe(404);
    const ok = await t.app.inject({ method: 'POST', url: `/api/public/reports/${no}/rating`, payload: rating });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(['rated', 'closed']).toContain(ok.json().state);
    const after = (await track(no, PHONE)).json();
    expect(after.rating).toMatchObject({ resolved: true, satisfaction: 'satisfied', comment: '很快' });
    expect(after.timeline.map((e: { action: string }) => e.action)).toContain('case.rate');
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once an IP has used its burst, and not when switched off', async () => {
    t.ctx.config.RATE_LIMIT = 'on';
    const ip = '203.0.113.7';
    let limited = null as null | { statusCode: number; headers: Record<string, unknown>; json(): { error: { code: string } } };
    for (let i = 0; i < 40 && !limited; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/public/track', remoteAddress: ip, payload: { trackingNo: '999999000000', phone: PHONE } });
      if (r.statusCode === 429) limited = r;
      else expect(r.statusCode).toBe(404);
    }
    expect(limited?.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    t.ctx.config.RATE_LIMIT = 'off';
    const r = await t.app.inject({ method: 'POST', url: '/api/public/track', remoteAddress: ip, payload: { trackingNo: '999999000000', phone: PHONE } });
    expect(r.statusCode).toBe(404);
  });
});
