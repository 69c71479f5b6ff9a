import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Label } from '@gridgov/common';

/** Picks the zh or en text of a label pair shipped by @gridgov/common (enums carry their own labels). */
export function usePick() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return useCallback(<K extends string>(labels: Partial<Record<K, Label>>, key: K | null | undefined): string => {
    if (!key) return '';
    const l = labels[key];
    return l ? (en ? l.en : l.zh) : key;
  }, [en]);
}
