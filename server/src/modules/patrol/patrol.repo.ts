import { sql } from 'drizzle-orm';
import type { PatrolCheckin, PatrolFinding, PatrolState, PatrolSummary } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';

export interface PatrolRow {
  id: number;
  userId: number;
  gridId: number;
  path: string;
  state: PatrolState;
  startedAt: Date;
  stoppedAt: Date | null;
  pauses: { from: string; to: string | null }[];
  note: string | null;
  pointCount: number;
}

const iso = (v: Date | string | null): string | null => (v == null ? null : new Date(v).toISOString());

/** Own patrols are always visible; others' only inside the user's scope. Missing and out of scope answer alike. */
export function visibleSql(user: SessionUser) {
  return user.scopePath === null ? sql`true` : sql`(p.user_id = ${user.id} OR p.path <@ ${user.scopePath}::ltree)`;
}

export async function loadPatrol(tx: Tx, user: SessionUser, id: number, opts: { forUpdate?: boolean } = {}): Promise<PatrolRow> {
  const [r] = await queryRows<{ id: string; user_id: string; grid_id: string; path: string; state: PatrolState; started_at: Date | string; stopped_at: Date | string | null; pauses: PatrolRow['pauses']; note: string | null; point_count: string }>(tx, sql`
    SELECT p.id::text, p.user_id::text, p.grid_id::text, p.path::text, p.state, p.started_at, p.stopped_at, p.pauses, p.note, p.point_count::text
    FROM patrols p WHERE p.id = ${id} AND ${visibleSql(user)} ${opts.forUpdate ? sql`FOR UPDATE` : sql``}`);
  if (!r) throw new AppError('NOT_FOUND', `Patrol ${id} not found`, { id: String(id) });
  return {
    id: Number(r.id), userId: Number(r.user_id), gridId: Number(r.grid_id), path: r.path, state: r.state,
    startedAt: new Date(r.started_at), stoppedAt: r.stopped_at ? new Date(r.stopped_at) : null,
    pauses: r.pauses ?? [], note: r.note, pointCount: Number(r.point_count),
  };
}

interface SummaryRaw { id: string; grid_id: string; grid_name: string; user_id: string; user_name: string; state: PatrolState; started_at: Date | string; stopped_at: Date | string | null; note: string | null; point_count: string }
const summarySelect = sql`
  SELECT p.id::text, p.grid_id::text, g.name AS grid_name, p.user_id::text, u.display_name AS user_name, p.state,
         p.started_at, p.stopped_at, p.note, p.point_count::text
  FROM patrols p JOIN units g ON g.id = p.grid_id JOIN users u ON u.id = p.user_id`;
const presentSummary = (r: SummaryRaw): PatrolSummary => ({
  id: r.id, gridId: r.grid_id, gridName: r.grid_name, userId: r.user_id, userName: r.user_name, state: r.state,
  startedAt: iso(r.started_at)!, stoppedAt: iso(r.stopped_at), note: r.note, pointCount: Number(r.point_count),
});

export async function patrolSummary(tx: Tx, id: number): Promise<PatrolSummary> {
  const [r] = await queryRows<SummaryRaw>(tx, sql`${summarySelect} WHERE p.id = ${id}`);
  return presentSummary(r!);
}

/** The user's own patrols, newest first (never anyone else's: no comparing workers, DOMAIN.md §9). */
export async function ownPatrols(tx: Tx, user: SessionUser, f: { gridId?: number; limit: number }): Promise<PatrolSummary[]> {
  const rows = await queryRows<SummaryRaw>(tx, sql`${summarySelect}
    WHERE p.user_id = ${user.id} ${f.gridId ? sql`AND p.grid_id = ${f.gridId}` : sql``}
    ORDER BY p.started_at DESC, p.id DESC LIMIT ${f.limit}`);
  return rows.map(presentSummary);
}

export async function activePatrolId(tx: Tx, userId: number): Promise<number | null> {
  const [r] = await queryRows<{ id: string }>(tx, sql`
    SELECT id::text FROM patrols WHERE user_id = ${userId} AND state <> 'stopped' ORDER BY started_at DESC, id DESC LIMIT 1`);
  return r ? Number(r.id) : null;
}

export async function patrolCheckins(tx: Tx, patrolId: number): Promise<PatrolCheckin[]> {
  const rows = await queryRows<{ id: string; key_site_id: string; name: string; distance_m: number; at: Date | string }>(tx, sql`
    SELECT c.id::text, c.key_site_id::text, k.name, c.distance_m, c.at
    FROM patrol_checkins c JOIN key_sites k ON k.id = c.key_site_id WHERE c.patrol_id = ${patrolId} ORDER BY c.at, c.id`);
  return rows.map((r) => ({ id: r.id, patrolId: String(patrolId), keySiteId: r.key_site_id, keySiteName: r.name, distanceM: Math.round(Number(r.distance_m)), at: iso(r.at)! }));
}

interface FindingRaw { id: string; patrol_id: string; kind: PatrolFinding['kind']; cell_id: string | null; cell_name: string | null; key_site_id: string | null; key_site_name: string | null; note: string; lat: number | null; lng: number | null; case_id: string | null; at: Date | string }
export const presentFinding = (r: FindingRaw): PatrolFinding => ({
  id: r.id, patrolId: r.patrol_id, kind: r.kind, cellId: r.cell_id, cellName: r.cell_name, keySiteId: r.key_site_id,
  keySiteName: r.key_site_name, note: r.note, lat: r.lat == null ? null : Number(r.lat), lng: r.lng == null ? null : Number(r.lng),
  caseId: r.case_id, at: iso(r.at)!,
});

export async function patrolFindings(tx: Tx, where: { patrolId?: number; id?: number }): Promise<PatrolFinding[]> {
  const rows = await queryRows<FindingRaw>(tx, sql`
    SELECT f.id::text, f.patrol_id::text, f.kind, f.cell_id::text, c.name AS cell_name, f.key_site_id::text, k.name AS key_site_name,
           f.note, f.lat, f.lng, f.case_id::text, f.at
    FROM patrol_findings f LEFT JOIN units c ON c.id = f.cell_id LEFT JOIN key_sites k ON k.id = f.key_site_id
    WHERE ${where.id ? sql`f.id = ${where.id}` : sql`f.patrol_id = ${where.patrolId ?? 0}`} ORDER BY f.at, f.id`);
  return rows.map(presentFinding);
}
