import { sql } from 'drizzle-orm';
import { COMMUNITY_SUBKINDS, TOWN_SUBKINDS, type UnitKind } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import * as territory from './territory.repo.js';
import { presentUnit } from './territory.service.js';
import { insertUnit } from './unit.writer.js';
import { isUniqueViolation } from './redraw.service.js';
import { checkUnitGeometry, childrenOutside } from './units-admin.geometry.js';
import type { UnitCreate, UnitPatch } from './units-admin.schema.js';

const SUBKINDS: Partial<Record<UnitKind, readonly string[]>> = { town: TOWN_SUBKINDS, community: COMMUNITY_SUBKINDS };
const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { field });

function checkSubkind(kind: UnitKind, subkind: string | undefined) {
  if (subkind === undefined) return;
  const allowed = SUBKINDS[kind];
  if (!allowed) throw bad('subkind', `a ${kind} has no subkind`);
  if (!allowed.includes(subkind)) throw bad('subkind', `subkind of a ${kind} must be one of ${allowed.join(', ')}`);
}

async function checkGridType(tx: Tx, id: string | null | undefined) {
  if (id == null) return;
  const [r] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM grid_types WHERE id = ${Number(id)}`);
  if (!r) throw bad('gridTypeId', `grid type ${id} does not exist`);
}

/** A unit as the list shows it, with its current child count (territory.repo.getUnit leaves that at 0). */
async function present(tx: Tx, user: SessionUser, id: number) {
  const u = (await territory.getUnit(tx, user, id))!;
  const [c] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM units WHERE parent_id = ${id} AND valid_to IS NULL`);
  return presentUnit({ ...u, child_count: c!.n });
}

async function currentUnitInScope(tx: Tx, user: SessionUser, id: number) {
  const u = await territory.getUnit(tx, user, id);
  if (!u) throw notFound('Unit', id);
  if (u.valid_to) {
    // A future valid_to means a pending redraw replaces the unit: it is frozen until then, like a retired one.
    const when = new Date(u.valid_to);
    const why = when.getTime() > Date.now() ? `is replaced by a new grid layout at ${when.toISOString()}` : 'is retired';
    throw new AppError('CONFLICT', `unit ${u.code} ${why}`, { id: String(id), validTo: when.toISOString() });
  }
  return u;
}

