import { sql } from 'drizzle-orm';
import type { Breakdown } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import {
  WORKING_SQL, emptySums, indicatorValues, indicatorsFor, type AnalyticsUnit, type IndicatorSums, type Period,
} from './indicators.service.js';

interface ChildRow { id: string; code: string; name: string; name_en: string | null; kind: string; has_children: boolean }

/**
 * GET /api/analytics/breakdown: the unit's totals and one row per current child unit (city → district → street →
 * community → grid), each summed over its subtree in one grouped query per rollup. Cells are left out: matters
 * are counted per grid, so a grid is where drilling stops.
 */
export async function breakdownFor(tx: Tx, unit: AnalyticsUnit, p: Period, now: Date): Promise<Breakdown> {
  const id = Number(unit.id);
  const children = await queryRows<ChildRow>(tx, sql`
    SELECT c.id::text, c.code, c.name, c.name_en, c.kind,
      EXISTS (SELECT 1 FROM units g WHERE g.parent_id = c.id AND g.valid_to IS NULL AND g.kind <> 'cell') AS has_children
    FROM units c WHERE c.parent_id = ${id} AND c.valid_to IS NULL AND c.kind <> 'cell' ORDER BY c.code, c.id`);
  const range = sql`r.day BETWEEN ${p.from}::date AND ${p.to}::date`;
  const kids = sql`c.parent_id = ${id} AND c.valid_to IS NULL AND c.kind <> 'cell'`;
  const [cases, dispatches, overdue, total] = await Promise.all([
    queryRows<Record<string, unknown>>(tx, sql`
      SELECT c.id::text AS id, sum(r.received) AS received, sum(r.responded_on_time) AS responded, sum(r.rated) AS rated,
        sum(r.solved) AS solved, sum(r.satisfied) AS satisfied, sum(r.closed) AS closed
      FROM units c JOIN units u ON u.path <@ c.path JOIN case_daily_rollups r ON r.unit_id = u.id
      WHERE ${kids} AND ${range} GROUP BY c.id`),
    queryRows<Record<string, unknown>>(tx, sql`
      SELECT c.id::text AS id, sum(r.handled) AS handled, sum(r.handled_on_time) AS on_time
      FROM units c JOIN units u ON u.path <@ c.path JOIN dispatch_daily_rollups r ON r.unit_id = u.id
      WHERE ${kids} AND ${range} GROUP BY c.id`),
    queryRows<{ id: string; n: number }>(tx, sql`
      SELECT c.id::text AS id, count(*)::int AS n FROM units c JOIN cases k ON k.path <@ c.path
      WHERE ${kids} AND k.state IN (${WORKING_SQL}) AND k.due_at < ${now} AND k.path <@ ${unit.path}::ltree GROUP BY c.id`),
    indicatorsFor(tx, unit, p, now),
  ]);
  const sums = new Map<string, IndicatorSums>(children.map((c) => [c.id, emptySums()]));
  const n = (v: unknown) => Number(v ?? 0);
  for (const r of cases) {
    Object.assign(sums.get(String(r.id)) ?? {}, {
      received: n(r.received), respondedOnTime: n(r.responded), rated: n(r.rated), solved: n(r.solved),
      satisfied: n(r.satisfied), closed: n(r.closed),
    });
  }
  for (const r of dispatches) Object.assign(sums.get(String(r.id)) ?? {}, { handled: n(r.handled), handledOnTime: n(r.on_time) });
  for (const r of overdue) Object.assign(sums.get(r.id) ?? {}, { overdue: n(r.n) });
  return {
    unitId: unit.id, from: p.from, to: p.to,
    total: { unitId: unit.id, code: unit.code, name: unit.name, nameEn: unit.nameEn ?? null, kind: unit.kind, hasChildren: children.length > 0, indicators: total },
    rows: children.map((c) => ({
      unitId: c.id, code: c.code, name: c.name, nameEn: c.name_en, kind: c.kind, hasChildren: c.has_children, indicators: indicatorValues(sums.get(c.id)!),
    })),
  };
}
