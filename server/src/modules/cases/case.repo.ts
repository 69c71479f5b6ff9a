import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { cases } from '../../db/schema/index.js';
import { queryRows } from '../../db/sql.js';
import type { SessionUser } from '../../lib/scope.js';
import { caseVisibleSql } from './case.scope.js';
import type { CasePatch, CaseRow } from './actions/types.js';

/**
 * Locks the case row for the rest of the transaction (FOR UPDATE) when the user may see it; null otherwise, so
 * missing and out-of-scope answer the same 404. `user` null = system/resident, who reach the case by id only.
 */
export async function lockCase(tx: Tx, user: SessionUser | null, id: number): Promise<CaseRow | null> {
  const visible = user ? caseVisibleSql(user) : sql`true`;
  const hit = await queryRows<{ id: string }>(tx, sql`SELECT c.id::text FROM cases c WHERE c.id = ${id} AND ${visible} FOR UPDATE OF c`);
  if (!hit.length) return null;
  return getCase(tx, id);
}

export async function getCase(tx: Tx, id: number): Promise<CaseRow | null> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, id));
  return row ?? null;
}

/** The case if the user may see it (no lock). */
export async function findVisibleCase(tx: Tx, user: SessionUser, id: number): Promise<CaseRow | null> {
  const hit = await queryRows<{ id: string }>(tx, sql`SELECT c.id::text FROM cases c WHERE c.id = ${id} AND ${caseVisibleSql(user)}`);
  return hit.length ? getCase(tx, id) : null;
}

export async function updateCase(tx: Tx, id: number, patch: CasePatch): Promise<void> {
  await tx.update(cases).set(patch).where(eq(cases.id, id));
}

export interface UnitChain { gridId: number | null; communityId: number | null; townId: number | null; districtId: number | null }

/** The grid, community, town and district a case path lies in (ancestors-or-self of the path). */
export async function unitChain(tx: Tx, path: string | null): Promise<UnitChain> {
  if (!path) return chainOf([]);
  const rows = await queryRows<{ id: string; kind: string }>(tx, sql`SELECT id::text, kind FROM units WHERE path @> ${path}::ltree`);
  return chainOf(rows);
}

/** The grid, community, town and district among a list of units (a locate chain or a path's ancestors). */
export function chainOf(rows: { id: string; kind: string }[]): UnitChain {
  const chain: UnitChain = { gridId: null, communityId: null, townId: null, districtId: null };
  for (const r of rows) {
    if (r.kind === 'grid') chain.gridId = Number(r.id);
    if (r.kind === 'community') chain.communityId = Number(r.id);
    if (r.kind === 'town') chain.townId = Number(r.id);
    if (r.kind === 'district') chain.districtId = Number(r.id);
  }
  return chain;
}

export interface CategoryFacts { code: string; nameZh: string; nameEn: string; lowestLevel: string; dispute: boolean; defaultRisk: string; deadlineClass: string }

/** The few facts of a case's category the workflow rules read (null for an uncategorised case). */
export async function categoryFacts(tx: Tx, code: string | null): Promise<CategoryFacts | null> {
  if (!code) return null;
  const [r] = await queryRows<{ code: string; name_zh: string; name_en: string; lowest_level: string; dispute: boolean; default_risk: string; deadline_class: string }>(tx, sql`
    SELECT code, name_zh, name_en, lowest_level, dispute, default_risk, deadline_class FROM case_categories WHERE code = ${code}`);
  if (!r) return null;
  return { code: r.code, nameZh: r.name_zh, nameEn: r.name_en, lowestLevel: r.lowest_level, dispute: r.dispute, defaultRisk: r.default_risk, deadlineClass: r.deadline_class };
}
