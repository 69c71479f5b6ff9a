import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/sql.js';
import { AppError } from '../../../lib/errors.js';
import { pathInScope } from '../../../lib/scope.js';
import type { ActionHandler } from './types.js';

/**
 * 改派网格: a misrouted case moves to another current grid in one step. Path, grid and cell change; the old
 * grid stays in the audit trail (before/after), so history is kept.
 */
export const reroute: ActionHandler = async ({ tx, c, by, body }) => {
  const gridId = body.gridId!;
  const [g] = await queryRows<{ id: string; path: string; name: string }>(tx, sql`
    SELECT id::text, path::text, name FROM units WHERE id = ${gridId} AND kind = 'grid' AND valid_to IS NULL`);
  if (!g || (by.user && !pathInScope(by.user, g.path))) {
    throw new AppError('NOT_FOUND', `Grid ${gridId} not found`, { field: 'gridId', id: String(gridId) });
  }
  if (Number(g.id) === c.gridId) throw new AppError('VALIDATION_FAILED', 'The case is already in that grid', { field: 'gridId' });
  // The cell under the case's point inside the new grid, if any.
  const [cell] = c.location ? await queryRows<{ id: string }>(tx, sql`
    SELECT u.id::text FROM units u, cases k WHERE k.id = ${c.id} AND u.kind = 'cell' AND u.valid_to IS NULL
      AND u.path <@ ${g.path}::ltree AND ST_Contains(u.geom, k.location) LIMIT 1`) : [];
  const [old] = c.gridId ? await queryRows<{ name: string }>(tx, sql`SELECT name FROM units WHERE id = ${c.gridId}`) : [];
  return {
    set: { gridId: Number(g.id), path: g.path, cellId: cell ? Number(cell.id) : null, ownerUnitId: null },
    holder: 'grid',
    after: { fromGridId: c.gridId == null ? null : String(c.gridId), fromGridName: old?.name ?? null, fromPath: c.path, gridId: g.id, gridName: g.name, reason: body.reason },
    notify: [{ holder: 'grid' }], notice: `改派至本网格 ${c.trackingNo}`,
  };
};
