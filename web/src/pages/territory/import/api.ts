import { api, ApiError, withQuery } from '../../../api/client';

/** Boundary / attribute import and grid export (server import.routes.ts). */
export interface ImportProblem { code: string; gridCodes: string[]; message: string; areaM2?: number; feature?: number }
export interface GridImportResult {
  read: number; written: number; rejected: number; created: number; updated: number; unchanged: number;
  dryRun: boolean; crs: string; problems: ImportProblem[];
}
export interface AttributeImportResult {
  read: number; written: number; rejected: number; unchanged: number; dryRun: boolean;
  ignoredColumns: string[]; errors: { row: number; field: string; message: string }[];
}

function upload<T>(path: string, file: File, dryRun: boolean): Promise<T> {
  const form = new FormData();
  // Text fields before the file: the server reads the parts in order.
  if (dryRun) form.append('dryRun', 'true');
  form.append('file', file, file.name);
  return api<T>(path, { method: 'POST', body: form });
}

export const importGrids = (file: File, dryRun: boolean) => upload<GridImportResult>('/territory/import/grids', file, dryRun);
export const importAttributes = (file: File, dryRun: boolean) => upload<AttributeImportResult>('/territory/import/attributes', file, dryRun);

/** A rejected import (422 IMPORT_REJECTED) carries the full result under error.details. */
export function rejectedResult<T>(e: unknown, listKey: 'problems' | 'errors'): T | null {
  if (!(e instanceof ApiError) || e.code !== 'IMPORT_REJECTED' || !e.details) return null;
  return Array.isArray(e.details[listKey]) ? (e.details as T) : null;
}

export const exportUrl = (format: 'geojson' | 'xlsx', unitId?: string) =>
  withQuery(`/api/territory/export/grids.${format}`, { unitId });
