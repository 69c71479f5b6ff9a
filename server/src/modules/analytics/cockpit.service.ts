import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import {
  GRID_ACTIVITY_LIMIT, MAP_POINTS_DAYS, MAP_POINTS_LIMIT, OVERDUE_LIST_LIMIT, can, ratio, type CaseState, type Channel, type Cockpit, type CockpitPoints,
} from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { SessionUser } from '../../lib/scope.js';
import { shanghaiDay } from '../catalogue/deadlines.js';
import { activeEmergenciesAt } from '../emergency/wartime.js';
import { coverage } from '../party/coverage.service.js';
import { closedDaysThenLive } from './closed-days.js';
import {
  TERMINAL_SQL, addDepartmentRows, addSums, caseRollupSums, departmentList, departmentRollupRows, indicatorValues, overdueWhere,
  type AnalyticsUnit, type DepartmentDispatchSums, type Period,
} from './indicators.service.js';

const n = (v: unknown) => Number(v ?? 0);

/**
 * Party coverage changes by the day (organisations, members, training), not by the second, and it does not follow
 * matters: the wall screen shows it at most a minute old instead of four queries on every refresh. Keyed by the
 * viewer's scope, the unit and the year.
 */
const PARTY_TTL_MS = 60_000;
const partyCache = new LRUCache<string, Awaited<ReturnType<typeof coverage>>>({ max: 1000, ttl: PARTY_TTL_MS });
async function partyCoverage(tx: Tx, user: SessionUser, path: string, year: number) {
  const key = `${user.scopePath ?? '*'}|${path}|${year}`;
  const hit = partyCache.get(key);
  if (hit) return hit;
  const value = await coverage(tx, user, path, year);
  partyCache.set(key, value);
  return value;
}
const iso = (v: Date | string) => new Date(v).toISOString();

type StateGroup = { state: string | null; channel: string | null; code: string | null; by_category: number; name_zh: string | null; name_en: string | null; n: number };
type GridStats = { id: string; code: string; name: string; name_en: string | null; field: number; received: number; closed: number };

/**
 * GET /api/analytics/cockpit: everything the wall screen shows for one scope, in parallel queries. Month figures
 * come from the rollups: the month's finished days reused for up to a minute, today's read live and added
 * (closed-days.ts), so a refresh costs about one day of rollup rows whatever the day of the month; figures of the
 * present read only OPEN matters from `cases` (partial indexes). The cost follows the size of the scope's current
 * work, not its history.
 */
