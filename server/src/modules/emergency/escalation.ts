import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import { notify, publish } from '../notify/index.js';

/** Rows flagged per run (a large backlog is worked off over several runs). */
const BATCH = 20_000;

interface Flagged { directive_id: string; title: string; path: string; unit_id: string | null; pending: number; unexecuted: number }

/**
 * Escalation ladder for directives (DOMAIN.md §4): a grid that has not acknowledged by ack_due_at, or not
 * executed by due_at, is reported to its community (step 1); still open street_after_minutes later, to the town
 * /street (step 2). Rows are claimed FOR UPDATE SKIP LOCKED, so several server instances never notify twice.
 * One notice per directive and unit ("指令「…」:3个网格未签收"), not one per grid.
 */
export async function runEscalations(ctx: { db: Db }): Promise<number> {
  const now = clock.now();
  return ctx.db.transaction(async (tx) => {
    const community = await step(tx, now, 1);
    const street = await step(tx, now, 2);
    return community + street;
  });
}

async function step(tx: Tx, now: Date, to: 1 | 2): Promise<number> {
  const cond = to === 1
    ? sql`dg.escalation = 0 AND ((dg.state = 'pending' AND d.ack_due_at <= ${now}) OR d.due_at <= ${now})`
    : sql`dg.escalation = 1 AND dg.escalated_at + make_interval(mins => d.street_after_minutes) <= ${now}`;
  // Step 1 reports to the grid's parent (community); step 2 to the community's parent (town/street).
  const target = to === 1 ? sql`g.parent_id` : sql`c.parent_id`;
  const rows = await queryRows<Flagged>(tx, sql`
    WITH due AS (
      SELECT dg.directive_id, dg.grid_id FROM directive_grids dg
      JOIN directives d ON d.id = dg.directive_id JOIN emergencies e ON e.id = d.emergency_id
      WHERE e.state = 'active' AND dg.state <> 'executed' AND ${cond}
      LIMIT ${BATCH} FOR UPDATE OF dg SKIP LOCKED),
    upd AS (
      UPDATE directive_grids x SET escalation = ${to}, escalated_at = ${now}
      FROM due WHERE x.directive_id = due.directive_id AND x.grid_id = due.grid_id
      RETURNING x.directive_id, x.grid_id, x.state)
    SELECT upd.directive_id::text, d.title, d.path::text AS path, ${target}::text AS unit_id,
      count(*) FILTER (WHERE upd.state = 'pending')::int AS pending, count(*)::int AS unexecuted
    FROM upd JOIN directives d ON d.id = upd.directive_id JOIN units g ON g.id = upd.grid_id LEFT JOIN units c ON c.id = g.parent_id
    GROUP BY 1, 2, 3, 4`);
  for (const r of rows) {
    if (r.unit_id == null) continue;
    const what = r.pending ? `${r.pending}个网格未签收` : '';
    const exec = r.unexecuted - r.pending ? `${r.unexecuted - r.pending}个网格已签收未反馈` : '';
    await notify(tx, { unitId: Number(r.unit_id), roles: to === 1 ? ['community_cadre'] : ['street_cadre'] }, {
      kind: to === 1 ? 'emergency.escalation' : 'emergency.escalation_street',
      title: `【指令督办】「${r.title}」:${[what, exec].filter(Boolean).join(',')}`,
      body: to === 1 ? '请督促网格立即签收并反馈执行情况。' : '社区督促后仍未完成,请街道(镇)督办。',
    });
  }
  const directiveIds = [...new Set(rows.map((r) => r.directive_id))];
  if (directiveIds.length) {
    await publish(tx, rows.filter((r, i) => rows.findIndex((x) => x.directive_id === r.directive_id) === i).map((r) => ({
      type: 'scoped' as const, event: 'directive.progress', path: r.path, data: { directiveId: r.directive_id, escalation: to },
    })));
  }
  return rows.reduce((s, r) => s + r.unexecuted, 0);
}
