import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { queryRows } from '../../../db/sql.js';
import { inScope, type SessionUser } from '../../../lib/scope.js';

/**
 * SQL for the grid import. Incoming grids are staged in a temporary table that lives only for the import's
 * transaction, so every check is one set-based query and nothing survives a rejection.
 * Only PostGIS functions present in both 3.3 and 3.6 are used; areas are m² on the spheroid (geography).
 */

/** A list of strings as a SQL subquery, passed as one JSON parameter (works the same on both drivers). */
const textList = (xs: string[]): SQL => sql`(SELECT jsonb_array_elements_text(${JSON.stringify(xs)}::jsonb))`;
const idList = (xs: number[]): SQL => sql`(SELECT (jsonb_array_elements_text(${JSON.stringify(xs.map(String))}::jsonb))::bigint)`;

/**
 * Area in m² of a small geometry `g` (a column of the inner query), and whether it is real rather than a
 * floating-point sliver. PostGIS's geography area is off by tens of m² on slivers 1e-14° wide (the seam
 * between two reprojected grids measured 40 m² for 1e-9 m²), so a piece counts only when a planar estimate
 * (degrees² scaled at its mid-latitude, ~0.5% accurate at grid scale) also exceeds the tolerance; the
 * reported figure is the geography area.
 */
const M2_PER_DEG2 = 12364154240; // (6371008.8 m · π/180)²
const areaOf = (g: SQL) => sql`ST_Area(${g}::geography)`;
const realArea = (g: SQL, tolM2: number) => sql`ST_Area(${g}::geography) > ${tolM2}
  AND ST_Area(${g}) * ${M2_PER_DEG2} * cos(radians((ST_YMin(${g}) + ST_YMax(${g})) / 2)) > ${tolM2}`;

export interface CommunityRow { id: string; code: string; path: string; has_geom: boolean }
export async function communitiesByCode(tx: Tx, user: SessionUser, codes: string[]): Promise<CommunityRow[]> {
  if (codes.length === 0) return [];
  return queryRows<CommunityRow>(tx, sql`
    SELECT id::text, code, path::text, geom IS NOT NULL AS has_geom FROM units
    WHERE kind = 'community' AND valid_to IS NULL AND code IN ${textList(codes)} AND ${inScope(user, sql`path`)}`);
}

/**
 * Serialise writers of a community's grids (two imports, or an import and a redraw) for the rest of the
 * transaction. Key: hashtextextended('gridgov:community:<id>', 0); locks taken in id order to avoid deadlocks.
 */
export async function lockCommunities(tx: Tx, ids: number[]): Promise<void> {
  for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
    await queryRows(tx, sql`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`gridgov:community:${id}`}, 0))) l`);
  }
}

export interface ExistingGridRow {
  id: string; code: string; grid_kind: string | null; parent_id: string; name: string; path: string;
  grid_type_id: string | null; dedicated_type: string | null; profile: Record<string, unknown>;
}
export async function currentGridsByCode(tx: Tx, codes: string[]): Promise<ExistingGridRow[]> {
  if (codes.length === 0) return [];
  return queryRows<ExistingGridRow>(tx, sql`
    SELECT id::text, code, grid_kind, parent_id::text, name, path::text, grid_type_id::text, dedicated_type, profile
    FROM units WHERE kind = 'grid' AND valid_to IS NULL AND code IN ${textList(codes)}`);
}

/** Current basic grid codes of the given communities. */
export async function currentBasicCodes(tx: Tx, communityIds: number[]): Promise<{ community_id: string; code: string }[]> {
  if (communityIds.length === 0) return [];
  return queryRows(tx, sql`
    SELECT parent_id::text AS community_id, code FROM units
    WHERE kind = 'grid' AND grid_kind = 'basic' AND valid_to IS NULL AND parent_id IN ${idList(communityIds)} ORDER BY code`);
}

export async function allGridTypes(tx: Tx) {
  return queryRows<{ id: string; code: string; name_zh: string; name_en: string }>(tx, sql`SELECT id::text, code, name_zh, name_en FROM grid_types`);
}

export interface StageRow { feature: number; code: string; kind: 'basic' | 'dedicated'; community_id: number; geojson: string | null }

