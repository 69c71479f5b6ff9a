import crypto from 'node:crypto';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { audit, type Actor } from '../../lib/audit.js';
import * as repo from './auth.repo.js';
import { verifyPassword } from './password.js';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Checks credentials, applies the 5-failures/15-minutes lockout and opens a session. */
export async function login(db: Db, input: { username: string; password: string; ip?: string }, sessionHours: number) {
  const user = await repo.findUserByUsername(db, input.username);
  const actor: Actor = { id: user?.id ?? null, name: input.username, ip: input.ip };
  if (!user || !user.active) {
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    throw new AppError('ACCOUNT_LOCKED', `Account locked after ${MAX_FAILURES} failed logins; try again after ${user.lockedUntil.toISOString()}`, { lockedUntil: user.lockedUntil.toISOString() });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const lockedUntil = await db.transaction(async (tx) => {
      const until = await repo.recordFailure(tx, user.id, MAX_FAILURES, LOCK_MINUTES);
      await audit(tx, actor, { action: until ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: user.id });
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
    await audit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  return { token, expiresAt, user };
}

export async function logout(db: Db, token: string, actor: Actor) {
  await db.transaction(async (tx) => {
    await repo.deleteSession(tx, hashToken(token));
    await audit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.id });
  });
}
