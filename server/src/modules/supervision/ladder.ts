import { sql } from 'drizzle-orm';
import type { Role } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { Recipients } from '../notify/index.js';

/**
 * The supervision ladder (督办): grid → community → street (town) → district centre. Departments answer to the
 * district centre. Whoever holds a deadline is urged; the next level up is told and gets the supervision item.
 */
export type Level = 'grid' | 'community' | 'town' | 'district' | 'department';

export interface Chain { grid?: LadderUnit; community?: LadderUnit; town?: LadderUnit; district?: LadderUnit }
export interface LadderUnit { id: number; path: string }

export async function chainOf(tx: Tx, path: string | null): Promise<Chain> {
  if (!path) return {};
  const rows = await queryRows<{ id: string; kind: string; path: string }>(tx, sql`
    SELECT id::text, kind, path::text FROM units WHERE path @> ${path}::ltree AND kind IN ('grid', 'community', 'town', 'district')`);
  const chain: Chain = {};
  for (const r of rows) chain[r.kind as keyof Chain] = { id: Number(r.id), path: r.path };
  return chain;
}

const ROLES: Record<Exclude<Level, 'department'>, Role[]> = {
  grid: ['grid_worker', 'grid_leader'],
  community: ['community_cadre'],
  town: ['street_cadre', 'centre_operator'],
  district: ['centre_operator'],
};
const ORDER: Exclude<Level, 'department'>[] = ['grid', 'community', 'town', 'district'];

/** The people at a level of the chain (falling upward when the chain lacks that level, e.g. triage cases). */
export function peopleAt(chain: Chain, level: Level, departmentId?: number | null): { level: Level; unit: LadderUnit | null; to: Recipients | null } {
  if (level === 'department') return { level, unit: null, to: departmentId ? { departmentId } : null };
  for (const l of ORDER.slice(ORDER.indexOf(level))) {
    const unit = chain[l];
    if (unit) return { level: l, unit, to: { unitId: unit.id, roles: ROLES[l] } };
  }
  return { level, unit: null, to: null };
}

/** The level above `level` (a department's supervisor is the district centre). */
export function nextUp(chain: Chain, level: Level): { level: Level; unit: LadderUnit | null; to: Recipients | null } {
  if (level === 'department') return peopleAt(chain, 'district');
  const i = ORDER.indexOf(level);
  if (i === ORDER.length - 1) return peopleAt(chain, 'district');
  return peopleAt(chain, ORDER[i + 1]!);
}

/** Who holds a case's own deadline in each state (dispatch deadlines are held by the department). */
export function holderLevel(state: string, hasGrid: boolean): Level {
  if (state === 'escalated_community') return 'community';
  if (state === 'escalated_street' || !hasGrid) return 'town';
  return 'grid';
}
