import { sql, type SQL } from 'drizzle-orm';
import {
  INDICATORS, INDICATOR_KEYS, MAX_PERIOD_DAYS, WORKING_STATES, ratio, type IndicatorKey, type IndicatorValue,
} from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { AppError } from '../../lib/errors.js';
import { shanghaiDay } from '../catalogue/deadlines.js';
import { closedDaysThenLive } from './closed-days.js';
import type { SessionUser } from '../../lib/scope.js';

/**
 * The indicators of common/src/indicators.ts computed from the rollups (schema/analytics.ts) summed up the unit
 * tree: `units.path <@ scope` joined to the rollup rows of the period. overdueOpen is a figure of the present and
 * reads only working matters through the partial index cases_working_due_path_idx (migration 0016).
 */

export interface Period { from: string; to: string }
export interface AnalyticsUnit { id: string; code: string; name: string; nameEn?: string | null; kind: string; path: string }

/** Raw counters behind the indicators, for one scope and period. */
export interface IndicatorSums {
  received: number; respondedOnTime: number; rated: number; solved: number; satisfied: number; closed: number;
  handled: number; handledOnTime: number; overdue: number;
}
export const emptySums = (): IndicatorSums => ({
  received: 0, respondedOnTime: 0, rated: 0, solved: 0, satisfied: 0, closed: 0, handled: 0, handledOnTime: 0, overdue: 0,
});

export const WORKING_SQL = sql.raw(WORKING_STATES.map((s) => `'${s}'`).join(', '));
export const TERMINAL_SQL = sql.raw(`'closed', 'merged', 'rejected'`);

const badDate = (field: 'from' | 'to', message: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, { field, issues: [{ field: `querystring.${field}`, message }] });

function realDay(field: 'from' | 'to', v: string): number {
  const t = Date.parse(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v) {
    throw badDate(field, `${v} is not a calendar day (YYYY-MM-DD)`);
  }
  return t;
}

/** Checks that both days exist, from ≤ to, and the span stays within MAX_PERIOD_DAYS. */
export function checkPeriod(from: string, to: string): Period {
  const f = realDay('from', from);
  const t = realDay('to', to);
  if (f > t) throw badDate('to', `must not be before from (${from})`);
  if ((t - f) / 86_400_000 + 1 > MAX_PERIOD_DAYS) throw badDate('to', `the period may cover at most ${MAX_PERIOD_DAYS} days`);
  return { from, to };
}

/** The unit asked for (404 outside the caller's scope), or the caller's home unit, or the top unit for a global admin. */
export async function analyticsUnit(tx: Tx, user: SessionUser, unitId?: string): Promise<AnalyticsUnit> {
  const scope = user.scopePath === null ? sql`true` : sql`path <@ ${user.scopePath}::ltree`;
  const pick = unitId ? sql`id = ${Number(unitId)}`
    : user.homeUnitId != null ? sql`id = ${user.homeUnitId}` : sql`parent_id IS NULL`;
  const [u] = await queryRows<AnalyticsUnit>(tx, sql`
    SELECT id::text, code, name, name_en AS "nameEn", kind, path::text AS path FROM units
    WHERE ${pick} AND valid_to IS NULL AND ${scope} ORDER BY nlevel(path), id LIMIT 1`);
  if (!u) throw new AppError('NOT_FOUND', `unit ${unitId ?? user.homeUnitId ?? ''} not found`, { field: 'unitId', id: unitId ?? null });
  return u;
}

const num = (v: unknown) => Number(v ?? 0);

type CaseSums = Pick<IndicatorSums, 'received' | 'respondedOnTime' | 'rated' | 'solved' | 'satisfied' | 'closed'>;
type DispatchSums = Pick<IndicatorSums, 'handled' | 'handledOnTime'>;
export type RollupSums = CaseSums & DispatchSums;

/** Case rollup sums for the subtree at `path` over the period (both bounds inclusive, Asia/Shanghai days), from the covering day index (migration 0016). */
export async function caseRollupSums(tx: Tx, path: string, p: Period): Promise<CaseSums> {
  const [c] = await queryRows<Record<string, unknown>>(tx, sql`
    SELECT sum(r.received) AS received, sum(r.responded_on_time) AS responded, sum(r.rated) AS rated, sum(r.solved) AS solved,
      sum(r.satisfied) AS satisfied, sum(r.closed) AS closed
    FROM case_daily_rollups r JOIN units u ON u.id = r.unit_id
    WHERE u.path <@ ${path}::ltree AND r.day BETWEEN ${p.from}::date AND ${p.to}::date`);
  return {
    received: num(c?.received), respondedOnTime: num(c?.responded), rated: num(c?.rated), solved: num(c?.solved),
    satisfied: num(c?.satisfied), closed: num(c?.closed),
  };
}

/** Rollup sums for the subtree at `path` over the period: cases, and dispatches handled (on time). */
export async function rollupSums(tx: Tx, path: string, p: Period): Promise<RollupSums> {
  const [c, [d]] = await Promise.all([
    caseRollupSums(tx, path, p),
    queryRows<{ handled: number; on_time: number }>(tx, sql`
      SELECT sum(r.handled) AS handled, sum(r.handled_on_time) AS on_time FROM dispatch_daily_rollups r JOIN units u ON u.id = r.unit_id
      WHERE u.path <@ ${path}::ltree AND r.day BETWEEN ${p.from}::date AND ${p.to}::date`),
  ]);
  return { ...c, handled: num(d?.handled), handledOnTime: num(d?.on_time) };
}

