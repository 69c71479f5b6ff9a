import { sql, type SQL } from 'drizzle-orm';
import type { MemberItem } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { SessionUser } from '../../lib/scope.js';
import { num, scopeSql } from './common.js';

export interface MemberDbRow {
  id: string; person_id: string; name: string; gender: string | null; id_masked: string | null; phone_masked: string | null;
  org_id: string; org_name: string; member_class: string; status: string; joined_on: string | null; home_grid_id: string | null;
  home_grid_name: string | null; work_unit: string | null; dual: boolean; path: string;
}

const columns = sql`
  m.id::text, m.person_id::text, p.name, p.gender, p.id_masked, p.phone_masked, m.org_id::text, o.name AS org_name, m.member_class,
  m.status, to_char(m.joined_on, 'YYYY-MM-DD') AS joined_on, m.home_grid_id::text, g.name AS home_grid_name, m.work_unit,
  EXISTS (SELECT 1 FROM party_dual_registrations d WHERE d.member_id = m.id) AS dual, m.path::text AS path`;
const from = sql`party_members m JOIN persons p ON p.id = m.person_id JOIN party_orgs o ON o.id = m.org_id
  LEFT JOIN units g ON g.id = m.home_grid_id`;

/** Lists carry only the masked forms; the clear values never leave the database in a list. */
export function presentMember(r: MemberDbRow): MemberItem {
  return {
    id: r.id, personId: r.person_id, name: r.name, gender: r.gender, idNumber: r.id_masked, phone: r.phone_masked,
    orgId: r.org_id, orgName: r.org_name, memberClass: r.member_class as MemberItem['memberClass'],
    status: r.status as MemberItem['status'], joinedOn: r.joined_on, homeGridId: r.home_grid_id, homeGridName: r.home_grid_name,
    workUnit: r.work_unit, dualRegistered: r.dual,
  };
}

export interface MemberFilter {
  root: string | null; orgPath?: string; orgId?: number; homeGridId?: number; memberClass?: string; status?: string; q?: string; extra?: SQL;
}

export function memberWhere(user: SessionUser, f: MemberFilter): SQL {
  const c: SQL[] = [sql`m.active`, scopeSql(user, sql`m.path`)];
  if (f.root) c.push(sql`m.path <@ ${f.root}::ltree`);
  if (f.orgId) c.push(sql`m.org_id = ${f.orgId}`);
  else if (f.orgPath) c.push(sql`o.org_path <@ ${f.orgPath}::ltree`);
  if (f.homeGridId) c.push(sql`m.home_grid_id = ${f.homeGridId}`);
  if (f.memberClass) c.push(sql`m.member_class = ${f.memberClass}`);
  if (f.status) c.push(sql`m.status = ${f.status}`);
  if (f.q) c.push(sql`p.name ILIKE ${`%${f.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`}`);
  if (f.extra) c.push(f.extra);
  return sql.join(c, sql` AND `);
}

export async function listMembers(tx: Tx, user: SessionUser, f: MemberFilter, page: { limit: number; offset: number }) {
  const where = memberWhere(user, f);
  const [rows, [count]] = await Promise.all([
    queryRows<MemberDbRow>(tx, sql`SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY o.org_path, m.id LIMIT ${page.limit} OFFSET ${page.offset}`),
    queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`),
  ]);
  return { items: rows.map(presentMember), total: num(count?.n) };
}

export async function memberRow(tx: Tx, user: SessionUser, id: number): Promise<MemberDbRow | null> {
  const [r] = await queryRows<MemberDbRow>(tx, sql`SELECT ${columns} FROM ${from} WHERE m.id = ${id} AND ${scopeSql(user, sql`m.path`)}`);
  return r ?? null;
}

export async function transfers(tx: Tx, memberId: number) {
  const rows = await queryRows<{ id: string; from_org_id: string | null; from_name: string | null; to_org_id: string; to_name: string; on: string; reason: string | null }>(tx, sql`
    SELECT t.id::text, t.from_org_id::text, f.name AS from_name, t.to_org_id::text, o.name AS to_name, to_char(t."on", 'YYYY-MM-DD') AS "on", t.reason
    FROM party_transfers t LEFT JOIN party_orgs f ON f.id = t.from_org_id JOIN party_orgs o ON o.id = t.to_org_id
    WHERE t.member_id = ${memberId} ORDER BY t."on", t.id`);
  return rows.map((r) => ({ id: r.id, fromOrgId: r.from_org_id, fromOrgName: r.from_name, toOrgId: r.to_org_id, toOrgName: r.to_name, on: r.on, reason: r.reason }));
}

export async function memberFigures(tx: Tx, memberId: number, year: number) {
  const [r] = await queryRows<{ hours: number; points: number; trained: boolean }>(tx, sql`SELECT
    (SELECT COALESCE(sum(hours), 0)::float8 FROM party_signups WHERE member_id = ${memberId}) AS hours,
    (SELECT COALESCE(sum(points), 0)::float8 FROM party_point_entries WHERE member_id = ${memberId} AND status = 'approved') AS points,
    EXISTS (SELECT 1 FROM party_attendance WHERE member_id = ${memberId} AND date_part('year', held_on) = ${year}) AS trained`);
  return { serviceHours: num(r?.hours), points: num(r?.points), trainedThisYear: !!r?.trained };
}
