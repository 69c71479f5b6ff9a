import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { setNow } from '../../lib/clock.js';
import { cjkFont } from '../../lib/pdf.js';
import { FACTORY_PASSWORD } from '../users/users.factory.js';
import { buildAssessWorld, insertAssessCase, insertAssessDispatch, type AssessWorld } from './assessment.fixture.js';

/**
 * 月调度 · 季通报 · 年考核 and 街道评议部门 on a hand-made world (band 74–76°E), now = 2026-07-05, quarter 2026-Q2.
 * Street 1 (g1, g2):  c1 responded in time, rated solved + satisfied, lead A handled on time;
 *                     c2 responded late, rated unsolved + unsatisfied, lead B handled late;
 *                     c3 never responded, dispatched to A, open and overdue since 1 June;  c4 closed unrated.
 *   → response 1/4, resolution 1/2, satisfaction 1/2, on time 1/2 → score 100×(.25×.25+.25×.5+.3×.5+.2×.5) = 43.75
 * Street 2 (g3):      c5 responded, rated solved (basic), lead A on time → every rate 1 → 100.
 * Department A: led c1, c3, c5 → response 2/3, resolution 1, satisfaction 1, on time 2/2 → 91.7; streets rate it
 *   80 and 90 → 85; score .6×91.7 + .4×85 = 89.0.  Department B: led c2 → 0, unrated → 0.
 */
let t: TestApp;
let w: AssessWorld;
const cookies: Record<string, string> = {};
const at = (day: string, h = 10) => new Date(`${day}T${String(h).padStart(2, '0')}:00:00+08:00`);
const NOW = at('2026-07-05');
const ids: Record<string, number> = {};
/** CI installs the font with poppler-utils before the PostgreSQL run; a bare machine's PGlite run may lack both. */
const hasFont = (() => { try { cjkFont(); return true; } catch { return false; } })();

beforeAll(async () => {
  t = await createTestApp();
  w = await buildAssessWorld(t.ctx.db, 74 + ((Math.floor(Date.now() / 1000) + process.pid + 31) % 60) * 0.03);
  for (const [k, u] of Object.entries(w.users)) cookies[k] = await t.login(u.username, FACTORY_PASSWORD);
  const db = t.ctx.db;
  const [A, B] = [w.depts[0]!.id, w.depts[1]!.id];
  ids.c1 = await insertAssessCase(db, w, { grid: 0, createdAt: at('2026-05-10'), firstResponseAt: at('2026-05-10', 11), responseDueAt: at('2026-05-10', 12),
    ratedAt: at('2026-05-20'), resolved: true, satisfaction: 'satisfied', closedAt: at('2026-05-20') });
  await insertAssessDispatch(db, ids.c1, A, { createdAt: at('2026-05-10', 11), handleDueAt: at('2026-05-18'), handledAt: at('2026-05-15') });
  ids.c2 = await insertAssessCase(db, w, { grid: 1, createdAt: at('2026-05-11'), firstResponseAt: at('2026-05-11', 15), responseDueAt: at('2026-05-11', 12),
    ratedAt: at('2026-05-25'), resolved: false, satisfaction: 'unsatisfied', closedAt: at('2026-05-25') });
  await insertAssessDispatch(db, ids.c2, B, { createdAt: at('2026-05-11', 16), handleDueAt: at('2026-05-20'), handledAt: at('2026-05-24') });
  ids.c3 = await insertAssessCase(db, w, { grid: 0, state: 'dispatched', holder: 'department', createdAt: at('2026-05-12'), responseDueAt: at('2026-05-12', 12),
    dueAt: at('2026-06-01'), warnLevel: 'red' });
  await insertAssessDispatch(db, ids.c3, A, { createdAt: at('2026-05-12', 13), handleDueAt: at('2026-06-01') });
  ids.c4 = await insertAssessCase(db, w, { grid: 1, createdAt: at('2026-05-13'), responseDueAt: at('2026-05-13', 12), unrated: true, closedAt: at('2026-05-30') });
  ids.c5 = await insertAssessCase(db, w, { grid: 2, createdAt: at('2026-04-10'), firstResponseAt: at('2026-04-10', 11), responseDueAt: at('2026-04-10', 12),
    ratedAt: at('2026-04-20'), resolved: true, satisfaction: 'basic', closedAt: at('2026-04-20') });
  await insertAssessDispatch(db, ids.c5, A, { createdAt: at('2026-04-10', 11), handleDueAt: at('2026-04-18'), handledAt: at('2026-04-15') });
  // Open in the grid since July (Q3): on the monthly sheet, not in the Q2 figures.
  ids.c6 = await insertAssessCase(db, w, { grid: 1, state: 'in_grid', createdAt: at('2026-07-01'), dueAt: at('2026-07-10') });
}, 300_000);
afterAll(() => { setNow(null); return t?.close(); });

