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
  // matters (cases)
  'cases.read',
  'cases.intake',
  'cases.handle',
  'cases.dispatch',
  'cases.supervise',
  'cases.mediate',
  'catalogue.manage',
  // party organisation overlay
  'party.read',
  'party.write',
  'party.manage',
  // cockpit, indicators and reports (issue 8)
  'analytics.read',
  // emergency mode (issue 7): command declares and directs; respond acknowledges, reports, forwards
  'emergency.command',
  'emergency.respond',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const staffRead: Permission[] = ['territory.read', 'residents.read', 'cases.read', 'party.read'];
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  centre_operator: [...staffRead, 'territory.write', 'territory.import', 'residents.write', 'residents.unmask', 'audit.read',
    'cases.intake', 'cases.handle', 'cases.dispatch', 'cases.supervise', 'cases.mediate', 'catalogue.manage', 'analytics.read', 'emergency.command'],
  street_cadre: [...staffRead, 'territory.write', 'residents.write', 'audit.read',
    'cases.intake', 'cases.handle', 'cases.dispatch', 'cases.supervise', 'cases.mediate', 'party.write', 'analytics.read', 'emergency.command'],
  // cases.supervise: the community's own supervision queue and urges (督办/催办), scoped to its subtree like every level.
  community_cadre: [...staffRead, 'residents.write', 'residents.unmask', 'cases.intake', 'cases.handle', 'cases.supervise', 'cases.mediate', 'party.write', 'analytics.read', 'emergency.respond'],
  grid_leader: [...staffRead, 'residents.write', 'residents.unmask', 'cases.intake', 'cases.handle', 'cases.mediate', 'emergency.respond'],
  grid_worker: [...staffRead, 'residents.write', 'cases.intake', 'cases.handle', 'emergency.respond'],
  police_officer: [...staffRead, 'residents.unmask', 'cases.intake', 'cases.handle'],
  auxiliary_police: [...staffRead, 'cases.intake'],
  mediator: [...staffRead, 'cases.mediate'],
  department_officer: ['territory.read', 'cases.read', 'cases.handle'],
  party_secretary: ['territory.read', 'cases.read', 'party.read', 'party.write', 'party.manage', 'analytics.read'],
  resident: [],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}
