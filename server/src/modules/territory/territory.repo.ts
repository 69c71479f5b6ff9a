import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { SessionUser } from '../../lib/scope.js';

export interface UnitRow {
  id: string; parent_id: string | null; kind: string; subkind: string | null; code: string; name: string;
  name_en: string | null; path: string; grid_kind: string | null; dedicated_type: string | null;
  grid_type_id: string | null; profile: Record<string, unknown>; valid_from: string; valid_to: string | null;
  area_m2: number | null; child_count: number;
}

const scopeCond = (user: SessionUser, col = sql`u.path`) =>
  user.scopePath === null ? sql`true` : sql`${col} <@ ${user.scopePath}::ltree`;

const unitCols = sql`u.id::text, u.parent_id::text, u.kind, u.subkind, u.code, u.name, u.name_en, u.path::text AS path,
  u.grid_kind, u.dedicated_type, u.grid_type_id::text, u.profile, u.valid_from, u.valid_to, u.area_m2`;

export async function listUnits(tx: Tx, user: SessionUser, f: { kind?: string; parentId?: number; q?: string; includeHistory?: boolean; limit: number }) {
  const conds = [scopeCond(user)];
  if (f.kind) conds.push(sql`u.kind = ${f.kind}`);
  if (f.parentId !== undefined) conds.push(sql`u.parent_id = ${f.parentId}`);
  if (f.q) conds.push(sql`(u.name LIKE ${'%' + f.q + '%'} OR u.code LIKE ${f.q + '%'})`);
  if (!f.includeHistory) conds.push(sql`u.valid_from <= now() AND (u.valid_to IS NULL OR u.valid_to > now())`);
  return queryRows<UnitRow>(tx, sql`
    SELECT ${unitCols},
      (SELECT count(*)::int FROM units c WHERE c.parent_id = u.id AND (c.valid_from <= now() AND (c.valid_to IS NULL OR c.valid_to > now()))) AS child_count
    FROM units u WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY u.code, u.valid_from LIMIT ${f.limit}`);
}

/** The units a user's tree starts from: their home unit, or the top-level units for a global admin. */
export async function rootUnits(tx: Tx, user: SessionUser) {
  const cond = user.scopePath === null ? sql`u.parent_id IS NULL` : sql`u.path = ${user.scopePath}::ltree`;
  return queryRows<UnitRow>(tx, sql`
    SELECT ${unitCols}, (SELECT count(*)::int FROM units c WHERE c.parent_id = u.id AND (c.valid_from <= now() AND (c.valid_to IS NULL OR c.valid_to > now()))) AS child_count
    FROM units u WHERE ${cond} AND u.valid_from <= now() AND (u.valid_to IS NULL OR u.valid_to > now()) ORDER BY u.code`);
}

export async function getUnit(tx: Tx, user: SessionUser, id: number) {
  const [row] = await queryRows<UnitRow & { geometry: string | null; centroid: string | null }>(tx, sql`
    SELECT ${unitCols}, 0 AS child_count, ST_AsGeoJSON(u.geom, 7) AS geometry,
      ST_AsGeoJSON(ST_PointOnSurface(u.geom), 7) AS centroid
    FROM units u WHERE u.id = ${id} AND ${scopeCond(user)}`);
  return row ?? null;
}

export async function ancestors(tx: Tx, path: string) {
  return queryRows<{ id: string; kind: string; code: string; name: string }>(tx, sql`
    SELECT id::text, kind, code, name FROM units WHERE path @> ${path}::ltree AND path <> ${path}::ltree ORDER BY nlevel(path)`);
}

export async function gridsGeojson(tx: Tx, user: SessionUser, f: { unitPath?: string; kind: 'basic' | 'dedicated'; at?: Date }) {
  const at = (f.at ?? new Date()).toISOString();
  const conds = [
    sql`u.kind = 'grid'`, sql`u.grid_kind = ${f.kind}`, scopeCond(user),
    sql`u.valid_from <= ${at}::timestamptz AND (u.valid_to IS NULL OR u.valid_to > ${at}::timestamptz)`,
  ];
  if (f.unitPath) conds.push(sql`u.path <@ ${f.unitPath}::ltree`);
  const [row] = await queryRows<{ fc: string }>(tx, sql`
    SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
      'type', 'Feature',
      'id', u.id::text,
      'geometry', ST_AsGeoJSON(u.geom, 7)::json,
      'properties', json_build_object('id', u.id::text, 'code', u.code, 'name', u.name, 'kind', u.grid_kind,
        'path', u.path::text, 'gridType', gt.code, 'category', gt.category, 'color', gt.color,
        'dedicatedType', u.dedicated_type)
    ) ORDER BY u.code), '[]'::json))::text AS fc
    FROM units u LEFT JOIN grid_types gt ON gt.id = u.grid_type_id
    WHERE ${sql.join(conds, sql` AND `)}`);
  return row!.fc;
}

export async function unitPathById(tx: Tx, id: number): Promise<string | null> {
  const [r] = await queryRows<{ path: string }>(tx, sql`SELECT path::text AS path FROM units WHERE id = ${id}`);
  return r?.path ?? null;
}
