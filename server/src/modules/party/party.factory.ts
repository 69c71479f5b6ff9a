import { sql } from 'drizzle-orm';
import type { MemberClass, OrgType } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { Crypto } from '../../lib/secrets.js';
import { buildPerson, validIdNumber } from '../people/index.js';

/**
 * Test helpers. Party-test territory lives in this slice's band: 70–72°E, 30–31°N.
 * `partyBand()` gives a random origin in it for buildCommunityWithGrids.
 */
export function partyBand(cols = 3) {
  return { x0: 70 + Math.random() * (1.9 - cols * 0.01), y0: 30 + Math.random() * 0.9 };
}

/** An organisation covering a unit, estate or building (paths copied from the covered place). */
export async function buildOrg(tx: Tx, o: {
  type: OrgType; name?: string; unitId?: number; estateId?: number; buildingId?: number; parentId?: number | null;
  secretaryName?: string | null; industry?: string | null; active?: boolean;
}) {
  const place = o.buildingId
    ? (await queryRows<{ unit_id: string; estate_id: string | null; path: string }>(tx, sql`SELECT grid_id::text AS unit_id, estate_id::text, path::text AS path FROM buildings WHERE id = ${o.buildingId}`))[0]!
    : o.estateId
      ? (await queryRows<{ unit_id: string; estate_id: string | null; path: string }>(tx, sql`SELECT grid_id::text AS unit_id, id::text AS estate_id, path::text AS path FROM estates WHERE id = ${o.estateId}`))[0]!
      : (await queryRows<{ unit_id: string; estate_id: string | null; path: string }>(tx, sql`SELECT id::text AS unit_id, NULL AS estate_id, path::text AS path FROM units WHERE id = ${o.unitId!}`))[0]!;
  const [{ id }] = await queryRows<{ id: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('party_orgs', 'id'))::text AS id`) as [{ id: string }];
  let orgPath = id;
  if (o.parentId) {
    const [p] = await queryRows<{ org_path: string }>(tx, sql`SELECT org_path::text AS org_path FROM party_orgs WHERE id = ${o.parentId}`);
    orgPath = `${p!.org_path}.${id}`;
  }
  await tx.execute(sql`INSERT INTO party_orgs (id, code, name, type, parent_id, org_path, unit_id, estate_id, building_id, industry, path, secretary_name, active)
    VALUES (${Number(id)}, ${`T${id}`}, ${o.name ?? `测试党组织${id}`}, ${o.type}, ${o.parentId ?? null}, ${orgPath}::ltree, ${Number(place.unit_id)},
      ${o.estateId ?? (o.buildingId && place.estate_id ? Number(place.estate_id) : null)}, ${o.buildingId ?? null}, ${o.industry ?? null},
      ${place.path}::ltree, ${o.secretaryName ?? null}, ${o.active ?? true})`);
  return { id: Number(id), code: `T${id}`, path: place.path, orgPath };
}

/** A member (and the person behind them) in an organisation. */
export async function buildMember(tx: Tx, crypto: Crypto, o: {
  orgId: number; memberClass?: MemberClass; homeGridId?: number; name?: string; active?: boolean; workUnit?: string | null;
}) {
  const [org] = await queryRows<{ path: string; unit_id: string }>(tx, sql`SELECT path::text AS path, unit_id::text FROM party_orgs WHERE id = ${o.orgId}`);
  const gridId = o.homeGridId ?? Number(org!.unit_id);
  const idNumber = validIdNumber();
  const person = await buildPerson(tx, crypto, { gridId, name: o.name, idNumber, tags: ['party_member'] });
  const [m] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_members (person_id, org_id, path, member_class, status, joined_on, home_grid_id, work_unit, active)
    VALUES (${person.id}, ${o.orgId}, ${org!.path}::ltree, ${o.memberClass ?? 'no_post'}, 'full', '2010-07-01', ${gridId}, ${o.workUnit ?? null}, ${o.active ?? true})
    RETURNING id::text`);
  return { id: Number(m!.id), personId: person.id, idNumber, phone: person.phone };
}

export async function buildEstate(tx: Tx, gridId: number, name = '测试小区') {
  const [e] = await queryRows<{ id: string }>(tx, sql`INSERT INTO estates (name, grid_id, path, location)
    SELECT ${name}, id, path, ST_PointOnSurface(geom) FROM units WHERE id = ${gridId} RETURNING id::text`);
  return Number(e!.id);
}

/** A training session of a fresh course for an org, attended by the given members on `heldOn`. */
export async function buildTraining(tx: Tx, orgId: number, heldOn: string, memberIds: number[]) {
  const [c] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_courses (title, mode) VALUES ('测试课程', 'offline') RETURNING id::text`);
  const [s] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_sessions (course_id, org_id, path, held_on)
    SELECT ${Number(c!.id)}, id, path, ${heldOn}::date FROM party_orgs WHERE id = ${orgId} RETURNING id::text`);
  for (const m of memberIds) {
    await tx.execute(sql`INSERT INTO party_attendance (session_id, member_id, held_on) VALUES (${Number(s!.id)}, ${m}, ${heldOn}::date)`);
  }
  return { courseId: Number(c!.id), sessionId: Number(s!.id) };
}

export async function registerDual(tx: Tx, memberId: number, communityId: number) {
  await tx.execute(sql`INSERT INTO party_dual_registrations (kind, community_id, path, member_id, registered_on)
    SELECT 'member', id, path, ${memberId}, CURRENT_DATE FROM units WHERE id = ${communityId}`);
}
