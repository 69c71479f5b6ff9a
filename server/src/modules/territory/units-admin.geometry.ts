import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { AppError } from '../../lib/errors.js';
import type { PolygonGeometry } from './redraw.schema.js';
import { AREA_TOLERANCE_M2, unclosedRing } from './redraw.validate.js';

const round = (n: number) => Math.round(n * 100) / 100;

export interface GeometryTarget {
  kind: string;
  gridKind: string | null;
  parentId: number | null;
  /** the unit being edited, left out of the overlap check */
  selfId?: number;
}

/**
 * One unit's polygon against the map: valid, inside its parent (≤ 1 m² outside), not overlapping the units it
 * must tile with by more than 1 m². Grids are compared with every basic (or dedicated) grid valid now or later
 * — grids of other communities too, and grids of a pending layout; other kinds with their current siblings.
 */
export async function checkUnitGeometry(tx: Tx, target: GeometryTarget, geometry: PolygonGeometry): Promise<void> {
  if (unclosedRing(geometry)) {
    throw new AppError('INVALID_GEOMETRY', 'invalid geometry: a polygon ring is not closed', { field: 'geometry' });
  }
  const g = sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326))`;
  const [v] = await queryRows<{ valid: boolean; reason: string }>(tx, sql`SELECT ST_IsValid(${g}) AS valid, ST_IsValidReason(${g}) AS reason`);
  if (!v!.valid) throw new AppError('INVALID_GEOMETRY', `invalid geometry: ${v!.reason}`, { field: 'geometry', reason: v!.reason });

  if (target.parentId != null) {
    const [p] = await queryRows<{ code: string; area: number | null }>(tx, sql`
      SELECT code, CASE WHEN geom IS NULL THEN NULL ELSE ST_Area(ST_Difference(${g}, geom)::geography) END AS area
      FROM units WHERE id = ${target.parentId}`);
    if (p && p.area != null && Number(p.area) > AREA_TOLERANCE_M2) {
      throw new AppError('OUTSIDE_TERRITORY', `the ${target.kind} lies ${round(Number(p.area))} m² outside its parent ${p.code}`, {
        field: 'geometry', parentCode: p.code, areaM2: round(Number(p.area)),
      });
    }
  }

  const peers = target.kind === 'grid'
    ? sql`u.kind = 'grid' AND u.grid_kind = ${target.gridKind ?? 'basic'} AND (u.valid_to IS NULL OR u.valid_to > now())`
    : sql`u.kind = ${target.kind} AND u.parent_id ${target.parentId == null ? sql`IS NULL` : sql`= ${target.parentId}`} AND u.valid_to IS NULL`;
  const overlaps = await queryRows<{ code: string; area: number }>(tx, sql`
    SELECT code, area FROM (
      SELECT u.code, ST_Area(ST_Intersection(u.geom, ${g})::geography) AS area FROM units u
      WHERE ${peers} AND u.geom && ${g} AND ST_Intersects(u.geom, ${g}) ${target.selfId ? sql`AND u.id <> ${target.selfId}` : sql``}
    ) o WHERE area > ${AREA_TOLERANCE_M2} ORDER BY code`);
  if (overlaps.length) {
    const list = overlaps.map((o) => ({ code: o.code, areaM2: round(Number(o.area)) }));
    throw new AppError('INVALID_GEOMETRY', `the ${target.kind} overlaps ${list.map((o) => `${o.code} by ${o.areaM2} m²`).join(', ')}`, {
      field: 'geometry', overlaps: list,
    });
  }
}

/** Current children that would stick out of a unit's new polygon by more than 1 m². */
export async function childrenOutside(tx: Tx, unitId: number, geometry: PolygonGeometry) {
  const g = sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326))`;
  return queryRows<{ code: string; area: number }>(tx, sql`
    SELECT code, area FROM (
      SELECT c.code, ST_Area(ST_Difference(c.geom, ${g})::geography) AS area FROM units c
      WHERE c.parent_id = ${unitId} AND c.valid_to IS NULL AND c.geom IS NOT NULL
    ) o WHERE area > ${AREA_TOLERANCE_M2} ORDER BY code`);
}
