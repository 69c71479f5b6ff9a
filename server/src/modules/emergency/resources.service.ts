import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import type { SessionUser } from '../../lib/scope.js';
import type { CreateResourceBody } from '@gridgov/common';
import { invalid, notFound, unitInScopeOrFail, within } from './common.js';

/** Shelters, supply points and rescue equipment: capacity, occupancy and a position on the map. */
interface Row { id: string; kind: 'shelter'; name: string; unit_id: string; unit_name: string; capacity: number; occupancy: number; lon: number; lat: number; note: string | null; updated_at: Date; path: string }

const SELECT = sql`SELECT r.id::text, r.kind, r.name, r.unit_id::text, u.name AS unit_name, r.capacity, r.occupancy,
  ST_X(r.location) AS lon, ST_Y(r.location) AS lat, r.note, r.updated_at, r.path::text AS path
  FROM emergency_resources r JOIN units u ON u.id = r.unit_id`;

const present = (r: Row) => ({
  id: r.id, kind: r.kind, name: r.name, unitId: r.unit_id, unitName: r.unit_name, capacity: r.capacity, occupancy: r.occupancy,
  lon: Number(r.lon), lat: Number(r.lat), note: r.note, updatedAt: new Date(r.updated_at).toISOString(),
});

export async function listResources(tx: Tx, user: SessionUser, f: { root: string | null; kind?: string }) {
  const rows = await queryRows<Row>(tx, sql`${SELECT}
    WHERE ${within(user, sql`r.path`)} ${f.root ? sql`AND r.path <@ ${f.root}::ltree` : sql``} ${f.kind ? sql`AND r.kind = ${f.kind}` : sql``}
    ORDER BY r.kind, r.name LIMIT 1000`);
  return { items: rows.map(present) };
}

/** Farther than this from its unit, a position is a typo (swapped lon/lat, a wrong digit), not a shelter. */
export const RESOURCE_NEAR_M = 1000;

/**
 * The resource's point: the one given (checked against the unit's boundary when it has one), or a point inside the
 * unit when none is given. Errors name `lon`/`lat`.
 */
async function locate(tx: Tx, unitId: number, b: { lon?: number; lat?: number }): Promise<{ lon: number; lat: number }> {
  if ((b.lon === undefined) !== (b.lat === undefined)) throw invalid(b.lon === undefined ? 'lon' : 'lat', 'give lon and lat together, or neither');
  const [u] = await queryRows<{ has_geom: boolean; lon: number | null; lat: number | null; m: number | null }>(tx, sql`
    SELECT geom IS NOT NULL AS has_geom, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat,
      ${b.lon === undefined ? sql`NULL::float8` : sql`ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(${b.lon}::float8, ${b.lat}::float8), 4326)::geography)`} AS m
    FROM units WHERE id = ${unitId}`);
  if (b.lon === undefined || b.lat === undefined) {
    if (!u?.has_geom) throw invalid('lon', 'the unit has no boundary: give lon and lat');
    return { lon: Number(u.lon), lat: Number(u.lat) };
  }
  if (u?.has_geom && Number(u.m) > RESOURCE_NEAR_M) {
    throw invalid('lon', `the position is ${Math.round(Number(u.m))} m outside the unit (at most ${RESOURCE_NEAR_M} m)`, { distanceM: Math.round(Number(u.m)) });
  }
  return { lon: b.lon, lat: b.lat };
}

export async function createResource(db: Db, user: SessionUser, actor: Actor, b: CreateResourceBody) {
  const unit = await unitInScopeOrFail(db, user, Number(b.unitId), 'unitId');
  if (b.occupancy > b.capacity) throw invalid('occupancy', `must not exceed capacity (${b.occupancy} > ${b.capacity})`);
  const at = await locate(db, Number(unit.id), b);
  return db.transaction(async (tx) => {
    const [r] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO emergency_resources (kind, name, unit_id, path, location, capacity, occupancy, note, updated_at)
      VALUES (${b.kind}, ${b.name}, ${Number(unit.id)}, ${unit.path}::ltree, ST_SetSRID(ST_MakePoint(${at.lon}::float8, ${at.lat}::float8), 4326),
        ${b.capacity}, ${b.occupancy}, ${b.note ?? null}, ${clock.now()}) RETURNING id::text`);
    await audit(tx, actor, { action: 'emergency.resource.create', entityType: 'emergency_resource', entityId: r!.id, unitPath: unit.path, after: { ...b, ...at } });
    const [row] = await queryRows<Row>(tx, sql`${SELECT} WHERE r.id = ${Number(r!.id)}`);
    return present(row!);
  });
}

export async function updateResource(db: Db, user: SessionUser, actor: Actor, id: number, b: { capacity?: number; occupancy?: number; note?: string }) {
  const [cur] = await queryRows<Row>(db, sql`${SELECT} WHERE r.id = ${id} AND ${within(user, sql`r.path`)}`);
  if (!cur) throw notFound('resource', id);
  if (b.capacity === undefined && b.occupancy === undefined && b.note === undefined) throw invalid('body', 'nothing to change: give capacity, occupancy or note');
  const capacity = b.capacity ?? cur.capacity;
  const occupancy = b.occupancy ?? cur.occupancy;
  if (occupancy > capacity) throw invalid(b.occupancy !== undefined ? 'occupancy' : 'capacity', `occupancy must not exceed capacity (${occupancy} > ${capacity})`);
  return db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE emergency_resources SET capacity = ${capacity}, occupancy = ${occupancy}, note = ${b.note ?? cur.note}, updated_at = ${clock.now()} WHERE id = ${id}`);
    await audit(tx, actor, { action: 'emergency.resource.update', entityType: 'emergency_resource', entityId: id, unitPath: cur.path, before: { capacity: cur.capacity, occupancy: cur.occupancy }, after: b });
    const [row] = await queryRows<Row>(tx, sql`${SELECT} WHERE r.id = ${id}`);
    return present(row!);
  });
}

/** A shelter closed for good or entered by mistake. The audit event keeps what it was. */
export async function deleteResource(db: Db, user: SessionUser, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [cur] = await queryRows<Row>(tx, sql`${SELECT} WHERE r.id = ${id} AND ${within(user, sql`r.path`)} FOR UPDATE OF r`);
    if (!cur) throw notFound('resource', id);
    await tx.execute(sql`DELETE FROM emergency_resources WHERE id = ${id}`);
    await audit(tx, actor, { action: 'emergency.resource.delete', entityType: 'emergency_resource', entityId: id, unitPath: cur.path, before: present(cur) });
  });
}
