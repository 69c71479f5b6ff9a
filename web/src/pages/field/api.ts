import { useQuery } from '@tanstack/react-query';
import type { FieldBundle, FieldTask, HouseholdDetailLike, PatrolCheckin, PatrolDetail } from './types';
import { get, post } from '../../api/client';

export const fieldKeys = {
  bundle: ['field', 'bundle'] as const,
  tasks: (date: string) => ['field', 'tasks', date] as const,
  patrol: (id: string) => ['field', 'patrol', id] as const,
  households: (buildingId: string) => ['field', 'households', buildingId] as const,
  household: (id: string) => ['field', 'household', id] as const,
};

/**
 * My grid(s) for the day: boundary, cells, buildings, key sites, open cases, today's duties, tracking policy.
 * The service worker keeps the last answer (network first), so the field view opens without a signal too.
 */
export function useBundle() {
  return useQuery({
    queryKey: fieldKeys.bundle,
    queryFn: ({ signal }) => get<FieldBundle>('/field/bundle', undefined, signal),
    staleTime: 5 * 60_000,
    retry: 1,
  });
}

export const fetchPatrol = (id: string, signal?: AbortSignal) => get<PatrolDetail>(`/patrols/${id}`, undefined, signal);
export const startPatrol = (gridId: string | undefined) => post<{ id: string }>('/patrols', { ...(gridId ? { gridId } : {}), startedAt: new Date().toISOString() });
export const checkIn = (patrolId: string, body: { keySiteId: string; lat: number; lng: number; accuracy?: number }) =>
  post<PatrolCheckin>(`/patrols/${patrolId}/checkins`, body);
export const completeTask = (id: string) => post<FieldTask>(`/field/tasks/${encodeURIComponent(id)}/complete`, {});
export const reopenTask = (id: string) => post<FieldTask>(`/field/tasks/${encodeURIComponent(id)}/reopen`, {});

export interface HouseholdRow {
  id: string;
  address: string;
  room: string | null;
  stairwayId: string | null;
  headName: string | null;
  memberCount: number;
}
export const fetchHouseholds = (buildingId: string, signal?: AbortSignal) =>
  get<{ items: HouseholdRow[]; total: number }>('/people/households', { buildingId, limit: 200 }, signal);
export const fetchHousehold = (id: string, signal?: AbortSignal) => get<HouseholdDetailLike>(`/people/households/${id}`, undefined, signal);
