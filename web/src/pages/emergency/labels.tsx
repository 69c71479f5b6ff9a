import { useCallback } from 'react';
import { Tag } from 'antd';
import { DIRECTIVE_GRID_STATE_LABELS, INCIDENT_TYPES, type EmergencyLevel, INCIDENT_TYPE_LABELS, LEVEL_LABELS, RESOURCE_KIND_LABELS, RESPONDER_KIND_LABELS, type Label } from '@gridgov/common';
import { usePick } from '../../lib/commonLabels';
import type { Level } from './api';

export const LEVELS: Level[] = [1, 2, 3, 4];
/** Incident types in the order of @gridgov/common (epidemic, flood, typhoon, fire, hazchem, earthquake). */
export const typeOrder = (t: string) => {
  const i = (INCIDENT_TYPES as readonly string[]).indexOf(t);
  return i < 0 ? 99 : i;
};

/** Ⅰ级 is the most severe: red, orange, yellow, blue (the national response colours, shared with the server). */
export const levelColour = (l: Level) => LEVEL_LABELS[l as EmergencyLevel]?.color ?? '#8c8c8c';

/** Grid states of a directive on the board and the map. */
export const STATE_COLOURS = { pending: '#cf1322', acknowledged: '#faad14', executed: '#389e0d' } as const;

/** Label picker bound to one of the emergency label tables of @gridgov/common. */
function useTable<K extends string>(table: Record<K, Label>) {
  const pick = usePick();
  return useCallback((k: string | null | undefined) => pick(table as Record<string, Label>, k ?? null), [pick, table]);
}
export const useLevelLabel = () => {
  const pick = useTable(LEVEL_LABELS as Record<string, Label>);
  return useCallback((l: Level) => pick(String(l)), [pick]);
};
export const useSeverityLabel = () => {
  const pick = usePick();
  return useCallback((l: Level) => pick({ [l]: LEVEL_LABELS[l as EmergencyLevel]?.severity } as Record<string, Label>, String(l)), [pick]);
};
export const useIncidentLabel = () => useTable(INCIDENT_TYPE_LABELS);
export const useGridStateLabel = () => useTable(DIRECTIVE_GRID_STATE_LABELS);
export const useResponderLabel = () => useTable(RESPONDER_KIND_LABELS);
export const useResourceLabel = () => useTable(RESOURCE_KIND_LABELS);

/** Picks the zh or en text of a {zh, en} pair coming from the server (report fields, checklist items). */
export function usePair() {
  const pick = usePick();
  return useCallback((p: { zh: string; en?: string | null }) => pick({ x: { zh: p.zh, en: p.en || p.zh } }, 'x'), [pick]);
}

export function LevelTag({ level }: { level: Level }) {
  const label = useLevelLabel();
  return (
    <Tag color={levelColour(level)} data-testid="level-tag" data-level={level} style={{ marginInlineEnd: 0 }}>
      {label(level)}
    </Tag>
  );
}
