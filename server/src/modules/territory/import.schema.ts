import { z } from 'zod';
import { idParam } from '../../lib/ids.js';

export const importProblem = z.object({
  code: z.string(),
  gridCodes: z.array(z.string()),
  message: z.string(),
  areaM2: z.number().optional(),
  feature: z.number().int().optional(),
});

export const gridImportResult = z.object({
  read: z.number().int(),
  written: z.number().int(),
  rejected: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  dryRun: z.boolean(),
  crs: z.string(),
  problems: z.array(importProblem),
});

export const attributeImportResult = z.object({
  read: z.number().int(),
  written: z.number().int(),
  rejected: z.number().int(),
  unchanged: z.number().int(),
  dryRun: z.boolean(),
  ignoredColumns: z.array(z.string()),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});

export const dryRunQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });
export const exportQuery = z.object({ unitId: idParam.optional() });
