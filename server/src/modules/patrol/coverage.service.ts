import { sql } from 'drizzle-orm';
import type { PatrolCoverage } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { fieldGrids } from './grids.js';
import { localDate, localDayStart, mondayOf, periodOf } from './periods.js';

/** Points this imprecise (metres) say little about which cell was walked; coverage ignores them. */
const COVERAGE_ACCURACY_M = 50;

type Source = PatrolCoverage['cells'][number]['sources'][number];

/**
 * Which cells of a grid were visited in a week (Shanghai calendar, Monday start), by anyone, and how that is known:
 * findings against the cell, check-ins at its key sites, household visits in its buildings, and GPS points (only
 * exist when tracking is on). Per cell, never per worker (DOMAIN.md §9).
 */
export async function coverage(tx: Tx, user: SessionUser, gridId: number, week?: string): Promise<PatrolCoverage> {
  if (week !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(week)) throw new AppError('VALIDATION_FAILED', 'week must be YYYY-MM-DD', { field: 'week' });
  const [g] = await fieldGrids(tx, user, gridId);
  const p = periodOf('weekly', mondayOf(week ?? localDate(clock.now())));
  const from = localDayStart(p.start);
  const to = new Date(from.getTime() + 7 * 86_400_000);
  const rows = await queryRows<{ id: string; code: string; name: string; source: Source | null; last_at: Date | string | null }>(tx, sql`
    WITH cells AS (
      SELECT id, code, name, geom FROM units WHERE kind = 'cell' AND parent_id = ${g!.id} AND valid_to IS NULL
    ), seen AS (
      SELECT f.cell_id AS cell_id, 'findings' AS source, max(f.at) AS last_at FROM patrol_findings f
        WHERE f.cell_id IN (SELECT id FROM cells) AND f.at >= ${from} AND f.at < ${to} GROUP BY f.cell_id
      UNION ALL
      SELECT c.id, 'checkins', max(k.at) FROM patrol_checkins k JOIN key_sites s ON s.id = k.key_site_id
        JOIN cells c ON c.id = s.cell_id OR (s.cell_id IS NULL AND ST_Intersects(c.geom, s.location))
        WHERE k.at >= ${from} AND k.at < ${to} GROUP BY c.id
      UNION ALL
      SELECT c.id, 'visits', max(v.at) FROM household_visits v JOIN households h ON h.id = v.household_id
        JOIN buildings b ON b.id = h.building_id
        JOIN cells c ON c.id = b.cell_id OR (b.cell_id IS NULL AND ST_Intersects(c.geom, b.location))
        WHERE v.grid_id = ${g!.id} AND v.at >= ${from} AND v.at < ${to} GROUP BY c.id
      UNION ALL
      SELECT c.id, 'points', max(pt.t) FROM patrols pa JOIN patrol_points pt ON pt.patrol_id = pa.id
        JOIN cells c ON ST_Intersects(c.geom, ST_SetSRID(ST_MakePoint(pt.lng, pt.lat), 4326))
        WHERE pa.grid_id = ${g!.id} AND pa.started_at < ${to} AND (pa.stopped_at IS NULL OR pa.stopped_at >= ${from})
          AND pt.t >= ${from} AND pt.t < ${to} AND pt.accuracy <= ${COVERAGE_ACCURACY_M}
        GROUP BY c.id
    )
    SELECT c.id::text, c.code, c.name, s.source, s.last_at FROM cells c LEFT JOIN seen s ON s.cell_id = c.id ORDER BY c.code, s.source`);
  const byCell = new Map<string, PatrolCoverage['cells'][number]>();
  for (const r of rows) {
    const cell = byCell.get(r.id) ?? { id: r.id, code: r.code, name: r.name, visited: false, lastVisitAt: null, sources: [] };
    if (r.source && r.last_at) {
      const at = new Date(r.last_at).toISOString();
      cell.visited = true;
      cell.sources.push(r.source);
      if (!cell.lastVisitAt || at > cell.lastVisitAt) cell.lastVisitAt = at;
    }
    byCell.set(r.id, cell);
  }
  const cells = [...byCell.values()];
  return { gridId: String(g!.id), weekStart: p.start, weekEnd: p.end, total: cells.length, visited: cells.filter((c) => c.visited).length, cells };
}
