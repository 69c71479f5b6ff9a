import type { ReactNode } from 'react';
import { AlertOutlined, ApartmentOutlined, AuditOutlined, BarChartOutlined, BellOutlined, BookOutlined, DashboardOutlined, FileDoneOutlined, CloudUploadOutlined, EnvironmentOutlined, FileAddOutlined, FlagOutlined, MobileOutlined, ScheduleOutlined, SolutionOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';

export interface MenuEntry {
  path: string;
  perm: string;
  labelKey: 'nav.field' | 'nav.territory' | 'nav.map' | 'nav.import' | 'nav.residents' | 'nav.users' | 'nav.audit'
    | 'nav.cases' | 'nav.caseNew' | 'nav.inbox' | 'nav.catalogue' | 'nav.party'
    | 'nav.emergency' | 'nav.myDirectives'
    | 'nav.cockpit' | 'nav.risk' | 'nav.reports';
  icon: ReactNode;
}

/** The menu is derived from permissions only: a role never sees an entry it cannot open. */
export const MENU_ITEMS: MenuEntry[] = [
  { path: '/cases', perm: 'cases.read', labelKey: 'nav.cases', icon: <SolutionOutlined /> },
  { path: '/cases/new', perm: 'cases.intake', labelKey: 'nav.caseNew', icon: <FileAddOutlined /> },
  { path: '/inbox', perm: 'cases.read', labelKey: 'nav.inbox', icon: <BellOutlined /> },
  { path: '/field', perm: 'cases.intake', labelKey: 'nav.field', icon: <MobileOutlined /> },
  { path: '/territory', perm: 'territory.read', labelKey: 'nav.territory', icon: <ApartmentOutlined /> },
  { path: '/map', perm: 'territory.read', labelKey: 'nav.map', icon: <EnvironmentOutlined /> },
  { path: '/territory/import', perm: 'territory.import', labelKey: 'nav.import', icon: <CloudUploadOutlined /> },
  { path: '/residents', perm: 'residents.read', labelKey: 'nav.residents', icon: <TeamOutlined /> },
  { path: '/party', perm: 'party.read', labelKey: 'nav.party', icon: <FlagOutlined /> },
  { path: '/cockpit', perm: 'analytics.read', labelKey: 'nav.cockpit', icon: <DashboardOutlined /> },
  { path: '/analytics/risk', perm: 'analytics.read', labelKey: 'nav.risk', icon: <BarChartOutlined /> },
  { path: '/analytics/reports', perm: 'analytics.read', labelKey: 'nav.reports', icon: <FileDoneOutlined /> },
  { path: '/emergency', perm: 'emergency.command', labelKey: 'nav.emergency', icon: <AlertOutlined /> },
  { path: '/emergency/my-directives', perm: 'emergency.respond', labelKey: 'nav.myDirectives', icon: <ScheduleOutlined /> },
  { path: '/catalogue', perm: 'catalogue.manage', labelKey: 'nav.catalogue', icon: <BookOutlined /> },
  { path: '/admin/users', perm: 'users.manage', labelKey: 'nav.users', icon: <UserOutlined /> },
  { path: '/admin/audit', perm: 'audit.read', labelKey: 'nav.audit', icon: <AuditOutlined /> },
];
