import { sql } from 'drizzle-orm';
import type { PatrolPointsBody, PatrolPointsResult } from '@gridgov/common';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { idempotent } from './idempotent.js';
import { loadPatrol } from './patrol.repo.js';
import { batchRejection, checkBatch } from './points.rules.js';
import { effectivePolicy } from './policy.service.js';

/**
 * Point ingestion, built for many phones at once: per batch one patrol read, one policy read, ONE multi-row INSERT
 * (the batch travels as a single JSON parameter) and one counter update, all in the transaction that stores the
 * Idempotency-Key's answer. Each bad point is rejected alone with its index; the rest are stored. A point whose
 * instant is already stored for the patrol is not stored again (primary key (patrol_id, t)) and comes back as
 * DUPLICATE. Batches are not audited one by one: they are telemetry, and the key row records each batch.
 */
export async function ingestPoints(db: Db, user: SessionUser, patrolId: number, body: PatrolPointsBody, key: string | undefined): Promise<PatrolPointsResult> {
  if (!key) throw new AppError('VALIDATION_FAILED', 'Idempotency-Key header is required for point batches', { field: 'Idempotency-Key' });
  const now = clock.now();
  return idempotent(db, { userId: user.id, key, request: { op: 'patrol.points', patrolId, points: body.points }, at: now }, async (tx) => {
    const p = await loadPatrol(tx, user, patrolId);
    const whole = p.userId !== user.id ? 'NOT_YOUR_PATROL' : batchRejection(p, user.id, (await effectivePolicy(tx, p.path)).tracking);
    const { good, rejected } = checkBatch(body.points, p, now, whole);
    if (good.length === 0) return { accepted: 0, rejected };
    const json = JSON.stringify(good.map((g) => ({ t: new Date(g.ms).toISOString(), lat: g.lat, lng: g.lng, accuracy: g.accuracy })));
    const stored = await queryRows<{ ms: string }>(tx, sql`
      INSERT INTO patrol_points (patrol_id, t, lat, lng, accuracy)
      SELECT ${patrolId}, x.t, x.lat, x.lng, x.accuracy
      FROM jsonb_to_recordset(${json}::jsonb) AS x(t timestamptz, lat double precision, lng double precision, accuracy real)
      ON CONFLICT (patrol_id, t) DO NOTHING
      RETURNING round(extract(epoch FROM t) * 1000)::bigint::text AS ms`);
    const storedMs = new Set(stored.map((r) => Number(r.ms)));
    for (const g of good) if (!storedMs.has(g.ms)) rejected.push({ index: g.index, code: 'DUPLICATE' });
    rejected.sort((a, b) => a.index - b.index);
    if (stored.length) await tx.execute(sql`UPDATE patrols SET point_count = point_count + ${stored.length} WHERE id = ${patrolId}`);
    return { accepted: stored.length, rejected };
  });
}
