import { sql, type SQL } from 'drizzle-orm';
import type { IncidentType, EmergencyLevel } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { preparedRows, queryRows } from '../../db/sql.js';

/** An active emergency as other modules see it (patrol tracking policy, cockpit, case intake, banner). */
export interface ActiveEmergencyRef {
  id: string;
  level: EmergencyLevel;
  incidentType: IncidentType;
  title: string;
  unitId: string;
  unitName: string;
  /** ltree path of the emergency's area. */
  path: string;
  declaredAt: string;
}

export interface ActiveOptions {
  /**
   * Also return the active emergencies declared INSIDE the unit (e.g. a district's cockpit shows a town's flood).
   * Default false: only emergencies whose area CONTAINS the unit (the unit itself or an ancestor) — i.e. the unit
   * is in wartime.
   */
  includeInside?: boolean;
}

/**
 * Active emergencies whose area contains `unitPath` (the path itself or any ancestor: `e.path @> unitPath`), most
 * severe first. With `{includeInside: true}` also those declared on a unit below it (`e.path <@ unitPath`).
 * One GiST lookup on the partial index `emergencies_active_path_gist`.
 */
export async function activeEmergenciesAt(db: Tx, unitPath: string, opts: ActiveOptions = {}): Promise<ActiveEmergencyRef[]> {
  const inside = opts.includeInside ? sql` OR e.path <@ ${unitPath}::ltree` : sql``;
  const rows = await queryRows<{ id: string; level: number; incident_type: string; title: string; unit_id: string; unit_name: string; path: string; declared_at: Date | string }>(db, sql`
    SELECT e.id::text, e.level, e.incident_type, e.title, e.unit_id::text, u.name AS unit_name, e.path::text, e.declared_at
    FROM emergencies e JOIN units u ON u.id = e.unit_id
    WHERE e.state = 'active' AND (e.path @> ${unitPath}::ltree${inside})
    ORDER BY e.level, e.declared_at DESC, e.id`);
  return rows.map((r) => ({
    id: r.id, level: r.level as EmergencyLevel, incidentType: r.incident_type as IncidentType, title: r.title,
    unitId: r.unit_id, unitName: r.unit_name, path: r.path, declaredAt: new Date(r.declared_at).toISOString(),
  }));
}

/** Whether the unit at `unitPath` is in wartime: some active emergency's area contains it. */
export async function isWartime(db: Tx, unitPath: string): Promise<boolean> {
  const rows = await preparedRows<{ w: boolean }>(db, sql`SELECT ${wartimeSql(unitPath)} AS w`);
  return Boolean(rows[0]?.w);
}

/** isWartime as a boolean SQL expression, for a caller that asks it in a statement of its own (intake). */
export const wartimeSql = (unitPath: string): SQL =>
  sql`EXISTS (SELECT 1 FROM emergencies e WHERE e.state = 'active' AND e.path @> ${unitPath}::ltree)`;

/** Same as isWartime for a unit id (looks its path up); false for an unknown unit. */
export async function isWartimeUnit(db: Tx, unitId: number): Promise<boolean> {
  const rows = await queryRows<{ w: boolean }>(db, sql`
    SELECT EXISTS (SELECT 1 FROM emergencies e JOIN units u ON u.id = ${unitId}
                   WHERE e.state = 'active' AND e.path @> u.path) AS w`);
  return Boolean(rows[0]?.w);
}
