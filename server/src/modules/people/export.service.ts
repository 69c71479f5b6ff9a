import ExcelJS from 'exceljs';
import {
  GENDER_LABELS, PERSON_CATEGORY_LABELS, PERSON_TAG_LABELS, RELATION_LABELS,
  type Gender, type PersonCategory, type PersonTag, type RelationToHead,
} from '@gridgov/common';
import type { Db } from '../../db/client.js';
import { audit, type Actor } from '../../lib/audit.js';
import type { SessionUser } from '../../lib/scope.js';
import { queryRows } from '../../db/sql.js';
import { sql } from 'drizzle-orm';
import { scopeSql } from './persons.repo.js';

export const MAX_EXPORT_ROWS = 100_000;

/** Residents of a unit as .xlsx with the import's headers; ID and phone numbers masked, the export audited. */
export async function exportWorkbook(db: Db, user: SessionUser, actor: Actor, unitPath: string | undefined): Promise<{ data: Buffer; rows: number }> {
  const rows = await queryRows<{
    name: string; gender: string | null; birth_date: string | null; id_masked: string | null; phone_masked: string | null;
    category: string; tags: string[]; ocf: boolean; overseas_relatives: string | null; building_code: string | null;
    address: string | null; room: string | null; relation_to_head: string | null; grid_name: string | null;
  }>(db, sql`
    SELECT p.name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.id_masked, p.phone_masked, p.category, p.tags,
      p.overseas_chinese_family AS ocf, p.overseas_relatives, b.code AS building_code, h.address, h.room, p.relation_to_head, g.name AS grid_name
    FROM persons p LEFT JOIN households h ON h.id = p.household_id LEFT JOIN buildings b ON b.id = h.building_id
      LEFT JOIN units g ON g.id = p.grid_id
    WHERE ${scopeSql(user, sql`p.path`)} ${unitPath ? sql`AND p.path <@ ${unitPath}::ltree` : sql``}
    ORDER BY p.path, h.building_id NULLS LAST, h.room, p.id LIMIT ${MAX_EXPORT_ROWS}`);

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('实有人口');
  ws.columns = [
    { header: '姓名', width: 12 }, { header: '性别', width: 6 }, { header: '出生日期', width: 12 }, { header: '身份证号', width: 22 },
    { header: '手机号', width: 14 }, { header: '人员类别', width: 12 }, { header: '标签', width: 24 }, { header: '侨眷', width: 6 },
    { header: '港澳台/海外亲属', width: 20 }, { header: '楼栋编码', width: 14 }, { header: '地址', width: 30 }, { header: '房号', width: 8 },
    { header: '与户主关系', width: 10 }, { header: '网格', width: 14 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow([
      r.name, r.gender ? GENDER_LABELS[r.gender as Gender]?.zh ?? r.gender : '', r.birth_date ?? '', r.id_masked ?? '', r.phone_masked ?? '',
      PERSON_CATEGORY_LABELS[r.category as PersonCategory]?.zh ?? r.category,
      (r.tags ?? []).map((t) => PERSON_TAG_LABELS[t as PersonTag]?.zh ?? t).join('、'), r.ocf ? '是' : '否', r.overseas_relatives ?? '',
      r.building_code ?? '', r.address ?? '', r.room ?? '',
      r.relation_to_head ? RELATION_LABELS[r.relation_to_head as RelationToHead]?.zh ?? r.relation_to_head : '', r.grid_name ?? '',
    ]);
  }
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  // Reading is not a change, but a bulk export of personal data is worth a trace (PIPL).
  await audit(db, actor, { action: 'person.export', entityType: 'person', unitPath: unitPath ?? user.scopePath, after: { rows: rows.length, masked: true } });
  return { data, rows: rows.length };
}
