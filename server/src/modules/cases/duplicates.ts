import { sql, type SQL } from 'drizzle-orm';
import { DUPLICATE_DAYS, DUPLICATE_RADIUS_M, TERMINAL_STATES } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { preparedRows, queryRows } from '../../db/sql.js';
import { fileUrl } from './photos.js';

/** A suggested duplicate: enough to judge at a glance (summary, distance, first photo). */
export interface DuplicateSuggestion {
  id: string;
  trackingNo: string;
  title: string;
  summary: string;
  state: string;
  createdAt: string;
  distanceM: number;
  address: string | null;
  thumbUrl: string | null;
}

const SUMMARY_CHARS = 140;
// Degrees that cover DUPLICATE_RADIUS_M up to ~70° latitude: a box on the geometry GiST index before the exact
// metre test on the spheroid (ST_DWithin on geography cannot use the geometry index).
const BOX_DEG = 0.002;
const CANDIDATES = 30;

/** Haversine metres from n.location to (lng, lat), in plain SQL arithmetic. */
function haversineM(lng: number, lat: number): SQL {
  return sql`(12742017.6 * asin(sqrt(
    power(sin(radians(ST_Y(n.location) - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(ST_Y(n.location))) * power(sin(radians(ST_X(n.location) - ${lng}::float8) / 2), 2))))`;
}

/** What to look for: the category, point and time of a matter; `visible` is the caller's scope on alias `c` (null = none). */
export interface DuplicateQuery {
  categoryCode: string; lng: number; lat: number; at: Date; excludeId?: number | null; visible: SQL | null; limit?: number;
}

/** A row of duplicatesSql. */
export interface DuplicateRow {
  id: string; tracking_no: string; title: string; description: string; state: string; created_at: string | Date;
  distance_m: number; address: string | null; file_id: string | null;
}

/**
 * Open cases of the same category within DUPLICATE_RADIUS_M of the point and DUPLICATE_DAYS of `at`, nearest
 * first, as rows of DuplicateRow. A statement of its own (findDuplicates) or part of a bigger one (intake).
 */
export function duplicatesSql(q: DuplicateQuery): SQL {
  const pt = sql`ST_SetSRID(ST_MakePoint(${q.lng}::float8, ${q.lat}::float8), 4326)`;
  const from = new Date(q.at.getTime() - DUPLICATE_DAYS * 86_400_000);
  const to = new Date(q.at.getTime() + DUPLICATE_DAYS * 86_400_000);
  // Literals, not parameters: the statement is prepared once per connection, and only a plan that sees the
  // states can use the partial index on open matters.
  const terminal = sql.raw(TERMINAL_STATES.map((s) => `'${s}'`).join(', '));
  // Open matters in the box first, on their own spatial index (migration 0013), MATERIALIZED so that the planner
  // never intersects it with the category index (tens of thousands of rows once a category is common); then the
  // category, time and scope filters on that small set, and metres on the sphere for the nearest few (haversine:
  // within 50 m it differs from the spheroid by centimetres; a geography cast, which ST_DistanceSphere also makes,
  // sets PROJ up on each pooled connection's first intake, 150–250 ms).
  return sql`
    WITH near AS MATERIALIZED (
      SELECT c.id, c.category_code, c.created_at FROM cases c
      WHERE c.state NOT IN (${terminal}) AND c.location && ST_Expand(${pt}, ${BOX_DEG}::float8)
    )
    SELECT k.id::text, k.tracking_no, k.title, k.description, k.state, k.created_at, k.address, k.distance_m,
      (SELECT f.id::text FROM case_files f WHERE f.case_id = k.id AND f.purpose = 'report' ORDER BY f.id LIMIT 1) AS file_id
    FROM (
      SELECT n.*, ${haversineM(q.lng, q.lat)} AS distance_m FROM (
        SELECT c.id, c.tracking_no, c.title, c.description, c.state, c.created_at, c.address, c.location
        FROM near JOIN cases c ON c.id = near.id
        WHERE near.category_code = ${q.categoryCode}
          AND near.created_at >= ${from} AND near.created_at <= ${to}
          ${q.excludeId != null ? sql`AND c.id <> ${q.excludeId}` : sql``}
          ${q.visible ? sql`AND (${q.visible})` : sql``}
        ORDER BY c.location <-> ${pt}
        LIMIT ${CANDIDATES}
      ) n
    ) k
    WHERE k.distance_m <= ${DUPLICATE_RADIUS_M}
    ORDER BY k.distance_m, k.created_at DESC
    LIMIT ${q.limit ?? 10}`;
}

export function toSuggestion(r: DuplicateRow): DuplicateSuggestion {
  return {
    id: r.id,
    trackingNo: r.tracking_no,
    title: r.title,
    summary: Array.from(r.description).slice(0, SUMMARY_CHARS).join(''),
    state: r.state,
    createdAt: new Date(r.created_at).toISOString(),
    distanceM: Math.round(Number(r.distance_m) * 10) / 10,
    address: r.address,
    thumbUrl: r.file_id ? fileUrl(r.id, r.file_id, true) : null,
  };
}

/** duplicatesSql, run (a prepared statement), as suggestions. */
export async function findDuplicates(tx: Tx, q: DuplicateQuery): Promise<DuplicateSuggestion[]> {
  return (await preparedRows<DuplicateRow>(tx, duplicatesSql(q))).map(toSuggestion);
}

/** Duplicates of an existing case (GET /api/cases/:id/duplicates); null when the case has no location. */
export async function duplicatesOfCase(tx: Tx, caseId: number, visible: SQL | null): Promise<DuplicateSuggestion[] | null> {
  const [c] = await queryRows<{ category_code: string | null; lng: number | null; lat: number | null; created_at: string | Date }>(tx, sql`
    SELECT c.category_code, ST_X(c.location) AS lng, ST_Y(c.location) AS lat, c.created_at FROM cases c
    WHERE c.id = ${caseId} ${visible ? sql`AND (${visible})` : sql``}`);
  if (!c) return null;
  if (!c.category_code || c.lng == null || c.lat == null) return [];
  return findDuplicates(tx, {
    categoryCode: c.category_code, lng: Number(c.lng), lat: Number(c.lat), at: new Date(c.created_at), excludeId: caseId, visible,
  });
}
