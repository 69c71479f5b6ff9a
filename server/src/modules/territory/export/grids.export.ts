import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { queryRows } from '../../../db/sql.js';
import { inScope, type SessionUser } from '../../../lib/scope.js';

export interface ExportRow {
  id: string; code: string; name: string; grid_kind: string; dedicated_type: string | null; path: string;
  grid_type: string | null; grid_type_name: string | null; community_code: string | null; community: string | null;
  town: string | null; area_m2: number | null; profile: Record<string, unknown>; geometry: string | null;
}

/** Current grids (basic and dedicated) under `unitPath` (or everywhere) inside the user's scope, by code. */
export async function gridsForExport(tx: Tx, user: SessionUser, unitPath?: string, withGeometry = true): Promise<ExportRow[]> {
  // 15 decimals keep every stored double, so exporting and importing again changes nothing.
  const geom = withGeometry ? sql`ST_AsGeoJSON(u.geom, 15)` : sql`NULL`;
  return queryRows<ExportRow>(tx, sql`
    SELECT u.id::text, u.code, u.name, u.grid_kind, u.dedicated_type, u.path::text, gt.code AS grid_type,
      gt.name_zh AS grid_type_name, c.code AS community_code, c.name AS community, t.name AS town,
      u.area_m2, u.profile, ${geom} AS geometry
    FROM units u
    LEFT JOIN grid_types gt ON gt.id = u.grid_type_id
    LEFT JOIN units c ON c.id = u.parent_id
    LEFT JOIN units t ON t.id = c.parent_id
    WHERE u.kind = 'grid' AND u.valid_to IS NULL AND ${inScope(user, sql`u.path`)}
      ${unitPath ? sql`AND u.path <@ ${unitPath}::ltree` : sql``}
    ORDER BY u.code`);
}

const num = (v: unknown) => (typeof v === 'number' ? v : null);
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const area = (v: number | null) => (v == null ? null : Math.round(Number(v) * 100) / 100);

/** A FeatureCollection whose properties the grid import reads back (code, name, kind, gridType, profile …). */
export function toFeatureCollection(rows: ExportRow[]) {
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.id,
      geometry: r.geometry ? JSON.parse(r.geometry) : null,
      properties: {
        id: r.id, code: r.code, name: r.name, kind: r.grid_kind, gridType: r.grid_type, gridTypeName: r.grid_type_name,
        dedicatedType: r.dedicated_type, communityCode: r.community_code, community: r.community, town: r.town,
        areaM2: area(r.area_m2), population: num(r.profile?.population), households: num(r.profile?.households),
        traits: str(r.profile?.traits), keyWork: str(r.profile?.keyWork), risks: str(r.profile?.risks),
      },
    })),
  };
}

const KIND_ZH: Record<string, string> = { basic: '基础网格', dedicated: '专属网格' };
const DEDICATED_ZH: Record<string, string> = { industrial_park: '工业园区', market: '市场', school: '学校', hospital: '医院', enterprise: '企业', other: '其他' };

/** Column header (Chinese, as the attribute import reads them) and width. */
export const EXPORT_COLUMNS: [string, number][] = [
  ['网格编码', 18], ['网格名称', 20], ['类型', 10], ['网格类型', 12], ['专属类型', 10], ['所属社区', 16], ['所属镇街', 14],
  ['面积(平方米)', 14], ['人口数', 10], ['户数', 10], ['人口特点', 30], ['工作重点', 30], ['隐患风险', 30],
];

/** One row per grid, Chinese headers; the sheet can be edited and fed back to the attribute import. */
export async function toWorkbook(rows: ExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GridGov';
  const ws = wb.addWorksheet('网格', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow([
      r.code, r.name, KIND_ZH[r.grid_kind] ?? r.grid_kind, r.grid_type_name, r.dedicated_type ? DEDICATED_ZH[r.dedicated_type] ?? r.dedicated_type : null,
      r.community, r.town, area(r.area_m2), num(r.profile?.population), num(r.profile?.households),
      str(r.profile?.traits), str(r.profile?.keyWork), str(r.profile?.risks),
    ]);
  }
  ws.getColumn(1).numFmt = '@'; // codes stay text: 15 digits would turn into 4.40705E+14
  return Buffer.from(await wb.xlsx.writeBuffer());
}
