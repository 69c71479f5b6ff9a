import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { can, type Permission, type Role } from '@gridgov/common';
import { AppError } from './errors.js';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  homeUnitId: number | null;
  /** ltree path of the home unit; null = whole deployment (admin only). */
  scopePath: string | null;
  departmentId: number | null;
}

export function requirePermission(user: SessionUser | null | undefined, permission: Permission): SessionUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!can(user.role, permission)) {
    throw new AppError('FORBIDDEN', `Role ${user.role} may not ${permission}`, { permission, role: user.role });
  }
  return user;
}

/** SQL condition "column is inside the user's subtree". Applied in SQL, never after fetching. */
export function inScope(user: SessionUser, pathColumn: AnyColumn | SQL): SQL {
  if (user.scopePath === null) return sql`true`;
  return sql`${pathColumn} <@ ${user.scopePath}::ltree`;
}

export function pathInScope(user: SessionUser, path: string | null): boolean {
  if (user.scopePath === null) return true;
  if (!path) return false;
  return path === user.scopePath || path.startsWith(`${user.scopePath}.`);
}
