import { sql } from 'drizzle-orm';
import { codeProblem, PARENT_KIND, type UnitKind } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { AppError } from '../../lib/errors.js';

export interface NewUnit {
  kind: UnitKind;
  code: string;
  name: string;
  nameEn?: string | null;
  subkind?: string | null;
  parentId?: number | null;
  gridKind?: 'basic' | 'dedicated' | null;
  dedicatedType?: string | null;
  gridTypeId?: number | null;
  layoutId?: number | null;
  /** GeoJSON geometry (Polygon or MultiPolygon, WGS84) */
  geometry?: object | null;
  profile?: Record<string, unknown>;
  validFrom?: Date;
}

/**
 * Insert one unit; its ltree path is its parent's path plus its own id. Checks the parent kind and the
 * standard code shape. Polygons are stored as MultiPolygon with their area in m².
 */
export async function insertUnit(tx: Tx, u: NewUnit): Promise<{ id: number; path: string }> {
  let parentPath: string | null = null;
  let parentCode: string | undefined;
  if (u.parentId != null) {
    const [p] = await queryRows<{ path: string; kind: string; code: string }>(tx, sql`SELECT path::text AS path, kind, code FROM units WHERE id = ${u.parentId}`);
    if (!p) throw new AppError('VALIDATION_FAILED', `parent unit ${u.parentId} does not exist`, { field: 'parentId' });
    const expected = PARENT_KIND[u.kind];
    if (p.kind !== expected) {
      throw new AppError('VALIDATION_FAILED', `a ${u.kind} must sit under a ${expected}, not a ${p.kind}`, { field: 'parentId' });
    }
    parentPath = p.path;
    parentCode = p.code;
  } else if (PARENT_KIND[u.kind] !== null && u.kind !== 'city' && u.kind !== 'district') {
    throw new AppError('VALIDATION_FAILED', `a ${u.kind} needs a parent ${PARENT_KIND[u.kind]}`, { field: 'parentId' });
  }
  const problem = codeProblem(u.kind, u.code, parentCode);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { field: 'code', code: u.code });
  const geom = u.geometry
    ? sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(u.geometry)}), 4326))`
    : sql`NULL`;
  const [row] = await queryRows<{ id: string; path: string }>(tx, sql`
    WITH n AS (SELECT nextval(pg_get_serial_sequence('units', 'id')) AS id)
    INSERT INTO units (id, parent_id, kind, subkind, code, name, name_en, path, grid_kind, dedicated_type,
      grid_type_id, layout_id, geom, area_m2, profile, valid_from)
    SELECT n.id, ${u.parentId ?? null}, ${u.kind}, ${u.subkind ?? null}, ${u.code}, ${u.name}, ${u.nameEn ?? null},
      (${parentPath ? parentPath + '.' : ''} || n.id::text)::ltree, ${u.gridKind ?? null}, ${u.dedicatedType ?? null},
      ${u.gridTypeId ?? null}, ${u.layoutId ?? null}, g.geom, ST_Area(g.geom::geography), ${JSON.stringify(u.profile ?? {})}::jsonb,
      ${(u.validFrom ?? new Date('2000-01-01T00:00:00Z')).toISOString()}::timestamptz
    FROM n, (SELECT ${geom} AS geom) g
    RETURNING id::text, path::text`);
  return { id: Number(row!.id), path: row!.path };
}