const get = (who: string, url: string) => t.app.inject({ url, headers: { cookie: cookies[who]! } });
const post = (who: string, url: string, payload: unknown, method: 'POST' | 'PUT' = 'POST') =>
  t.app.inject({ method, url, payload: payload as object, headers: { cookie: cookies[who]! } });

describe('街道评议部门 (ratings)', { timeout: 120_000 }, () => {
  it('a street rates a department once per quarter (rating again replaces the score)', async () => {
    const body = { unitId: String(w.town.id), departmentId: String(w.depts[0]!.id), quarter: '2026-Q2', score: 70 };
    const first = await post('street', '/api/analytics/ratings', body);
    expect(first.statusCode).toBe(201);
    const again = await post('street', '/api/analytics/ratings', { ...body, score: 80, comment: '响应及时' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: first.json().id, score: 80, comment: '响应及时', quarter: '2026-Q2', unitId: String(w.town.id) });
    expect((await post('street2', '/api/analytics/ratings', { ...body, unitId: String(w.town2.id), score: 90 })).statusCode).toBe(201);
    const list = (await get('centre', `/api/analytics/ratings?unitId=${w.district.id}&quarter=2026-Q2`)).json();
    expect(list.ratings).toHaveLength(2);
    expect(list.averages).toEqual([{ departmentId: String(w.depts[0]!.id), departmentName: w.depts[0]!.name, departmentNameEn: 'Rated bureau A', average: 85, count: 2 }]);
    // A street sees its own ratings only.
    expect((await get('street', `/api/analytics/ratings?unitId=${w.town.id}&quarter=2026-Q2`)).json().ratings).toHaveLength(1);
  });

  it('refuses other streets, non-streets, bad scores and roles without supervision', async () => {
    const body = { unitId: String(w.town2.id), departmentId: String(w.depts[1]!.id), quarter: '2026-Q2', score: 50 };
    expect((await post('street', '/api/analytics/ratings', body)).statusCode).toBe(404);
    const notStreet = await post('centre', '/api/analytics/ratings', { ...body, unitId: String(w.district.id) });
    expect(notStreet.statusCode).toBe(400);
    expect(notStreet.json().error.details.field).toBe('unitId');
    const high = await post('street2', '/api/analytics/ratings', { ...body, score: 120 });
    expect(high.statusCode).toBe(400);
    expect(high.json().error.details.issues[0].field).toBe('body.score');
    const quarter = await post('street2', '/api/analytics/ratings', { ...body, quarter: '2026-Q5' });
    expect(quarter.json().error.details.issues[0].field).toBe('body.quarter');
    expect((await post('worker', '/api/analytics/ratings', body)).statusCode).toBe(403);
    // A community cadre supervises their community (cases.supervise) but is not a street: the street is outside their area.
    expect((await post('cadre', '/api/analytics/ratings', body)).statusCode).toBe(404);
    expect((await get('street2', `/api/analytics/ratings?unitId=${w.town.id}&quarter=2026-Q2`)).statusCode).toBe(404);
  });
});

