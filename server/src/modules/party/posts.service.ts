import { sql, type SQL } from 'drizzle-orm';
import { maskName } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { invalid, memberInScope, notFoundField, num, orgInScope, scopeSql, scopedUnitOrFail, today, under } from './common.js';

/** 党员责任岗 / 先锋岗 / 突击队 linked to grids, and household contact groups (联系户) with visits. */

interface PostRow { id: string; kind: string; name: string; org_id: string | null; grid_id: string | null; grid_name: string | null; duty: string | null;
  members: { memberId: string; name: string }[] | null; path: string }
const postColumns = sql`t.id::text, t.kind, t.name, t.org_id::text, t.grid_id::text, g.name AS grid_name, t.duty, t.path::text AS path,
  (SELECT json_agg(json_build_object('memberId', pm.member_id::text, 'name', p.name) ORDER BY pm.id) FROM party_post_members pm
    JOIN party_members m ON m.id = pm.member_id JOIN persons p ON p.id = m.person_id WHERE pm.post_id = t.id) AS members`;
const presentPost = (r: PostRow) => ({ id: r.id, kind: r.kind as 'commando', name: r.name, orgId: r.org_id, gridId: r.grid_id, gridName: r.grid_name,
  duty: r.duty, members: r.members ?? [] });

export async function listPosts(tx: Tx, user: SessionUser, f: { root: string | null; kind?: string; limit: number; offset: number }) {
  const c: SQL[] = [scopeSql(user, sql`t.path`), under(sql`t.path`, f.root)];
  if (f.kind) c.push(sql`t.kind = ${f.kind}`);
  const rows = await queryRows<PostRow & { total: number }>(tx, sql`SELECT ${postColumns}, count(*) OVER ()::int AS total
    FROM party_posts t LEFT JOIN units g ON g.id = t.grid_id WHERE ${sql.join(c, sql` AND `)} ORDER BY t.kind, t.id LIMIT ${f.limit} OFFSET ${f.offset}`);
  return { items: rows.map(presentPost), total: num(rows[0]?.total) };
}

export async function post(tx: Tx, user: SessionUser, id: number) {
  const [r] = await queryRows<PostRow>(tx, sql`SELECT ${postColumns} FROM party_posts t LEFT JOIN units g ON g.id = t.grid_id
    WHERE t.id = ${id} AND ${scopeSql(user, sql`t.path`)}`);
  if (!r) throw notFoundField('post', id, 'id');
  return r;
}

export async function createPost(db: Db, user: SessionUser, actor: Actor, b: { kind: string; name: string; orgId?: string | null; gridId?: string | null; duty?: string | null }) {
  return db.transaction(async (tx) => {
    const org = b.orgId ? await orgInScope(tx, user, Number(b.orgId)) : null;
    const grid = b.gridId ? await scopedUnitOrFail(tx, user, Number(b.gridId), 'gridId') : null;
    if (grid && grid.kind !== 'grid') throw invalid('gridId', `unit ${b.gridId} is a ${grid.kind}, not a grid`);
    const path = grid?.path ?? org!.path;
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_posts (kind, name, org_id, grid_id, path, duty)
      VALUES (${b.kind}, ${b.name}, ${org ? Number(org.id) : null}, ${grid ? Number(grid.id) : null}, ${path}::ltree, ${b.duty ?? null}) RETURNING id::text`);
    await audit(tx, actor, { action: 'party_post.create', entityType: 'party_post', entityId: r!.id, unitPath: path, after: b });
    return presentPost(await post(tx, user, Number(r!.id)));
  });
}

export async function addPostMember(db: Db, user: SessionUser, actor: Actor, id: number, memberId: string) {
  return db.transaction(async (tx) => {
    const p = await post(tx, user, id);
    const m = await memberInScope(tx, user, Number(memberId));
    const [dup] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM party_post_members WHERE post_id = ${id} AND member_id = ${Number(m.id)}`);
    if (dup) throw new AppError('CONFLICT', 'memberId: already on this post', { field: 'memberId' });
    await tx.execute(sql`INSERT INTO party_post_members (post_id, member_id) VALUES (${id}, ${Number(m.id)})`);
    await audit(tx, actor, { action: 'party_post.add_member', entityType: 'party_post', entityId: id, unitPath: p.path, after: { memberId } });
    return presentPost(await post(tx, user, id));
  });
}

interface GroupRow { id: string; name: string; member_id: string; member_name: string; grid_id: string; grid_name: string | null; household_ids: number[];
  visits: number; last_visit_on: string | null; path: string; household_list: { id: string; address: string; headName: string | null }[] | null }

