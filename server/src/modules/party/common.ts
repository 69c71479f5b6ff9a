import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';

/** Shared helpers of the party module: scope roots, scoped look-ups, dates. */

export const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', `${field}: ${message}`, { field });
export const notFoundField = (what: string, id: number | string, field: string) =>
  new AppError('NOT_FOUND', `${what} ${id} not found`, { field, id: String(id) });

/** `col <@ user scope` in SQL (admin without a home unit sees everything). */
export function scopeSql(user: SessionUser, col: SQL): SQL {
  return user.scopePath === null ? sql`true` : sql`${col} <@ ${user.scopePath}::ltree`;
}

/** `col <@ root` where root null means "no narrowing". */
export function under(col: SQL, root: string | null): SQL {
  return root === null ? sql`true` : sql`${col} <@ ${root}::ltree`;
}

export interface ScopedUnit { id: string; kind: string; name: string; path: string }

export async function unitInScope(tx: Tx, user: SessionUser, id: number): Promise<ScopedUnit | null> {
  const [u] = await queryRows<ScopedUnit>(tx, sql`
    SELECT id::text, kind, name, path::text AS path FROM units
    WHERE id = ${id} AND valid_to IS NULL AND ${scopeSql(user, sql`path`)}`);
  return u ?? null;
}

export async function scopedUnitOrFail(tx: Tx, user: SessionUser, id: number, field = 'unitId'): Promise<ScopedUnit> {
  const u = await unitInScope(tx, user, id);
  if (!u) throw notFoundField('unit', id, field);
  return u;
}

/**
 * The subtree a query covers: the given unit (which must be in scope, else 404) or the user's whole scope.
 * Null = everything (a global admin without unitId).
 */
export async function rootPath(tx: Tx, user: SessionUser, unitId?: string): Promise<string | null> {
  if (unitId) return (await scopedUnitOrFail(tx, user, Number(unitId))).path;
  return user.scopePath;
}

export interface OrgRow { id: string; name: string; type: string; path: string; org_path: string; unit_id: string }

export async function orgInScope(tx: Tx, user: SessionUser, id: number, field = 'orgId'): Promise<OrgRow> {
  const [o] = await queryRows<OrgRow>(tx, sql`
    SELECT id::text, name, type, path::text AS path, org_path::text AS org_path, unit_id::text FROM party_orgs
    WHERE id = ${id} AND ${scopeSql(user, sql`path`)}`);
  if (!o) throw notFoundField('party organisation', id, field);
  return o;
}

export interface MemberRef { id: string; person_id: string; org_id: string; path: string; name: string; member_class: string }

export async function memberInScope(tx: Tx, user: SessionUser, id: number, field = 'memberId'): Promise<MemberRef> {
  const [m] = await queryRows<MemberRef>(tx, sql`
    SELECT m.id::text, m.person_id::text, m.org_id::text, m.path::text AS path, p.name, m.member_class
    FROM party_members m JOIN persons p ON p.id = m.person_id
    WHERE m.id = ${id} AND ${scopeSql(user, sql`m.path`)}`);
  if (!m) throw notFoundField('party member', id, field);
  return m;
}

/** Today in China (dates the field writes are local dates). */
export function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
export const thisYear = () => Number(today().slice(0, 4));

export const num = (v: unknown): number => (v == null ? 0 : Number(v));
