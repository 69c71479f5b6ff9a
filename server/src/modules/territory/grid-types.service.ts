import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import * as grids from './grid.repo.js';
import { presentGridType } from './territory.service.js';
import type { GridTypeCreate, GridTypePatch } from './grid-types.schema.js';

/** Grid types are shared by the whole deployment, so only its central roles edit them (not a street cadre). */
const EDITORS = new Set(['admin', 'centre_operator']);

export function assertCanEditGridTypes(user: SessionUser) {
  if (!EDITORS.has(user.role)) {
    throw new AppError('FORBIDDEN', `Role ${user.role} may not edit grid types (admin or centre_operator only)`, { role: user.role });
  }
}

async function codeTaken(db: Db, code: string, exceptId?: number) {
  const [r] = await queryRows<{ id: string }>(db, sql`
    SELECT id::text FROM grid_types WHERE code = ${code} ${exceptId ? sql`AND id <> ${exceptId}` : sql``}`);
  return !!r;
}

export async function createGridType(db: Db, user: SessionUser, actor: Actor, input: GridTypeCreate) {
  assertCanEditGridTypes(user);
  if (await codeTaken(db, input.code)) throw new AppError('CONFLICT', `grid type code ${input.code} already exists`, { field: 'code' });
  return db.transaction(async (tx) => {
    const [r] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO grid_types (code, name_zh, name_en, category, color, duties, admission)
      VALUES (${input.code}, ${input.nameZh}, ${input.nameEn}, ${input.category}, ${input.color ?? '#1677ff'},
        ${JSON.stringify(input.duties)}::jsonb, ${JSON.stringify(input.admission)}::jsonb)
      RETURNING id::text`);
    const created = presentGridType((await grids.gridTypeById(tx, Number(r!.id)))!);
    await audit(tx, actor, { action: 'grid_type.create', entityType: 'grid_type', entityId: created.id, after: created });
    return created;
  });
}

export async function updateGridType(db: Db, user: SessionUser, actor: Actor, id: number, patch: GridTypePatch) {
  assertCanEditGridTypes(user);
  if (!Object.keys(patch).length) throw new AppError('VALIDATION_FAILED', 'nothing to change', { field: 'body' });
  return db.transaction(async (tx) => {
    const [locked] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM grid_types WHERE id = ${id} FOR UPDATE`);
    if (!locked) throw notFound('Grid type', id);
    const before = presentGridType((await grids.gridTypeById(tx, id))!);
    const sets = [];
    if (patch.nameZh !== undefined) sets.push(sql`name_zh = ${patch.nameZh}`);
    if (patch.nameEn !== undefined) sets.push(sql`name_en = ${patch.nameEn}`);
    if (patch.category !== undefined) sets.push(sql`category = ${patch.category}`);
    if (patch.color !== undefined) sets.push(sql`color = ${patch.color}`);
    if (patch.duties !== undefined) sets.push(sql`duties = ${JSON.stringify(patch.duties)}::jsonb`);
    if (patch.admission !== undefined) sets.push(sql`admission = ${JSON.stringify(patch.admission)}::jsonb`);
    await queryRows(tx, sql`UPDATE grid_types SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
    const after = presentGridType((await grids.gridTypeById(tx, id))!);
    await audit(tx, actor, { action: 'grid_type.update', entityType: 'grid_type', entityId: id, before, after });
    return after;
  });
}
