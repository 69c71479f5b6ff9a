import { sql } from 'drizzle-orm';
import { codeProblem, PARENT_KIND, type UnitKind } from '@gridgov/common';
import type { Tx } from '../db/client.js';
import { pgArray, queryRows } from '../db/sql.js';
import { allocIds, insertRows } from './bulk.js';
import type { DepartmentRec, GridTypeRec, UnitFeature } from './types.js';

export interface UnitRef { id: number; path: string; kind: string }
/** code → unit, for everything the seed wrote (codes are unique per kind; grids and cells never share a code length). */
export type UnitMap = Map<string, UnitRef>;

const KIND_ORDER: UnitKind[] = ['province', 'city', 'district', 'town', 'community', 'villager_group', 'grid', 'cell'];

export async function writeGridTypes(tx: Tx, types: GridTypeRec[]): Promise<Map<string, number>> {
  await insertRows(tx, 'grid_types', [
    { name: 'code', type: 'text' }, { name: 'name_zh', type: 'text' }, { name: 'name_en', type: 'text' },
    { name: 'category', type: 'text' }, { name: 'color', type: 'text' }, { name: 'duties', type: 'jsonb' }, { name: 'admission', type: 'jsonb' },
  ], types.map((t) => ({ code: t.code, name_zh: t.nameZh, name_en: t.nameEn, category: t.category, color: t.color, duties: t.duties, admission: t.admission })));
  const rows = await queryRows<{ id: string; code: string }>(tx, sql`SELECT id::text, code FROM grid_types`);
  return new Map(rows.map((r) => [r.code, Number(r.id)]));
}

/**
 * Writes every unit parent-first. Ids are reserved up front so each ltree path (parent path + own id) is
 * computed here and the whole tree goes in with a handful of statements. Codes are checked with the same
 * rule as insertUnit.
 */
export async function writeUnits(tx: Tx, features: UnitFeature[], gridTypeIds: Map<string, number>): Promise<UnitMap> {
  const sorted = [...features].sort((a, b) => KIND_ORDER.indexOf(a.properties.kind) - KIND_ORDER.indexOf(b.properties.kind));
  const ids = await allocIds(tx, 'units', sorted.length);
  const map: UnitMap = new Map();
  const rows = sorted.map((f, k) => {
    const p = f.properties;
    const id = ids[k]!;
    const parent = p.parentCode ? map.get(p.parentCode) : undefined;
    if (p.parentCode && !parent) throw new Error(`seed data: ${p.kind} ${p.code} names missing parent ${p.parentCode}`);
    if (parent && parent.kind !== PARENT_KIND[p.kind]) throw new Error(`seed data: ${p.kind} ${p.code} under a ${parent.kind}`);
    const problem = codeProblem(p.kind, p.code, p.parentCode ?? undefined);
    if (problem) throw new Error(`seed data: ${problem}`);
    const path = parent ? `${parent.path}.${id}` : String(id);
    map.set(p.code, { id, path, kind: p.kind });
    return {
      id, parent_id: parent?.id ?? null, kind: p.kind, subkind: p.subkind ?? null, code: p.code, name: p.name, name_en: p.nameEn,
      path, grid_kind: p.gridKind ?? null, dedicated_type: p.dedicatedType ?? null,
      grid_type_id: p.gridType ? gridTypeIds.get(p.gridType) ?? null : null, geom: f.geometry, profile: p.profile ?? {},
    };
  });
  const geom = 'CASE WHEN r.geom IS NULL THEN NULL ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geom::text), 4326)) END';
  await insertRows(tx, 'units', [
    { name: 'id', type: 'bigint' }, { name: 'parent_id', type: 'bigint' }, { name: 'kind', type: 'text' }, { name: 'subkind', type: 'text' },
    { name: 'code', type: 'text' }, { name: 'name', type: 'text' }, { name: 'name_en', type: 'text' },
    { name: 'path', type: 'text', expr: 'r.path::ltree' }, { name: 'grid_kind', type: 'text' }, { name: 'dedicated_type', type: 'text' },
    { name: 'grid_type_id', type: 'bigint' }, { name: 'geom', type: 'jsonb', expr: geom }, { name: 'profile', type: 'jsonb' },
  ], rows);
  // Areas on the spheroid, in one pass once the geometry is in.
  const codes = rows.filter((r) => r.geom).map((r) => r.id);
  await tx.execute(sql`UPDATE units SET area_m2 = ST_Area(geom::geography)
    WHERE id = ANY(${pgArray(codes)}::bigint[])`);
  return map;
}

export async function writeDepartments(tx: Tx, departments: DepartmentRec[], units: UnitMap): Promise<Map<string, number>> {
  const present = departments.filter((d) => units.has(d.district));
  const ids = await allocIds(tx, 'departments', present.length);
  const rows = present.map((d, k) => {
    const u = units.get(d.district)!;
    return { id: ids[k], code: d.code, key: d.key, short_name: d.short, name_zh: d.nameZh, name_en: d.nameEn, unit_id: u.id, path: u.path, phone: d.phone };
  });
  await insertRows(tx, 'departments', [
    { name: 'id', type: 'bigint' }, { name: 'code', type: 'text' }, { name: 'key', type: 'text' }, { name: 'short_name', type: 'text' }, { name: 'name_zh', type: 'text' }, { name: 'name_en', type: 'text' },
    { name: 'unit_id', type: 'bigint' }, { name: 'path', type: 'text', expr: 'r.path::ltree' }, { name: 'phone', type: 'text' },
  ], rows);
  return new Map(present.map((d, k) => [d.code, ids[k]!]));
}
