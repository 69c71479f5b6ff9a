import { sql } from 'drizzle-orm';
import { ASSESSED_INDICATORS, SATISFIED_ANSWERS, WORKING_STATES, ratio, type AssessmentWeights, type IndicatorValues } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { departmentDispatchSums, indicatorsFor } from './indicators.service.js';
import type { Period } from './assessment.period.js';

/**
 * Indicators per unit and per department for the reports, as defined once in common/src/indicators.ts.
 * Units: A's indicator service (rollups summed up the unit tree, `indicatorsFor` via ./index.ts), one call per unit.
 * Departments: onTimeHandlingRate from the dispatch rollups through `departmentDispatchSums`, the very figures the
 * cockpit's department table shows. The other rates are over the cases each department led (lead dispatch), in SQL
 * here because the case rollups are not kept per leading department; keep in step with indicators.ts and
 * gridgov_case_daily_rows (migration 0008_analytics): responded on time = first_response_at <=
 * coalesce(response_due_at, first_response_at), rated = rated in the period with an answer, closed = closed in the
 * period and still closed; overdueOpen = its open dispatches past their handling deadline now.
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

/** Indicators of each unit (by id) over its whole subtree, from the rollups. */
export async function unitIndicators(tx: Tx, units: { id: string; code?: string; name?: string; kind?: string; path: string }[], p: Period, now: Date): Promise<Map<string, IndicatorValues>> {
  const out = new Map<string, IndicatorValues>();
  for (const u of units) {
    const list = await indicatorsFor(tx, { id: u.id, code: u.code ?? '', name: u.name ?? '', kind: u.kind ?? '', path: u.path }, { from: p.from, to: p.to }, now);
    const v = emptyValues();
    for (const i of list) (v as Record<string, number | null>)[i.key] = i.value;
    out.set(u.id, v);
  }
  return out;
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
  const [recv, rated, closed, disp, sums] = await Promise.all([
    queryRows<Partial<Raw>>(tx, sql`SELECT c.k, count(*)::int AS received,
        count(*) FILTER (WHERE c.first_response_at IS NOT NULL AND c.first_response_at <= coalesce(c.response_due_at, c.first_response_at))::int AS responded
      FROM ${led} c WHERE c.created_at >= ${p.start} AND c.created_at < ${p.end} GROUP BY c.k`),
    queryRows<Partial<Raw>>(tx, sql`SELECT c.k, count(*)::int AS rated, count(*) FILTER (WHERE c.resolved)::int AS solved,
        count(*) FILTER (WHERE c.satisfaction IN (${SATISFIED}))::int AS satisfied
      FROM ${led} c WHERE c.rated_at >= ${p.start} AND c.rated_at < ${p.end} AND NOT c.unrated AND c.satisfaction IS NOT NULL GROUP BY c.k`),
    queryRows<Partial<Raw>>(tx, sql`SELECT c.k, count(*)::int AS closed FROM ${led} c
      WHERE c.closed_at >= ${p.start} AND c.closed_at < ${p.end} AND c.state = 'closed' GROUP BY c.k`),
    queryRows<Partial<Raw>>(tx, sql`SELECT d.department_id::text AS k, count(*)::int AS overdue
      FROM case_dispatches d JOIN cases c ON c.id = d.case_id
      WHERE d.department_id IN (${ids}) AND c.path <@ ${scopePath}::ltree
        AND d.handled_at IS NULL AND d.returned_at IS NULL AND c.state IN (${WORKING}) AND d.handle_due_at < ${now}
      GROUP BY d.department_id`),
    departmentDispatchSums(tx, scopePath, p),
  ]);
  const handled = sums.map((s) => ({ k: s.departmentId, handled: s.handled, on_time: s.handledOnTime }));
  return merge([recv, rated, closed, disp, handled], departmentIds);
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
