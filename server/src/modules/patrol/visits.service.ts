import { sql } from 'drizzle-orm';
import { householdVisitBody, type HouseholdVisit, type HouseholdVisitBody } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { toId } from '../../lib/ids.js';
import { inScope, type SessionUser } from '../../lib/scope.js';
import { idempotent } from './idempotent.js';
import { loadPatrol } from './patrol.repo.js';
import { clientTime } from './patrol.service.js';

interface Raw { id: string; household_id: string; address: string; grid_id: string; purpose: HouseholdVisit['purpose']; note: string; patrol_id: string | null; visitor: string; at: Date | string }
const select = sql`
  SELECT v.id::text, v.household_id::text, h.address, v.grid_id::text, v.purpose, v.note, v.patrol_id::text, u.display_name AS visitor, v.at
  FROM household_visits v JOIN households h ON h.id = v.household_id JOIN users u ON u.id = v.user_id`;
const present = (r: Raw): HouseholdVisit => ({
  id: r.id, householdId: r.household_id, householdAddress: r.address, gridId: r.grid_id, purpose: r.purpose, note: r.note,
  patrolId: r.patrol_id, visitorName: r.visitor, at: new Date(r.at).toISOString(),
});

/** A household visit (走访), linked to the household; its grid is the household's at the time. */
export async function addVisit(db: Db, user: SessionUser, actor: Actor, input: HouseholdVisitBody, key: string | undefined) {
  const b = householdVisitBody.parse(input);
  const now = clock.now();
  return idempotent(db, { userId: user.id, key, request: { op: 'visit', b }, at: now }, async (tx): Promise<HouseholdVisit> => {
    const [h] = await queryRows<{ id: string; grid_id: string; path: string }>(tx, sql`
      SELECT id::text, grid_id::text, path::text FROM households WHERE id = ${toId(b.householdId)} AND ${inScope(user, sql`path`)}`);
    if (!h) throw new AppError('NOT_FOUND', `Household ${b.householdId} not found`, { field: 'householdId' });
    if (b.patrolId) {
      const p = await loadPatrol(tx, user, toId(b.patrolId));
      if (p.userId !== user.id) throw new AppError('FORBIDDEN', 'Not your patrol', { field: 'patrolId' });
    }
    const at = clientTime(b.at, now, 'at');
    const [r] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO household_visits (household_id, user_id, grid_id, path, purpose, note, patrol_id, lat, lng, at)
      VALUES (${h.id}, ${user.id}, ${h.grid_id}, ${h.path}::ltree, ${b.purpose}, ${b.note}, ${b.patrolId ? toId(b.patrolId) : null},
              ${b.lat ?? null}, ${b.lng ?? null}, ${at}) RETURNING id::text`);
    await audit(tx, actor, { action: 'visit.create', entityType: 'household_visit', entityId: r!.id, unitPath: h.path, after: { householdId: h.id, purpose: b.purpose } });
    const [row] = await queryRows<Raw>(tx, sql`${select} WHERE v.id = ${r!.id}`);
    return present(row!);
  });
}

export async function listVisits(tx: Tx, user: SessionUser, f: { householdId?: string; gridId?: string; limit: number; offset: number }) {
  const where = sql`${inScope(user, sql`v.path`)}
    ${f.householdId ? sql`AND v.household_id = ${toId(f.householdId)}` : sql``}
    ${f.gridId ? sql`AND v.grid_id = ${toId(f.gridId)}` : sql``}`;
  const rows = await queryRows<Raw>(tx, sql`${select} WHERE ${where} ORDER BY v.at DESC, v.id DESC LIMIT ${f.limit} OFFSET ${f.offset}`);
  const [c] = await queryRows<{ n: string }>(tx, sql`SELECT count(*)::text AS n FROM household_visits v WHERE ${where}`);
  return { items: rows.map(present), total: Number(c!.n) };
}
