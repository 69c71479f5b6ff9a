import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { notFound } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import * as repo from './territory.repo.js';
import * as grids from './grid.repo.js';

const iso = (v: string | Date | null) => (v == null ? null : new Date(v).toISOString());

export function presentUnit(r: repo.UnitRow) {
  return {
    id: r.id, code: r.code, name: r.name, nameEn: r.name_en, kind: r.kind as never, subkind: r.subkind,
    path: r.path, parentId: r.parent_id, gridKind: r.grid_kind, dedicatedType: r.dedicated_type,
    gridTypeId: r.grid_type_id, validFrom: iso(r.valid_from)!, validTo: iso(r.valid_to), childCount: Number(r.child_count ?? 0),
  };
}

export function presentGridType(t: NonNullable<Awaited<ReturnType<typeof grids.gridTypeById>>>) {
  return { id: t.id, code: t.code, nameZh: t.name_zh, nameEn: t.name_en, category: t.category, color: t.color, duties: t.duties, admission: t.admission };
}

/** A unit the user may see, or 404 (out-of-scope units are indistinguishable from missing ones). */
export async function unitInScope(db: Db, user: SessionUser, id: number) {
  const u = await repo.getUnit(db, user, id);
  if (!u) throw notFound('Unit', id);
  return u;
}

export async function unitDetail(db: Db, user: SessionUser, id: number) {
  const u = await unitInScope(db, user, id);
  const [anc, counts, gt] = await Promise.all([
    repo.ancestors(db, u.path),
    grids.countsUnder(db, u.path, Number(u.id)),
    u.grid_type_id ? grids.gridTypeById(db, Number(u.grid_type_id)) : Promise.resolve(null),
  ]);
  const c = u.centroid ? (JSON.parse(u.centroid) as { coordinates: [number, number] }).coordinates : null;
  return {
    unit: { ...presentUnit(u), profile: u.profile ?? {}, areaM2: u.area_m2 == null ? null : Number(u.area_m2) },
    ancestors: anc,
    geometry: u.geometry ? JSON.parse(u.geometry) : null,
    centroid: c,
    gridType: gt ? presentGridType(gt) : null,
    counts,
  };
}

export async function updateProfile(db: Db, user: SessionUser, actor: Actor, id: number, patch: Record<string, unknown>) {
  const u = await unitInScope(db, user, id);
  return db.transaction(async (tx) => {
    const after = { ...(u.profile ?? {}), ...patch };
    await queryRows(tx, sql`UPDATE units SET profile = ${JSON.stringify(after)}::jsonb, updated_at = now() WHERE id = ${id}`);
    await audit(tx, actor, { action: 'unit.profile.update', entityType: 'unit', entityId: id, unitPath: u.path, before: u.profile, after });
    return after;
  });
}
