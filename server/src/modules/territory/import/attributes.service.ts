import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.js';
import { queryRows } from '../../../db/sql.js';
import { audit, type Actor } from '../../../lib/audit.js';
import { AppError } from '../../../lib/errors.js';
import { inScope, type SessionUser } from '../../../lib/scope.js';
import { FIELD_ALIASES, fieldFor, isGridCode, isReadOnlyColumn, normalizeName, text, type FieldKey } from './fields.js';
import { allGridTypes } from './grids.repo.js';
import { parseProfile } from './records.js';
import type { GridProfilePatch } from './types.js';

/** Fields the attribute import may change; kind, geometry and codes come only from boundary files. */
const WRITABLE: FieldKey[] = ['code', 'name', 'gridType', 'population', 'households', 'traits', 'keyWork', 'risks'];
const HEADER_ZH: Record<string, string> = Object.fromEntries(Object.entries(FIELD_ALIASES).map(([k, v]) => [k, v[0]]));
export const EXPECTED_HEADERS = WRITABLE.map((k) => HEADER_ZH[k]!);
/** A title row or two above the header is common in government spreadsheets. */
const HEADER_SEARCH_ROWS = 5;

export interface AttributeError { row: number; field: string; message: string }
export interface AttributeImportResult {
  read: number; written: number; rejected: number; unchanged: number; dryRun: boolean;
  ignoredColumns: string[]; errors: AttributeError[];
}

interface Row { row: number; values: Partial<Record<FieldKey, unknown>> }

/** exceljs cell values → plain values (rich text, hyperlinks, formulas, dates). */
export function plainCell(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return plainCell((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return (v as { text: unknown }).text;
    if ('error' in v) return null;
  }
  return v;
}

/** Map a header row: column number → field; unknown columns are reported as ignored, repeated ones as errors. */
export function mapHeader(cells: { col: number; value: string }[], row: number) {
  const columns = new Map<number, FieldKey>();
  const seen = new Map<FieldKey, string>();
  const ignored: string[] = [];
  const errors: AttributeError[] = [];
  for (const { col, value } of cells) {
    const f = fieldFor(value);
    if (f && WRITABLE.includes(f)) {
      if (seen.has(f)) errors.push({ row, field: value, message: `column "${value}" repeats "${seen.get(f)}"` });
      else { seen.set(f, value); columns.set(col, f); }
    } else if (!f && !isReadOnlyColumn(value)) ignored.push(value);
  }
  return { columns, ignored, errors, hasCode: seen.has('code') };
}

export async function readAttributeRows(data: Buffer, fileName: string) {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.xls') throw new AppError('BAD_FILE', `${fileName} is an old .xls workbook; save it as .xlsx and upload again`, { file: fileName, accepted: ['.xlsx'] });
  if (ext !== '.xlsx') throw new AppError('BAD_FILE', `${fileName || 'the file'} is not an accepted type; upload an Excel .xlsx workbook`, { file: fileName, accepted: ['.xlsx'] });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new AppError('BAD_FILE', `${fileName} is not a readable .xlsx workbook (${(e as Error).message})`, { file: fileName });
  }
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws) throw new AppError('BAD_FILE', `${fileName} has no rows`, { file: fileName });
  let header: ReturnType<typeof mapHeader> | null = null;
  let headerRow = 0;
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount) && !header; r++) {
    const cells: { col: number; value: string }[] = [];
    ws.getRow(r).eachCell((c, col) => { const t = text(plainCell(c.value)); if (t) cells.push({ col, value: t }); });
    const h = mapHeader(cells, r);
    if (h.hasCode) { header = h; headerRow = r; }
  }
  if (!header) {
    return {
      rows: [] as Row[], ignored: [] as string[],
      headerErrors: [{ row: 1, field: '网格编码', message: `no 网格编码 (grid code) column in the first ${HEADER_SEARCH_ROWS} rows; expected headers: ${EXPECTED_HEADERS.join(', ')}` }],
    };
  }
  const rows: Row[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const values: Row['values'] = {};
    let any = false;
    ws.getRow(r).eachCell((c, col) => {
      const f = header!.columns.get(col);
      const v = plainCell(c.value);
      if (f && text(v) !== null) { values[f] = v; any = true; }
    });
    if (any) rows.push({ row: r, values });
  }
  return { rows, ignored: header.ignored, headerErrors: header.errors };
}

interface GridRow { id: string; code: string; name: string; grid_type_id: string | null; profile: Record<string, unknown>; path: string }

async function gridsInScope(tx: Tx, user: SessionUser, codes: string[]): Promise<Map<string, GridRow>> {
  if (codes.length === 0) return new Map();
  const rows = await queryRows<GridRow>(tx, sql`
    SELECT id::text, code, name, grid_type_id::text, profile, path::text FROM units
    WHERE kind = 'grid' AND valid_to IS NULL AND ${inScope(user, sql`path`)}
      AND code IN (SELECT jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`);
  return new Map(rows.map((r) => [r.code, r]));
}