/** Create and fill the staging table (dropped at commit or rollback). */
export async function stage(tx: Tx, rows: StageRow[]): Promise<void> {
  await queryRows(tx, sql`CREATE TEMP TABLE gg_import_stage (
    feature int, code text PRIMARY KEY, kind text, community_id bigint, geom geometry(MultiPolygon, 4326), ok boolean
  ) ON COMMIT DROP`);
  if (rows.length === 0) return;
  await queryRows(tx, sql`
    INSERT INTO gg_import_stage (feature, code, kind, community_id, geom)
    SELECT x.feature, x.code, x.kind, x.community_id,
      CASE WHEN x.geojson IS NULL THEN NULL ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(x.geojson), 4326)) END
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(feature int, code text, kind text, community_id bigint, geojson text)`);
  // Later checks only touch valid geometry: GEOS throws on invalid input.
  await queryRows(tx, sql`UPDATE gg_import_stage SET ok = geom IS NOT NULL AND ST_IsValid(geom) AND NOT ST_IsEmpty(geom)`);
  await queryRows(tx, sql`CREATE INDEX ON gg_import_stage USING gist (geom)`);
}

export async function invalidGeometries(tx: Tx) {
  return queryRows<{ code: string; feature: number; reason: string }>(tx, sql`
    SELECT code, feature, CASE WHEN ST_IsEmpty(geom) THEN 'empty geometry' ELSE ST_IsValidReason(geom) END AS reason
    FROM gg_import_stage WHERE geom IS NOT NULL AND NOT ok ORDER BY feature`);
}

/** Grids whose part outside their community exceeds `tolM2`. */
export async function outsideCommunity(tx: Tx, tolM2: number) {
  return queryRows<{ code: string; feature: number; community_code: string; m2: number }>(tx, sql`
    SELECT code, feature, community_code, ${areaOf(sql`d`)} AS m2 FROM (
      SELECT s.code, s.feature, c.code AS community_code, ST_Difference(s.geom, c.geom) AS d
      FROM gg_import_stage s JOIN units c ON c.id = s.community_id
      WHERE s.ok AND c.geom IS NOT NULL AND ST_IsValid(c.geom) AND NOT ST_CoveredBy(s.geom, c.geom)
    ) t WHERE ${realArea(sql`d`, tolM2)} ORDER BY feature`);
}

/**
 * The basic layout each community will have after the import: incoming basic grids plus its current basic
 * grids that the file does not touch.
 */
const basicLayout = sql`
  SELECT s.code, s.community_id, s.geom, true AS incoming FROM gg_import_stage s WHERE s.ok AND s.kind = 'basic'
  UNION ALL
  SELECT u.code, u.parent_id, u.geom, false FROM units u
  WHERE u.kind = 'grid' AND u.grid_kind = 'basic' AND u.valid_to IS NULL AND u.geom IS NOT NULL
    AND u.parent_id IN (SELECT community_id FROM gg_import_stage WHERE kind = 'basic')
    AND NOT EXISTS (SELECT 1 FROM gg_import_stage s WHERE s.code = u.code)`;

/** Pairs of basic grids in one community whose interiors overlap by more than `tolM2` (one side incoming). */
export async function basicOverlaps(tx: Tx, tolM2: number) {
  return queryRows<{ a: string; b: string; m2: number }>(tx, sql`
    WITH layout AS (${basicLayout})
    SELECT a, b, ${areaOf(sql`x`)} AS m2 FROM (
      SELECT a.code AS a, b.code AS b, ST_Intersection(a.geom, b.geom) AS x
      FROM layout a JOIN layout b ON a.community_id = b.community_id AND a.code < b.code AND a.geom && b.geom
      WHERE (a.incoming OR b.incoming) AND ST_Intersects(a.geom, b.geom) AND NOT ST_Touches(a.geom, b.geom)
    ) t WHERE ${realArea(sql`x`, tolM2)} ORDER BY a, b`);
}

/**
 * Parts of a community not covered by its basic layout, each over `tolM2`, with the grids that border the gap
 * and a point inside it.
 */
export async function gaps(tx: Tx, communityIds: number[], tolM2: number) {
  if (communityIds.length === 0) return [];
  return queryRows<{ community_code: string; m2: number; codes: string[] | null; x: number; y: number }>(tx, sql`
    WITH layout AS (${basicLayout}),
    covered AS (SELECT community_id, ST_Union(geom) AS g FROM layout GROUP BY community_id),
    holes AS (
      SELECT c.id, c.code, (ST_Dump(ST_CollectionExtract(ST_Difference(c.geom, v.g), 3))).geom AS geom
      FROM units c JOIN covered v ON v.community_id = c.id
      WHERE c.id IN ${idList(communityIds)} AND c.geom IS NOT NULL AND ST_IsValid(c.geom)
    )
    SELECT h.code AS community_code, ${areaOf(sql`h.geom`)} AS m2,
      (SELECT array_agg(l.code ORDER BY l.code) FROM layout l WHERE l.community_id = h.id AND ST_DWithin(l.geom, h.geom, 1e-7)) AS codes,
      ST_X(ST_PointOnSurface(h.geom)) AS x, ST_Y(ST_PointOnSurface(h.geom)) AS y
    FROM holes h WHERE ${realArea(sql`h.geom`, tolM2)} ORDER BY h.code, m2 DESC`);
}

