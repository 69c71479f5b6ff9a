import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { preparedRows } from '../../db/sql.js';
import { sessions, units, users } from '../../db/schema/index.js';

export async function findUserByUsername(tx: Tx, username: string) {
  const [u] = await tx.select().from(users).where(eq(users.username, username)).limit(1);
  return u ?? null;
}

export async function findUserById(tx: Tx, id: number) {
  const [u] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  return u ?? null;
}

/** The home unit's path, so auth events show up in the audit viewer of that unit's managers. */
export async function homePath(tx: Tx, homeUnitId: number | null): Promise<string | null> {
  if (homeUnitId === null) return null;
  const [u] = await tx.select({ path: sql<string>`${units.path}::text` }).from(units).where(eq(units.id, homeUnitId));
  return u?.path ?? null;
}

export async function setPassword(tx: Tx, userId: number, passwordHash: string) {
  await tx.update(users).set({ passwordHash, mustChangePassword: false, failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

/** End the user's other sessions (after a password change only the current one survives). */
export async function deleteOtherSessions(tx: Tx, userId: number, keepId: string) {
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keepId}`));
}

export async function recordFailure(tx: Tx, userId: number, maxFailures: number, lockMinutes: number) {
  const [u] = await tx.update(users).set({
    failedLogins: sql`CASE WHEN ${users.failedLogins} + 1 >= ${maxFailures} THEN 0 ELSE ${users.failedLogins} + 1 END`,
    lockedUntil: sql`CASE WHEN ${users.failedLogins} + 1 >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE ${users.lockedUntil} END`,
  }).where(eq(users.id, userId)).returning({ lockedUntil: users.lockedUntil });
  return u?.lockedUntil ?? null;
}

export async function recordSuccess(tx: Tx, userId: number) {
  await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, userId));
}

export async function createSession(tx: Tx, id: string, userId: number, expiresAt: Date) {
  await tx.insert(sessions).values({ id, userId, expiresAt });
}

export async function deleteSession(tx: Tx, id: string) {
  await tx.delete(sessions).where(eq(sessions.id, id));
}

/** The signed-in user of a session (every authenticated request asks this once: a named prepared statement). */
export async function findSessionUser(tx: Tx, sessionId: string) {
  const [r] = await preparedRows<{
    id: string; username: string; display_name: string; role: string; home_unit_id: string | null; department_id: string | null;
    active: boolean; must_change_password: boolean; scope_path: string | null;
  }>(tx, sql`
    SELECT u.id::text, u.username, u.display_name, u.role, u.home_unit_id::text, u.department_id::text, u.active,
      u.must_change_password, h.path::text AS scope_path
    FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN units h ON h.id = u.home_unit_id
    WHERE s.id = ${sessionId} AND s.expires_at > now()
    LIMIT 1`);
  if (!r) return null;
  return {
    id: Number(r.id), username: r.username, displayName: r.display_name, role: r.role as typeof users.$inferSelect.role,
    homeUnitId: r.home_unit_id == null ? null : Number(r.home_unit_id),
    departmentId: r.department_id == null ? null : Number(r.department_id),
    active: r.active, mustChangePassword: r.must_change_password, scopePath: r.scope_path,
  };
}
