import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { INDICATOR_KEYS, INDICATORS, type IndicatorValue } from '@gridgov/common';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { advance, setNow } from '../../lib/clock.js';
import { buildUser } from '../users/index.js';
import { CLOSED_DAYS_TTL_MS, forgetClosedDays } from './closed-days.js';
import { buildIndicatorFixture, insertFixtureCase } from './indicators.fixture.js';
import { checkPeriod, emptySums, indicatorValues } from './indicators.service.js';

const byKey = (list: IndicatorValue[]) => Object.fromEntries(list.map((i) => [i.key, i]));

describe('indicator formulas (pure)', () => {
  it('every indicator is defined once with zh/en texts and the format the API reports', () => {
    for (const key of INDICATOR_KEYS) {
      const d = INDICATORS[key];
      expect(d.key).toBe(key);
      expect(d.name.zh && d.name.en && d.formula.zh && d.formula.en && d.description.en).toBeTruthy();
      expect(d.denominator === null).toBe(d.format === 'count');
    }
  });

  it('computes each ratio from its own counters', () => {
    const v = byKey(indicatorValues({ ...emptySums(), received: 8, respondedOnTime: 6, rated: 4, solved: 3, satisfied: 2, closed: 5, handled: 10, handledOnTime: 7, overdue: 2 }));
    expect(v.responseRate).toEqual({ key: 'responseRate', format: 'ratio', numerator: 6, denominator: 8, value: 0.75 });
    expect(v.resolutionRate!.value).toBe(0.75);
    expect(v.satisfactionRate!.value).toBe(0.5);
    expect(v.onTimeHandlingRate!.value).toBe(0.7);
    expect(v.casesReceived).toEqual({ key: 'casesReceived', format: 'count', numerator: 8, denominator: null, value: 8 });
    expect(v.casesClosed!.value).toBe(5);
    expect(v.overdueOpen!.value).toBe(2);
  });

  it('gives null ratios (not 0) when the denominator is empty', () => {
    const v = indicatorValues(emptySums());
    for (const i of v) expect(i.value).toBe(i.format === 'ratio' ? null : 0);
  });

  it('refuses impossible, reversed and too long periods naming the field', () => {
    expect(() => checkPeriod('2026-02-30', '2026-03-01')).toThrow(/from/);
    expect(() => checkPeriod('2026-03-01', '2026-3-5')).toThrow(/to/);
    expect(() => checkPeriod('2026-03-05', '2026-03-01')).toThrow(/to: must not be before/);
    expect(() => checkPeriod('2020-01-01', '2026-01-01')).toThrow(/at most/);
    expect(checkPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });
});

describe('GET /api/analytics/indicators, /breakdown, /cockpit on a hand-computed fixture', () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof buildIndicatorFixture>>;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    fx = await buildIndicatorFixture(t.ctx.db);
    admin = await t.login('admin');
  }, 240_000);
  afterAll(async () => { await t?.close(); });

  const get = (url: string, cookie = admin) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('March 2026 for the community: each indicator as computed by hand', async () => {
    const res = await get(`/api/analytics/indicators?unitId=${fx.w.community.id}&from=2026-03-01&to=2026-03-31`);
    expect(res.statusCode, res.body).toBe(200);
    const v = byKey(res.json().indicators);
    expect(res.json().indicators.map((i: IndicatorValue) => i.key)).toEqual([...INDICATOR_KEYS]);
    expect(v.responseRate).toMatchObject({ numerator: 4, denominator: 6, format: 'ratio' });
    expect(v.responseRate!.value).toBeCloseTo(4 / 6, 10);
    expect(v.resolutionRate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(v.satisfactionRate).toMatchObject({ numerator: 3, denominator: 3, value: 1 });
    expect(v.onTimeHandlingRate).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(v.casesReceived).toMatchObject({ value: 6, numerator: 6, denominator: null, format: 'count' });
    expect(v.casesClosed!.value).toBe(3);
    expect(v.overdueOpen!.value).toBe(1);
  });

  it('the Asia/Shanghai day boundary: 1 April holds D\'s rating, closing and dispatch, 28 February holds E', async () => {
    const apr = byKey((await get(`/api/analytics/indicators?unitId=${fx.w.community.id}&from=2026-04-01&to=2026-04-01`)).json().indicators);
    expect(apr.casesReceived!.value).toBe(0);
    expect(apr.resolutionRate).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    expect(apr.casesClosed!.value).toBe(1);
    expect(apr.onTimeHandlingRate!.value).toBe(1);
    const feb = byKey((await get(`/api/analytics/indicators?unitId=${fx.w.community.id}&from=2026-02-28&to=2026-02-28`)).json().indicators);
    expect(feb.casesReceived!.value).toBe(1);
    expect(feb.responseRate!.value).toBe(1);
  });

  it('an empty period: ratios null, counts 0, overdueOpen still the present backlog', async () => {
    const res = await get(`/api/analytics/indicators?unitId=${fx.w.community.id}&from=2025-01-01&to=2025-01-31`);
    const v = byKey(res.json().indicators);
    for (const k of ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeHandlingRate'] as const) {
      expect(v[k]).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    }
    expect(v.casesReceived!.value).toBe(0);
    expect(v.overdueOpen!.value).toBe(1);
  });

  it('bad dates answer 400 naming the field; a unit outside the scope 404; no analytics.read 403', async () => {
    const bad = await get(`/api/analytics/indicators?unitId=${fx.w.community.id}&from=2026-02-30&to=2026-03-31`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'from' } });
    const rev = await get(`/api/analytics/breakdown?unitId=${fx.w.community.id}&from=2026-03-31&to=2026-03-01`);
    expect(rev.statusCode).toBe(400);
    expect(rev.json().error.details.field).toBe('to');
    const missing = await get(`/api/analytics/indicators?unitId=${fx.w.community.id}&from=2026-03-01`);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/to/);

    const cadre = await buildUser(t.ctx.db, { role: 'community_cadre', homeUnitId: fx.w.community.id });
    const cookie = await t.login(cadre.username, cadre.password);
    expect((await get(`/api/analytics/indicators?unitId=${fx.w.district.id}&from=2026-03-01&to=2026-03-31`, cookie)).statusCode).toBe(404);
    expect((await get(`/api/analytics/cockpit?unitId=${fx.w.district.id}`, cookie)).statusCode).toBe(404);
    expect((await get(`/api/analytics/cockpit/points?unitId=${fx.w.district.id}`, cookie)).statusCode).toBe(404);
    expect((await get(`/api/analytics/breakdown?unitId=${fx.w.town.id}&from=2026-03-01&to=2026-03-31`, cookie)).statusCode).toBe(404);
    const own = await get('/api/analytics/indicators?from=2026-03-01&to=2026-03-31', cookie);
    expect(own.statusCode).toBe(200);
    expect(own.json().unitId).toBe(String(fx.w.community.id));

    const worker = await buildUser(t.ctx.db, { role: 'grid_worker', homeUnitId: fx.w.grids[0]!.id });
    const wc = await t.login(worker.username, worker.password);
    expect((await get(`/api/analytics/cockpit?unitId=${fx.w.grids[0]!.id}`, wc)).statusCode).toBe(403);
  });

  it('breakdown: the community per grid, totals equal to the indicators, grids are leaves', async () => {
    const res = await get(`/api/analytics/breakdown?unitId=${fx.w.community.id}&from=2026-03-01&to=2026-03-31`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.rows.map((r: { unitId: string }) => r.unitId)).toEqual(fx.w.grids.map((g) => String(g.id)));
    const [g1, g2] = b.rows.map((r: { indicators: IndicatorValue[] }) => byKey(r.indicators));
    expect(g1.casesReceived.value).toBe(5);
    expect(g1.responseRate).toMatchObject({ numerator: 3, denominator: 5 });
    expect(g1.overdueOpen.value).toBe(1);
    expect(g2.casesReceived.value).toBe(1);
    expect(g2.resolutionRate.value).toBeNull();
    expect(b.rows.every((r: { hasChildren: boolean }) => !r.hasChildren)).toBe(true);
    expect(byKey(b.total.indicators).casesReceived!.value).toBe(6);
    const up = await get(`/api/analytics/breakdown?unitId=${fx.w.town.id}&from=2026-03-01&to=2026-03-31`);
    expect(up.json().rows).toEqual([expect.objectContaining({ unitId: String(fx.w.community.id), hasChildren: true })]);
  });

  it('cockpit: open matters by state, overdue list, department figures, grid counts (by code), emergency section', async () => {
    const res = await get(`/api/analytics/cockpit?unitId=${fx.w.community.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    const open = Object.fromEntries(c.counts.openByState.map((r: { key: string; count: number }) => [r.key, r.count]));
    expect(open).toEqual({ reported: 1, reopened: 1, suspended: 1, handled: 1 });
    expect(c.overdue.total).toBe(1);
    expect(c.overdue.items[0]).toMatchObject({ id: fx.ids.C, state: 'reported' });
    expect(c.overdue.items[0].overdueHours).toBeGreaterThan(24);
    expect(c.gridActivity.map((g: { gridId: string }) => g.gridId)).toEqual(fx.w.grids.map((g) => String(g.id)));
    expect(c.gridActivity[0].open).toBe(4);
    expect(c.emergency).toEqual({ active: [] });
    // In the fixture's month, the per-grid counts add up to the community's month figures (all its matters lie in grids).
    setNow(new Date('2026-03-31T12:00:00+08:00'));
    try {
      const m = (await get(`/api/analytics/cockpit?unitId=${fx.w.community.id}`)).json();
      const month = Object.fromEntries(m.indicators.month.map((i: { key: string; value: number }) => [i.key, i.value]));
      const sum = (k: string) => m.gridActivity.reduce((a: number, g: Record<string, number>) => a + g[k]!, 0);
      expect(month.casesReceived).toBeGreaterThan(0);
      expect({ received: sum('received'), closed: sum('closed') }).toEqual({ received: month.casesReceived, closed: month.casesClosed });
      // Matters received this month by current state, by channel and by category: three views of the same count.
      const total = (rows: { count: number }[]) => rows.reduce((a, r) => a + r.count, 0);
      expect([total(m.counts.byState), total(m.counts.byChannel), total(m.counts.byCategory)]).toEqual([month.casesReceived, month.casesReceived, month.casesReceived]);
      expect(m.counts.byCategory[0]).toMatchObject({ key: expect.any(String), nameZh: expect.any(String), count: expect.any(Number) });
      // The map's points: the open matters of the last 30 days, newest first, never a closed one.
      const pts = (await get(`/api/analytics/cockpit/points?unitId=${fx.w.community.id}`)).json();
      expect(pts.unitId).toBe(String(fx.w.community.id));
      const openIds = (await t.ctx.db.execute(sql`SELECT id::text FROM cases WHERE path <@ ${fx.w.community.path}::ltree
        AND state NOT IN ('closed', 'merged', 'rejected') AND location IS NOT NULL AND created_at >= ${new Date('2026-03-01T12:00:00+08:00')}`) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
      expect(pts.items.map((p: { id: string }) => p.id).sort()).toEqual(openIds.sort());
      expect(openIds.length).toBeGreaterThan(0);
    } finally {
      setNow(null);
    }
    // The breadcrumb chain, top first, ending with the community's town (names in both languages, nameEn may be null).
    expect(c.ancestors.slice(-2).map((u: { id: string; kind: string }) => [u.id, u.kind])).toEqual([[String(fx.w.district.id), 'district'], [String(fx.w.town.id), 'town']]);
    expect(c.ancestors[0]).toHaveProperty('nameEn');
    expect(c.indicators.today.map((i: IndicatorValue) => i.key)).toEqual([...INDICATOR_KEYS]);
    expect(c.party).not.toBeNull();
  });

  // Last in this block: it adds a matter and moves one.
  it('cockpit and indicators: finished days of the month reused for a minute, today live', async () => {
    setNow(new Date('2026-03-31T12:00:00+08:00'));
    forgetClosedDays();
    try {
      const cockpit = async () => (await get(`/api/analytics/cockpit?unitId=${fx.w.community.id}`)).json();
      const received = (list: IndicatorValue[]) => byKey(list).casesReceived!.value;
      const byState = (c: { counts: { byState: { key: string; count: number }[] } }) => Object.fromEntries(c.counts.byState.map((r) => [r.key, r.count]));
      const before = await cockpit();
      expect([received(before.indicators.today), received(before.indicators.month)]).toEqual([1, 6]);
      // A matter received today counts at once, today and in the month, on the cockpit and the indicators alike.
      await insertFixtureCase(t.ctx.db, fx.w, { key: 'J', state: 'reported', created: '2026-03-31T09:00:00+08:00' });
      const after = await cockpit();
      expect([received(after.indicators.today), received(after.indicators.month)]).toEqual([2, 7]);
      const ind = (await get(`/api/analytics/indicators?unitId=${fx.w.community.id}&from=2026-03-01&to=2026-03-31`)).json();
      expect(received(ind.indicators)).toBe(7);
      const bd = (await get(`/api/analytics/breakdown?unitId=${fx.w.community.id}&from=2026-03-01&to=2026-03-31`)).json();
      expect([received(bd.total.indicators), received(bd.rows[0].indicators), received(bd.rows[1].indicators)]).toEqual([7, 6, 1]);
      // C (received 3 March) is accepted: the open matters show it now, the month's "by state" within the minute.
      await t.ctx.db.execute(sql`UPDATE cases SET state = 'accepted' WHERE id = ${fx.ids.C}`);
      const soon = await cockpit();
      expect(Object.fromEntries(soon.counts.openByState.map((r: { key: string; count: number }) => [r.key, r.count]))).toMatchObject({ accepted: 1 });
      expect(byState(soon)).toEqual(byState(after));
      advance(CLOSED_DAYS_TTL_MS);
      const later = await cockpit();
      expect(byState(later).accepted).toBe((byState(after).accepted ?? 0) + 1);
      expect(byState(later).reported).toBe((byState(after).reported ?? 0) - 1);
    } finally {
      setNow(null);
    }
  });
});
