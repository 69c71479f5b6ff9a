import { z } from 'zod';
import { DEDICATED_TYPES, GRID_KINDS, UNIT_KINDS } from '@gridgov/common';
import { idParam } from '../../lib/ids.js';
import { polygonGeometry } from './redraw.schema.js';

export const unitCreate = z.object({
  kind: z.enum(UNIT_KINDS),
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(200).optional(),
  subkind: z.string().trim().min(1).max(40).optional(),
  parentId: idParam.optional(),
  gridKind: z.enum(GRID_KINDS).optional(),
  dedicatedType: z.enum(DEDICATED_TYPES).optional(),
  gridTypeId: idParam.optional(),
  geometry: polygonGeometry.optional(),
}).strict();
export type UnitCreate = z.infer<typeof unitCreate>;

export const unitPatch = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().max(200).nullable().optional(),
  subkind: z.string().trim().min(1).max(40).optional(),
  /** null clears the grid type */
  gridTypeId: idParam.nullable().optional(),
  geometry: polygonGeometry.optional(),
}).strict();
export type UnitPatch = z.infer<typeof unitPatch>;

export const unitParams = z.object({ id: idParam });
