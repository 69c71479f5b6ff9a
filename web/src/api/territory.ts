import { get } from './client';
import type { UnitItem } from '../pages/territory/types';

/** Territory lookups shared by the tree page and every unit picker. */
export const unitKeys = {
  roots: ['territory', 'roots'] as const,
  children: (parentId: string) => ['territory', 'children', parentId] as const,
  search: (q: string) => ['territory', 'search', q] as const,
};

export const fetchRoots = (signal?: AbortSignal) =>
  get<{ items: UnitItem[] }>('/territory/units/roots', undefined, signal).then((r) => r.items);

export const fetchChildren = (parentId: string, signal?: AbortSignal) =>
  get<{ items: UnitItem[] }>('/territory/units', { parentId }, signal).then((r) => r.items);

export const searchUnits = (q: string, signal?: AbortSignal) =>
  get<{ items: UnitItem[] }>('/territory/units', { q, limit: 100 }, signal).then((r) => r.items);