/** Counter by counter a + b (the same keys in both). */
export function addSums<T extends Partial<Record<keyof IndicatorSums, number>>>(a: T, b: T): T {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof T)[]) (out[k] as number) = ((a[k] as number) ?? 0) + ((b[k] as number) ?? 0);
  return out;
}

export interface DepartmentDispatchSums {
  departmentId: string; code: string; name: string; nameEn: string | null; sent: number; handled: number; handledOnTime: number;
}

/**
 * Dispatches sent, handled and handled on time per department over the cases of the subtree at `path`, from the
 * dispatch rollups (the onTimeHandlingRate of indicators.ts: handled in the period, on time when handled before the
 * extended deadline). The cockpit's department table and the reports' department figures both read this, so the
 * wall screen and the bulletin never disagree. Departments with nothing sent or handled are left out; by code.
 */
export async function departmentDispatchSums(tx: Tx, path: string, p: Period, limit = 1000): Promise<DepartmentDispatchSums[]> {
  return departmentList(await departmentRollupRows(tx, path, p), limit);
}

/** Every department's dispatch sums in the subtree and period, zeros included and unordered (departmentList finishes them). */
export async function departmentRollupRows(tx: Tx, path: string, p: Period): Promise<DepartmentDispatchSums[]> {
  const rows = await queryRows<{ id: string; code: string; name: string; name_en: string | null; sent: number; handled: number; on_time: number }>(tx, sql`
    SELECT d.id::text, d.code, d.name_zh AS name, d.name_en, s.sent, s.handled, s.on_time FROM (
      SELECT r.department_id, sum(r.sent)::int AS sent, sum(r.handled)::int AS handled, sum(r.handled_on_time)::int AS on_time
      FROM dispatch_daily_rollups r JOIN units u ON u.id = r.unit_id
      WHERE u.path <@ ${path}::ltree AND r.day BETWEEN ${p.from}::date AND ${p.to}::date GROUP BY r.department_id) s
    JOIN departments d ON d.id = s.department_id`);
  return rows.map((r) => ({
    departmentId: r.id, code: r.code, name: r.name, nameEn: r.name_en, sent: num(r.sent), handled: num(r.handled), handledOnTime: num(r.on_time),
  }));
}

/** Two sets of department rows added up per department. */
export function addDepartmentRows(a: DepartmentDispatchSums[], b: DepartmentDispatchSums[]): DepartmentDispatchSums[] {
  const m = new Map(a.map((r) => [r.departmentId, { ...r }]));
  for (const r of b) {
    const x = m.get(r.departmentId);
    if (x) Object.assign(x, { sent: x.sent + r.sent, handled: x.handled + r.handled, handledOnTime: x.handledOnTime + r.handledOnTime });
    else m.set(r.departmentId, { ...r });
  }
  return [...m.values()];
}

/** Departments that sent or handled anything, by code, at most `limit`. */
export function departmentList(rows: DepartmentDispatchSums[], limit: number): DepartmentDispatchSums[] {
  return rows.filter((r) => r.sent !== 0 || r.handled !== 0)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : Number(a.departmentId) - Number(b.departmentId))).slice(0, limit);
}

/** Matters still being worked on whose handling deadline has passed at `now`, in the subtree at `path`. */
export function overdueWhere(path: string, now: Date): SQL {
  return sql`state IN (${WORKING_SQL}) AND due_at < ${now} AND path <@ ${path}::ltree`;
}

export async function overdueCount(tx: Tx, path: string, now: Date): Promise<number> {
  const [r] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM cases WHERE ${overdueWhere(path, now)}`);
  return num(r?.n);
}

/** The indicator list (INDICATOR_KEYS order) from raw counters: ratios null when nothing is in the denominator. */
export function indicatorValues(s: IndicatorSums): IndicatorValue[] {
  const parts: Record<IndicatorKey, [number, number | null]> = {
    responseRate: [s.respondedOnTime, s.received],
    resolutionRate: [s.solved, s.rated],
    satisfactionRate: [s.satisfied, s.rated],
    onTimeHandlingRate: [s.handledOnTime, s.handled],
    casesReceived: [s.received, null],
    casesClosed: [s.closed, null],
    overdueOpen: [s.overdue, null],
  };
  return INDICATOR_KEYS.map((key) => {
    const [n, d] = parts[key];
    const format = INDICATORS[key].format;
    return { key, format, numerator: n, denominator: d, value: format === 'ratio' ? ratio(n, d ?? 0) : n };
  });
}

/** The indicators of a unit's subtree over a period, straight from the rollups (reports). */
export async function indicatorsFor(tx: Tx, unit: AnalyticsUnit, p: Period, now: Date): Promise<IndicatorValue[]> {
  const [sums, overdue] = await Promise.all([rollupSums(tx, unit.path, p), overdueCount(tx, unit.path, now)]);
  return indicatorValues({ ...sums, overdue });
}

/**
 * GET /api/analytics/indicators and the breakdown's total: as indicatorsFor, the period's finished days reused for
 * up to a minute (closed-days.ts), today and the overdue backlog live.
 */
export async function screenIndicators(tx: Tx, unit: AnalyticsUnit, p: Period, now: Date): Promise<IndicatorValue[]> {
  const [sums, overdue] = await Promise.all([
    closedDaysThenLive({ key: `sums|${unit.path}`, period: p, today: shanghaiDay(now), now, read: (q) => rollupSums(tx, unit.path, q), add: addSums }),
    overdueCount(tx, unit.path, now),
  ]);
  return indicatorValues({ ...sums.all, overdue });
}
