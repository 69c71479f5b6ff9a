import {
  BEFORE_START_SKEW_MS, FUTURE_SKEW_MS, MAX_POINT_ACCURACY_M, type PatrolPoint, type PointRejection,
} from '@gridgov/common';

export interface PatrolForPoints {
  userId: number;
  startedAt: Date;
  stoppedAt: Date | null;
  pauses: { from: string; to: string | null }[];
}

export interface CheckedPoint { index: number; ms: number; lat: number; lng: number; accuracy: number }

/** Why the whole batch is refused (every point gets this code), or null. */
export function batchRejection(p: PatrolForPoints, userId: number, trackingOn: boolean): PointRejection | null {
  if (p.userId !== userId) return 'NOT_YOUR_PATROL';
  if (!trackingOn) return 'TRACKING_OFF';
  return null;
}

/** Why one point is refused, or null. Pure: the same rules run for every point of a batch. */
export function pointRejection(pt: PatrolPoint, p: PatrolForPoints, now: Date): PointRejection | null {
  if (!Number.isFinite(pt.lat) || !Number.isFinite(pt.lng) || pt.lat < -90 || pt.lat > 90 || pt.lng < -180 || pt.lng > 180) return 'OUT_OF_RANGE';
  const ms = Date.parse(pt.t);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(pt.t)) return 'INVALID_TIME';
  if (ms > now.getTime() + FUTURE_SKEW_MS) return 'IN_FUTURE';
  if (!Number.isFinite(pt.accuracy) || pt.accuracy < 0 || pt.accuracy > MAX_POINT_ACCURACY_M) return 'LOW_ACCURACY';
  if (p.stoppedAt && ms > p.stoppedAt.getTime()) return 'PATROL_STOPPED';
  if (ms < p.startedAt.getTime() - BEFORE_START_SKEW_MS) return 'BEFORE_START';
  for (const q of p.pauses) {
    const from = Date.parse(q.from);
    const to = q.to === null ? Infinity : Date.parse(q.to);
    if (ms > from && ms < to) return 'DURING_PAUSE';
  }
  return null;
}

/**
 * Splits a batch into points to store and rejections by index. A second point with the same instant in one batch is
 * a DUPLICATE (the stored ones are found by the INSERT … ON CONFLICT DO NOTHING).
 */
export function checkBatch(points: readonly PatrolPoint[], p: PatrolForPoints, now: Date, whole: PointRejection | null): {
  good: CheckedPoint[]; rejected: { index: number; code: PointRejection }[];
} {
  const rejected: { index: number; code: PointRejection }[] = [];
  const good: CheckedPoint[] = [];
  const seen = new Set<number>();
  points.forEach((pt, index) => {
    const code = whole ?? pointRejection(pt, p, now);
    if (code) { rejected.push({ index, code }); return; }
    const ms = Date.parse(pt.t);
    if (seen.has(ms)) { rejected.push({ index, code: 'DUPLICATE' }); return; }
    seen.add(ms);
    good.push({ index, ms, lat: pt.lat, lng: pt.lng, accuracy: pt.accuracy });
  });
  return { good, rejected };
}
