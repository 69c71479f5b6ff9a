import type { CaseState } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/sql.js';
import { notify, type Recipients } from '../notify/notify.js';
import { unitChain, type UnitChain } from './case.repo.js';
import type { CaseRow, Holder, NotifyTarget } from './actions/types.js';

/** Who holds a case in each state; a case with no grid (triage, 兜底) is held by the street/district centre. */
export function holderFor(state: CaseState, c: Pick<CaseRow, 'gridId' | 'hasResidentReporter' | 'holder'>): Holder {
  const gridOrCentre: Holder = c.gridId ? 'grid' : 'street';
  switch (state) {
    case 'reported': case 'accepted': case 'in_grid': case 'reopened': case 'handled': return gridOrCentre;
    case 'escalated_community': return 'community';
    case 'escalated_street': case 'returned': return 'street';
    case 'mediation': return 'mediator';
    case 'dispatched': return 'department';
    case 'verified': return c.hasResidentReporter ? 'reporter' : 'none';
    case 'suspended': return c.holder as Holder;
    default: return 'none';
  }
}

/** The people who hold a case at a level: grid staff, community cadres, the street and district centre. */
export function recipientsFor(holder: Holder, chain: UnitChain, c: Pick<CaseRow, 'leadDepartmentId' | 'ownerUnitId'>): Recipients[] {
  switch (holder) {
    case 'grid':
      return chain.gridId ? [{ unitId: chain.gridId, roles: ['grid_worker', 'grid_leader'] }] : centre(chain, c);
    case 'community':
      return chain.communityId ? [{ unitId: chain.communityId, roles: ['community_cadre'] }] : centre(chain, c);
    case 'street':
      return centre(chain, c);
    case 'mediator':
      return [chain.communityId, chain.townId].filter((u): u is number => u != null).map((unitId) => ({ unitId, roles: ['mediator'] }));
    default:
      return [];
  }
}

function centre(chain: UnitChain, c: Pick<CaseRow, 'ownerUnitId'>): Recipients[] {
  const out: Recipients[] = [];
  if (chain.townId) out.push({ unitId: chain.townId, roles: ['street_cadre', 'centre_operator'] });
  if (chain.districtId) out.push({ unitId: chain.districtId, roles: ['centre_operator'] });
  if (!out.length && c.ownerUnitId) out.push({ unitId: c.ownerUnitId, roles: ['centre_operator', 'street_cadre'] });
  return out;
}

/** Sends one notice per target (`known`: the case's unit chain when the caller has it); high risk alerts the unit leaders (grid leader and community cadres). */
export async function notifyTargets(
  tx: Tx, c: Pick<CaseRow, 'id' | 'trackingNo' | 'title' | 'path' | 'leadDepartmentId' | 'ownerUnitId'>, targets: NotifyTarget[],
  title: string, kind: string, known?: UnitChain,
): Promise<void> {
  if (!targets.length) return;
  // Intake already knows the chain from locating the point: one round trip fewer per new matter.
  const chain = known ?? await unitChain(tx, c.path);
  const notice = { kind, title, body: `${c.trackingNo} ${c.title}`, caseId: c.id };
  for (const t of targets) {
    let list: Recipients[];
    if ('holder' in t && t.holder === 'department') list = await openDepartments(tx, c.id);
    else if ('holder' in t) list = recipientsFor(t.holder, chain, c);
    else if ('to' in t) list = [t.to];
    else {
      list = [];
      if (chain.gridId) list.push({ unitId: chain.gridId, roles: ['grid_leader'] });
      if (chain.communityId) list.push({ unitId: chain.communityId, roles: ['community_cadre'] });
    }
    for (const r of list) await notify(tx, r, notice);
  }
}

/** A case held by departments is held by every department with an open dispatch on it. */
async function openDepartments(tx: Tx, caseId: number): Promise<Recipients[]> {
  const rows = await queryRows<{ d: string }>(tx, sql`
    SELECT DISTINCT department_id::text AS d FROM case_dispatches WHERE case_id = ${caseId} AND state IN ('sent', 'acknowledged')`);
  return rows.map((r) => ({ departmentId: Number(r.d) }));
}
