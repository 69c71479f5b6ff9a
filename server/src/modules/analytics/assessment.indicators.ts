import { sql } from 'drizzle-orm';
import { ASSESSED_INDICATORS, SATISFIED_ANSWERS, WORKING_STATES, ratio, type AssessmentWeights, type IndicatorValues } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { Period } from './assessment.period.js';

/**
 * Indicators per unit and per department for the reports. The formulas are those of common/src/indicators.ts
 * (INDICATORS): responseRate by the day received, resolution/satisfaction by the day rated (unrated closes left
 * out), onTimeHandlingRate by the day a dispatch was handled (approved extensions move handle_due_at), casesClosed
 * = closed in the period and still closed, overdueOpen = working states past due_at now.
 * NOTE: computed here over cases with plain SQL (grouped by child unit / department in one pass each), because
 * the reports rank many units at once; keep these in step with indicators.ts if a definition changes.
 */
const SATISFIED = sql.raw(SATISFIED_ANSWERS.map((s) => `'${s}'`).join(','));
const WORKING = sql.raw(WORKING_STATES.map((s) => `'${s}'`).join(','));

export const emptyValues = (): IndicatorValues => ({
  responseRate: null, resolutionRate: null, satisfactionRate: null, onTimeHandlingRate: null, casesReceived: 0, casesClosed: 0, overdueOpen: 0,
});

interface Raw {
  k: string; received: number; responded: number; rated: number; solved: number; satisfied: number;
  closed: number; overdue: number; handled: number; on_time: number;
}
const blank = (k: string): Raw => ({ k, received: 0, responded: 0, rated: 0, solved: 0, satisfied: 0, closed: 0, overdue: 0, handled: 0, on_time: 0 });

function toValues(r: Raw): IndicatorValues {
  return {
    responseRate: ratio(r.responded, r.received), resolutionRate: ratio(r.solved, r.rated),
    satisfactionRate: ratio(r.satisfied, r.rated), onTimeHandlingRate: ratio(r.on_time, r.handled),
    casesReceived: r.received, casesClosed: r.closed, overdueOpen: r.overdue,
  };
}

function merge(rows: Partial<Raw>[][], keys: string[]): Map<string, IndicatorValues> {
  const acc = new Map(keys.map((k) => [k, blank(k)]));
  for (const set of rows) {
    for (const r of set) {
      const a = acc.get(String(r.k));
      if (!a) continue;
      for (const [f, v] of Object.entries(r)) if (f !== 'k') (a as unknown as Record<string, number>)[f] = Number(v);
    }
  }
  return new Map([...acc].map(([k, r]) => [k, toValues(r)]));
}

/** Indicators of each unit (by id) over its whole subtree. */
export async function unitIndicators(tx: Tx, units: { id: string; path: string }[], p: Period, now: Date): Promise<Map<string, IndicatorValues>> {
  if (units.length === 0) return new Map();
  const ids = sql.raw(units.map((u) => `${Number(u.id)}`).join(','));
  const u = sql`(SELECT id::text AS k, path FROM units WHERE id IN (${ids}))`;
  const [recv, rated, closed, overdue, handled] = await Promise.all([
    queryRows<Partial<Raw>>(tx, sql`SELECT u.k, count(*)::int AS received,
        count(*) FILTER (WHERE c.first_response_at IS NOT NULL AND c.first_response_at <= c.response_due_at)::int AS responded
      FROM ${u} u JOIN cases c ON c.path <@ u.path WHERE c.created_at >= ${p.start} AND c.created_at < ${p.end} GROUP BY u.k`),
    queryRows<Partial<Raw>>(tx, sql`SELECT u.k, count(*)::int AS rated, count(*) FILTER (WHERE c.resolved)::int AS solved,
        count(*) FILTER (WHERE c.satisfaction IN (${SATISFIED}))::int AS satisfied
      FROM ${u} u JOIN cases c ON c.path <@ u.path
      WHERE c.rated_at >= ${p.start} AND c.rated_at < ${p.end} AND NOT c.unrated AND c.satisfaction IS NOT NULL GROUP BY u.k`),
    queryRows<Partial<Raw>>(tx, sql`SELECT u.k, count(*)::int AS closed FROM ${u} u JOIN cases c ON c.path <@ u.path
      WHERE c.closed_at >= ${p.start} AND c.closed_at < ${p.end} AND c.state = 'closed' GROUP BY u.k`),
    queryRows<Partial<Raw>>(tx, sql`SELECT u.k, count(*)::int AS overdue FROM ${u} u JOIN cases c ON c.path <@ u.path
      WHERE c.state IN (${WORKING}) AND c.due_at < ${now} GROUP BY u.k`),
    queryRows<Partial<Raw>>(tx, sql`SELECT u.k, count(*)::int AS handled, count(*) FILTER (WHERE d.handled_at <= d.handle_due_at)::int AS on_time
      FROM ${u} u JOIN cases c ON c.path <@ u.path JOIN case_dispatches d ON d.case_id = c.id
      WHERE d.handled_at >= ${p.start} AND d.handled_at < ${p.end} GROUP BY u.k`),
  ]);
  return merge([recv, rated, closed, overdue, handled], units.map((x) => String(x.id)));
}

