import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { pgArray, queryRows } from '../../db/sql.js';

/**
 * Rollups are kept by triggers (migration 0008_analytics); this recomputes them from `cases` and
 * `case_dispatches` in one transaction (writers wait), e.g. after a bulk import that bypassed the triggers.
 */
export async function rebuildRollups(tx: Tx): Promise<{ stateRows: number; dailyRows: number; dispatchRows: number }> {
  await tx.execute(sql`SELECT gridgov_analytics_rebuild()`);
  const [r] = await queryRows<{ s: number; d: number; p: number }>(tx, sql`
    SELECT (SELECT count(*) FROM case_state_rollups)::int AS s, (SELECT count(*) FROM case_daily_rollups)::int AS d,
      (SELECT count(*) FROM dispatch_daily_rollups)::int AS p`);
  return { stateRows: Number(r?.s ?? 0), dailyRows: Number(r?.d ?? 0), dispatchRows: Number(r?.p ?? 0) };
}

/** Every non-zero rollup row in a canonical order: equal snapshots mean equal rollups (tests, checks). */
export async function rollupSnapshot(tx: Tx, unitIds?: number[]): Promise<string> {
  const only = (col: string) => (unitIds ? sql`AND ${sql.raw(col)} = ANY(${pgArray(unitIds)}::bigint[])` : sql``);
  const [a, b, c] = await Promise.all([
    queryRows(tx, sql`SELECT unit_id::text, day::text, category_code, channel, state, n FROM case_state_rollups
      WHERE n <> 0 ${only('unit_id')} ORDER BY 1, 2, 3, 4, 5`),
    queryRows(tx, sql`SELECT unit_id::text, day::text, category_code, received, responded_on_time, rated, solved, satisfied, closed
      FROM case_daily_rollups WHERE (received, responded_on_time, rated, solved, satisfied, closed) <> (0, 0, 0, 0, 0, 0) ${only('unit_id')}
      ORDER BY 1, 2, 3`),
    queryRows(tx, sql`SELECT department_id::text, unit_id::text, day::text, category_code, sent, handled, handled_on_time
      FROM dispatch_daily_rollups WHERE (sent, handled, handled_on_time) <> (0, 0, 0) ${only('unit_id')} ORDER BY 2, 3, 1, 4`),
  ]);
  return JSON.stringify({ state: a, daily: b, dispatch: c });
}
