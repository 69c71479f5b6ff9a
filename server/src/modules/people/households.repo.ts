import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { households } from '../../db/schema/index.js';
import type { SessionUser } from '../../lib/scope.js';
import { scopeSql } from './persons.repo.js';

export interface HouseholdRow {
  id: string;
  address: string;
  room: string | null;
  building_id: string | null;
  building_code: string | null;
  building_name: string | null;
  stairway_id: string | null;
  grid_id: string;
  grid_name: string | null;
  head_person_id: string | null;
  head_name: string | null;
  member_count: number;
  path: string;
}

const householdSelect = sql`
  SELECT h.id::text, h.address, h.room, h.building_id::text, b.code AS building_code, b.name AS building_name,
    h.stairway_id::text, h.grid_id::text, g.name AS grid_name, h.head_person_id::text, hp.name AS head_name,
    (SELECT count(*)::int FROM persons m WHERE m.household_id = h.id) AS member_count, h.path::text AS path
  FROM households h
  LEFT JOIN buildings b ON b.id = h.building_id
  LEFT JOIN units g ON g.id = h.grid_id
  LEFT JOIN persons hp ON hp.id = h.head_person_id`;

export async function listHouseholds(tx: Tx, user: SessionUser, f: { unitPath?: string; buildingId?: number }, page: { limit: number; offset: number }) {
  const c: SQL[] = [scopeSql(user, sql`h.path`)];
  if (f.unitPath) c.push(sql`h.path <@ ${f.unitPath}::ltree`);
  if (f.buildingId != null) c.push(sql`h.building_id = ${f.buildingId}`);
  const where = sql.join(c, sql` AND `);
  const [items, [count]] = await Promise.all([
    queryRows<HouseholdRow>(tx, sql`${householdSelect} WHERE ${where} ORDER BY h.building_id NULLS LAST, h.room, h.id LIMIT ${page.limit} OFFSET ${page.offset}`),
    queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM households h WHERE ${where}`),
  ]);
  return { items, total: count!.n };
}

export async function getHousehold(tx: Tx, user: SessionUser, id: number): Promise<HouseholdRow | null> {
  const [row] = await queryRows<HouseholdRow>(tx, sql`${householdSelect} WHERE h.id = ${id} AND ${scopeSql(user, sql`h.path`)}`);
  return row ?? null;
}

export interface ScopedUnit { id: string; kind: string; name: string; path: string }

/** A current unit inside the user's scope, or null. */
export async function unitInScope(tx: Tx, user: SessionUser, id: number): Promise<ScopedUnit | null> {
  const [u] = await queryRows<ScopedUnit>(tx, sql`
    SELECT id::text, kind, name, path::text AS path FROM units
    WHERE id = ${id} AND valid_to IS NULL AND ${scopeSql(user, sql`path`)}`);
  return u ?? null;
}

export interface BuildingRow { id: string; code: string | null; name: string; address: string | null; grid_id: string; path: string }

export async function buildingInScope(tx: Tx, user: SessionUser, id: number): Promise<BuildingRow | null> {
  const [b] = await queryRows<BuildingRow>(tx, sql`
    SELECT id::text, code, name, address, grid_id::text, path::text AS path FROM buildings
    WHERE id = ${id} AND ${scopeSql(user, sql`path`)}`);
  return b ?? null;
}

/** Buildings in scope whose code is one of `codes` (codes are unique per community, not nationally). */
export async function buildingsByCode(tx: Tx, user: SessionUser, codes: string[]): Promise<BuildingRow[]> {
  if (codes.length === 0) return [];
  return queryRows<BuildingRow>(tx, sql`
    SELECT id::text, code, name, address, grid_id::text, path::text AS path FROM buildings
    WHERE code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)}) AND ${scopeSql(user, sql`path`)}`);
}

export async function buildingsByAddress(tx: Tx, user: SessionUser, addresses: string[]): Promise<BuildingRow[]> {
  if (addresses.length === 0) return [];
  return queryRows<BuildingRow>(tx, sql`
    SELECT id::text, code, name, address, grid_id::text, path::text AS path FROM buildings
    WHERE address IN (${sql.join(addresses.map((c) => sql`${c}`), sql`, `)}) AND ${scopeSql(user, sql`path`)}`);
}

export async function householdsOfBuildings(tx: Tx, buildingIds: number[]) {
  if (buildingIds.length === 0) return [];
  return queryRows<{ id: string; building_id: string; room: string | null; head_person_id: string | null }>(tx, sql`
    SELECT id::text, building_id::text, room, head_person_id::text FROM households
    WHERE building_id IN (${sql.join(buildingIds.map((c) => sql`${c}`), sql`, `)})`);
}

/** Households in scope keyed by their exact address (for rows that give 地址 rather than a building code). */
export async function householdsByAddress(tx: Tx, user: SessionUser, addresses: string[]) {
  if (addresses.length === 0) return [];
  return queryRows<{ id: string; address: string; grid_id: string; path: string; head_person_id: string | null }>(tx, sql`
    SELECT id::text, address, grid_id::text, path::text AS path, head_person_id::text FROM households
    WHERE address IN (${sql.join(addresses.map((c) => sql`${c}`), sql`, `)}) AND ${scopeSql(user, sql`path`)}`);
}

export async function insertHousehold(tx: Tx, h: {
  buildingId?: number | null; stairwayId?: number | null; room?: string | null; address: string; gridId: number; path: string;
}): Promise<number> {
  const [row] = await tx.insert(households).values({
    buildingId: h.buildingId ?? null, stairwayId: h.stairwayId ?? null, room: h.room ?? null, address: h.address, gridId: h.gridId, path: h.path,
  }).returning({ id: households.id });
  return row!.id;
}

export async function headOf(tx: Tx, householdId: number): Promise<number | null> {
  const [r] = await queryRows<{ head: string | null }>(tx, sql`SELECT head_person_id::text AS head FROM households WHERE id = ${householdId} FOR UPDATE`);
  return r?.head ? Number(r.head) : null;
}

export async function setHouseholdHead(tx: Tx, householdId: number, personId: number | null): Promise<void> {
  await tx.update(households).set({ headPersonId: personId }).where(sql`${households.id} = ${householdId}`);
}

export async function stairwayOfBuilding(tx: Tx, stairwayId: number, buildingId: number): Promise<boolean> {
  const [r] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM stairways WHERE id = ${stairwayId} AND building_id = ${buildingId}`);
  return !!r;
}