describe('季通报 (quarterly bulletin)', { timeout: 120_000 }, () => {
  it('ranks streets and departments by weighted indicators, with red and black lists', async () => {
    setNow(NOW);
    const res = await get('centre', `/api/analytics/assessment/quarterly?unitId=${w.district.id}&quarter=2026-Q2`);
    expect(res.statusCode).toBe(200);
    const q = res.json();
    expect(q).toMatchObject({ from: '2026-04-01', to: '2026-06-30', title: `${q.unitName}2026年第2季度接诉即办工作通报` });
    expect(q.towns.map((x: { unitId: string; rank: number }) => [x.unitId, x.rank])).toEqual([[String(w.town2.id), 1], [String(w.town.id), 2]]);
    const s1 = q.towns[1];
    expect(s1.indicators).toEqual({ responseRate: 0.25, resolutionRate: 0.5, satisfactionRate: 0.5, onTimeHandlingRate: 0.5, casesReceived: 4, casesClosed: 3, overdueOpen: 1 });
    expect(s1.score).toBeCloseTo(43.75, 0);
    expect(q.towns[0].score).toBe(100);
    const A = q.departments.find((d: { departmentId: string }) => d.departmentId === String(w.depts[0]!.id));
    const B = q.departments.find((d: { departmentId: string }) => d.departmentId === String(w.depts[1]!.id));
    expect(A.indicators).toMatchObject({ resolutionRate: 1, satisfactionRate: 1, onTimeHandlingRate: 1, casesReceived: 3, overdueOpen: 1 });
    expect(A.indicators.responseRate).toBeCloseTo(2 / 3);
    expect(A).toMatchObject({ rating: 85, ratingCount: 2, score: 89 });
    expect(B).toMatchObject({ rating: null, score: 0 });
    expect(q.redList.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([String(w.town2.id), String(w.depts[0]!.id)]));
    expect(q.blackList.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([String(w.town.id), String(w.depts[1]!.id)]));
    expect(q.redList.map((e: { id: string }) => e.id)).not.toContain(String(w.town.id));
  });

  it('department on-time rates are the cockpit\'s and unit figures are /api/analytics/indicators (one definition each)', async () => {
    setNow(NOW);
    const q = (await get('centre', `/api/analytics/assessment/quarterly?unitId=${w.district.id}&quarter=2026-Q2`)).json();
    // The cockpit shows one month at a time: its department table on the last day of April, May and June adds up to Q2.
    const months = new Map<string, { handled: number; onTime: number }>();
    for (const day of ['2026-04-30', '2026-05-31', '2026-06-30']) {
      setNow(at(day, 23));
      const c = (await get('centre', `/api/analytics/cockpit?unitId=${w.district.id}`)).json();
      for (const d of c.departments as { departmentId: string; handled: number; onTime: number }[]) {
        const m = months.get(d.departmentId) ?? { handled: 0, onTime: 0 };
        months.set(d.departmentId, { handled: m.handled + d.handled, onTime: m.onTime + d.onTime });
      }
    }
    setNow(NOW);
    for (const dep of w.depts) {
      const row = q.departments.find((d: { departmentId: string }) => d.departmentId === String(dep.id));
      const m = months.get(String(dep.id))!;
      expect(m.handled).toBeGreaterThan(0);
      expect(row.indicators.onTimeHandlingRate).toBe(m.onTime / m.handled);
    }
    const ind = (await get('centre', `/api/analytics/indicators?unitId=${w.district.id}&from=2026-04-01&to=2026-06-30`)).json();
    const api = Object.fromEntries(ind.indicators.map((i: { key: string; value: number | null }) => [i.key, i.value]));
    expect(q.indicators).toEqual(api);
    // English names for the English page (the fixture's departments have one; its units do not: null).
    expect(q.departments.find((d: { departmentId: string }) => d.departmentId === String(w.depts[0]!.id)).nameEn).toBe('Rated bureau A');
    expect(q.titleEn).toContain('second quarter of 2026');
  });

  it('renders Excel with Chinese headers', async () => {
    setNow(NOW);
    const res = await get('centre', `/api/analytics/assessment/quarterly?unitId=${w.district.id}&quarter=2026-Q2&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('季度接诉即办工作通报'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['街道排名', '部门排名', '红黑榜']);
    const headers = (wb.getWorksheet('街道排名')!.getRow(2).values as unknown[]).filter(Boolean);
    expect(headers).toEqual(['排名', '单位', '响应率', '解决率', '满意率', '按时办结率', '受理件数', '综合得分']);
    expect(String(wb.getWorksheet('街道排名')!.getRow(3).getCell(2).value)).toMatch(/^测试二街道/);
  });

  it('renders a PDF that embeds the CJK font and whose Chinese title can be extracted', async (ctx) => {
    const which = (bin: string) => { try { execFileSync('which', [bin]); return true; } catch { return false; } };
    if (!which('pdftotext') || !which('pdffonts')) {
      console.warn('SKIPPED: pdftotext/pdffonts not installed (Debian: apt-get install -y poppler-utils); CI installs them');
      ctx.skip();
    }
    setNow(NOW);
    const res = await get('centre', `/api/analytics/assessment/quarterly?unitId=${w.district.id}&quarter=2026-Q2&format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(os.tmpdir(), `bulletin-${process.pid}-${Date.now()}.pdf`);
    fs.writeFileSync(file, res.rawPayload);
    try {
      const fonts = execFileSync('pdffonts', [file]).toString();
      const line = fonts.split('\n').find((l) => /WenQuanYi/i.test(l));
      expect(line, fonts).toBeDefined();
      expect(line!.split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']); // emb sub uni
      const text = execFileSync('pdftotext', [file, '-']).toString();
      const title = (await get('centre', `/api/analytics/assessment/quarterly?unitId=${w.district.id}&quarter=2026-Q2`)).json().title;
      expect(text).toContain(title);
      expect(text).toContain('红榜');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

describe('月调度 and 年考核', { timeout: 120_000 }, () => {
  it('lists open items per unit and owner, oldest first, with the month\'s indicators', async () => {
    setNow(NOW);
    const res = await get('street', `/api/analytics/assessment/monthly?unitId=${w.town.id}&month=2026-05`);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.title).toContain('2026年5月调度清单');
    expect(m.indicators).toMatchObject({ casesReceived: 4, responseRate: 0.25 });
    expect(m.totals).toEqual({ open: 2, overdue: 1, red: 1 });
    const rows = m.rows.map((r: { unitId: string; ownerKind: string; ownerName: string; open: number; overdue: number }) =>
      [r.unitId, r.ownerKind, r.ownerName, r.open, r.overdue]);
    expect(rows).toEqual(expect.arrayContaining([
      [String(w.community.id), 'department', w.depts[0]!.name, 1, 1],
      [String(w.community.id), 'level', '网格', 1, 0],
    ]));
    expect(m.rows.find((r: { ownerKind: string }) => r.ownerKind === 'department').items[0]).toMatchObject({ caseId: String(ids.c3), overdue: true });
    const pdf = await get('street', `/api/analytics/assessment/monthly?unitId=${w.town.id}&month=2026-05&format=pdf`);
    if (hasFont) {
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(pdf.statusCode).toBe(503);
      expect(pdf.json().error.message).toContain('fonts-wqy-zenhei');
    }
    const xlsx = await get('street', `/api/analytics/assessment/monthly?unitId=${w.town.id}&month=2026-05&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('weights the annual assessment with the district\'s configurable weights', async () => {
    setNow(NOW);
    const w0 = (await get('centre', `/api/analytics/assessment/weights?unitId=${w.district.id}`)).json();
    expect(w0).toMatchObject({ isDefault: true, weights: { streetShare: 0.5, departmentShare: 0.25 } });
    const a = (await get('centre', `/api/analytics/assessment/annual?unitId=${w.district.id}&year=2026`)).json();
    expect(a.streets[0]).toMatchObject({ unitId: String(w.town2.id), score: 100, weighted: 50 });
    const A = a.departments.find((d: { departmentId: string }) => d.departmentId === String(w.depts[0]!.id));
    expect(A).toMatchObject({ indicatorScore: 91.7, rating: 85, score: 89, weighted: 22.3 });

    const put = await post('centre', '/api/analytics/assessment/weights', {
      unitId: String(w.district.id),
      weights: { streetShare: 0.6, departmentShare: 0.3, indicatorWeights: { responseRate: 0, resolutionRate: 0, satisfactionRate: 1, onTimeHandlingRate: 0 }, departmentRatingWeight: 0 },
    }, 'PUT');
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ isDefault: false, unitId: String(w.district.id) });
    const b = (await get('street', `/api/analytics/assessment/annual?unitId=${w.town.id}&year=2026`)).json();
    // Street 1's weights are its district's; its communities are ranked: satisfaction only.
    expect(b.weights.streetShare).toBe(0.6);
    expect(b.streets[0]).toMatchObject({ score: 50, weighted: 30 });
    const bad = await post('centre', '/api/analytics/assessment/weights', { unitId: String(w.district.id), weights: { streetShare: 2 } }, 'PUT');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field)).toContain('body.weights.streetShare');
    expect((await post('street', '/api/analytics/assessment/weights', { unitId: String(w.district.id), weights: w0.weights }, 'PUT')).statusCode).toBe(403);
    const pdf = await get('centre', `/api/analytics/assessment/annual?unitId=${w.district.id}&year=2026&format=pdf`);
    expect(pdf.statusCode).toBe(hasFont ? 200 : 503);
  });

  it('answers 404 out of scope and 400 naming a bad period', async () => {
    expect((await get('street2', `/api/analytics/assessment/quarterly?unitId=${w.town.id}&quarter=2026-Q2`)).statusCode).toBe(404);
    expect((await get('street2', `/api/analytics/assessment/monthly?unitId=${w.town.id}&month=2026-05`)).statusCode).toBe(404);
    expect((await get('street2', `/api/analytics/assessment/annual?unitId=${w.town.id}&year=2026`)).statusCode).toBe(404);
    const bad = await get('centre', `/api/analytics/assessment/monthly?unitId=${w.district.id}&month=2026-13`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('querystring.month');
    const fmt = await get('centre', `/api/analytics/assessment/quarterly?unitId=${w.district.id}&quarter=2026-Q2&format=doc`);
    expect(fmt.json().error.details.issues[0].field).toBe('querystring.format');
    expect((await get('worker', `/api/analytics/assessment/annual?unitId=${w.grids[0]!.id}&year=2026`)).statusCode).toBe(403);
  });
});
