import { sql, type SQL } from 'drizzle-orm';
import type { Breakdown } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { shanghaiDay } from '../catalogue/deadlines.js';
import { closedDaysThenLive } from './closed-days.js';
import {
  WORKING_SQL, addSums, emptySums, indicatorValues, screenIndicators, type AnalyticsUnit, type IndicatorSums, type Period,
} from './indicators.service.js';

interface ChildRow { id: string; path: string; code: string; name: string; name_en: string | null; kind: string; has_children: boolean }

/**
 * GET /api/analytics/breakdown: the unit's totals and one row per current child unit (city → district → street →
 * community → grid), each summed over its subtree in one grouped query per rollup. Cells are left out: matters
 * are counted per grid, so a grid is where drilling stops.
 */
export async function breakdownFor(tx: Tx, unit: AnalyticsUnit, p: Period, now: Date): Promise<Breakdown> {
  const id = Number(unit.id);
  const inUnit = sql`r.unit_id IN (SELECT id FROM units WHERE path <@ ${unit.path}::ltree)`;
  // Everything is grouped by the child a path lies under: its ancestor one level below the unit (subpath), so no
  // row is tested against every child. Paths of the unit itself lie under no child. Each rollup is read from its
  // covering day index (migration 0016), overdue matters from the working-deadline index: the work follows the
  // period and the open matters, not the length of the history. Finished days are reused for up to a minute
  // (closed-days.ts).
  const depth = unit.path.split('.').length;
  const child = (path: SQL) => sql`subpath(${path}, 0, ${depth + 1})::text AS child`;
  const below = (path: SQL) => sql`nlevel(${path}) > ${depth}`;
  const n = (v: unknown) => Number(v ?? 0);
  const perChild = async (q: Period): Promise<Map<string, Partial<IndicatorSums>>> => {
    const range = sql`r.day BETWEEN ${q.from}::date AND ${q.to}::date`;
    const [cases, dispatches] = await Promise.all([
      queryRows<Record<string, unknown>>(tx, sql`
        SELECT ${child(sql`u.path`)}, sum(r.received) AS received, sum(r.responded_on_time) AS responded, sum(r.rated) AS rated,
          sum(r.solved) AS solved, sum(r.satisfied) AS satisfied, sum(r.closed) AS closed
        FROM case_daily_rollups r JOIN units u ON u.id = r.unit_id
        WHERE ${range} AND ${inUnit} AND ${below(sql`u.path`)} GROUP BY 1`),
      queryRows<Record<string, unknown>>(tx, sql`
        SELECT ${child(sql`u.path`)}, sum(r.handled) AS handled, sum(r.handled_on_time) AS on_time
        FROM dispatch_daily_rollups r JOIN units u ON u.id = r.unit_id
        WHERE ${range} AND ${inUnit} AND ${below(sql`u.path`)} GROUP BY 1`),
    ]);
    const m = new Map<string, Partial<IndicatorSums>>();
    const at = (c: unknown) => m.get(String(c)) ?? m.set(String(c), {}).get(String(c))!;
    for (const r of cases) {
      Object.assign(at(r.child), {
        received: n(r.received), respondedOnTime: n(r.responded), rated: n(r.rated), solved: n(r.solved), satisfied: n(r.satisfied), closed: n(r.closed),
      });
    }
    for (const r of dispatches) Object.assign(at(r.child), { handled: n(r.handled), handledOnTime: n(r.on_time) });
    return m;
  };
  const addChildren = (a: Map<string, Partial<IndicatorSums>>, b: Map<string, Partial<IndicatorSums>>) => {
    const m = new Map([...a].map(([k, v]) => [k, { ...v }]));
    for (const [k, v] of b) m.set(k, addSums(m.get(k) ?? {}, v));
    return m;
  };
  const [children, split, overdue, total] = await Promise.all([
    queryRows<ChildRow>(tx, sql`
      SELECT c.id::text, c.path::text AS path, c.code, c.name, c.name_en, c.kind,
        EXISTS (SELECT 1 FROM units g WHERE g.parent_id = c.id AND g.valid_to IS NULL AND g.kind <> 'cell') AS has_children
      FROM units c WHERE c.parent_id = ${id} AND c.valid_to IS NULL AND c.kind <> 'cell' ORDER BY c.code, c.id`),
    closedDaysThenLive({ key: `children|${unit.path}`, period: p, today: shanghaiDay(now), now, read: perChild, add: addChildren }),
    queryRows<{ child: string; n: number }>(tx, sql`
      SELECT ${child(sql`path`)}, count(*)::int AS n FROM cases
      WHERE state IN (${WORKING_SQL}) AND due_at < ${now} AND path <@ ${unit.path}::ltree AND ${below(sql`path`)} GROUP BY 1`),
    screenIndicators(tx, unit, p, now),
  ]);
  const sums = new Map<string, IndicatorSums>(children.map((c) => [c.id, { ...emptySums(), ...split.all.get(c.path) }]));
  const byPath = new Map(children.map((c) => [c.path, c.id]));
  for (const r of overdue) {
    const s = sums.get(byPath.get(String(r.child)) ?? '');
    if (s) s.overdue = n(r.n);
  }
  return {
    unitId: unit.id, from: p.from, to: p.to,
    total: { unitId: unit.id, code: unit.code, name: unit.name, nameEn: unit.nameEn ?? null, kind: unit.kind, hasChildren: children.length > 0, indicators: total },
    rows: children.map((c) => ({
      unitId: c.id, code: c.code, name: c.name, nameEn: c.name_en, kind: c.kind, hasChildren: c.has_children, indicators: indicatorValues(sums.get(c.id)!),
    })),
  };
}
