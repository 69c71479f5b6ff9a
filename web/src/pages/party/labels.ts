import { useCallback } from 'react';
import { usePick } from '../../lib/commonLabels';

/** Percent text for a 0..1 fraction. */
export const pct = (x: number | null | undefined) => (x == null ? '–' : `${(x * 100).toFixed(1)}%`);

/** Label picker bound to one @gridgov/common label table. */
export function useLabel<K extends string>(table: Record<K, { zh: string; en: string }>) {
  const pick = usePick();
  return useCallback((k: K | string | null | undefined) => pick(table as Record<string, { zh: string; en: string }>, k ?? null), [pick, table]);
}
