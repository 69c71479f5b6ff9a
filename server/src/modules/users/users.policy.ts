import { can, isStaffRole, ROLE_HOME_KINDS, ROLE_LABELS, ROLE_PERMISSIONS, type Role } from '@gridgov/common';
import type { SessionUser } from '../../lib/scope.js';

/** Deny by default: each rule returns the problem (field + message) or null. Pure, so every rule has a unit test. */
export interface Problem { field: string; message: string; code?: 'FORBIDDEN' | 'VALIDATION_FAILED' }

/**
 * May `manager` give a user this role, home unit and department? The home unit has already been checked to lie
 * inside the manager's scope (or is null).
 */
export function assignmentProblem(
  manager: SessionUser,
  a: { role: Role; homeUnit: { kind: string } | null; departmentId: number | null },
): Problem | null {
  // Nobody hands out powers they do not hold themselves.
  const extra = ROLE_PERMISSIONS[a.role].filter((p) => !can(manager.role, p));
  if (extra.length > 0) return { field: 'role', message: `you may not grant ${a.role} (it has ${extra.join(', ')})`, code: 'FORBIDDEN' };
  if (a.role === 'resident') {
    if (a.homeUnit) return { field: 'homeUnitId', message: 'resident accounts have no home unit' };
    if (a.departmentId !== null) return { field: 'departmentId', message: 'resident accounts have no department' };
    if (manager.scopePath !== null) return { field: 'role', message: 'only a global administrator manages resident accounts', code: 'FORBIDDEN' };
    return null;
  }
  if (!a.homeUnit) {
    if (a.role !== 'admin') return { field: 'homeUnitId', message: `${a.role} needs a home unit (its area of work)` };
    if (manager.scopePath !== null) return { field: 'homeUnitId', message: 'only a global administrator may create a global administrator', code: 'FORBIDDEN' };
  }
  const kinds = ROLE_HOME_KINDS[a.role];
  if (a.homeUnit && kinds && !kinds.includes(a.homeUnit.kind as never)) {
    return { field: 'homeUnitId', message: `a ${ROLE_LABELS[a.role].en.toLowerCase()}'s home unit must be a ${kinds.join(' or ')}, not a ${a.homeUnit.kind}` };
  }
  if (a.role === 'department_officer' && a.departmentId === null) {
    return { field: 'departmentId', message: 'a department officer needs a department' };
  }
  if (!isStaffRole(a.role)) return { field: 'role', message: `unknown role ${a.role}` };
  return null;
}

/** A manager may only act on accounts whose powers they hold themselves (no resetting a stronger account's password). */
export function manageProblem(manager: SessionUser, targetRole: Role): Problem | null {
  const extra = ROLE_PERMISSIONS[targetRole]?.filter((p) => !can(manager.role, p)) ?? [];
  return extra.length > 0 ? { field: 'role', message: `you may not manage a ${targetRole} account`, code: 'FORBIDDEN' } : null;
}

/** Managers cannot lock themselves out or change their own powers. */
export function selfChangeProblem(manager: SessionUser, targetId: number, patch: { role?: Role; homeUnitId?: string | null; active?: boolean }): Problem | null {
  if (manager.id !== targetId) return null;
  if (patch.active === false) return { field: 'active', message: 'you cannot deactivate your own account', code: 'FORBIDDEN' };
  if (patch.role !== undefined && patch.role !== manager.role) return { field: 'role', message: 'you cannot change your own role', code: 'FORBIDDEN' };
  if (patch.homeUnitId !== undefined && (patch.homeUnitId === null ? null : Number(patch.homeUnitId)) !== manager.homeUnitId) {
    return { field: 'homeUnitId', message: 'you cannot change your own home unit', code: 'FORBIDDEN' };
  }
  return null;
}
