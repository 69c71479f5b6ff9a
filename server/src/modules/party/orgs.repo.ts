import { sql, type SQL } from 'drizzle-orm';
import { MEMBER_CLASSES, type MembersByClass, type OrgItem } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { SessionUser } from '../../lib/scope.js';
import { num, scopeSql } from './common.js';

interface OrgDbRow {
  id: string; code: string; name: string; type: string; parent_id: string | null; depth: number; unit_id: string;
  unit_name: string | null; unit_kind: string | null; estate_id: string | null; building_id: string | null; industry: string | null;
  secretary_name: string | null; secretary_member_id: string | null; secretary_grade: string | null; rating: string | null;
  member_count: number; active: boolean; committee: { name: string; role: string; memberId?: string | null }[];
}

const orgColumns = sql`
  o.id::text, o.code, o.name, o.type, o.parent_id::text, nlevel(o.org_path) AS depth, o.unit_id::text, u.name AS unit_name,
  u.kind AS unit_kind, o.estate_id::text, o.building_id::text, o.industry, o.secretary_name, o.secretary_member_id::text,
  o.secretary_grade, o.rating, o.active, o.committee,
  (SELECT count(*)::int FROM party_members m WHERE m.org_id = o.id AND m.active) AS member_count`;

export function presentOrg(r: OrgDbRow): OrgItem {
  return {
    id: r.id, code: r.code, name: r.name, type: r.type as OrgItem['type'], parentId: r.parent_id, depth: num(r.depth),
    covers: r.building_id ? 'building' : r.estate_id ? 'estate' : r.industry ? 'industry' : 'unit',
    unitId: r.unit_id, unitName: r.unit_name, unitKind: r.unit_kind, estateId: r.estate_id, buildingId: r.building_id,
    industry: r.industry, secretaryName: r.secretary_name, secretaryMemberId: r.secretary_member_id,
    secretaryGrade: r.secretary_grade as OrgItem['secretaryGrade'], rating: r.rating as OrgItem['rating'],
    memberCount: num(r.member_count), active: r.active,
  };
}

export async function listOrgs(tx: Tx, user: SessionUser, f: { root: string | null; type?: string; q?: string; limit: number; offset: number }) {
  const c: SQL[] = [scopeSql(user, sql`o.path`)];
  if (f.root) c.push(sql`o.path <@ ${f.root}::ltree`);
  if (f.type) c.push(sql`o.type = ${f.type}`);
  if (f.q) c.push(sql`o.name ILIKE ${`%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  const where = sql.join(c, sql` AND `);
  const [rows, [count]] = await Promise.all([
    queryRows<OrgDbRow>(tx, sql`SELECT ${orgColumns} FROM party_orgs o LEFT JOIN units u ON u.id = o.unit_id
      WHERE ${where} ORDER BY o.org_path LIMIT ${f.limit} OFFSET ${f.offset}`),
    queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM party_orgs o WHERE ${where}`),
  ]);
  return { items: rows.map(presentOrg), total: num(count?.n) };
}

export async function orgRow(tx: Tx, user: SessionUser, id: number): Promise<OrgDbRow | null> {
  const [r] = await queryRows<OrgDbRow>(tx, sql`SELECT ${orgColumns} FROM party_orgs o LEFT JOIN units u ON u.id = o.unit_id
    WHERE o.id = ${id} AND ${scopeSql(user, sql`o.path`)}`);
  return r ?? null;
}

export async function children(tx: Tx, user: SessionUser, id: number) {
  const rows = await queryRows<OrgDbRow>(tx, sql`SELECT ${orgColumns} FROM party_orgs o LEFT JOIN units u ON u.id = o.unit_id
    WHERE o.parent_id = ${id} AND ${scopeSql(user, sql`o.path`)} ORDER BY o.org_path`);
  return rows.map(presentOrg);
}

export async function memberUnits(tx: Tx, orgId: number) {
  const rows = await queryRows<{ id: string; org_id: string; name: string; kind: string; contact: string | null; joined_on: string | null }>(tx, sql`
    SELECT id::text, org_id::text, name, kind, contact, to_char(joined_on, 'YYYY-MM-DD') AS joined_on FROM party_member_units
    WHERE org_id = ${orgId} ORDER BY id`);
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, name: r.name, kind: r.kind as 'organ', contact: r.contact, joinedOn: r.joined_on }));
}

/** Members by class; `where` selects the members (always include scope). Every class key is present. */
export async function classCounts(tx: Tx, where: SQL): Promise<MembersByClass> {
  const rows = await queryRows<{ member_class: string; n: number }>(tx, sql`
    SELECT m.member_class, count(*)::int AS n FROM party_members m WHERE m.active AND ${where} GROUP BY m.member_class`);
  const out = Object.fromEntries(MEMBER_CLASSES.map((c) => [c, 0])) as MembersByClass;
  for (const r of rows) if (r.member_class in out) out[r.member_class as keyof MembersByClass] = num(r.n);
  return out;
}

export type { OrgDbRow };
