import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { AppError } from '../../lib/errors.js';
import { inScope, pathInScope, type SessionUser } from '../../lib/scope.js';

export interface FieldGrid { id: number; code: string; name: string; path: string; gridTypeId: number | null }

/** Most grids a bundle carries for a cadre without a grid of their own (a community's grids). */
const MAX_SCOPE_GRIDS = 30;

/**
 * The grids a user works in: the one asked for (in scope), else the home grid plus the grids they are active staff
 * of, else (a community cadre) the current grids of their scope.
 */
export async function fieldGrids(tx: Tx, user: SessionUser, gridId?: number): Promise<FieldGrid[]> {
  const cols = sql`g.id::text, g.code, g.name, g.path::text, g.grid_type_id::text`;
  type Raw = { id: string; code: string; name: string; path: string; grid_type_id: string | null };
  const map = (rows: Raw[]) => rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, path: r.path, gridTypeId: r.grid_type_id ? Number(r.grid_type_id) : null }));
  if (gridId !== undefined) {
    const rows = await queryRows<Raw>(tx, sql`SELECT ${cols} FROM units g WHERE g.id = ${gridId} AND g.kind = 'grid'`);
    if (!rows[0] || !pathInScope(user, rows[0].path)) throw new AppError('NOT_FOUND', `Grid ${gridId} not found`, { field: 'gridId' });
    return map(rows);
  }
  const own = await queryRows<Raw>(tx, sql`
    SELECT ${cols} FROM units g
    WHERE g.kind = 'grid' AND g.valid_to IS NULL
      AND (g.id = ${user.homeUnitId ?? 0} OR g.id IN (SELECT s.grid_id FROM grid_staff s WHERE s.user_id = ${user.id} AND s.active))
    ORDER BY g.code`);
  if (own.length || user.scopePath === null) return map(own);
  return map(await queryRows<Raw>(tx, sql`
    SELECT ${cols} FROM units g WHERE g.kind = 'grid' AND g.valid_to IS NULL AND ${inScope(user, sql`g.path`)}
    ORDER BY g.code LIMIT ${MAX_SCOPE_GRIDS}`));
}

export interface Duty { code: string; zh: string; en: string; frequency: string }

/** Duty lists (网格工作清单) of the grids' types, by grid id. */
export async function dutiesOf(tx: Tx, grids: FieldGrid[]): Promise<Map<number, Duty[]>> {
  const ids = [...new Set(grids.map((g) => g.gridTypeId).filter((x): x is number => x !== null))];
  const types = ids.length
    ? await queryRows<{ id: string; duties: Duty[] }>(tx, sql`SELECT id::text, duties FROM grid_types WHERE id IN ${sql.raw(`(${ids.join(',')})`)}`)
    : [];
  const byType = new Map(types.map((t) => [Number(t.id), t.duties ?? []]));
  return new Map(grids.map((g) => [g.id, g.gridTypeId ? byType.get(g.gridTypeId) ?? [] : []]));
}