/** Dedicated grids overlapping each other by more than `tolM2`: incoming against incoming and current ones in scope. */
export async function dedicatedOverlaps(tx: Tx, user: SessionUser, tolM2: number) {
  return queryRows<{ a: string; b: string; m2: number }>(tx, sql`
    WITH d AS (
      SELECT code, geom, true AS incoming FROM gg_import_stage WHERE ok AND kind = 'dedicated'
      UNION ALL
      SELECT u.code, u.geom, false FROM units u
      WHERE u.kind = 'grid' AND u.grid_kind = 'dedicated' AND u.valid_to IS NULL AND u.geom IS NOT NULL
        AND ${inScope(user, sql`u.path`)} AND ST_IsValid(u.geom)
        AND NOT EXISTS (SELECT 1 FROM gg_import_stage s WHERE s.code = u.code)
        AND EXISTS (SELECT 1 FROM gg_import_stage s WHERE s.ok AND s.kind = 'dedicated' AND s.geom && u.geom)
    )
    SELECT a, b, ${areaOf(sql`x`)} AS m2 FROM (
      SELECT a.code AS a, b.code AS b, ST_Intersection(a.geom, b.geom) AS x
      FROM d a JOIN d b ON a.geom && b.geom AND a.code <> b.code AND (NOT b.incoming OR a.code < b.code)
      WHERE a.incoming AND ST_Intersects(a.geom, b.geom) AND NOT ST_Touches(a.geom, b.geom)
    ) t WHERE ${realArea(sql`x`, tolM2)} ORDER BY a, b`);
}

/** For incoming grids that already exist: is the geometry unchanged? */
export async function sameGeometry(tx: Tx): Promise<Map<string, boolean>> {
  const rows = await queryRows<{ code: string; same: boolean }>(tx, sql`
    SELECT s.code, (ST_OrderingEquals(s.geom, u.geom) OR (ST_IsValid(u.geom) AND ST_Equals(s.geom, u.geom))) AS same
    FROM gg_import_stage s JOIN units u ON u.code = s.code AND u.kind = 'grid' AND u.valid_to IS NULL
    WHERE s.ok AND u.geom IS NOT NULL`);
  return new Map(rows.map((r) => [r.code, r.same]));
}

export async function stagedGeojson(tx: Tx, code: string): Promise<string> {
  const [r] = await queryRows<{ g: string }>(tx, sql`SELECT ST_AsGeoJSON(geom, 15) AS g FROM gg_import_stage WHERE code = ${code}`);
  return r!.g;
}

export async function currentGeojson(tx: Tx, id: number): Promise<{ geometry: unknown; area_m2: number | null }> {
  const [r] = await queryRows<{ g: string | null; area_m2: number | null }>(tx, sql`SELECT ST_AsGeoJSON(geom, 7) AS g, area_m2 FROM units WHERE id = ${id}`);
  return { geometry: r?.g ? JSON.parse(r.g) : null, area_m2: r?.area_m2 == null ? null : Number(r.area_m2) };
}

export interface GridUpdate { name: string; gridTypeId: number | null; dedicatedType: string | null; profile: Record<string, unknown>; geometryChanged: boolean }

/** Update one grid in place from the staged row (geometry and area only when they changed). */
export async function updateGrid(tx: Tx, id: number, code: string, u: GridUpdate): Promise<{ area_m2: number }> {
  const geomSet = u.geometryChanged
    ? sql`, geom = s.geom, area_m2 = ST_Area(s.geom::geography)`
    : sql``;
  const [r] = await queryRows<{ area_m2: number }>(tx, sql`
    UPDATE units SET name = ${u.name}, grid_type_id = ${u.gridTypeId}, dedicated_type = ${u.dedicatedType},
      profile = ${JSON.stringify(u.profile)}::jsonb, updated_at = now() ${geomSet}
    FROM gg_import_stage s WHERE units.id = ${id} AND s.code = ${code}
    RETURNING units.area_m2`);
  return { area_m2: Number(r!.area_m2) };
}
