import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISK_WEIGHTS } from '@gridgov/common';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { FACTORY_PASSWORD } from '../users/users.factory.js';
import { buildAssessWorld, insertAssessCase, type AssessWorld } from './assessment.fixture.js';

/**
 * Risk analysis on a hand-made world (band 74–76°E), asOf 2026-06-30 (this week 24–30 June, last week 17–23 June):
 *   g1: 5 noise cases within ~20 m on 10 June (a hot spot) + 3 road cases at the building "幸福楼", same address
 *       → hotspot 2×5 + repeat address 3×(3−1) + repeat building 2×(3−1) = 20
 *   g2: road 4 this week, 1 last week, far apart (no hot spot) → rising 4×(4−1) = 12
 *   g3: 2 open high-risk noise matters → 5×2 = 10
 * Also ignored: a merged case in the hot spot, a case before the window.
 */
let t: TestApp;
let w: AssessWorld;
const cookies: Record<string, string> = {};
const at = (day: string, h = 10) => new Date(`${day}T${String(h).padStart(2, '0')}:00:00+08:00`);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildAssessWorld(t.ctx.db, 74 + ((Math.floor(Date.now() / 1000) + process.pid) % 60) * 0.03);
  for (const [k, u] of Object.entries(w.users)) cookies[k] = await t.login(u.username, FACTORY_PASSWORD);
  const db = t.ctx.db;
  const g1x = w.x0;
  const y = w.y0;
  for (let i = 0; i < 5; i++) {
    await insertAssessCase(db, w, { grid: 0, category: 'noise', createdAt: at('2026-06-10'), lng: g1x + 0.002 + i * 0.00005, lat: y + 0.002 });
  }
  await insertAssessCase(db, w, { grid: 0, category: 'noise', state: 'merged', createdAt: at('2026-06-10'), lng: g1x + 0.002, lat: y + 0.002 });
  for (let i = 0; i < 3; i++) {
    await insertAssessCase(db, w, { grid: 0, category: 'road', createdAt: at('2026-06-05'), lng: w.building.lng + i * 0.00002, lat: w.building.lat, address: ' 幸福路 1号' });
  }
  const g2x = w.x0 + w.size;
  for (const [dx, dy] of [[0.001, 0.001], [0.004, 0.001], [0.007, 0.001], [0.001, 0.008]] as const) {
    await insertAssessCase(db, w, { grid: 1, category: 'road', createdAt: at('2026-06-26'), lng: g2x + dx, lat: y + dy });
  }
  await insertAssessCase(db, w, { grid: 1, category: 'road', createdAt: at('2026-06-20'), lng: g2x + 0.007, lat: y + 0.008 });
  const g3x = w.x0 + 2 * w.size;
  await insertAssessCase(db, w, { grid: 2, category: 'noise', state: 'dispatched', riskLevel: 'high', createdAt: at('2026-06-01'), lng: g3x + 0.001, lat: y + 0.001 });
  await insertAssessCase(db, w, { grid: 2, category: 'noise', state: 'in_grid', riskLevel: 'high', createdAt: at('2026-06-02'), lng: g3x + 0.008, lat: y + 0.008 });
  await insertAssessCase(db, w, { grid: 2, category: 'noise', createdAt: at('2026-05-01'), lng: g3x + 0.005, lat: y + 0.005 });
}, 300_000);
afterAll(() => t?.close());

const risk = (who: string, qs: string) => t.app.inject({ url: `/api/analytics/risk?${qs}`, headers: { cookie: cookies[who]! } });