export { maskName };
const groupColumns = sql`c.id::text, c.name, c.member_id::text, p.name AS member_name, c.grid_id::text, g.name AS grid_name, c.household_ids,
  (SELECT count(*)::int FROM party_visits v WHERE v.group_id = c.id) AS visits,
  (SELECT to_char(max(v.visited_on), 'YYYY-MM-DD') FROM party_visits v WHERE v.group_id = c.id) AS last_visit_on, c.path::text AS path,
  (SELECT json_agg(json_build_object('id', h.id::text, 'address', h.address, 'headName', hp.name) ORDER BY h.id) FROM households h
    LEFT JOIN persons hp ON hp.id = h.head_person_id
    WHERE h.id IN (SELECT x::bigint FROM jsonb_array_elements_text(c.household_ids) x)) AS household_list`;
const groupFrom = sql`party_contact_groups c JOIN party_members m ON m.id = c.member_id JOIN persons p ON p.id = m.person_id LEFT JOIN units g ON g.id = c.grid_id`;
const presentGroup = (r: GroupRow) => ({ id: r.id, name: r.name, memberId: r.member_id, memberName: r.member_name, gridId: r.grid_id, gridName: r.grid_name,
  householdIds: (r.household_ids ?? []).map(String), households: (r.household_ids ?? []).length, visits: num(r.visits), lastVisitOn: r.last_visit_on,
  householdList: (r.household_list ?? []).map((h) => ({ id: h.id, address: h.address, headName: maskName(h.headName) })) });

export async function listGroups(tx: Tx, user: SessionUser, root: string | null) {
  const rows = await queryRows<GroupRow>(tx, sql`SELECT ${groupColumns} FROM ${groupFrom}
    WHERE ${scopeSql(user, sql`c.path`)} AND ${under(sql`c.path`, root)} ORDER BY c.id LIMIT 5000`);
  return { items: rows.map(presentGroup), total: rows.length };
}

async function group(tx: Tx, user: SessionUser, id: number) {
  const [r] = await queryRows<GroupRow>(tx, sql`SELECT ${groupColumns} FROM ${groupFrom} WHERE c.id = ${id} AND ${scopeSql(user, sql`c.path`)}`);
  if (!r) throw notFoundField('contact group', id, 'id');
  return r;
}

export async function createGroup(db: Db, user: SessionUser, actor: Actor, b: { name: string; memberId: string; gridId: string; householdIds: string[] }) {
  return db.transaction(async (tx) => {
    const m = await memberInScope(tx, user, Number(b.memberId));
    const grid = await scopedUnitOrFail(tx, user, Number(b.gridId), 'gridId');
    if (grid.kind !== 'grid') throw invalid('gridId', `unit ${b.gridId} is a ${grid.kind}, not a grid`);
    const ids = [...new Set(b.householdIds.map(Number))];
    if (ids.length) {
      const found = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM households WHERE id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})
        AND path <@ ${grid.path}::ltree`);
      const ok = new Set(found.map((f) => Number(f.id)));
      const bad = ids.find((i) => !ok.has(i));
      if (bad !== undefined) throw invalid('householdIds', `household ${bad} is not in grid ${b.gridId}`);
    }
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_contact_groups (name, member_id, grid_id, path, household_ids)
      VALUES (${b.name}, ${Number(m.id)}, ${Number(grid.id)}, ${grid.path}::ltree, ${JSON.stringify(ids)}::jsonb) RETURNING id::text`);
    await audit(tx, actor, { action: 'party_contact_group.create', entityType: 'party_contact_group', entityId: r!.id, unitPath: grid.path, after: b });
    return presentGroup(await group(tx, user, Number(r!.id)));
  });
}

export async function recordVisit(db: Db, user: SessionUser, actor: Actor, id: number, b: { householdId: string; visitedOn?: string; note?: string | null }) {
  return db.transaction(async (tx) => {
    const g = await group(tx, user, id);
    if (!(g.household_ids ?? []).map(Number).includes(Number(b.householdId))) throw invalid('householdId', `household ${b.householdId} is not in this contact group`);
    const on = b.visitedOn ?? today();
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_visits (group_id, household_id, member_id, visited_on, note)
      VALUES (${id}, ${Number(b.householdId)}, ${Number(g.member_id)}, ${on}, ${b.note ?? null}) RETURNING id::text`);
    await audit(tx, actor, { action: 'party_visit.create', entityType: 'party_visit', entityId: r!.id, unitPath: g.path, after: { groupId: id, ...b } });
    return { id: r!.id, groupId: String(id), householdId: b.householdId, memberId: g.member_id, visitedOn: on, note: b.note ?? null };
  });
}