/** Create one unit under a parent in the user's scope; codes checked by insertUnit, polygons against the map. */
export async function createUnit(db: Db, user: SessionUser, actor: Actor, b: UnitCreate) {
  if (b.parentId === undefined && user.scopePath !== null) throw bad('parentId', 'parentId is required');
  checkSubkind(b.kind, b.subkind);
  if (b.kind !== 'grid') {
    for (const f of ['gridKind', 'dedicatedType', 'gridTypeId'] as const) {
      if (b[f] !== undefined) throw bad(f, `${f} applies to grids only`);
    }
  }
  const gridKind = b.kind === 'grid' ? b.gridKind ?? 'basic' : null;
  if (gridKind === 'dedicated' && !b.dedicatedType) throw bad('dedicatedType', 'a dedicated grid needs a dedicatedType');
  if (gridKind === 'basic' && b.dedicatedType) throw bad('dedicatedType', 'a basic grid has no dedicatedType');

  return db.transaction(async (tx) => {
    let parentPath: string | null = null;
    if (b.parentId !== undefined) {
      const parent = await territory.getUnit(tx, user, Number(b.parentId));
      if (!parent) throw notFound('Parent unit', b.parentId);
      if (parent.valid_to) throw bad('parentId', `parent unit ${parent.code} is retired`);
      parentPath = parent.path;
    }
    await checkGridType(tx, b.gridTypeId);
    const [taken] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM units WHERE kind = ${b.kind} AND code = ${b.code} AND valid_to IS NULL`);
    if (taken) throw new AppError('CONFLICT', `a current ${b.kind} with code ${b.code} already exists`, { field: 'code', id: taken.id });
    if (b.geometry) {
      await checkUnitGeometry(tx, { kind: b.kind, gridKind, parentId: b.parentId ? Number(b.parentId) : null }, b.geometry);
    }
    // Valid from now: locate at an earlier time must not find a unit that did not exist yet.
    const created = await insertUnit(tx, {
      kind: b.kind, code: b.code, name: b.name, nameEn: b.nameEn ?? null, subkind: b.subkind ?? null,
      parentId: b.parentId ? Number(b.parentId) : null, gridKind, dedicatedType: b.dedicatedType ?? null,
      gridTypeId: b.gridTypeId ? Number(b.gridTypeId) : null, geometry: b.geometry ?? null, validFrom: new Date(),
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', `a current ${b.kind} with code ${b.code} already exists`, { field: 'code' });
      throw err;
    });
    await audit(tx, actor, {
      action: 'unit.create', entityType: 'unit', entityId: created.id, unitPath: created.path ?? parentPath,
      after: { ...b, gridKind },
    });
    return present(tx, user, created.id);
  });
}

export async function updateUnit(db: Db, user: SessionUser, actor: Actor, id: number, p: UnitPatch) {
  if (!Object.keys(p).length) throw bad('body', 'nothing to change');
  return db.transaction(async (tx) => {
    const u = await currentUnitInScope(tx, user, id);
    const kind = u.kind as UnitKind;
    checkSubkind(kind, p.subkind);
    if (p.gridTypeId !== undefined) {
      if (kind !== 'grid') throw bad('gridTypeId', 'gridTypeId applies to grids only');
      await checkGridType(tx, p.gridTypeId);
    }
    if (p.geometry) {
      await checkUnitGeometry(tx, { kind, gridKind: u.grid_kind, parentId: u.parent_id ? Number(u.parent_id) : null, selfId: id }, p.geometry);
      const out = await childrenOutside(tx, id, p.geometry);
      if (out.length) {
        throw new AppError('OUTSIDE_TERRITORY', `the new boundary leaves ${out.map((c) => c.code).join(', ')} partly outside`, {
          field: 'geometry', children: out.map((c) => ({ code: c.code, areaM2: Math.round(Number(c.area) * 100) / 100 })),
        });
      }
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const sets = [sql`updated_at = now()`];
    const change = (field: keyof UnitPatch, column: string, old: unknown, value: unknown) => {
      before[field] = old;
      after[field] = value;
      sets.push(sql`${sql.raw(column)} = ${value}`);
    };
    if (p.name !== undefined) change('name', 'name', u.name, p.name);
    if (p.nameEn !== undefined) change('nameEn', 'name_en', u.name_en, p.nameEn);
    if (p.subkind !== undefined) change('subkind', 'subkind', u.subkind, p.subkind);
    if (p.gridTypeId !== undefined) change('gridTypeId', 'grid_type_id', u.grid_type_id, p.gridTypeId === null ? null : Number(p.gridTypeId));
    if (p.geometry) {
      before.geometry = u.geometry ? JSON.parse(u.geometry) : null;
      after.geometry = p.geometry;
      const g = sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(p.geometry)}), 4326))`;
      sets.push(sql`geom = ${g}`, sql`area_m2 = ST_Area(${g}::geography)`);
    }
    await queryRows(tx, sql`UPDATE units SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
    await audit(tx, actor, { action: 'unit.update', entityType: 'unit', entityId: id, unitPath: u.path, before, after });
    return present(tx, user, id);
  });
}

/** What still hangs on a unit: a retired unit must leave nothing current behind. */
async function attached(tx: Tx, id: number, path: string) {
  const [r] = await queryRows<Record<string, number>>(tx, sql`SELECT
    (SELECT count(*)::int FROM units WHERE parent_id = ${id} AND (valid_to IS NULL OR valid_to > now())) AS children,
    (SELECT count(*)::int FROM buildings WHERE path <@ ${path}::ltree) AS buildings,
    (SELECT count(*)::int FROM key_sites WHERE path <@ ${path}::ltree) AS "keySites",
    (SELECT count(*)::int FROM estates WHERE path <@ ${path}::ltree) AS estates,
    (SELECT count(*)::int FROM households WHERE path <@ ${path}::ltree) AS households,
    (SELECT count(*)::int FROM persons WHERE path <@ ${path}::ltree) AS persons,
    (SELECT count(*)::int FROM grid_staff WHERE active AND path <@ ${path}::ltree) AS staff,
    (SELECT count(*)::int FROM cases WHERE path <@ ${path}::ltree AND state NOT IN ('closed', 'merged', 'rejected')) AS "openCases",
    (SELECT count(*)::int FROM users WHERE active AND home_unit_id = ${id}) AS users`);
  return Object.fromEntries(Object.entries(r!).filter(([, n]) => Number(n) > 0)) as Record<string, number>;
}

/** Retire (valid_to = now) a unit with nothing current left under it; history keeps the row. */
export async function retireUnit(db: Db, user: SessionUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const u = await currentUnitInScope(tx, user, id);
    const left = await attached(tx, id, u.path);
    if (Object.keys(left).length) {
      const what = Object.entries(left).map(([k, n]) => `${n} ${k}`).join(', ');
      throw new AppError('CONFLICT', `unit ${u.code} still has ${what}: move or retire them first`, { id: String(id), attached: left });
    }
    const [r] = await queryRows<{ valid_to: string }>(tx, sql`UPDATE units SET valid_to = now(), updated_at = now() WHERE id = ${id} RETURNING valid_to`);
    await audit(tx, actor, {
      action: 'unit.retire', entityType: 'unit', entityId: id, unitPath: u.path,
      before: { validTo: null }, after: { validTo: new Date(r!.valid_to).toISOString() },
    });
    return present(tx, user, id);
  });
}
