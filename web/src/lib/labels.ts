import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import { useMe } from '../auth/useMe';

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

export interface RoleInfo {
  code: string;
  zh?: string;
  en?: string;
  nameZh?: string;
  nameEn?: string;
  permissions?: string[];
}

/** GET /api/roles when the users module provides it; the i18n labels cover the gap otherwise. */
export function useRoles() {
  const { data: me } = useMe();
  return useQuery({
    // Only administrators need the full role list; everyone else reads the built-in labels.
    enabled: Boolean(me?.permissions.includes('users.manage')),
    queryKey: ['roles'],
    queryFn: async () => {
      const res = await get<{ items?: RoleInfo[] } | RoleInfo[]>('/roles');
      const items = Array.isArray(res) ? res : (res.items ?? []);
      return items.map((r) => ({ ...r, code: r.code ?? (r as unknown as { id: string }).id }));
    },
    staleTime: 60 * 60_000,
    retry: false,
  });
}

export function useRoleLabel() {
  const { i18n } = useTranslation();
  const label = useEnumLabel();
  const { data } = useRoles();
  const en = i18n.language === 'en-US';
  return useCallback(
    (role: string): string => {
      const r = data?.find((x) => x.code === role);
      const server = en ? (r?.en ?? r?.nameEn) : (r?.zh ?? r?.nameZh);
      return server || label('roles', role);
    },
    [data, en, label],
  );
}

/** Unit name in the user's language (nameEn when present in English mode). */
export function useUnitName() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return useCallback((u: { name: string; nameEn?: string | null }) => (en && u.nameEn ? u.nameEn : u.name), [en]);
}
