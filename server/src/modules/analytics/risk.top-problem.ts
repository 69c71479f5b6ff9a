import { sql, type SQL } from 'drizzle-orm';
import { REPEAT_MIN_CASES, type RiskResponse } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';

/**
 * 每月一题: the category that weighs most on the unit in the window, proposed as the month's problem to tackle.
 * Ranked by cases, then by repeat locations (a problem that keeps coming back at the same place), then by how many
 * grids it touches; merged and rejected matters are left out by the caller's `scope`.
 */
export async function proposeTopProblem(tx: Tx, scope: SQL, asOf: string, days: number): Promise<RiskResponse['topProblem']> {
  const rows = await queryRows<{ code: string; name_zh: string; name_en: string; n: number; grids: number; repeats: number; total: number }>(tx, sql`
    WITH w AS (SELECT c.category_code, c.grid_id, lower(regexp_replace(trim(c.address), '\\s+', '', 'g')) AS addr FROM cases c WHERE ${scope}),
    rep AS (SELECT category_code, count(*)::int AS repeats FROM (
        SELECT category_code, addr FROM w WHERE addr IS NOT NULL AND addr <> '' GROUP BY 1, 2 HAVING count(*) >= ${REPEAT_MIN_CASES}) x
      GROUP BY 1)
    SELECT w.category_code AS code, cat.name_zh, cat.name_en, count(*)::int AS n, count(DISTINCT w.grid_id)::int AS grids,
      coalesce(max(rep.repeats), 0)::int AS repeats, (SELECT count(*)::int FROM w) AS total
    FROM w JOIN case_categories cat ON cat.code = w.category_code LEFT JOIN rep ON rep.category_code = w.category_code
    GROUP BY w.category_code, cat.name_zh, cat.name_en
    ORDER BY n DESC, repeats DESC, grids DESC, code LIMIT 1`);
  const top = rows[0];
  if (!top) return null;
  const share = top.total > 0 ? top.n / top.total : 0;
  // One decimal, as the page shows the share next to this sentence.
  const pct = (share * 100).toFixed(1);
  return {
    month: asOf.slice(0, 7), categoryCode: top.code, nameZh: top.name_zh, nameEn: top.name_en,
    caseCount: top.n, gridCount: top.grids, share, repeatLocations: top.repeats,
    zh: `建议本月聚焦“${top.name_zh}”：近${days}天${top.n}件，占${pct}%，涉及${top.grids}个网格${top.repeats ? `，${top.repeats}处反复发生` : ''}。`,
    en: `Proposed problem of the month: "${top.name_en}": ${top.n} cases in ${days} days (${pct}%), ${top.grids} grid${top.grids === 1 ? '' : 's'}${top.repeats ? `, ${top.repeats} recurring locations` : ''}.`,
  };
}