/**
 * Update grid names, types and profiles from an Excel sheet matched on 网格编码. Every row is checked first;
 * one bad row rejects the file (422 IMPORT_REJECTED) and nothing is written. Empty cells leave values alone.
 */
export async function importAttributesFile(db: Db, user: SessionUser, actor: Actor, file: { name: string; data: Buffer }, opts: { dryRun?: boolean } = {}): Promise<AttributeImportResult> {
  return importAttributeRows(db, user, actor, await readAttributeRows(file.data, file.name), opts);
}

export type AttributeSheet = Awaited<ReturnType<typeof readAttributeRows>>;

export async function importAttributeRows(db: Db, user: SessionUser, actor: Actor, sheet: AttributeSheet, opts: { dryRun?: boolean } = {}): Promise<AttributeImportResult> {
  const result = await db.transaction(async (tx) => {
    const errors: AttributeError[] = [...sheet.headerErrors];
    const err = (row: number, field: FieldKey | string, message: string) => errors.push({ row, field: HEADER_ZH[field] ?? field, message });
    const codes = sheet.rows.map((r) => text(r.values.code)).filter((c): c is string => !!c);
    const grids = await gridsInScope(tx, user, codes);
    const types = await allGridTypes(tx);
    const typeByName = new Map<string, number>();
    for (const t of types) for (const n of [t.code, t.name_zh, t.name_en]) typeByName.set(normalizeName(n), Number(t.id));

    const firstRow = new Map<string, number>();
    const plans: { grid: GridRow; name: string; gridTypeId: number | null; profile: GridProfilePatch }[] = [];
    for (const r of sheet.rows) {
      const code = text(r.values.code);
      if (!code) { err(r.row, 'code', 'grid code (网格编码) is empty'); continue; }
      if (!isGridCode(code)) { err(r.row, 'code', `${code} is not a 15-digit grid code`); continue; }
      if (firstRow.has(code)) { err(r.row, 'code', `${code} already appears in row ${firstRow.get(code)}`); continue; }
      firstRow.set(code, r.row);
      const grid = grids.get(code);
      if (!grid) { err(r.row, 'code', `no current grid ${code} in your area`); continue; }
      const name = text(r.values.name) ?? grid.name;
      if (name.length > 100) err(r.row, 'name', 'is longer than 100 characters');
      let gridTypeId = grid.grid_type_id == null ? null : Number(grid.grid_type_id);
      const typeText = text(r.values.gridType);
      if (typeText) {
        const id = typeByName.get(normalizeName(typeText));
        if (id === undefined) err(r.row, 'gridType', `"${typeText}" is not a known grid type code or name`);
        else gridTypeId = id;
      }
      const profile = parseProfile(r.values, (field, message) => errors.push({ row: r.row, field: field.split(' ')[0]!, message: `${field} ${message}` }));
      plans.push({ grid, name, gridTypeId, profile });
    }
    const base = { read: sheet.rows.length, written: 0, dryRun: !!opts.dryRun, ignoredColumns: sheet.ignored, errors };
    const changed = plans.filter(({ grid, name, gridTypeId, profile }) => grid.name !== name
      || (grid.grid_type_id == null ? null : Number(grid.grid_type_id)) !== gridTypeId
      || Object.entries(profile).some(([k, v]) => (grid.profile ?? {})[k] !== v));
    const rejected = new Set(errors.map((e) => e.row).filter((r) => r > 0 && !sheet.headerErrors.some((h) => h.row === r))).size;
    const r: AttributeImportResult = { ...base, rejected, unchanged: plans.length - changed.length };
    if (errors.length > 0 || opts.dryRun) return r;
    for (const { grid, name, gridTypeId, profile } of changed) {
      const before = { name: grid.name, gridTypeId: grid.grid_type_id == null ? null : Number(grid.grid_type_id), profile: grid.profile ?? {} };
      const after = { name, gridTypeId, profile: { ...(grid.profile ?? {}), ...profile } };
      await queryRows(tx, sql`UPDATE units SET name = ${name}, grid_type_id = ${gridTypeId}, profile = ${JSON.stringify(after.profile)}::jsonb, updated_at = now() WHERE id = ${Number(grid.id)}`);
      await audit(tx, actor, { action: 'grid.attributes.import', entityType: 'unit', entityId: grid.id, unitPath: grid.path, before, after });
    }
    r.written = changed.length;
    return r;
  });
  if (result.errors.length > 0) {
    const first = result.errors[0]!;
    throw new AppError('IMPORT_REJECTED',
      `attribute import rejected: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}; nothing was written. First: row ${first.row}, ${first.field}: ${first.message}`,
      result as unknown as Record<string, unknown>);
  }
  return result;
}
