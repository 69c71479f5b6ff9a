import crypto from 'node:crypto';
import type { Role, UserItem } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { hashPassword, passwordProblem } from '../auth/index.js';
import * as repo from './users.repo.js';
import { assignmentProblem, manageProblem, selfChangeProblem, type Problem } from './users.policy.js';
import type { CreateUserBody, UpdateUserBody } from './users.schema.js';

export function presentUser(u: repo.UserRow): UserItem {
  const iso = (v: string | null) => (v == null ? null : new Date(v).toISOString());
  return {
    id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, homeUnitId: u.home_unit_id,
    homeUnitName: u.home_unit_name, departmentId: u.department_id, active: u.active, locked: u.locked,
    lockedUntil: u.locked ? iso(u.locked_until) : null, lastLoginAt: iso(u.last_login_at), mustChangePassword: u.must_change_password,
  };
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A temporary password: 12 characters without look-alikes (0/O, 1/l/I), always with letters and digits. */
export function generatePassword(): string {
  for (;;) {
    const bytes = crypto.randomBytes(12);
    const p = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
    if (!passwordProblem(p)) return p;
  }
}

const raise = (p: Problem): never => {
  throw new AppError(p.code ?? 'VALIDATION_FAILED', `${p.field}: ${p.message}`, { field: p.field });
};

async function resolveHome(tx: Tx, manager: SessionUser, homeUnitId: string | null | undefined) {
  if (homeUnitId == null) return null;
  const u = await repo.unitInScope(tx, manager, Number(homeUnitId));
  // A unit outside the manager's subtree is as invisible as a missing one.
  if (!u) throw new AppError('NOT_FOUND', `homeUnitId: unit ${homeUnitId} not found in your area`, { field: 'homeUnitId', id: homeUnitId });
  return u;
}

async function checkDepartment(tx: Tx, manager: SessionUser, departmentId: string | null | undefined) {
  if (departmentId == null) return null;
  const d = await repo.departmentInScope(tx, manager, Number(departmentId));
  if (!d) throw new AppError('NOT_FOUND', `departmentId: department ${departmentId} not found in your area`, { field: 'departmentId', id: departmentId });
  return Number(d.id);
}

async function loadInScope(tx: Tx, manager: SessionUser, id: number) {
  const u = await repo.getUser(tx, manager, id, { forUpdate: true });
  if (!u) throw notFound('User', id);
  const p = manageProblem(manager, u.role as Role);
  if (p) raise(p);
  return u;
}

export async function create(db: Db, manager: SessionUser, actor: Actor, b: CreateUserBody) {
  if (b.password !== undefined) {
    const p = passwordProblem(b.password);
    if (p) raise({ field: 'password', message: p });
  }
  const password = b.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const home = await resolveHome(tx, manager, b.homeUnitId);
    const departmentId = await checkDepartment(tx, manager, b.departmentId);
    const problem = assignmentProblem(manager, { role: b.role, homeUnit: home, departmentId });
    if (problem) raise(problem);
    if (await repo.usernameTaken(tx, b.username)) {
      throw new AppError('CONFLICT', `username: ${b.username} is already taken`, { field: 'username' });
    }
    // Whoever set the password is not its owner: the user must choose their own at first login.
    const id = await repo.insertUser(tx, {
      username: b.username, displayName: b.displayName, role: b.role, passwordHash,
      homeUnitId: home ? Number(home.id) : null, departmentId, mustChangePassword: true,
    });
    await audit(tx, actor, {
      action: 'user.create', entityType: 'user', entityId: id, unitPath: home?.path ?? null,
      after: { username: b.username, displayName: b.displayName, role: b.role, homeUnitId: b.homeUnitId ?? null, departmentId, passwordGenerated: b.password === undefined },
    });
    const row = (await repo.getUser(tx, manager, id))!;
    return { ...presentUser(row), ...(b.password === undefined ? { password } : {}) };
  });
}

export async function update(db: Db, manager: SessionUser, actor: Actor, id: number, b: UpdateUserBody) {
  const self = selfChangeProblem(manager, id, b);
  if (self) raise(self);
  return db.transaction(async (tx) => {
    const cur = await loadInScope(tx, manager, id);
    const role = (b.role ?? cur.role) as Role;
    const home = b.homeUnitId !== undefined ? await resolveHome(tx, manager, b.homeUnitId)
      : cur.home_unit_id ? { id: cur.home_unit_id, kind: cur.home_unit_kind ?? '', path: cur.home_unit_path! } : null;
    const departmentId = b.departmentId !== undefined ? await checkDepartment(tx, manager, b.departmentId) : cur.department_id ? Number(cur.department_id) : null;
    if (b.role !== undefined || b.homeUnitId !== undefined || b.departmentId !== undefined) {
      // The manager must be allowed both the user's current role and the new combination.
      const now = assignmentProblem(manager, { role: cur.role as Role, homeUnit: home, departmentId });
      if (now?.code === 'FORBIDDEN' && now.field === 'role') raise(now);
      const problem = assignmentProblem(manager, { role, homeUnit: home, departmentId });
      if (problem) raise(problem);
    }

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: Parameters<typeof repo.updateUser>[2] = {};
    const change = <K extends keyof typeof set>(key: K, old: unknown, next: (typeof set)[K] | undefined) => {
      if (next === undefined || old === next) return;
      set[key] = next;
      before[key] = old;
      after[key] = next;
    };
    change('displayName', cur.display_name, b.displayName);
    change('role', cur.role, b.role);
    change('homeUnitId', cur.home_unit_id ? Number(cur.home_unit_id) : null, b.homeUnitId !== undefined ? (home ? Number(home.id) : null) : undefined);
    change('departmentId', cur.department_id ? Number(cur.department_id) : null, b.departmentId !== undefined ? departmentId : undefined);
    change('active', cur.active, b.active);
    if (Object.keys(set).length > 0) {
      await repo.updateUser(tx, id, set);
      // A deactivated account stops at once; sessions of a changed role are re-read on every request anyway.
      if (set.active === false) await repo.deleteSessions(tx, id);
      await audit(tx, actor, { action: 'user.update', entityType: 'user', entityId: id, unitPath: home?.path ?? cur.home_unit_path, before, after });
    }
    return presentUser((await repo.getUser(tx, manager, id))!);
  });
}

/** A new temporary password (shown once), which must be changed at next login; also unlocks and ends sessions. */
export async function resetPassword(db: Db, manager: SessionUser, actor: Actor, id: number) {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const cur = await loadInScope(tx, manager, id);
    await repo.updateUser(tx, id, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null });
    await repo.deleteSessions(tx, id);
    await audit(tx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id, unitPath: cur.home_unit_path, after: { mustChangePassword: true, unlocked: cur.locked } });
  });
  return { password };
}

export async function unlock(db: Db, manager: SessionUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const cur = await loadInScope(tx, manager, id);
    await repo.updateUser(tx, id, { failedLogins: 0, lockedUntil: null });
    await audit(tx, actor, { action: 'user.unlock', entityType: 'user', entityId: id, unitPath: cur.home_unit_path, before: { lockedUntil: cur.locked_until }, after: { lockedUntil: null } });
    return presentUser((await repo.getUser(tx, manager, id))!);
  });
}
