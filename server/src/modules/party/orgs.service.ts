import { sql } from 'drizzle-orm';
import type { OrgDetail } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { invalid, memberInScope, notFoundField, orgInScope, scopeSql, scopedUnitOrFail } from './common.js';
import * as repo from './orgs.repo.js';
import type { CreateOrgBody, UpdateOrgBody } from './party.schema.js';

export async function detail(tx: Tx, user: SessionUser, id: number): Promise<OrgDetail> {
  const r = await repo.orgRow(tx, user, id);
  if (!r) throw notFoundField('party organisation', id, 'id');
  const [children, memberUnits, byClass] = await Promise.all([
    repo.children(tx, user, id), repo.memberUnits(tx, id),
    repo.classCounts(tx, sql`m.org_id IN (SELECT id FROM party_orgs WHERE org_path <@ (SELECT org_path FROM party_orgs WHERE id = ${id}))`),
  ]);
  return {
    ...repo.presentOrg(r), committee: (r.committee ?? []).map((c) => ({ name: c.name, role: c.role, memberId: c.memberId ?? null })),
    memberUnits, children, membersByClass: byClass,
  };
}

/** Where an org sits: the building's or estate's grid path, or the unit itself — always inside the user's scope. */
async function placeOf(tx: Tx, user: SessionUser, b: CreateOrgBody) {
  if (b.buildingId) {
    const [r] = await queryRows<{ grid_id: string; estate_id: string | null; path: string }>(tx, sql`
      SELECT grid_id::text, estate_id::text, path::text AS path FROM buildings WHERE id = ${Number(b.buildingId)} AND ${scopeSql(user, sql`path`)}`);
    if (!r) throw notFoundField('building', b.buildingId, 'buildingId');
    return { unitId: Number(r.grid_id), estateId: r.estate_id ? Number(r.estate_id) : null, buildingId: Number(b.buildingId), path: r.path };
  }
  if (b.estateId) {
    const [r] = await queryRows<{ grid_id: string; path: string }>(tx, sql`
      SELECT grid_id::text, path::text AS path FROM estates WHERE id = ${Number(b.estateId)} AND ${scopeSql(user, sql`path`)}`);
    if (!r) throw notFoundField('estate', b.estateId, 'estateId');
    return { unitId: Number(r.grid_id), estateId: Number(b.estateId), buildingId: null, path: r.path };
  }
  const u = await scopedUnitOrFail(tx, user, Number(b.unitId));
  return { unitId: Number(u.id), estateId: null, buildingId: null, path: u.path };
}

export async function create(db: Db, user: SessionUser, actor: Actor, b: CreateOrgBody): Promise<number> {
  return db.transaction(async (tx) => {
    const place = await placeOf(tx, user, b);
    // The parent may sit above the user's scope (a grid branch under the street's big working committee).
    let parentPath: string | null = null;
    if (b.parentId) {
      const [p] = await queryRows<{ org_path: string }>(tx, sql`SELECT org_path::text AS org_path FROM party_orgs WHERE id = ${Number(b.parentId)}`);
      if (!p) throw notFoundField('party organisation', b.parentId, 'parentId');
      parentPath = p.org_path;
    }
    if (b.secretaryMemberId) await memberInScope(tx, user, Number(b.secretaryMemberId), 'secretaryMemberId');
    const [{ id }] = await queryRows<{ id: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('party_orgs', 'id'))::text AS id`) as [{ id: string }];
    const code = b.code ?? `PO${id}`;
    const [dup] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM party_orgs WHERE code = ${code}`);
    if (dup) throw new AppError('CONFLICT', `code: organisation code ${code} is taken`, { field: 'code' });
    const orgPath = parentPath ? `${parentPath}.${id}` : id;
    await tx.execute(sql`INSERT INTO party_orgs (id, code, name, type, parent_id, org_path, unit_id, estate_id, building_id, industry, path,
        secretary_name, secretary_member_id, secretary_grade, rating, committee)
      VALUES (${Number(id)}, ${code}, ${b.name}, ${b.type}, ${b.parentId ? Number(b.parentId) : null}, ${orgPath}::ltree, ${place.unitId},
        ${place.estateId}, ${place.buildingId}, ${b.industry ?? null}, ${place.path}::ltree, ${b.secretaryName ?? null},
        ${b.secretaryMemberId ? Number(b.secretaryMemberId) : null}, ${b.secretaryGrade ?? null}, ${b.rating ?? null},
        ${JSON.stringify(b.committee ?? [])}::jsonb)`);
    await audit(tx, actor, { action: 'party_org.create', entityType: 'party_org', entityId: id, unitPath: place.path, after: { ...b, code } });
    return Number(id);
  });
}

