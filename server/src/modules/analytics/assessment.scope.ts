import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { notFound } from '../../lib/errors.js';
import { inScope, type SessionUser } from '../../lib/scope.js';

export interface ReportUnit { id: string; code: string; name: string; nameEn: string | null; kind: string; subkind: string | null; path: string }

/** A current unit inside the caller's scope, or 404 (out of scope looks the same as missing). */
export async function reportUnit(tx: Tx, user: SessionUser, id: string | number): Promise<ReportUnit> {
  const [u] = await queryRows<ReportUnit>(tx, sql`
    SELECT id::text, code, name, name_en AS "nameEn", kind, subkind, path::text FROM units u
    WHERE u.id = ${Number(id)} AND u.valid_to IS NULL AND ${inScope(user, sql`u.path`)}`);
  if (!u) throw notFound('Unit', id);
  return u;
}

/** The current units one level below (towns of a district, communities of a town …), by code. */
export async function childUnits(tx: Tx, unit: ReportUnit): Promise<ReportUnit[]> {
  return queryRows<ReportUnit>(tx, sql`
    SELECT id::text, code, name, name_en AS "nameEn", kind, subkind, path::text FROM units
    WHERE parent_id = ${Number(unit.id)} AND valid_to IS NULL AND kind <> 'cell' ORDER BY code`);
}

/** Departments that serve the unit: those of its subtree and those of the units above it (district bureaus). */
export async function departmentsFor(tx: Tx, unit: ReportUnit): Promise<{ id: string; name: string; nameEn: string | null }[]> {
  return queryRows<{ id: string; name: string; nameEn: string | null }>(tx, sql`
    SELECT id::text, name_zh AS name, name_en AS "nameEn" FROM departments
    WHERE path <@ ${unit.path}::ltree OR ${unit.path}::ltree <@ path ORDER BY name_zh, id`);
}
