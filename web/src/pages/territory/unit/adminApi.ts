import { CODE_LENGTH, PARENT_KIND, UNIT_KINDS, type UnitKind } from '@gridgov/common';
import { api, patch, post } from '../../../api/client';
import type { UnitItem } from '../types';

/** Units admin (server units-admin.routes.ts): edit, add a sub-unit, retire. Geometry arrives by import. */
export interface UnitPatchBody { name?: string; nameEn?: string | null; subkind?: string; gridTypeId?: string | null }
export interface UnitCreateBody {
  kind: UnitKind; code: string; name: string; nameEn?: string; subkind?: string; parentId: string;
  gridKind?: 'basic' | 'dedicated'; dedicatedType?: string; gridTypeId?: string;
}

export const updateUnit = (id: string, body: UnitPatchBody) => patch<UnitItem>(`/territory/units/${id}`, body);
export const createUnit = (body: UnitCreateBody) => post<UnitItem>('/territory/units', body);
export const retireUnit = (id: string) => api<UnitItem>(`/territory/units/${id}`, { method: 'DELETE' });

/** Subkinds a unit of this kind may carry (镇/街道, 村/社区/渔场/工业园区). */
export const SUBKINDS: Partial<Record<string, readonly string[]>> = {
  town: ['town', 'street'],
  community: ['village', 'urban', 'fishery', 'industrial_park'],
};

/** Kinds that may sit directly under a parent of this kind (PARENT_KIND read backwards). */
export const childKinds = (parentKind: string): UnitKind[] => UNIT_KINDS.filter((k) => PARENT_KIND[k] === parentKind);

/** How many leading digits a child's code shares with its parent's (common codeProblem). */
const PREFIX_LEN: Partial<Record<UnitKind, number>> = { city: 2, district: 4, town: 6, community: 9, villager_group: 12, grid: 12, cell: 15 };

export function codePrefix(kind: UnitKind, parentCode: string): string {
  return parentCode.slice(0, PREFIX_LEN[kind] ?? 0);
}

export const codeLength = (kind: UnitKind): number => CODE_LENGTH[kind];
