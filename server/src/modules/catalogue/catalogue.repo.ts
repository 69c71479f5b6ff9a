import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { preparedRows, queryRows } from '../../db/sql.js';

export interface CategoryRow {
  code: string;
  parent_code: string | null;
  name_zh: string;
  name_en: string;
  kind: 'group' | 'leaf';
  lowest_level: string;
  lead_dept_key: string | null;
  assist_dept_keys: string[];
  deadline_class: string;
  required_fields: { key: string; zh: string; en: string; type: 'text' | 'number' | 'date' }[];
  urgent: boolean;
  dispute: boolean;
  guidance: { channels: ('field' | 'web' | 'hotline' | 'petition' | 'external' | 'api')[]; zh: string; en: string } | null;
  default_risk: string;
  sort: number;
  active: boolean;
}

const COLS = sql`code, parent_code, name_zh, name_en, kind, lowest_level, lead_dept_key, assist_dept_keys, deadline_class,
  required_fields, urgent, dispute, guidance, default_risk, sort, active`;

export function allCategories(tx: Tx, includeInactive: boolean): Promise<CategoryRow[]> {
  return queryRows<CategoryRow>(tx, sql`SELECT ${COLS} FROM case_categories
    ${includeInactive ? sql`` : sql`WHERE active`} ORDER BY sort, code`);
}

export async function categoryByCode(tx: Tx, code: string, forUpdate = false): Promise<CategoryRow | undefined> {
  const [r] = await preparedRows<CategoryRow>(tx, sql`SELECT ${COLS} FROM case_categories WHERE code = ${code}
    ${forUpdate ? sql`FOR UPDATE` : sql``}`);
  return r;
}

/** Department keys that exist anywhere (the catalogue names keys, resolved per district at dispatch). */
export async function knownDepartmentKeys(tx: Tx, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await queryRows<{ key: string }>(tx, sql`
    SELECT DISTINCT key FROM departments WHERE key IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
  return new Set(rows.map((r) => r.key));
}

export async function gridAdmission(tx: Tx, gridId: number): Promise<{ kind: string; admission: string[] | null } | undefined> {
  const [r] = await preparedRows<{ kind: string; admission: string[] | null }>(tx, sql`
    SELECT u.kind, gt.admission FROM units u LEFT JOIN grid_types gt ON gt.id = u.grid_type_id WHERE u.id = ${gridId}`);
  return r;
}

export interface DepartmentRef { id: number; code: string; key: string; nameZh: string; nameEn: string; shortName: string | null; unitId: number; path: string }

/**
 * The department with `key` serving the unit at `unitPath`: its own district's subtree first, then any unit
 * it is declared to serve (department_serves); the nearest (deepest) department wins.
 */
export async function departmentFor(tx: Tx, key: string, unitPath: string): Promise<DepartmentRef | null> {
  const [r] = await queryRows<{ id: string; code: string; key: string; name_zh: string; name_en: string; short_name: string | null; unit_id: string; path: string }>(tx, sql`
    SELECT d.id::text, d.code, d.key, d.name_zh, d.name_en, d.short_name, d.unit_id::text, d.path::text
    FROM departments d
    WHERE d.key = ${key} AND (
      ${unitPath}::ltree <@ d.path
      OR EXISTS (SELECT 1 FROM department_serves ds JOIN units su ON su.id = ds.unit_id
                 WHERE ds.department_id = d.id AND ${unitPath}::ltree <@ su.path))
    ORDER BY (${unitPath}::ltree <@ d.path) DESC, nlevel(d.path) DESC, d.id
    LIMIT 1`);
  return r ? {
    id: Number(r.id), code: r.code, key: r.key, nameZh: r.name_zh, nameEn: r.name_en, shortName: r.short_name,
    unitId: Number(r.unit_id), path: r.path,
  } : null;
}
