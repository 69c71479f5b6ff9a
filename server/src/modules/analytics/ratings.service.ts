import { sql } from 'drizzle-orm';
import { DEFAULT_WEIGHTS, type AssessmentWeights } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { departmentsFor, reportUnit, type ReportUnit } from './assessment.scope.js';

/** 街道评议部门 and the assessment weights of a district. */

interface RatingRow {
  id: string; unit_id: string; unit_name: string; unit_name_en: string | null; department_id: string; department_name: string;
  department_name_en: string | null; quarter: string;
  score: number; comment: string | null; rated_by: string; rated_at: Date;
}
const present = (r: RatingRow) => ({
  id: r.id, unitId: r.unit_id, unitName: r.unit_name, unitNameEn: r.unit_name_en, departmentId: r.department_id, departmentName: r.department_name,
  departmentNameEn: r.department_name_en,
  quarter: r.quarter, score: Number(r.score), comment: r.comment, ratedBy: r.rated_by, ratedAt: new Date(r.rated_at).toISOString(),
});
const ratingSelect = sql`SELECT r.id::text, r.unit_id::text, u.name AS unit_name, u.name_en AS unit_name_en, r.department_id::text,
    d.name_zh AS department_name, d.name_en AS department_name_en, r.quarter,
    r.score, r.comment, coalesce(usr.display_name, usr.username) AS rated_by, r.rated_at
  FROM department_ratings r JOIN units u ON u.id = r.unit_id JOIN departments d ON d.id = r.department_id JOIN users usr ON usr.id = r.rated_by`;

/**
 * A street rates a department for a quarter (one rating per street, department and quarter: rating again replaces
 * it). The rater must have the street in scope; the department must serve the street.
 */
export async function rateDepartment(tx: Tx, user: SessionUser, actor: Actor, body: { unitId: string; departmentId: string; quarter: string; score: number; comment?: string }) {
  const unit = await reportUnit(tx, user, body.unitId);
  if (unit.kind !== 'town') throw new AppError('VALIDATION_FAILED', 'Only a street (town) rates departments', { field: 'unitId', kind: unit.kind });
  const serving = await departmentsFor(tx, unit);
  if (!serving.some((d) => d.id === body.departmentId)) throw notFound('Department', body.departmentId);
  const [before] = await queryRows<{ id: string; score: number }>(tx, sql`SELECT id::text, score FROM department_ratings
    WHERE unit_id = ${Number(unit.id)} AND department_id = ${Number(body.departmentId)} AND quarter = ${body.quarter}`);
  const [row] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO department_ratings (unit_id, path, department_id, quarter, score, comment, rated_by, rated_at)
    VALUES (${Number(unit.id)}, ${unit.path}::ltree, ${Number(body.departmentId)}, ${body.quarter}, ${body.score}, ${body.comment ?? null}, ${user.id}, now())
    ON CONFLICT (unit_id, department_id, quarter) DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment,
      rated_by = EXCLUDED.rated_by, rated_at = EXCLUDED.rated_at
    RETURNING id::text`);
  await audit(tx, actor, {
    action: before ? 'rating.update' : 'rating.create', entityType: 'department_rating', entityId: row!.id, unitPath: unit.path,
    before: before ? { score: Number(before.score) } : undefined, after: { departmentId: body.departmentId, quarter: body.quarter, score: body.score },
  });
  const [r] = await queryRows<RatingRow>(tx, sql`${ratingSelect} WHERE r.id = ${Number(row!.id)}`);
  return { created: !before, rating: present(r!) };
}

/** Ratings given by streets under the unit in a quarter, with each department's average. */
export async function listRatings(tx: Tx, unit: ReportUnit, quarter: string) {
  const rows = await queryRows<RatingRow>(tx, sql`${ratingSelect} WHERE r.path <@ ${unit.path}::ltree AND r.quarter = ${quarter}
    ORDER BY d.name_zh, u.code`);
  const ratings = rows.map(present);
  const avg = await ratingAverages(tx, unit.path, [quarter]);
  const names = new Map(ratings.map((r) => [r.departmentId, r]));
  return {
    ratings,
    averages: [...avg].map(([departmentId, a]) => ({
      departmentId, departmentName: names.get(departmentId)?.departmentName ?? '', departmentNameEn: names.get(departmentId)?.departmentNameEn ?? null,
      average: a.average, count: a.count,
    })),
  };
}

/** Average rating of each department by the streets under `path` over the given quarters. */
export async function ratingAverages(tx: Tx, path: string, quarters: string[]): Promise<Map<string, { average: number; count: number }>> {
  if (quarters.length === 0) return new Map();
  const rows = await queryRows<{ department_id: string; average: number; n: number }>(tx, sql`
    SELECT department_id::text, avg(score)::float8 AS average, count(*)::int AS n FROM department_ratings
    WHERE path <@ ${path}::ltree AND quarter IN (${sql.join(quarters.map((q) => sql`${q}`), sql`, `)})
    GROUP BY department_id ORDER BY department_id`);
  return new Map(rows.map((r) => [r.department_id, { average: Math.round(Number(r.average) * 10) / 10, count: r.n }]));
}

/** The district whose weights apply to a unit: the unit itself or its nearest district ancestor. */
async function districtOf(tx: Tx, unit: ReportUnit): Promise<string | null> {
  const [d] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM units WHERE kind = 'district' AND path @> ${unit.path}::ltree
    ORDER BY nlevel(path) DESC LIMIT 1`);
  return d?.id ?? null;
}

export async function weightsFor(tx: Tx, unit: ReportUnit): Promise<{ unitId: string; isDefault: boolean; weights: AssessmentWeights; updatedAt: string | null }> {
  const districtId = await districtOf(tx, unit);
  const [row] = districtId
    ? await queryRows<{ weights: AssessmentWeights; updated_at: Date }>(tx, sql`SELECT weights, updated_at FROM assessment_weights WHERE unit_id = ${Number(districtId)}`)
    : [];
  return row
    ? { unitId: districtId!, isDefault: false, weights: row.weights, updatedAt: new Date(row.updated_at).toISOString() }
    : { unitId: districtId ?? unit.id, isDefault: true, weights: DEFAULT_WEIGHTS, updatedAt: null };
}

/** Sets a district's weights (the unit given must be a district in scope). */
export async function putWeights(tx: Tx, user: SessionUser, actor: Actor, unitId: string, weights: AssessmentWeights) {
  const unit = await reportUnit(tx, user, unitId);
  if (unit.kind !== 'district') throw new AppError('VALIDATION_FAILED', 'Weights are set per district', { field: 'unitId', kind: unit.kind });
  const sum = Object.values(weights.indicatorWeights).reduce((s, x) => s + x, 0);
  if (sum <= 0) throw new AppError('VALIDATION_FAILED', 'At least one indicator weight must be positive', { field: 'weights.indicatorWeights' });
  const before = await weightsFor(tx, unit);
  await tx.execute(sql`INSERT INTO assessment_weights (unit_id, weights, updated_by, updated_at)
    VALUES (${Number(unit.id)}, ${JSON.stringify(weights)}::jsonb, ${user.id}, now())
    ON CONFLICT (unit_id) DO UPDATE SET weights = EXCLUDED.weights, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`);
  await audit(tx, actor, { action: 'assessment.weights', entityType: 'assessment_weights', entityId: unit.id, unitPath: unit.path, before: before.weights, after: weights });
  return weightsFor(tx, unit);
}
