import { z } from 'zod';

export const STAFF_ROLES = [
  'admin',
  'centre_operator',
  'street_cadre',
  'community_cadre',
  'grid_leader',
  'grid_worker',
  'police_officer',
  'auxiliary_police',
  'mediator',
  'department_officer',
  'party_secretary',
] as const;
export const ROLES = [...STAFF_ROLES, 'resident'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = (typeof ROLES)[number];

/** What a role may do. Deny by default: a permission not listed for a role is refused. */
export const PERMISSIONS = [
  'territory.read',
  'territory.write',
  'territory.import',
  'residents.read',
  'residents.write',
  'residents.unmask',
  'users.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const staffRead: Permission[] = ['territory.read', 'residents.read'];
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  centre_operator: [...staffRead, 'territory.write', 'territory.import', 'residents.write', 'residents.unmask', 'audit.read'],
  street_cadre: [...staffRead, 'territory.write', 'residents.write', 'audit.read'],
  community_cadre: [...staffRead, 'residents.write', 'residents.unmask'],
  grid_leader: [...staffRead, 'residents.write', 'residents.unmask'],
  grid_worker: [...staffRead, 'residents.write'],
  police_officer: [...staffRead, 'residents.unmask'],
  auxiliary_police: [...staffRead],
  mediator: [...staffRead],
  department_officer: ['territory.read'],
  party_secretary: ['territory.read'],
  resident: [],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}
