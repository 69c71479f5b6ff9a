import type { Geometry } from 'geojson';

/** Shapes of the territory API (server/src/modules/territory/territory.schema.ts). */
export interface UnitItem {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: string;
  subkind: string | null;
  path: string;
  parentId: string | null;
  gridKind: string | null;
  dedicatedType: string | null;
  gridTypeId: string | null;
  validFrom: string;
  validTo: string | null;
  childCount: number;
}

export interface Duty {
  code: string;
  zh: string;
  en: string;
  frequency: string;
}

export interface GridType {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  category: string;
  color: string;
  duties: Duty[];
  admission: string[];
}

export interface UnitProfile {
  population?: number;
  households?: number;
  traits?: string;
  keyWork?: string;
  risks?: string;
  [k: string]: unknown;
}

export interface UnitDetail {
  unit: UnitItem & { profile: UnitProfile; areaM2: number | null };
  ancestors: { id: string; kind: string; code: string; name: string }[];
  geometry: Geometry | null;
  centroid: [number, number] | null;
  gridType: GridType | null;
  counts: { children: number; grids: number; buildings: number; keySites: number; households: number; persons: number; staff: number };
}

export interface GridFeatureProps {
  id: string;
  code: string;
  name: string;
  kind: 'basic' | 'dedicated';
  path: string;
  gridType?: string | null;
  category?: string | null;
  color?: string | null;
  dedicatedType?: string | null;
}
