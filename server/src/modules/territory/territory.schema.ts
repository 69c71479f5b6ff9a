import { z } from 'zod';
import { COORD_SYSTEMS, UNIT_KINDS } from '@gridgov/common';
import { idParam } from '../../lib/ids.js';

export const unitItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(UNIT_KINDS),
  subkind: z.string().nullable(),
  path: z.string(),
  parentId: z.string().nullable(),
  gridKind: z.string().nullable(),
  dedicatedType: z.string().nullable(),
  gridTypeId: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  childCount: z.number(),
});

export const listUnitsQuery = z.object({
  kind: z.enum(UNIT_KINDS).optional(),
  parentId: idParam.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  includeHistory: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(2000),
});

export const locateQuery = z.object({
  lat: z.coerce.number().min(-90, 'lat must be between -90 and 90').max(90, 'lat must be between -90 and 90'),
  lng: z.coerce.number().min(-180, 'lng must be between -180 and 180').max(180, 'lng must be between -180 and 180'),
  coordSystem: z.enum(COORD_SYSTEMS).default('wgs84'),
  at: z.iso.datetime({ offset: true }).optional(),
});

export const geojsonQuery = z.object({
  unitId: idParam.optional(),
  kind: z.enum(['basic', 'dedicated']).default('basic'),
  at: z.iso.datetime({ offset: true }).optional(),
});

export const gridTypeItem = z.object({
  id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), category: z.string(), color: z.string(),
  duties: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), frequency: z.string() })),
  admission: z.array(z.string()),
});

export const unitDetail = z.object({
  unit: unitItem.extend({ profile: z.record(z.string(), z.unknown()), areaM2: z.number().nullable() }),
  ancestors: z.array(z.object({ id: z.string(), kind: z.string(), code: z.string(), name: z.string() })),
  geometry: z.unknown().nullable(),
  centroid: z.tuple([z.number(), z.number()]).nullable(),
  gridType: gridTypeItem.nullable(),
  counts: z.object({
    children: z.number(), grids: z.number(), buildings: z.number(), keySites: z.number(),
    households: z.number(), persons: z.number(), staff: z.number(),
  }),
});

/** Profile texts are a paragraph or a list of points (the seed and imports use lists). */
const profileText = z.union([z.string().max(2000), z.array(z.string().trim().min(1).max(500)).max(50)]);

export const profileBody = z.object({
  population: z.number().int().min(0).optional(),
  households: z.number().int().min(0).optional(),
  traits: profileText.optional(),
  keyWork: profileText.optional(),
  risks: profileText.optional(),
}).strict();
