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
import { TERMINAL_SQL, departmentDispatchSums, indicatorValues, overdueWhere, rollupSumsFor, type AnalyticsUnit, type Period } from './indicators.service.js';

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

/**
 * GET /api/analytics/cockpit: everything the wall screen shows for one scope, in parallel queries that read
 * rollups for the day and month and only OPEN matters from `cases` (partial indexes), so the cost follows the
 * size of the scope's current work, not its history.
 */
export async function cockpitFor(tx: Tx, user: SessionUser, unit: AnalyticsUnit, now: Date): Promise<Cockpit> {
  const today = shanghaiDay(now);
  const month: Period = { from: `${today.slice(0, 8)}01`, to: today };
  const path = unit.path;
  const monthRange = sql`r.day BETWEEN ${month.from}::date AND ${month.to}::date`;
  const inScope = sql`u.path <@ ${path}::ltree`;

  const [chain, periodSums, stateRollup, openStates, overdue, overdueTotal, departments, grids, emergencies, party] = await Promise.all([
    queryRows<{ id: string; kind: string; name: string; name_en: string | null }>(tx, sql`
      SELECT id::text, kind, name, name_en FROM units WHERE path @> ${path}::ltree AND id <> ${Number(unit.id)} ORDER BY nlevel(path)`),
    rollupSumsFor(tx, path, [{ from: today, to: today }, month]),
    // One pass over the month's state rollups, two groupings: by state and channel, and by category.
    queryRows<{ state: string | null; channel: string | null; code: string | null; by_category: number; name_zh: string | null; name_en: string | null; n: number }>(tx, sql`
      SELECT g.state, g.channel, g.code, g.by_category, k.name_zh, k.name_en, g.n FROM (
        SELECT r.state, r.channel, r.category_code AS code, GROUPING(r.state)::int AS by_category, sum(r.n)::int AS n
        FROM case_state_rollups r JOIN units u ON u.id = r.unit_id
        WHERE ${inScope} AND ${monthRange} GROUP BY GROUPING SETS ((r.state, r.channel), (r.category_code))) g
      LEFT JOIN case_categories k ON g.by_category = 1 AND k.code = g.code`),
    queryRows<{ grid_id: string | null; state: string; n: number }>(tx, sql`
      SELECT grid_id::text, state, count(*)::int AS n FROM cases WHERE state NOT IN (${TERMINAL_SQL}) AND path <@ ${path}::ltree
      GROUP BY grid_id, state`),
    queryRows<{ id: string; tracking_no: string; title: string; state: string; category_code: string | null; grid_id: string | null; due_at: Date | string }>(tx, sql`
      SELECT id::text, tracking_no, title, state, category_code, grid_id::text, due_at FROM cases
      WHERE ${overdueWhere(path, now)} ORDER BY due_at, id LIMIT ${OVERDUE_LIST_LIMIT}`),
    queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM cases WHERE ${overdueWhere(path, now)}`),
    departmentDispatchSums(tx, path, month, 100),
    gridActivity(tx, path, month),
    activeEmergenciesAt(tx, path, { includeInside: true }),
    can(user.role, 'party.read') ? partyCoverage(tx, user, path, Number(today.slice(0, 4))) : Promise.resolve(null),
  ]);

  const [todaySums, monthSums] = [periodSums[0]!, periodSums[1]!];
  const states = stateRollup.filter((r) => r.by_category === 0).map((r) => ({ state: r.state!, channel: r.channel!, n: r.n }));
  const categories = stateRollup.filter((r) => r.by_category === 1 && n(r.n) !== 0)
    .sort((a, b) => n(b.n) - n(a.n) || String(a.code).localeCompare(String(b.code))).slice(0, 30);
  const overdueNow = n(overdueTotal[0]?.n);
  const openPerGrid = new Map<string, number>();
  for (const r of openStates) if (r.grid_id) openPerGrid.set(r.grid_id, (openPerGrid.get(r.grid_id) ?? 0) + n(r.n));
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
      openByState: tally(openStates.map((r) => ({ key: r.state as CaseState, n: r.n }))),
    },
    overdue: {
      total: overdueNow,
      items: overdue.map((r) => ({
        id: r.id, trackingNo: r.tracking_no, title: r.title, state: r.state as CaseState, categoryCode: r.category_code, gridId: r.grid_id,
        dueAt: iso(r.due_at), overdueHours: Math.floor((now.getTime() - new Date(r.due_at).getTime()) / 3_600_000),
      })),
    },
    departments: departments.map((d) => ({
      departmentId: d.departmentId, name: d.name, nameEn: d.nameEn, received: d.sent, handled: d.handled, onTime: d.handledOnTime,
      onTimeRate: ratio(d.handledOnTime, d.handled),
    })),
    gridActivity: grids.map((g) => ({ ...g, open: openPerGrid.get(g.gridId) ?? 0 })),
    party,
    emergency: {
      active: emergencies.map((e) => ({
        id: e.id, level: e.level, incidentType: e.incidentType, title: e.title, unitId: e.unitId, unitName: e.unitName, declaredAt: e.declaredAt,
      })),
    },
  };
}

/** Plain counts per grid, ordered by grid code (never ranked: DOMAIN.md §9). */
async function gridActivity(tx: Tx, path: string, month: Period): Promise<Omit<Cockpit['gridActivity'][number], 'open'>[]> {
  // One pass over the month's rollup rows of these grids (covering day indexes, migration 0016), not three
  // look-ups per grid.
  const inMonth = sql`r.day BETWEEN ${month.from}::date AND ${month.to}::date`;
  const rows = await queryRows<{ id: string; code: string; name: string; name_en: string | null; field: number; received: number; closed: number }>(tx, sql`
    WITH g AS (
      SELECT id, code, name, name_en FROM units WHERE kind = 'grid' AND valid_to IS NULL AND path <@ ${path}::ltree
      ORDER BY code, id LIMIT ${GRID_ACTIVITY_LIMIT}),
    s AS (
      SELECT r.unit_id, sum(r.n) FILTER (WHERE r.channel = 'field') AS field FROM case_state_rollups r
      WHERE r.unit_id IN (SELECT id FROM g) AND ${inMonth} GROUP BY r.unit_id),
    d AS (
      SELECT r.unit_id, sum(r.received) AS received, sum(r.closed) AS closed FROM case_daily_rollups r
      WHERE r.unit_id IN (SELECT id FROM g) AND ${inMonth} GROUP BY r.unit_id)
    SELECT g.id::text, g.code, g.name, g.name_en,
      COALESCE(s.field, 0)::int AS field, COALESCE(d.received, 0)::int AS received, COALESCE(d.closed, 0)::int AS closed
    FROM g LEFT JOIN s ON s.unit_id = g.id LEFT JOIN d ON d.unit_id = g.id
    ORDER BY g.code, g.id`);
  return rows.map((r) => ({
    gridId: r.id, code: r.code, name: r.name, nameEn: r.name_en, fieldReports: n(r.field), received: n(r.received), closed: n(r.closed),
  }));
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
