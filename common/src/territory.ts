import { z } from 'zod';

export const UNIT_KINDS = ['province', 'city', 'district', 'town', 'community', 'villager_group', 'grid', 'cell'] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Which kind may sit under which: grids belong to a community, never directly to a town (DOMAIN §8). */
export const PARENT_KIND: Record<UnitKind, UnitKind | null> = {
  province: null,
  city: 'province',
  district: 'city',
  town: 'district',
  community: 'town',
  villager_group: 'community',
  grid: 'community',
  cell: 'grid',
};

export const TOWN_SUBKINDS = ['town', 'street'] as const;
export const COMMUNITY_SUBKINDS = ['village', 'urban', 'fishery', 'industrial_park'] as const;
export const GRID_KINDS = ['basic', 'dedicated'] as const;
export const DEDICATED_TYPES = ['industrial_park', 'market', 'school', 'hospital', 'enterprise', 'other'] as const;
export const GRID_TYPE_CATEGORIES = ['rural', 'urban', 'market_park', 'specialised'] as const;
export const KEY_SITE_KINDS = ['enterprise', 'school', 'hospital', 'market', 'hazard', 'reservoir', 'elderly_home', 'village', 'other'] as const;
export const COORD_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const;

/**
 * Unit codes (GB/T 2260 + statistical division rules): 12 digits = county 6 + town 3 + village 3.
 * Province and city codes are padded with zeros. Villager groups add 3 digits (15). Grids are
 * 15 digits = community 12 + sequence 3; cells add 3 more (18).
 */
export const CODE_LENGTH: Record<UnitKind, number> = {
  province: 12, city: 12, district: 12, town: 12, community: 12, villager_group: 15, grid: 15, cell: 18,
};

export function codeProblem(kind: UnitKind, code: string, parentCode?: string): string | null {
  const len = CODE_LENGTH[kind];
  if (!/^\d+$/.test(code)) return `code ${code} must be digits only`;
  if (code.length !== len) return `${kind} code ${code} must have ${len} digits`;
  if (!parentCode) return null;
  const prefixLen: Partial<Record<UnitKind, number>> = { city: 2, district: 4, town: 6, community: 9, villager_group: 12, grid: 12, cell: 15 };
  const p = prefixLen[kind];
  if (p && code.slice(0, p) !== parentCode.slice(0, p)) {
    return `${kind} code ${code} does not start with its parent's code ${parentCode.slice(0, p)}`;
  }
  return null;
}

export const unitSummarySchema = z.object({
  id: z.string(),
  kind: unitKindSchema,
  code: z.string(),
  name: z.string(),
});
export type UnitSummary = z.infer<typeof unitSummarySchema>;

export const locateResponseSchema = z.object({
  chain: z.array(unitSummarySchema),
  grid: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  cell: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  dedicatedGrids: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), dedicatedType: z.string().nullable() })),
  nearest: z.object({ grid: z.object({ id: z.string(), code: z.string(), name: z.string() }), distanceM: z.number() }).nullable(),
});
export type LocateResponse = z.infer<typeof locateResponseSchema>;
