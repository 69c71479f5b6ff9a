import crypto from 'node:crypto';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { audit, type Actor } from '../../lib/audit.js';
import * as repo from './auth.repo.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Checks credentials, applies the 5-failures/15-minutes lockout and opens a session. */
// Unknown usernames still cost one argon2 verification, so response time does not tell which accounts exist.
let dummyHash: Promise<string> | null = null;
const burnVerify = async (password: string) => {
  await verifyPassword(await (dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'))), password);
};

export async function login(db: Db, input: { username: string; password: string; ip?: string }, sessionHours: number) {
  const user = await repo.findUserByUsername(db, input.username);
  const actor: Actor = { id: user?.id ?? null, name: input.username, ip: input.ip };
  if (!user || !user.active) {
    await burnVerify(input.password);
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
  }
  const unitPath = await repo.homePath(db, user.homeUnitId);
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    throw new AppError('ACCOUNT_LOCKED', `Account locked after ${MAX_FAILURES} failed logins; try again after ${user.lockedUntil.toISOString()}`, { lockedUntil: user.lockedUntil.toISOString() });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const lockedUntil = await db.transaction(async (tx) => {
      const until = await repo.recordFailure(tx, user.id, MAX_FAILURES, LOCK_MINUTES);
      await audit(tx, actor, { action: until ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: user.id, unitPath });
      return until;
    });
    if (lockedUntil && lockedUntil > new Date()) {
      throw new AppError('ACCOUNT_LOCKED', `Account locked after ${MAX_FAILURES} failed logins; try again after ${lockedUntil.toISOString()}`, { lockedUntil: lockedUntil.toISOString() });
    }
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionHours * 3600_000);
  await db.transaction(async (tx) => {
    await repo.recordSuccess(tx, user.id);
    await repo.createSession(tx, hashToken(token), user.id, expiresAt);
    await audit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, unitPath });
  });
  return { token, expiresAt, user };
}

export async function logout(db: Db, token: string, actor: Actor) {
  await db.transaction(async (tx) => {
    await repo.deleteSession(tx, hashToken(token));
    await audit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.id });
  });
}

/**
 * The logged-in user changes their own password. A wrong current password counts towards the lockout like a
 * failed login; other sessions end; a temporary password (must_change_password) is cleared.
 */
export async function changePassword(db: Db, userId: number, sessionToken: string, input: { oldPassword: string; newPassword: string }, actor: Actor) {
  const user = await repo.findUserById(db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Log in first');
  const unitPath = await repo.homePath(db, user.homeUnitId);
  if (!(await verifyPassword(user.passwordHash, input.oldPassword))) {
    await db.transaction(async (tx) => {
      await repo.recordFailure(tx, user.id, MAX_FAILURES, LOCK_MINUTES);
      await audit(tx, actor, { action: 'user.password_change_failed', entityType: 'user', entityId: user.id, unitPath });
    });
    throw new AppError('VALIDATION_FAILED', 'oldPassword: the current password is wrong', { field: 'oldPassword' });
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new AppError('VALIDATION_FAILED', `newPassword: ${problem}`, { field: 'newPassword' });
  if (input.newPassword === input.oldPassword) {
    throw new AppError('VALIDATION_FAILED', 'newPassword: must differ from the current password', { field: 'newPassword' });
  }
  if (input.newPassword.toLowerCase().includes(user.username.toLowerCase())) {
    throw new AppError('VALIDATION_FAILED', 'newPassword: must not contain the username', { field: 'newPassword' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await repo.setPassword(tx, user.id, passwordHash);
    await repo.deleteOtherSessions(tx, user.id, hashToken(sessionToken));
    await audit(tx, actor, { action: 'user.password_change', entityType: 'user', entityId: user.id, unitPath });
  });
}