/**
 * Indicators of each department over the cases under `scopePath`: its dispatches for onTimeHandlingRate and
 * overdueOpen (open dispatches past their handling deadline), the cases it led (lead dispatch) for the others.
 */
export async function departmentIndicators(tx: Tx, departmentIds: string[], scopePath: string, p: Period, now: Date): Promise<Map<string, IndicatorValues>> {
  if (departmentIds.length === 0) return new Map();
  const ids = sql.raw(departmentIds.map((d) => `${Number(d)}`).join(','));
  const led = sql`(SELECT dep.k, c.created_at, c.first_response_at, c.response_due_at, c.rated_at, c.unrated, c.satisfaction, c.resolved,
      c.closed_at, c.state
    FROM (SELECT id, id::text AS k FROM departments WHERE id IN (${ids})) dep
    JOIN cases c ON EXISTS (SELECT 1 FROM case_dispatches d WHERE d.case_id = c.id AND d.department_id = dep.id AND d.role = 'lead')
    WHERE c.path <@ ${scopePath}::ltree)`;
  const [recv, rated, closed, disp] = await Promise.all([
    queryRows<Partial<Raw>>(tx, sql`SELECT c.k, count(*)::int AS received,
        count(*) FILTER (WHERE c.first_response_at IS NOT NULL AND c.first_response_at <= c.response_due_at)::int AS responded
      FROM ${led} c WHERE c.created_at >= ${p.start} AND c.created_at < ${p.end} GROUP BY c.k`),
    queryRows<Partial<Raw>>(tx, sql`SELECT c.k, count(*)::int AS rated, count(*) FILTER (WHERE c.resolved)::int AS solved,
        count(*) FILTER (WHERE c.satisfaction IN (${SATISFIED}))::int AS satisfied
      FROM ${led} c WHERE c.rated_at >= ${p.start} AND c.rated_at < ${p.end} AND NOT c.unrated AND c.satisfaction IS NOT NULL GROUP BY c.k`),
    queryRows<Partial<Raw>>(tx, sql`SELECT c.k, count(*)::int AS closed FROM ${led} c
      WHERE c.closed_at >= ${p.start} AND c.closed_at < ${p.end} AND c.state = 'closed' GROUP BY c.k`),
    queryRows<Partial<Raw>>(tx, sql`SELECT d.department_id::text AS k,
        count(*) FILTER (WHERE d.handled_at >= ${p.start} AND d.handled_at < ${p.end})::int AS handled,
        count(*) FILTER (WHERE d.handled_at >= ${p.start} AND d.handled_at < ${p.end} AND d.handled_at <= d.handle_due_at)::int AS on_time,
        count(*) FILTER (WHERE d.handled_at IS NULL AND d.returned_at IS NULL AND c.state IN (${WORKING}) AND d.handle_due_at < ${now})::int AS overdue
      FROM case_dispatches d JOIN cases c ON c.id = d.case_id
      WHERE d.department_id IN (${ids}) AND c.path <@ ${scopePath}::ltree GROUP BY d.department_id`),
  ]);
  return merge([recv, rated, closed, disp], departmentIds);
}

/** 0–100 governance score: weighted mean of the rates that have a denominator; null when none has. */
export function governanceScore(v: IndicatorValues, w: AssessmentWeights): number | null {
  let sum = 0;
  let weight = 0;
  for (const k of ASSESSED_INDICATORS) {
    const r = v[k];
    const wk = w.indicatorWeights[k];
    if (r === null || wk <= 0) continue;
    sum += wk * r;
    weight += wk;
  }
  return weight > 0 ? round1((100 * sum) / weight) : null;
}

/** A department's score: its indicator score and the streets' average rating, weighted by departmentRatingWeight. */
export function departmentScore(indicatorScore: number | null, rating: number | null, w: AssessmentWeights): number | null {
  if (indicatorScore === null) return rating === null ? null : round1(rating);
  if (rating === null) return indicatorScore;
  return round1((1 - w.departmentRatingWeight) * indicatorScore + w.departmentRatingWeight * rating);
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;