describe('GET /api/analytics/risk', { timeout: 120_000 }, () => {
  it('scores each grid as the sum of its reasons, highest first', async () => {
    const res = await risk('centre', `unitId=${w.district.id}&asOf=2026-06-30`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.grids.map((g: { code: string; score: number }) => [g.code, g.score])).toEqual([
      [w.grids[0]!.code, 20], [w.grids[1]!.code, 12], [w.grids[2]!.code, 10],
    ]);
    const g1 = body.grids[0];
    expect(g1.gridId).toBe(String(w.grids[0]!.id));
    const byKind = Object.fromEntries(g1.reasons.map((r: { kind: string; contribution: number; count: number }) => [r.kind, [r.count, r.contribution]]));
    expect(byKind).toEqual({ hotspot: [5, 5 * RISK_WEIGHTS.hotspot], repeat_address: [2, 2 * RISK_WEIGHTS.repeat_address], repeat_building: [2, 2 * RISK_WEIGHTS.repeat_building] });
    for (const g of body.grids) {
      expect(g.score).toBe(g.reasons.reduce((s: number, r: { contribution: number }) => s + r.contribution, 0));
      for (const r of g.reasons) expect(r.zh.length > 0 && r.en.length > 0).toBe(true);
    }
    expect(body.grids[1].reasons).toMatchObject([{ kind: 'rising_category', count: 3, categoryCode: w.cat.road }]);
    expect(body.grids[2].reasons).toMatchObject([{ kind: 'high_risk_open', count: 2 }]);
  });

  it('finds the hot spot, the repeats and the rising category', async () => {
    const body = (await risk('centre', `unitId=${w.district.id}&asOf=2026-06-30`)).json();
    expect(body.hotspots).toHaveLength(1);
    expect(body.hotspots[0]).toMatchObject({ id: 'h1', caseCount: 5, gridIds: [String(w.grids[0]!.id)], topCategoryCode: w.cat.noise });
    expect(body.hotspots[0].radiusM).toBeLessThan(30);
    expect(body.repeats).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'address', key: '幸福路1号', caseCount: 3, gridId: String(w.grids[0]!.id) }),
      expect.objectContaining({ kind: 'building', key: String(w.building.id), caseCount: 3 }),
    ]));
    expect(body.rising).toEqual([expect.objectContaining({ gridId: String(w.grids[1]!.id), categoryCode: w.cat.road, thisWeek: 4, lastWeek: 1 })]);
  });

  it('proposes the month\'s top problem (每月一题)', async () => {
    const body = (await risk('centre', `unitId=${w.district.id}&asOf=2026-06-30`)).json();
    // Window 1–30 June: road 3 + 5 = 8 in two grids (one recurring address), noise 5 + 2 = 7.
    expect(body.topProblem).toMatchObject({ month: '2026-06', categoryCode: w.cat.road, caseCount: 8, gridCount: 2, repeatLocations: 1 });
    expect(body.topProblem.share).toBeCloseTo(8 / 15);
    expect(body.topProblem.zh).toContain('道路破损');
  });

  it('limits the analysis to the unit asked for, and a window ending earlier sees less', async () => {
    const street = (await risk('street', `unitId=${w.town.id}&asOf=2026-06-30`)).json();
    expect(street.grids.map((g: { code: string }) => g.code)).toEqual([w.grids[0]!.code, w.grids[1]!.code]);
    const early = (await risk('centre', `unitId=${w.district.id}&asOf=2026-06-15&days=14`)).json();
    expect(early.hotspots).toHaveLength(1);
    // That week (9–15 June) the 5 noise cases of the 10th are new in g1: rising from 0.
    expect(early.rising).toEqual([expect.objectContaining({ gridId: String(w.grids[0]!.id), categoryCode: w.cat.noise, thisWeek: 5, lastWeek: 0 })]);
    const empty = (await risk('centre', `unitId=${w.district.id}&asOf=2026-01-15`)).json();
    expect(empty.topProblem).toBeNull();
    expect(empty.grids).toEqual([]);
  });

  it('answers 404 out of scope, 403 without analytics.read, 400 naming the bad field', async () => {
    expect((await risk('street2', `unitId=${w.town.id}`)).statusCode).toBe(404);
    expect((await risk('worker', `unitId=${w.grids[0]!.id}`)).statusCode).toBe(403);
    const bad = await risk('centre', 'unitId=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('querystring.unitId');
    const days = await risk('centre', `unitId=${w.district.id}&days=3`);
    expect(days.statusCode).toBe(400);
    expect(days.json().error.message).toContain('days');
    expect((await t.app.inject({ url: `/api/analytics/risk?unitId=${w.district.id}` })).statusCode).toBe(401);
  });
});
