import { sql } from 'drizzle-orm';
import type { PatrolPointsBody, PatrolPointsResult, PatrolState } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { claimKey, requestHash, storedResponse } from '../cases/idempotency.js';
import { fieldScope } from './idempotent.js';
import { visibleSql, type PatrolRow } from './patrol.repo.js';
import { batchRejection, checkBatch } from './points.rules.js';
import { trackingOn } from './policy.service.js';

/**
 * Point ingestion, built for many phones at once. Per batch, in one transaction: claim the Idempotency-Key (a
 * replay reads the first answer instead), read the patrol with its district's policy (one query; wartime is asked
 * only when peacetime tracking is off), ONE multi-row INSERT that also bumps the patrol's counter (the batch travels
 * as a single JSON parameter), store the answer. Each bad point is rejected alone with its index; the rest are
 * stored. A point whose instant is already stored for the patrol is not stored again (primary key (patrol_id, t))
 * and comes back as DUPLICATE, so even a lost key never duplicates. Batches are not audited one by one: they are
 * telemetry, and the key row records each batch.
 */
export async function ingestPoints(db: Db, user: SessionUser, patrolId: number, body: PatrolPointsBody, key: string | undefined): Promise<PatrolPointsResult> {
  if (!key) throw new AppError('VALIDATION_FAILED', 'Idempotency-Key header is required for point batches', { field: 'Idempotency-Key' });
  const now = clock.now();
  const scope = fieldScope(user.id);
  const hash = requestHash({ op: 'patrol.points', patrolId, points: body.points });
  return db.transaction(async (tx) => {
    if (!(await claimKey(tx, scope, key, now))) {
      const stored = await storedResponse<PatrolPointsResult>(tx, scope, key, hash);
      if (stored) return stored.body;
    }
    const result = await storeBatch(tx, user, patrolId, body, now);
    await tx.execute(sql`UPDATE idempotency_keys SET response = ${JSON.stringify({ status: 200, body: result, requestHash: hash })}::jsonb
      WHERE scope = ${scope} AND key = ${key}`);
    return result;
  });
}

async function storeBatch(tx: Tx, user: SessionUser, patrolId: number, body: PatrolPointsBody, now: Date): Promise<PatrolPointsResult> {
  const [r] = await queryRows<{ user_id: string; path: string; state: PatrolState; started_at: Date | string; stopped_at: Date | string | null; pauses: PatrolRow['pauses']; peacetime_tracking: boolean | null; wartime_on: boolean | null }>(tx, sql`
    SELECT p.user_id::text, p.path::text, p.state, p.started_at, p.stopped_at, p.pauses, pol.peacetime_tracking, pol.wartime_on
    FROM patrols p LEFT JOIN LATERAL (
      SELECT fp.peacetime_tracking, fp.wartime_on FROM units d JOIN field_policies fp ON fp.district_id = d.id
      WHERE d.kind = 'district' AND d.path @> p.path ORDER BY nlevel(d.path) DESC LIMIT 1) pol ON true
    WHERE p.id = ${patrolId} AND ${visibleSql(user)}`);
  if (!r) throw new AppError('NOT_FOUND', `Patrol ${patrolId} not found`, { id: String(patrolId) });
  const p = { userId: Number(r.user_id), startedAt: new Date(r.started_at), stoppedAt: r.stopped_at ? new Date(r.stopped_at) : null, pauses: r.pauses ?? [] };
  const own = p.userId === user.id;
  const tracking = own && await trackingOn(tx, r.path, r.peacetime_tracking, r.wartime_on);
  const { good, rejected } = checkBatch(body.points, p, now, batchRejection(p, user.id, tracking));
  if (good.length === 0) return { accepted: 0, rejected };
  const json = JSON.stringify(good.map((g) => ({ t: new Date(g.ms).toISOString(), lat: g.lat, lng: g.lng, accuracy: g.accuracy })));
  const stored = await queryRows<{ ms: string }>(tx, sql`
    WITH ins AS (
      INSERT INTO patrol_points (patrol_id, t, lat, lng, accuracy)
      SELECT ${patrolId}, x.t, x.lat, x.lng, x.accuracy
      FROM jsonb_to_recordset(${json}::jsonb) AS x(t timestamptz, lat double precision, lng double precision, accuracy real)
      ON CONFLICT (patrol_id, t) DO NOTHING
      RETURNING t
    ), bump AS (
      UPDATE patrols SET point_count = point_count + (SELECT count(*) FROM ins) WHERE id = ${patrolId}
    )
    SELECT round(extract(epoch FROM t) * 1000)::bigint::text AS ms FROM ins`);
  const storedMs = new Set(stored.map((x) => Number(x.ms)));
  for (const g of good) if (!storedMs.has(g.ms)) rejected.push({ index: g.index, code: 'DUPLICATE' });
  rejected.sort((a, b) => a.index - b.index);
  return { accepted: stored.length, rejected };
}
