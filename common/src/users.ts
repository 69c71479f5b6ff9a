import { z } from 'zod';
import { PERMISSIONS, STAFF_ROLES, type Permission, type Role, roleSchema } from './roles.js';
import type { Label } from './people.js';
import type { UnitKind } from './territory.js';

export const ROLE_LABELS: Record<Role, Label> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  centre_operator: { zh: '综治中心值班员', en: 'Governance centre operator' },
  street_cadre: { zh: '镇街干部', en: 'Town/street cadre' },
  community_cadre: { zh: '村居干部', en: 'Village/community cadre' },
  grid_leader: { zh: '网格长', en: 'Grid leader' },
  grid_worker: { zh: '专职网格员', en: 'Grid worker' },
  police_officer: { zh: '社区民警', en: 'Community police officer' },
  auxiliary_police: { zh: '辅警', en: 'Auxiliary police' },
  mediator: { zh: '调解员', en: 'Mediator' },
  department_officer: { zh: '职能部门人员', en: 'Department officer' },
  party_secretary: { zh: '党组织书记', en: 'Party secretary' },
  resident: { zh: '居民', en: 'Resident' },
};

export const PERMISSION_LABELS: Record<Permission, Label> = {
  'territory.read': { zh: '查看辖区', en: 'View territory' },
  'territory.write': { zh: '维护辖区', en: 'Edit territory' },
  'territory.import': { zh: '导入辖区', en: 'Import territory' },
  'residents.read': { zh: '查看实有人口', en: 'View residents' },
  'residents.write': { zh: '维护实有人口', en: 'Edit residents' },
  'residents.unmask': { zh: '查看完整身份证号/手机号', en: 'See full ID and phone numbers' },
  'users.manage': { zh: '用户管理', en: 'Manage users' },
  'audit.read': { zh: '查看审计日志', en: 'Read audit log' },
  'cases.read': { zh: '查看事项', en: 'View matters' },
  'cases.intake': { zh: '登记事项', en: 'Record matters' },
  'cases.handle': { zh: '办理事项', en: 'Handle matters' },
  'cases.dispatch': { zh: '吹哨派单', en: 'Dispatch to departments' },
  'cases.supervise': { zh: '督办', en: 'Supervise deadlines' },
  'cases.mediate': { zh: '矛盾调解', en: 'Mediate disputes' },
  'catalogue.manage': { zh: '维护事项目录与工作日历', en: 'Manage matter catalogue and calendar' },
  'party.read': { zh: '查看党组织', en: 'View party organisation' },
  'party.write': { zh: '维护党员与活动', en: 'Edit party members and activities' },
  'party.manage': { zh: '管理党组织', en: 'Manage party organisation' },
  'analytics.read': { zh: '查看指挥舱与考核指标', en: 'View cockpit and indicators' },
  'emergency.command': { zh: '应急指挥(宣布、下达指令、动员)', en: 'Command emergencies (declare, direct, mobilise)' },
  'emergency.respond': { zh: '应急响应(签收、反馈、转发、报告)', en: 'Respond to emergencies (acknowledge, report, forward)' },
};

/**
 * Which kinds of unit a role's home unit may be. A grid worker lives in a grid, a community cadre in a
 * village/community, a street cadre in a town/street; `null` = any unit. Residents have no home unit.
 */
export const ROLE_HOME_KINDS: Record<Role, readonly UnitKind[] | null> = {
  admin: null,
  centre_operator: null,
  street_cadre: ['town'],
  community_cadre: ['community'],
  grid_leader: ['grid'],
  grid_worker: ['grid'],
  police_officer: null,
  auxiliary_police: null,
  mediator: null,
  department_officer: null,
  party_secretary: null,
  resident: [],
};

export const isStaffRole = (r: Role): boolean => (STAFF_ROLES as readonly Role[]).includes(r);

export const roleItemSchema = z.object({
  role: roleSchema,
  zh: z.string(),
  en: z.string(),
  staff: z.boolean(),
  homeUnitKinds: z.array(z.string()).nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
});

export const userItemSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  homeUnitId: z.string().nullable(),
  homeUnitName: z.string().nullable(),
  departmentId: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
});
export type UserItem = z.infer<typeof userItemSchema>;

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
