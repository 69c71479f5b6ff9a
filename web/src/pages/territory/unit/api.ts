import { get, patch } from '../../../api/client';
import type { UnitDetail, UnitProfile } from '../types';

export interface StaffItem { id: string; gridId: string; role: string; name: string; phone: string | null; userId: string | null; since: string | null }
export interface BuildingItem {
  id: string; code: string | null; name: string; address: string | null; floors: number | null; estate: string | null;
  gridId: string | null; lng: number; lat: number; stairways: number | null; households: number | null;
}
export interface KeySiteItem { id: string; name: string; kind: string; address: string | null; gridId: string | null; lng: number; lat: number }
export interface LayoutItem { id: string; effectiveAt: string; note: string | null; summary: unknown; grids: unknown }

type Items<T> = { items: T[] };

export const unitKeys = {
  detail: (id: string) => ['territory', 'unit', id] as const,
  tab: (id: string, tab: string) => ['territory', 'unit', id, tab] as const,
};

export const fetchUnit = (id: string, signal?: AbortSignal) => get<UnitDetail>(`/territory/units/${id}`, undefined, signal);

export const saveProfile = (id: string, body: Partial<Pick<UnitProfile, 'population' | 'households' | 'traits' | 'keyWork' | 'risks'>>) =>
  patch<{ profile: UnitProfile }>(`/territory/units/${id}/profile`, body);

export const fetchStaff = (id: string, signal?: AbortSignal) =>
  get<Items<StaffItem>>(`/territory/units/${id}/staff`, undefined, signal).then((r) => r.items);
export const fetchBuildings = (id: string, signal?: AbortSignal) =>
  get<Items<BuildingItem>>(`/territory/units/${id}/buildings`, undefined, signal).then((r) => r.items);
export const fetchKeySites = (id: string, signal?: AbortSignal) =>
  get<Items<KeySiteItem>>(`/territory/units/${id}/key-sites`, undefined, signal).then((r) => r.items);
export const fetchLayouts = (id: string, signal?: AbortSignal) =>
  get<Items<LayoutItem>>(`/territory/units/${id}/layouts`, undefined, signal).then((r) => r.items);
