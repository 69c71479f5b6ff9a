/**
 * Shapes of the demo data files under server/seed/ (written by src/seed/gen, read by the seed).
 * `tiny: true` marks the rows that make up the `tiny` size used by every test run.
 */
import type { Polygon, MultiPolygon } from 'geojson';

export type Pos = [number, number];

export interface UnitProps {
  code: string;
  kind: 'city' | 'district' | 'town' | 'community' | 'villager_group' | 'grid' | 'cell';
  subkind?: string | null;
  name: string;
  nameEn: string;
  parentCode: string | null;
  gridKind?: 'basic' | 'dedicated' | null;
  dedicatedType?: string | null;
  /** grid type code (grid-types.json) */
  gridType?: string | null;
  profile?: Record<string, unknown>;
  tiny?: boolean;
}

export interface UnitFeature {
  type: 'Feature';
  properties: UnitProps;
  geometry: Polygon | MultiPolygon | null;
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: UnitFeature[];
}

export interface EstateRec { key: string; name: string; gridCode: string; propertyCompany: string; point: Pos; tiny?: boolean }

export interface BuildingRec {
  code: string;
  name: string;
  address: string;
  estateKey: string | null;
  gridCode: string;
  cellCode: string | null;
  floors: number;
  /** stairway (单元/梯) names; one stairway row each */
  stairways: string[];
  point: Pos;
  tiny?: boolean;
}

export interface KeySiteRec {
  name: string;
  kind: string;
  gridCode: string;
  cellCode: string | null;
  address: string;
  point: Pos;
  note: string | null;
  tiny?: boolean;
}

export interface PlacesFile { estates: EstateRec[]; buildings: BuildingRec[]; keySites: KeySiteRec[] }

export interface PersonRec {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  relation: string;
  category: 'registered' | 'floating' | 'foreign' | 'hmt';
  tags: string[];
  overseasChineseFamily: boolean;
  overseasRelatives: string | null;
  /** 6-digit area code of the ID number (810000/820000: HK/Macao residence permit); null for foreigners */
  idPrefix: string | null;
  hasPhone: boolean;
  note: string | null;
}

export interface HouseholdRec {
  buildingCode: string;
  /** index into the building's stairways */
  stairway: number;
  room: string;
  address: string;
  gridCode: string;
  members: PersonRec[];
  tiny?: boolean;
}

export interface ResidentsFile { households: HouseholdRec[] }

export interface GridStaffRec { gridCode: string; role: string; name: string; since: string; account?: string; tiny?: boolean }

export interface AccountRec {
  username: string;
  /** null for admin: GRIDGOV_ADMIN_PASSWORD or generated at first seed */
  password: string | null;
  role: string;
  displayName: string;
  homeUnitCode: string | null;
  homeUnitName: string | null;
  departmentCode: string | null;
  /** grid_staff rows this account is linked to */
  gridStaff: { gridCode: string; role: string }[];
  note: string;
}

export interface GridTypeRec {
  code: string; nameZh: string; nameEn: string; category: string; color: string;
  duties: { code: string; zh: string; en: string; frequency: string }[];
  admission: string[];
}

export interface DepartmentRec { code: string; key: string; short: string; nameZh: string; nameEn: string; district: string; phone: string }
