import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { DeadlineClass, Level, RiskLevel } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import * as repo from './catalogue.repo.js';
import type { CategoryItem, CategoryNode, CategoryPatch } from './catalogue.schema.js';

export type { DepartmentRef } from './catalogue.repo.js';

/** A leaf category as the workflow uses it. */
export interface Category {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  lowestLevel: Level;
  leadDeptKey: string | null;
  assistDeptKeys: string[];
  deadlineClass: DeadlineClass;
  requiredFields: repo.CategoryRow['required_fields'];
  urgent: boolean;
  dispute: boolean;
  guidance: repo.CategoryRow['guidance'];
  defaultRisk: RiskLevel;
}

const toCategory = (r: repo.CategoryRow): Category => ({
  code: r.code, parentCode: r.parent_code, nameZh: r.name_zh, nameEn: r.name_en, lowestLevel: r.lowest_level as Level,
  leadDeptKey: r.lead_dept_key, assistDeptKeys: r.assist_dept_keys, deadlineClass: r.deadline_class as DeadlineClass,
  requiredFields: r.required_fields, urgent: r.urgent, dispute: r.dispute, guidance: r.guidance,
  defaultRisk: r.default_risk as RiskLevel,
});

/** The active leaf category `code`; anything else (unknown, a group, retired) is 422 UNKNOWN_CATEGORY. */
export async function getCategory(tx: Tx, code: string): Promise<Category> {
  const cached = categoryCache.get(code);
  if (cached) return cached;
  const r = await repo.categoryByCode(tx, code);
  if (!r || r.kind !== 'leaf' || !r.active) {
    const why = !r ? 'is not in the matter catalogue' : r.kind !== 'leaf' ? 'is a group, not a matter category' : 'is retired';
    throw new AppError('UNKNOWN_CATEGORY', `category ${code} ${why}`, { field: 'category', code });
  }
  const category = toCategory(r);
  categoryCache.set(code, category);
  return category;
}

/**
 * Every intake and every move reads its category; the catalogue changes a few times a year. Kept 10 s: an edit
 * made through this process is seen at once (forgetCategories), one made through another instance within 10 s.
 */
const categoryCache = new LRUCache<string, Category>({ max: 5_000, ttl: 10_000 });

/** After a catalogue edit: the next read goes to the database. */
function forgetCategories(): void {
  categoryCache.clear();
}

/** 网格事项准入: a grid type's admission list (null or empty: no list) admits the matter category `code`. */
export const admits = (admission: string[] | null | undefined, code: string): boolean =>
  !admission || admission.length === 0 || admission.includes(code);

/** 网格事项准入: a grid whose type has an admission list handles only the codes on it. */
export async function assertAdmitted(tx: Tx, gridId: number, code: string): Promise<void> {
  const g = await repo.gridAdmission(tx, gridId);
  if (!g) throw notFound('Grid', gridId);
  if (!admits(g.admission, code)) {
    throw new AppError('GRID_NOT_ADMITTED', `grid ${gridId} does not admit matters of category ${code}`, { field: 'category', gridId: String(gridId), code });
  }
}

/** The department with catalogue key `key` that serves the unit at `unitPath`, or null (the district then owns it, 兜底). */
export function departmentFor(tx: Tx, key: string, unitPath: string): Promise<repo.DepartmentRef | null> {
  return repo.departmentFor(tx, key, unitPath);
}

export function presentCategory(r: repo.CategoryRow): CategoryItem {
  return {
    code: r.code, name: r.name_zh, nameEn: r.name_en, kind: r.kind, deadlineClass: r.deadline_class, lowestLevel: r.lowest_level,
    leadDepartment: r.lead_dept_key, assistDepartments: r.assist_dept_keys, requiredFields: r.required_fields,
    urgent: r.urgent, dispute: r.dispute, guidance: r.guidance, defaultRisk: r.default_risk, active: r.active,
  };
}

/** The catalogue tree: groups in their order, each with its leaves. */
export async function catalogueTree(db: Tx, includeInactive: boolean): Promise<CategoryNode[]> {
  const rows = await repo.allCategories(db, includeInactive);
  const groups = rows.filter((r) => r.kind === 'group');
  const leaves = rows.filter((r) => r.kind === 'leaf');
  const known = new Set(groups.map((g) => g.code));
  const tree: CategoryNode[] = groups.map((g) => ({
    ...presentCategory(g),
    children: leaves.filter((l) => l.parent_code === g.code).map((l) => ({ ...presentCategory(l), children: [] })),
  }));
  // A leaf whose group is gone is still shown (at the top) rather than silently lost.
  for (const l of leaves) if (!l.parent_code || !known.has(l.parent_code)) tree.push({ ...presentCategory(l), children: [] });
  return tree;
}

export async function updateCategory(db: Db, actor: Actor, code: string, patch: CategoryPatch): Promise<CategoryItem> {
  if (!Object.keys(patch).length) throw new AppError('VALIDATION_FAILED', 'body: nothing to change', { field: 'body' });
  const keys = [...(patch.leadDepartment ? [patch.leadDepartment] : []), ...(patch.assistDepartments ?? [])];
  const known = await repo.knownDepartmentKeys(db, keys);
  if (patch.leadDepartment && !known.has(patch.leadDepartment)) {
    throw new AppError('VALIDATION_FAILED', `leadDepartment: no department has key ${patch.leadDepartment}`, { field: 'leadDepartment' });
  }
  const unknownAssist = (patch.assistDepartments ?? []).filter((k) => !known.has(k));
  if (unknownAssist.length) {
    throw new AppError('VALIDATION_FAILED', `assistDepartments: no department has key ${unknownAssist.join(', ')}`, { field: 'assistDepartments', keys: unknownAssist });
  }
  const updated = await db.transaction(async (tx) => {
    const row = await repo.categoryByCode(tx, code, true);
    if (!row) throw notFound('Category', code);
    const before = presentCategory(row);
    const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
    const sets = [
      patch.name !== undefined && sql`name_zh = ${patch.name}`,
      patch.nameEn !== undefined && sql`name_en = ${patch.nameEn}`,
      patch.lowestLevel !== undefined && sql`lowest_level = ${patch.lowestLevel}`,
      patch.deadlineClass !== undefined && sql`deadline_class = ${patch.deadlineClass}`,
      patch.leadDepartment !== undefined && sql`lead_dept_key = ${patch.leadDepartment}`,
      patch.assistDepartments !== undefined && sql`assist_dept_keys = ${json(patch.assistDepartments)}`,
      patch.requiredFields !== undefined && sql`required_fields = ${json(patch.requiredFields)}`,
      patch.urgent !== undefined && sql`urgent = ${patch.urgent}`,
      patch.dispute !== undefined && sql`dispute = ${patch.dispute}`,
      patch.guidance !== undefined && (patch.guidance === null ? sql`guidance = NULL` : sql`guidance = ${json(patch.guidance)}`),
      patch.defaultRisk !== undefined && sql`default_risk = ${patch.defaultRisk}`,
      patch.active !== undefined && sql`active = ${patch.active}`,
    ].filter((s): s is ReturnType<typeof sql> => !!s);
    await queryRows(tx, sql`UPDATE case_categories SET ${sql.join(sets, sql`, `)} WHERE code = ${code}`);
    const after = presentCategory((await repo.categoryByCode(tx, code))!);
    await audit(tx, actor, { action: 'catalogue.update', entityType: 'case_category', entityId: code, before, after });
    return after;
  });
  forgetCategories();
  return updated;
}
