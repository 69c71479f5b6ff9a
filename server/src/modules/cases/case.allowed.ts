import { sql } from 'drizzle-orm';
import { allowedActions, DISPATCH_TRANSITIONS, LEVELS, type CaseState, type Level } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { categoryFacts } from './case.repo.js';
import type { CaseActor, CaseRow } from './actions/types.js';

/** The level a case is at when it is resolved from a state (小事不出网格、大事不出社区). */
export const RESOLVE_LEVEL: Partial<Record<CaseState, Level>> = { in_grid: 'grid', escalated_community: 'community', escalated_street: 'street' };

/** May a category whose lowest closing level is `lowest` be closed at `at`? */
export function levelAllows(lowest: string | null | undefined, at: Level): boolean {
  const need = LEVELS.indexOf((lowest ?? 'department') as Level);
  return need >= 0 && need <= LEVELS.indexOf(at);
}

export interface DispatchLite { id: number; departmentId: number; state: string; extension: { state: string } | null }

export async function caseDispatches(tx: Tx, caseId: number): Promise<DispatchLite[]> {
  const rows = await queryRows<{ id: string; department_id: string; state: string; extension: { state: string } | null }>(tx, sql`
    SELECT id::text, department_id::text, state, extension FROM case_dispatches WHERE case_id = ${caseId} ORDER BY id`);
  return rows.map((r) => ({ id: Number(r.id), departmentId: Number(r.department_id), state: r.state, extension: r.extension }));
}

/**
 * What this actor may do to this case now: the table's answer, narrowed by the rules the table cannot see
 * (category level and dispute flag, a pending suspension request, the actor's own dispatches).
 */
export async function allowedFor(tx: Tx, c: CaseRow, by: CaseActor): Promise<string[]> {
  const state = c.state as CaseState;
  const cat = await categoryFacts(tx, c.categoryCode);
  const out: string[] = allowedActions(state, by.as).filter((a) => {
    if (a === 'handle_in_grid') return c.gridId != null && (!cat || cat.lowestLevel === 'grid');
    if (a === 'resolve') return !cat || levelAllows(cat.lowestLevel, RESOLVE_LEVEL[state] ?? 'department');
    if (a === 'start_mediation') return !!cat?.dispute;
    if (a === 'approve_suspension') return c.suspensionRequested != null;
    if (a === 'request_suspension') return c.suspensionRequested == null;
    return true;
  });
  if (state === 'dispatched' || state === 'returned') {
    const mine = (await caseDispatches(tx, c.id)).filter((d) => by.as !== 'department_officer' || d.departmentId === by.user?.departmentId);
    for (const t of DISPATCH_TRANSITIONS) {
      if (!t.roles.includes(by.as) || out.includes(t.action)) continue;
      const ok = mine.some((d) => {
        if (!t.from.includes(d.state as never)) return false;
        const pending = d.extension?.state === 'requested';
        if (t.action === 'approve_extension' || t.action === 'deny_extension') return pending;
        if (t.action === 'request_extension') return !pending;
        return true;
      });
      if (ok) out.push(t.action);
    }
  }
  return out;
}
