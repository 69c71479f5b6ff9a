import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import * as hh from './households.repo.js';
import * as repo from './persons.repo.js';
import { presentHousehold, presentPerson } from './people.present.js';
import type { CreateHouseholdBody } from './people.schema.js';

/** The address residents are known by: the building's address (or name) and the room. */
export const householdAddress = (b: { address: string | null; name: string }, room?: string | null) =>
  [b.address ?? b.name, room].filter(Boolean).join(' ');

export async function detail(db: Db, user: SessionUser, id: number) {
  const h = await hh.getHousehold(db, user, id);
  if (!h) throw notFound('Household', id);
  const members = await repo.listPersons(db, user, { householdId: id }, { limit: 500, offset: 0 });
  return { ...presentHousehold(h), members: members.items.map((m) => ({ ...presentPerson(m), relationToHead: m.relation_to_head })) };
}

export async function create(db: Db, user: SessionUser, actor: Actor, b: CreateHouseholdBody) {
  return db.transaction(async (tx) => {
    let place: { buildingId: number | null; gridId: number; path: string; address: string };
    if (b.buildingId) {
      const bld = await hh.buildingInScope(tx, user, Number(b.buildingId));
      if (!bld) throw new AppError('NOT_FOUND', `building ${b.buildingId} not found`, { field: 'buildingId', id: b.buildingId });
      if (b.stairwayId && !(await hh.stairwayOfBuilding(tx, Number(b.stairwayId), Number(bld.id)))) {
        throw new AppError('VALIDATION_FAILED', `stairwayId: stairway ${b.stairwayId} is not in building ${bld.id}`, { field: 'stairwayId' });
      }
      const [dup] = await queryRows<{ id: string }>(tx, sql`
        SELECT id::text FROM households WHERE building_id = ${Number(bld.id)} AND room IS NOT DISTINCT FROM ${b.room ?? null}`);
      if (dup) throw new AppError('CONFLICT', 'room: this building already has a household in that room', { field: 'room', existingHouseholdId: dup.id });
      place = { buildingId: Number(bld.id), gridId: Number(bld.grid_id), path: bld.path, address: b.address ?? householdAddress(bld, b.room) };
    } else {
      const g = await hh.unitInScope(tx, user, Number(b.gridId));
      if (!g) throw new AppError('NOT_FOUND', `unit ${b.gridId} not found`, { field: 'gridId', id: b.gridId });
      if (g.kind !== 'grid') throw new AppError('VALIDATION_FAILED', `gridId: unit ${b.gridId} is a ${g.kind}, not a grid`, { field: 'gridId' });
      place = { buildingId: null, gridId: Number(g.id), path: g.path, address: b.address! };
    }
    const id = await hh.insertHousehold(tx, { ...place, stairwayId: b.stairwayId ? Number(b.stairwayId) : null, room: b.room ?? null });
    await audit(tx, actor, { action: 'household.create', entityType: 'household', entityId: id, unitPath: place.path, after: { ...b, ...place } });
    return id;
  });
}
