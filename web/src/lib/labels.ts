import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { ROLE_LABELS, type Role } from '@gridgov/common';
import { get } from '../api/client';

/** Key sets of common.json that are looked up by a value coming from the API. */
type LabelGroup = 'roles' | 'kind' | 'subkind' | 'gridKind' | 'dedicatedType' | 'gridCategory';

/**
 * Label for an enum value from the server. Values unknown to this build (a role added later) show as-is
 * rather than as a raw i18n key.
 */
export function useEnumLabel() {
  const { t } = useTranslation();
  return useCallback(
    (group: LabelGroup, value: string | null | undefined): string => {
      if (!value) return '';
      return t(`${group}.${value}` as 'roles.admin', { defaultValue: value });
    },
    [t],
  );
}

/** GET /api/roles: every role with its labels, permissions and the unit kinds its home unit may be. */
export interface RoleInfo {
  role: Role;
  zh: string;
  en: string;
  staff: boolean;
  homeUnitKinds: string[] | null;
  permissions: string[];
}

export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: ({ signal }) => get<{ items: RoleInfo[] }>('/roles', undefined, signal).then((r) => r.items),
    staleTime: 60 * 60_000,
  });
}

/**
 * Account roles are labelled by @gridgov/common (the same words the server uses); grid staff roles that are
 * not accounts (义警, 楼组长 …) come from the i18n files.
 */
export function useRoleLabel() {
  const { i18n } = useTranslation();
  const label = useEnumLabel();
  const en = i18n.language === 'en-US';
  return useCallback(
    (role: string): string => {
      const l = ROLE_LABELS[role as Role];
      return l ? (en ? l.en : l.zh) : label('roles', role);
    },
    [en, label],
  );
}

/** Unit name in the user's language (nameEn when present in English mode). */
export function useUnitName() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return useCallback((u: { name: string; nameEn?: string | null }) => (en && u.nameEn ? u.nameEn : u.name), [en]);
}
