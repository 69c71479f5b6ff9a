import { sql } from 'drizzle-orm';
import { CHECKIN_RADIUS_M, type PatrolCheckin, type PatrolCheckinBody } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { toId } from '../../lib/ids.js';
import { inScope, type SessionUser } from '../../lib/scope.js';
import { idempotent } from './idempotent.js';
import { loadPatrol, patrolCheckins, type PatrolRow } from './patrol.repo.js';
import { clientTime } from './patrol.service.js';
import { effectivePolicy } from './policy.service.js';

/** The user's own patrol that can still take a record made at `at` (a stopped patrol takes late uploads). */
export async function ownOpenPatrol(tx: Tx, user: SessionUser, patrolId: number, at: string | undefined): Promise<{ p: PatrolRow; t: Date }> {
  const p = await loadPatrol(tx, user, patrolId);
  if (p.userId !== user.id) throw new AppError('FORBIDDEN', 'Not your patrol', { id: String(patrolId) });
  const t = clientTime(at, clock.now(), 'at', p.startedAt);
  if (p.stoppedAt && t > p.stoppedAt) throw new AppError('ILLEGAL_TRANSITION', `Patrol ${patrolId} is stopped`, { state: p.state });
  return { p, t };
}

/**
 * Check-in at a key site: only when the district policy has check-ins on, and only within CHECKIN_RADIUS_M of the
 * site, measured on the server on the geography (metres on the ellipsoid), never trusted from the phone.
 */
export async function checkIn(db: Db, user: SessionUser, actor: Actor, patrolId: number, b: PatrolCheckinBody, key: string | undefined) {
  const now = clock.now();
  return idempotent(db, { userId: user.id, key, request: { op: 'patrol.checkin', patrolId, b }, at: now }, async (tx): Promise<PatrolCheckin> => {
    const { p, t } = await ownOpenPatrol(tx, user, patrolId, b.at);
    const policy = await effectivePolicy(tx, p.path);
    if (!policy.checkins) throw new AppError('CHECKINS_OFF', 'Check-ins are off in this district (peacetime policy)', { districtId: policy.districtId });
    const [k] = await queryRows<{ id: string; name: string; grid_id: string; path: string; distance_m: number; within: boolean }>(tx, sql`
      SELECT k.id::text, k.name, k.grid_id::text, k.path::text,
             ST_Distance(k.location::geography, ST_SetSRID(ST_MakePoint(${b.lng}, ${b.lat}), 4326)::geography) AS distance_m,
             ST_DWithin(k.location::geography, ST_SetSRID(ST_MakePoint(${b.lng}, ${b.lat}), 4326)::geography, ${CHECKIN_RADIUS_M}) AS within
      FROM key_sites k WHERE k.id = ${toId(b.keySiteId)} AND ${inScope(user, sql`k.path`)}`);
    if (!k) throw new AppError('NOT_FOUND', `Key site ${b.keySiteId} not found`, { field: 'keySiteId' });
    const distanceM = Math.round(Number(k.distance_m));
    if (!k.within) {
      throw new AppError('GEOFENCE_TOO_FAR', `You are ${distanceM} m from ${k.name}; check in within ${CHECKIN_RADIUS_M} m of it`, {
        field: 'lat', distanceM, limitM: CHECKIN_RADIUS_M, keySiteId: k.id, keySiteName: k.name,
      });
    }
    const [r] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO patrol_checkins (patrol_id, user_id, key_site_id, grid_id, path, lat, lng, accuracy, distance_m, at)
      VALUES (${patrolId}, ${user.id}, ${k.id}, ${k.grid_id}, ${k.path}::ltree, ${b.lat}, ${b.lng}, ${b.accuracy ?? null}, ${Number(k.distance_m)}, ${t})
      RETURNING id::text`);
    await audit(tx, actor, { action: 'patrol.checkin', entityType: 'patrol_checkin', entityId: r!.id, unitPath: k.path, after: { patrolId: String(patrolId), keySiteId: k.id, distanceM } });
    return (await patrolCheckins(tx, patrolId)).find((c) => c.id === r!.id)!;
  });
}
