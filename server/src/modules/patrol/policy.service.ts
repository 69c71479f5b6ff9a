import { sql } from 'drizzle-orm';
import type { TrackingPolicy, TrackingPolicyUpdateBody } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { toId } from '../../lib/ids.js';
import { pathInScope, type SessionUser } from '../../lib/scope.js';
import { isWartime } from '../emergency/wartime.js';

/**
 * Field policy (DOMAIN.md §9): continuous tracking and check-ins are a district's choice, OFF in peacetime unless the
 * district turns them on, and ON in wartime (an active emergency covering the unit) unless the district says the
 * rules do not allow it (`wartimeOn = false`). One query for the district and its row, one for wartime.
 */
export async function effectivePolicy(tx: Tx, unitPath: string): Promise<TrackingPolicy> {
  const [row] = await queryRows<{ district_id: string; peacetime_tracking: boolean | null; peacetime_checkins: boolean | null; wartime_on: boolean | null }>(tx, sql`
    SELECT d.id::text AS district_id, p.peacetime_tracking, p.peacetime_checkins, p.wartime_on
    FROM units d LEFT JOIN field_policies p ON p.district_id = d.id
    WHERE d.kind = 'district' AND d.path @> ${unitPath}::ltree
    ORDER BY nlevel(d.path) DESC LIMIT 1`);
  const peacetime = { tracking: row?.peacetime_tracking ?? false, checkins: row?.peacetime_checkins ?? false };
  const wartimeOn = row?.wartime_on ?? true;
  const wartime = await isWartime(tx, unitPath);
  return {
    districtId: row?.district_id ?? null,
    tracking: peacetime.tracking || (wartime && wartimeOn),
    checkins: peacetime.checkins || (wartime && wartimeOn),
    wartime,
    peacetime,
    wartimeOn,
  };
}

/** Whether points are taken, from a policy row already read (null = no row: defaults); wartime asked only if needed. */
export async function trackingOn(tx: Tx, unitPath: string, peacetimeTracking: boolean | null, wartimeOn: boolean | null): Promise<boolean> {
  if (peacetimeTracking) return true;
  if (wartimeOn === false) return false;
  return isWartime(tx, unitPath);
}

async function districtPath(tx: Tx, districtId: number): Promise<string> {
  const [d] = await queryRows<{ path: string; kind: string }>(tx, sql`SELECT path::text, kind FROM units WHERE id = ${districtId} AND valid_to IS NULL`);
  if (!d || d.kind !== 'district') throw new AppError('NOT_FOUND', `District ${districtId} not found`, { field: 'districtId' });
  return d.path;
}

/** A unit's policy as the user may see it (404 outside their scope). */
export async function policyForUnit(db: Db, user: SessionUser, unitId: number | null): Promise<TrackingPolicy> {
  const id = unitId ?? user.homeUnitId;
  if (id == null) throw new AppError('VALIDATION_FAILED', 'unitId is required', { field: 'unitId' });
  const [u] = await queryRows<{ path: string }>(db, sql`SELECT path::text FROM units WHERE id = ${id}`);
  // A worker asks for their own district's policy, which lies above their scope: allow ancestors and descendants.
  if (!u || !(pathInScope(user, u.path) || (user.scopePath !== null && user.scopePath.startsWith(`${u.path}.`)) || user.scopePath === u.path)) {
    throw new AppError('NOT_FOUND', `Unit ${id} not found`, { field: 'unitId' });
  }
  return effectivePolicy(db, u.path);
}

/** District admin (admin or centre operator whose scope holds the district) sets the peacetime policy. Audited. */
export async function setPolicy(db: Db, user: SessionUser, actor: Actor, b: TrackingPolicyUpdateBody): Promise<TrackingPolicy> {
  if (user.role !== 'admin' && user.role !== 'centre_operator') {
    throw new AppError('FORBIDDEN', `Role ${user.role} may not set the field policy`, { role: user.role });
  }
  const districtId = toId(b.districtId);
  return db.transaction(async (tx) => {
    const path = await districtPath(tx, districtId);
    if (!pathInScope(user, path)) throw new AppError('NOT_FOUND', `District ${b.districtId} not found`, { field: 'districtId' });
    const before = await effectivePolicy(tx, path);
    const wartimeOn = b.wartimeOn ?? before.wartimeOn;
    await tx.execute(sql`
      INSERT INTO field_policies (district_id, peacetime_tracking, peacetime_checkins, wartime_on, updated_by, updated_at)
      VALUES (${districtId}, ${b.peacetime.tracking}, ${b.peacetime.checkins}, ${wartimeOn}, ${user.id}, now())
      ON CONFLICT (district_id) DO UPDATE SET peacetime_tracking = EXCLUDED.peacetime_tracking,
        peacetime_checkins = EXCLUDED.peacetime_checkins, wartime_on = EXCLUDED.wartime_on,
        updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`);
    await audit(tx, actor, {
      action: 'field.policy.set', entityType: 'district', entityId: districtId, unitPath: path,
      before: { peacetime: before.peacetime, wartimeOn: before.wartimeOn }, after: { peacetime: b.peacetime, wartimeOn },
    });
    return effectivePolicy(tx, path);
  });
}
