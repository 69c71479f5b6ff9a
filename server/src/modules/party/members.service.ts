import { sql } from 'drizzle-orm';
import type { MemberDetail } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { Crypto } from '../../lib/secrets.js';
import type { SessionUser } from '../../lib/scope.js';
import { idNumberProblem, phoneProblem } from '../people/index.js';
import { invalid, notFoundField, orgInScope, scopedUnitOrFail, thisYear, today } from './common.js';
import * as repo from './members.repo.js';
import { bidxOf, insertPersons, personsByBidx, tagPartyMembers } from './persons.link.js';
import type { CreateMemberBody, UpdateMemberBody } from './party.schema.js';

export async function detail(tx: Tx, user: SessionUser, id: number): Promise<MemberDetail> {
  const r = await repo.memberRow(tx, user, id);
  if (!r) throw notFoundField('party member', id, 'id');
  const [transfers, figures] = await Promise.all([repo.transfers(tx, id), repo.memberFigures(tx, id, thisYear())]);
  return { ...repo.presentMember(r), transfers, ...figures };
}

/** A home grid must be a current grid inside the user's scope. */
async function homeGrid(tx: Tx, user: SessionUser, id: string | null | undefined) {
  if (!id) return null;
  const g = await scopedUnitOrFail(tx, user, Number(id), 'homeGridId');
  if (g.kind !== 'grid') throw invalid('homeGridId', `unit ${id} is a ${g.kind}, not a grid`);
  return g;
}

export async function create(db: Db, crypto: Crypto, user: SessionUser, actor: Actor, b: CreateMemberBody): Promise<number> {
  const idProblem = idNumberProblem(b.idNumber);
  if (idProblem) throw invalid('idNumber', idProblem);
  if (b.phone && phoneProblem(b.phone)) throw invalid('phone', phoneProblem(b.phone)!);
  return db.transaction(async (tx) => {
    const org = await orgInScope(tx, user, Number(b.orgId));
    const grid = await homeGrid(tx, user, b.homeGridId);
    const bidx = bidxOf(crypto, b.idNumber);
    const found = (await personsByBidx(tx, [bidx])).get(bidx);
    if (found?.member) throw new AppError('CONFLICT', 'idNumber: this person is already a party member', { field: 'idNumber' });
    const personId = found?.id ?? (await insertPersons(tx, crypto, [{
      name: b.name, idNumber: b.idNumber, phone: b.phone ?? null, gridId: grid ? Number(grid.id) : null, path: grid?.path ?? org.path,
    }]))[0]!;
    await tagPartyMembers(tx, [personId]);
    const [m] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO party_members (person_id, org_id, path, member_class, status, joined_on, home_grid_id, work_unit)
      VALUES (${personId}, ${Number(org.id)}, ${org.path}::ltree, ${b.memberClass}, ${b.status}, ${b.joinedOn ?? null},
        ${grid ? Number(grid.id) : null}, ${b.workUnit ?? null}) RETURNING id::text`);
    await tx.execute(sql`INSERT INTO party_transfers (member_id, from_org_id, to_org_id, "on", reason, actor_id)
      VALUES (${Number(m!.id)}, NULL, ${Number(org.id)}, ${b.joinedOn ?? today()}, '登记', ${actor.id})`);
    await audit(tx, actor, {
      action: 'party_member.create', entityType: 'party_member', entityId: m!.id, unitPath: org.path,
      after: { ...b, idNumber: undefined, phone: undefined, personId, personCreated: !found },
    });
    return Number(m!.id);
  });
}

export async function update(db: Db, user: SessionUser, actor: Actor, id: number, b: UpdateMemberBody): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await repo.memberRow(tx, user, id);
    if (!before) throw notFoundField('party member', id, 'id');
    const grid = b.homeGridId !== undefined ? await homeGrid(tx, user, b.homeGridId) : undefined;
    await tx.execute(sql`UPDATE party_members SET
      member_class = COALESCE(${b.memberClass ?? null}, member_class),
      status = COALESCE(${b.status ?? null}, status),
      joined_on = ${b.joinedOn !== undefined ? sql`${b.joinedOn}::date` : sql`joined_on`},
      home_grid_id = ${grid !== undefined ? sql`${grid ? Number(grid.id) : null}::bigint` : sql`home_grid_id`},
      work_unit = ${b.workUnit !== undefined ? sql`${b.workUnit}` : sql`work_unit`},
      active = COALESCE(${b.active ?? null}::boolean, active)
      WHERE id = ${id}`);
    await audit(tx, actor, { action: 'party_member.update', entityType: 'party_member', entityId: id, unitPath: before.path, before: repo.presentMember(before), after: b });
  });
}

/** Moves a member to another organisation (in scope), keeping the history. */
export async function transfer(db: Db, user: SessionUser, actor: Actor, id: number, b: { toOrgId: string; on?: string; reason?: string | null }) {
  await db.transaction(async (tx) => {
    const before = await repo.memberRow(tx, user, id);
    if (!before) throw notFoundField('party member', id, 'id');
    const to = await orgInScope(tx, user, Number(b.toOrgId), 'toOrgId');
    if (to.id === before.org_id) throw invalid('toOrgId', 'the member already belongs to this organisation');
    await tx.execute(sql`UPDATE party_members SET org_id = ${Number(to.id)}, path = ${to.path}::ltree WHERE id = ${id}`);
    await tx.execute(sql`INSERT INTO party_transfers (member_id, from_org_id, to_org_id, "on", reason, actor_id)
      VALUES (${id}, ${Number(before.org_id)}, ${Number(to.id)}, ${b.on ?? today()}, ${b.reason ?? null}, ${actor.id})`);
    await audit(tx, actor, {
      action: 'party_member.transfer', entityType: 'party_member', entityId: id, unitPath: to.path,
      before: { orgId: before.org_id }, after: { orgId: to.id, on: b.on ?? today(), reason: b.reason ?? null },
    });
  });
}

/** Full ID and phone of one member, for a role allowed to see them; every look is audited. */
export async function unmask(db: Db, crypto: Crypto, user: SessionUser, actor: Actor, id: number, reason?: string) {
  return db.transaction(async (tx) => {
    const [r] = await queryRows<{ id_enc: string | null; phone_enc: string | null; path: string; person_id: string }>(tx, sql`
      SELECT p.id_enc, p.phone_enc, m.path::text AS path, p.id::text AS person_id FROM party_members m JOIN persons p ON p.id = m.person_id
      WHERE m.id = ${id} AND ${user.scopePath === null ? sql`true` : sql`m.path <@ ${user.scopePath}::ltree`}`);
    if (!r) throw notFoundField('party member', id, 'id');
    await audit(tx, actor, { action: 'party_member.unmask', entityType: 'person', entityId: r.person_id, unitPath: r.path, after: { memberId: String(id), reason: reason ?? null } });
    return { idNumber: r.id_enc ? crypto.decrypt(r.id_enc) : null, phone: r.phone_enc ? crypto.decrypt(r.phone_enc) : null };
  });
}