export async function cockpitFor(tx: Tx, user: SessionUser, unit: AnalyticsUnit, now: Date): Promise<Cockpit> {
  const today = shanghaiDay(now);
  const month: Period = { from: `${today.slice(0, 8)}01`, to: today };
  const path = unit.path;
  const split = <T>(what: string, read: (q: Period) => Promise<T>, add: (a: T, b: T) => T) =>
    closedDaysThenLive({ key: `${what}|${path}`, period: month, today, now, read, add });

  const [chain, caseSums, stateRollup, open, overdue, overdueTotal, departments, grids, emergencies, party] = await Promise.all([
    queryRows<{ id: string; kind: string; name: string; name_en: string | null }>(tx, sql`
      SELECT id::text, kind, name, name_en FROM units WHERE path @> ${path}::ltree AND id <> ${Number(unit.id)} ORDER BY nlevel(path)`),
    split('case-sums', (q) => caseRollupSums(tx, path, q), addSums),
    split('state-groups', (q) => stateGroups(tx, path, q), addStateGroups),
    // Open matters by state, and by grid (for the grid table), in one pass over the open-matters index.
    queryRows<{ grid_id: string | null; state: string | null; by_grid: number; n: number }>(tx, sql`
      SELECT grid_id::text, state, GROUPING(state)::int AS by_grid, count(*)::int AS n FROM cases
      WHERE state NOT IN (${TERMINAL_SQL}) AND path <@ ${path}::ltree GROUP BY GROUPING SETS ((grid_id), (state))`),
    queryRows<{ id: string; tracking_no: string; title: string; state: string; category_code: string | null; grid_id: string | null; due_at: Date | string }>(tx, sql`
      SELECT id::text, tracking_no, title, state, category_code, grid_id::text, due_at FROM cases
      WHERE ${overdueWhere(path, now)} ORDER BY due_at, id LIMIT ${OVERDUE_LIST_LIMIT}`),
    queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM cases WHERE ${overdueWhere(path, now)}`),
    // Every department's dispatches in the scope: the department table, and summed, the on-time handling rate.
    split('departments', (q) => departmentRollupRows(tx, path, q), addDepartmentRows),
    split('grids', (q) => gridStats(tx, path, q), addGridStats),
    activeEmergenciesAt(tx, path, { includeInside: true }),
    can(user.role, 'party.read') ? partyCoverage(tx, user, path, Number(today.slice(0, 4))) : Promise.resolve(null),
  ]);

  // The month always ends today, so the live part is exactly today.
  const handledSums = (rows: DepartmentDispatchSums[] | null) => ({
    handled: (rows ?? []).reduce((a, r) => a + r.handled, 0), handledOnTime: (rows ?? []).reduce((a, r) => a + r.handledOnTime, 0),
  });
  const todaySums = { ...(caseSums.live ?? caseSumsZero), ...handledSums(departments.live) };
  const monthSums = { ...caseSums.all, ...handledSums(departments.all) };
  const states = stateRollup.all.filter((r) => r.by_category === 0).map((r) => ({ state: r.state!, channel: r.channel!, n: r.n }));
  const categories = stateRollup.all.filter((r) => r.by_category === 1 && n(r.n) !== 0)
    .sort((a, b) => n(b.n) - n(a.n) || String(a.code).localeCompare(String(b.code))).slice(0, 30);
  const overdueNow = n(overdueTotal[0]?.n);
  const openPerGrid = new Map(open.filter((r) => r.by_grid === 1 && r.grid_id).map((r) => [r.grid_id!, n(r.n)]));
  const tally = <K extends string>(rows: { key: K; n: number }[]) => {
    const m = new Map<K, number>();
    for (const r of rows) m.set(r.key, (m.get(r.key) ?? 0) + n(r.n));
    return [...m].filter(([, c]) => c !== 0).map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  };
  return {
    unitId: unit.id, unitName: unit.name, unitNameEn: unit.nameEn ?? null, unitKind: unit.kind,
    ancestors: chain.map((a) => ({ id: a.id, kind: a.kind, name: a.name, nameEn: a.name_en })), today, monthStart: month.from, generatedAt: now.toISOString(),
    indicators: { today: indicatorValues({ ...todaySums, overdue: overdueNow }), month: indicatorValues({ ...monthSums, overdue: overdueNow }) },
    counts: {
      byState: tally(states.map((r) => ({ key: r.state as CaseState, n: r.n }))),
      byChannel: tally(states.map((r) => ({ key: r.channel as Channel, n: r.n }))),
      byCategory: categories.map((r) => ({ key: r.code ?? '', nameZh: r.name_zh ?? r.code ?? '', nameEn: r.name_en ?? r.code ?? '', count: n(r.n) })),
      openByState: tally(open.filter((r) => r.by_grid === 0).map((r) => ({ key: r.state as CaseState, n: r.n }))),
    },
    overdue: {
      total: overdueNow,
      items: overdue.map((r) => ({
        id: r.id, trackingNo: r.tracking_no, title: r.title, state: r.state as CaseState, categoryCode: r.category_code, gridId: r.grid_id,
        dueAt: iso(r.due_at), overdueHours: Math.floor((now.getTime() - new Date(r.due_at).getTime()) / 3_600_000),
      })),
    },
    departments: departmentList(departments.all, 100).map((d) => ({
      departmentId: d.departmentId, name: d.name, nameEn: d.nameEn, received: d.sent, handled: d.handled, onTime: d.handledOnTime,
      onTimeRate: ratio(d.handledOnTime, d.handled),
    })),
    // Plain counts per grid, ordered by grid code (never ranked: DOMAIN.md §9).
    gridActivity: grids.all.map((g) => ({
      gridId: g.id, code: g.code, name: g.name, nameEn: g.name_en, fieldReports: n(g.field), received: n(g.received), closed: n(g.closed),
      open: openPerGrid.get(g.id) ?? 0,
    })),
    party,
    emergency: {
      active: emergencies.map((e) => ({
        id: e.id, level: e.level, incidentType: e.incidentType, title: e.title, unitId: e.unitId, unitName: e.unitName, declaredAt: e.declaredAt,
      })),
    },
  };
}

const caseSumsZero = { received: 0, respondedOnTime: 0, rated: 0, solved: 0, satisfied: 0, closed: 0 };

/** Matters received in the period by current state and channel, and by category: one pass, two groupings. */
function stateGroups(tx: Tx, path: string, q: Period): Promise<StateGroup[]> {
  return queryRows<StateGroup>(tx, sql`
    SELECT g.state, g.channel, g.code, g.by_category, k.name_zh, k.name_en, g.n FROM (
      SELECT r.state, r.channel, r.category_code AS code, GROUPING(r.state)::int AS by_category, sum(r.n)::int AS n
      FROM case_state_rollups r JOIN units u ON u.id = r.unit_id
      WHERE u.path <@ ${path}::ltree AND r.day BETWEEN ${q.from}::date AND ${q.to}::date
      GROUP BY GROUPING SETS ((r.state, r.channel), (r.category_code))) g
    LEFT JOIN case_categories k ON g.by_category = 1 AND k.code = g.code`);
}

function addStateGroups(a: StateGroup[], b: StateGroup[]): StateGroup[] {
  const key = (r: StateGroup) => `${r.by_category}|${r.state}|${r.channel}|${r.code}`;
  const m = new Map(a.map((r) => [key(r), { ...r }]));
  for (const r of b) {
    const x = m.get(key(r));
    if (x) x.n = n(x.n) + n(r.n);
    else m.set(key(r), { ...r });
  }
  return [...m.values()];
}

/**
 * The scope's first GRID_ACTIVITY_LIMIT grids by code with their field reports, matters received and closed in the
 * period: one pass over the period's rollup rows of these grids (covering day indexes, migration 0016).
 */
function gridStats(tx: Tx, path: string, q: Period): Promise<GridStats[]> {
  const inPeriod = sql`r.day BETWEEN ${q.from}::date AND ${q.to}::date`;
  return queryRows<GridStats>(tx, sql`
    WITH g AS (
      SELECT id, code, name, name_en FROM units WHERE kind = 'grid' AND valid_to IS NULL AND path <@ ${path}::ltree
      ORDER BY code, id LIMIT ${GRID_ACTIVITY_LIMIT}),
    s AS (
      SELECT r.unit_id, sum(r.n) FILTER (WHERE r.channel = 'field') AS field FROM case_state_rollups r
      WHERE r.unit_id IN (SELECT id FROM g) AND ${inPeriod} GROUP BY r.unit_id),
    d AS (
      SELECT r.unit_id, sum(r.received) AS received, sum(r.closed) AS closed FROM case_daily_rollups r
      WHERE r.unit_id IN (SELECT id FROM g) AND ${inPeriod} GROUP BY r.unit_id)
    SELECT g.id::text, g.code, g.name, g.name_en,
      COALESCE(s.field, 0)::int AS field, COALESCE(d.received, 0)::int AS received, COALESCE(d.closed, 0)::int AS closed
    FROM g LEFT JOIN s ON s.unit_id = g.id LEFT JOIN d ON d.unit_id = g.id
    ORDER BY g.code, g.id`);
}

/** The live read's grid list (current), each with the finished days' counts added. */
function addGridStats(closed: GridStats[], live: GridStats[]): GridStats[] {
  const before = new Map(closed.map((g) => [g.id, g]));
  return live.map((g) => {
    const c = before.get(g.id);
    return c ? { ...g, field: n(g.field) + n(c.field), received: n(g.received) + n(c.received), closed: n(g.closed) + n(c.closed) } : g;
  });
}

/** The cockpit map's points (GET /api/analytics/cockpit/points), from the covering open-by-date index (migration 0017). */
export async function cockpitPoints(tx: Tx, unit: AnalyticsUnit, now: Date): Promise<CockpitPoints> {
  const rows = await queryRows<{ id: string; lat: number; lng: number; state: string; category_code: string | null }>(tx, sql`
    SELECT id::text, ST_Y(location) AS lat, ST_X(location) AS lng, state, category_code FROM cases
    WHERE state NOT IN (${TERMINAL_SQL}) AND created_at >= ${new Date(now.getTime() - MAP_POINTS_DAYS * 86_400_000)}
      AND location IS NOT NULL AND path <@ ${unit.path}::ltree
    ORDER BY created_at DESC LIMIT ${MAP_POINTS_LIMIT}`);
  return {
    unitId: unit.id,
    items: rows.map((p) => ({ id: p.id, lat: n(p.lat), lng: n(p.lng), state: p.state as CaseState, categoryCode: p.category_code })),
  };
}