export async function update(db: Db, user: SessionUser, actor: Actor, id: number, b: UpdateOrgBody): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await repo.orgRow(tx, user, id);
    if (!before) throw notFoundField('party organisation', id, 'id');
    if (b.secretaryMemberId) await memberInScope(tx, user, Number(b.secretaryMemberId), 'secretaryMemberId');
    if (Object.keys(b).length === 0) throw invalid('body', 'nothing to change');
    await tx.execute(sql`UPDATE party_orgs SET
      name = ${b.name ?? before.name},
      secretary_name = ${b.secretaryName !== undefined ? b.secretaryName : before.secretary_name},
      secretary_member_id = ${b.secretaryMemberId !== undefined ? (b.secretaryMemberId ? Number(b.secretaryMemberId) : null) : before.secretary_member_id},
      secretary_grade = ${b.secretaryGrade !== undefined ? b.secretaryGrade : before.secretary_grade},
      rating = ${b.rating !== undefined ? b.rating : before.rating},
      committee = ${JSON.stringify(b.committee ?? before.committee ?? [])}::jsonb,
      active = ${b.active ?? before.active}
      WHERE id = ${id}`);
    const o = await orgInScope(tx, user, id);
    await audit(tx, actor, { action: 'party_org.update', entityType: 'party_org', entityId: id, unitPath: o.path, before, after: b });
  });
}

export async function addMemberUnit(db: Db, user: SessionUser, actor: Actor, orgId: number, b: { name: string; kind: string; contact?: string | null; joinedOn?: string | null }) {
  return db.transaction(async (tx) => {
    const o = await orgInScope(tx, user, orgId, 'id');
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_member_units (org_id, name, kind, contact, joined_on)
      VALUES (${orgId}, ${b.name}, ${b.kind}, ${b.contact ?? null}, ${b.joinedOn ?? null}) RETURNING id::text`);
    await audit(tx, actor, { action: 'party_member_unit.create', entityType: 'party_member_unit', entityId: r!.id, unitPath: o.path, after: { orgId, ...b } });
    return { id: r!.id, orgId: String(orgId), name: b.name, kind: b.kind as 'organ', contact: b.contact ?? null, joinedOn: b.joinedOn ?? null };
  });
}

/**
 * "一肩挑": every current basic grid should have a branch whose secretary is the grid leader. Lists the grids where
 * it fails. People are compared by name (grid staff are not all linked to person records).
 */
export async function oneShoulder(tx: Tx, user: SessionUser, root: string | null) {
  const rows = await queryRows<{ grid_id: string; code: string; name: string; org_id: string | null; org_name: string | null;
    leader: string | null; secretary: string | null }>(tx, sql`
    SELECT g.id::text AS grid_id, g.code, g.name, o.id::text AS org_id, o.name AS org_name,
      (SELECT s.name FROM grid_staff s WHERE s.grid_id = g.id AND s.role = 'grid_leader' AND s.active ORDER BY s.id LIMIT 1) AS leader,
      COALESCE(sp.name, o.secretary_name) AS secretary
    FROM units g
    LEFT JOIN LATERAL (SELECT * FROM party_orgs o WHERE o.unit_id = g.id AND o.estate_id IS NULL AND o.building_id IS NULL AND o.active
      ORDER BY (o.type = 'branch') DESC, o.id LIMIT 1) o ON true
    LEFT JOIN party_members sm ON sm.id = o.secretary_member_id LEFT JOIN persons sp ON sp.id = sm.person_id
    WHERE g.kind = 'grid' AND g.grid_kind = 'basic' AND g.valid_to IS NULL AND ${scopeSql(user, sql`g.path`)}
      ${root ? sql`AND g.path <@ ${root}::ltree` : sql``}
    ORDER BY g.code`);
  const items = [];
  for (const r of rows) {
    const reason = !r.org_id ? 'no_org' : !r.secretary ? 'no_secretary' : !r.leader ? 'no_grid_leader'
      : r.leader.trim() !== r.secretary.trim() ? 'different_person' : null;
    if (!reason) continue;
    items.push({ gridId: r.grid_id, gridCode: r.code, gridName: r.name, orgId: r.org_id, orgName: r.org_name, gridLeaderName: r.leader, secretaryName: r.secretary, reason: reason as 'no_org' });
  }
  return { items, total: items.length, gridsChecked: rows.length };
}
