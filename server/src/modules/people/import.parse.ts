import ExcelJS from 'exceljs';
import {
  GENDER_LABELS, PERSON_CATEGORY_LABELS, PERSON_CATEGORIES, PERSON_TAG_LABELS, PERSON_TAGS, RELATION_LABELS, RELATIONS_TO_HEAD,
  normaliseIdNumber, normalisePhone, type Gender, type PersonCategory, type PersonTag, type RelationToHead,
} from '@gridgov/common';
import { AppError } from '../../lib/errors.js';
import { idNumberProblem, phoneProblem, reconcileWithIdNumber } from './pii.js';

/**
 * Reads a residents workbook (Chinese headers) into checked rows. Pure: no database. Every problem is reported
 * with its Excel row number and column header, and messages never repeat an ID or phone number.
 */
export interface ImportError { row: number; field: string; message: string }

export interface ParsedPerson {
  row: number;
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  idNumber: string;
  phone: string | null;
  category: PersonCategory;
  tags: PersonTag[];
  overseasChineseFamily: boolean;
  overseasRelatives: string | null;
  buildingCode: string | null;
  address: string | null;
  room: string | null;
  relationToHead: RelationToHead | null;
  ethnicity: string | null;
  note: string | null;
}

type Key = keyof Omit<ParsedPerson, 'row'>;
/** Header → field. 楼栋编码 or 地址 places the person; 序号 (row number) is accepted and ignored. */
const HEADERS: Record<string, Key | null> = {
  姓名: 'name', 性别: 'gender', 出生日期: 'birthDate', 身份证号: 'idNumber', 公民身份号码: 'idNumber', 手机号: 'phone',
  联系电话: 'phone', 人员类别: 'category', 标签: 'tags', 侨眷: 'overseasChineseFamily', '港澳台/海外亲属': 'overseasRelatives',
  楼栋编码: 'buildingCode', 地址: 'address', 房号: 'room', 与户主关系: 'relationToHead', 民族: 'ethnicity', 备注: 'note', 序号: null,
};
export const MAX_ROWS = 20_000;
const MAX_LISTED_ERRORS = 1000;

function labelMap<T extends string>(codes: readonly T[], labels: Record<T, { zh: string; en: string }>, extra: Record<string, T> = {}) {
  const m = new Map<string, T>();
  for (const c of codes) {
    m.set(c.toLowerCase(), c);
    m.set(labels[c].zh, c);
    m.set(labels[c].en.toLowerCase(), c);
  }
  for (const [k, v] of Object.entries(extra)) m.set(k, v);
  return m;
}
const GENDERS = labelMap(['male', 'female'] as const, GENDER_LABELS, { 男性: 'male', 女性: 'female', m: 'male', f: 'female' });
const CATEGORIES = labelMap(PERSON_CATEGORIES, PERSON_CATEGORY_LABELS, {
  户籍: 'registered', 流动: 'floating', 境外: 'foreign', 港澳台: 'hmt', 外籍人员: 'foreign', 境外人口: 'foreign', 流动人员: 'floating',
});
const TAGS = labelMap(PERSON_TAGS, PERSON_TAG_LABELS, { 低保: 'low_income', 低保户: 'low_income', 残疾: 'disabled', 特困: 'extreme_poverty' });
const RELATIONS = labelMap(RELATIONS_TO_HEAD, RELATION_LABELS, {
  本人: 'head', 妻: 'spouse', 夫: 'spouse', 妻子: 'spouse', 丈夫: 'spouse', 子: 'child', 女: 'child', 儿子: 'child', 女儿: 'child',
  长子: 'child', 长女: 'child', 次子: 'child', 次女: 'child', 儿媳: 'child_in_law', 女婿: 'child_in_law', 父亲: 'parent', 母亲: 'parent',
  孙子: 'grandchild', 孙女: 'grandchild', 外孙: 'grandchild', 外孙女: 'grandchild', 祖父: 'grandparent', 祖母: 'grandparent',
  兄: 'sibling', 弟: 'sibling', 姐: 'sibling', 妹: 'sibling', 租户: 'tenant', 租客: 'tenant',
});
const YES = new Set(['是', '有', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', '无', 'n', 'no', 'false', '0', '']);

const pad = (n: number) => String(n).padStart(2, '0');

/** Cell → text. Numbers are flagged: an 18-digit ID typed as a number has already lost its last digits. */
function cellText(v: ExcelJS.CellValue): { text: string; numeric: boolean } {
  if (v == null) return { text: '', numeric: false };
  if (typeof v === 'string') return { text: v.trim(), numeric: false };
  if (typeof v === 'number') return { text: Number.isInteger(v) ? v.toFixed(0) : String(v), numeric: true };
  if (typeof v === 'boolean') return { text: v ? '是' : '否', numeric: false };
  if (v instanceof Date) return { text: `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`, numeric: false };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join('').trim(), numeric: false };
  if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in v) return { text: String(v.text).trim(), numeric: false };
  return { text: '', numeric: false };
}

function parseDate(s: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

export async function readWorkbook(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_FILE', 'file: not a readable .xlsx workbook', { field: 'file' });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('BAD_FILE', 'file: the workbook has no sheet', { field: 'file' });
  return ws;
}

export interface ParseResult { read: number; rows: ParsedPerson[]; errors: ImportError[]; badRows: Set<number>; headerErrors: boolean }

export function parseSheet(ws: ExcelJS.Worksheet): ParseResult {
  const errors: ImportError[] = [];
  const badRows = new Set<number>();
  const fail = (row: number, field: string, message: string) => {
    badRows.add(row);
    if (errors.length < MAX_LISTED_ERRORS) errors.push({ row, field, message });
  };

  // Header row: every column must be known, none twice; 姓名, 身份证号 and a place (楼栋编码 or 地址) are required.
  const columns = new Map<number, Key>();
  const seen = new Map<string, number>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const h = cellText(cell.value).text.replace(/\s+/g, '');
    if (!h) return;
    if (!(h in HEADERS)) {
      fail(1, h, `unknown column "${h}"; known columns: ${Object.keys(HEADERS).join(', ')}`);
      return;
    }
    const key = HEADERS[h]!;
    if (key === null) return;
    if (seen.has(key)) fail(1, h, `column for ${key} appears twice`);
    seen.set(key, col);
    columns.set(col, key);
  });
  for (const [need, label] of [['name', '姓名'], ['idNumber', '身份证号']] as const) {
    if (!seen.has(need)) fail(1, label, `missing column ${label}`);
  }
  if (!seen.has('buildingCode') && !seen.has('address')) fail(1, '楼栋编码', 'missing column 楼栋编码 or 地址 (where the person lives)');

  const raw: { row: number; cells: Partial<Record<Key, { text: string; numeric: boolean }>> }[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Partial<Record<Key, { text: string; numeric: boolean }>> = {};
    let any = false;
    for (const [col, key] of columns) {
      const t = cellText(r.getCell(col).value);
      if (t.text) any = true;
      cells[key] = t;
    }
    if (any || columns.size === 0) raw.push({ row: rowNumber, cells });
  });
  const read = raw.length;
  const headerErrors = badRows.has(1);
  if (headerErrors) return { read, rows: [], errors, badRows, headerErrors };
  if (read === 0) fail(2, 'file', 'the sheet has a header row but no residents');
  if (read > MAX_ROWS) {
    fail(MAX_ROWS + 2, 'file', `at most ${MAX_ROWS} rows per file; split it`);
    return { read, rows: [], errors, badRows, headerErrors: true };
  }

  const rows: ParsedPerson[] = [];
  const idRows = new Map<string, number>();
  for (const { row, cells } of raw) {
    const t = (k: Key) => cells[k]?.text ?? '';
    const errCount = badRows.size;
    const name = t('name');
    if (!name) fail(row, '姓名', 'name is required');
    else if (name.length > 64) fail(row, '姓名', 'name is longer than 64 characters');

    const idNumber = normaliseIdNumber(t('idNumber'));
    let idOk = false;
    if (!idNumber) fail(row, '身份证号', 'ID number is required');
    else if (cells.idNumber?.numeric) fail(row, '身份证号', 'ID number was stored as a number and lost digits; format the column as text');
    else {
      const p = idNumberProblem(idNumber);
      if (p) fail(row, '身份证号', p);
      else if (idRows.has(idNumber)) fail(row, '身份证号', `same ID number as row ${idRows.get(idNumber)}`);
      else {
        idRows.set(idNumber, row);
        idOk = true;
      }
    }

    const phoneRaw = normalisePhone(t('phone'));
    const phone = phoneRaw || null;
    if (phone && phoneProblem(phone)) fail(row, '手机号', phoneProblem(phone)!);

    let gender: Gender | null = null;
    if (t('gender')) {
      gender = GENDERS.get(t('gender').toLowerCase()) ?? null;
      if (!gender) fail(row, '性别', 'gender must be 男 or 女');
    }
    let birthDate: string | null = null;
    if (t('birthDate')) {
      birthDate = parseDate(t('birthDate'));
      if (!birthDate) fail(row, '出生日期', 'birth date must be a date such as 1980-05-01');
    }
    const rec = idOk ? reconcileWithIdNumber(idNumber, { birthDate, gender }) : { birthDate, gender };
    if ('problem' in rec && rec.problem) fail(row, rec.problem.field === 'birthDate' ? '出生日期' : '性别', rec.problem.message);

    let category: PersonCategory = 'registered';
    if (t('category')) {
      const c = CATEGORIES.get(t('category').toLowerCase());
      if (!c) fail(row, '人员类别', `category must be one of ${PERSON_CATEGORIES.map((x) => PERSON_CATEGORY_LABELS[x].zh).join(', ')}`);
      else category = c;
    }
    const tags: PersonTag[] = [];
    for (const part of t('tags').split(/[,，、;；/\s]+/).filter(Boolean)) {
      const tag = TAGS.get(part.toLowerCase());
      if (!tag) fail(row, '标签', `unknown tag "${part}"`);
      else if (!tags.includes(tag)) tags.push(tag);
    }
    const ocf = t('overseasChineseFamily').toLowerCase();
    if (!YES.has(ocf) && !NO.has(ocf)) fail(row, '侨眷', '侨眷 must be 是 or 否');

    let relationToHead: RelationToHead | null = null;
    if (t('relationToHead')) {
      relationToHead = RELATIONS.get(t('relationToHead').toLowerCase()) ?? null;
      if (!relationToHead) fail(row, '与户主关系', `unknown relation "${t('relationToHead')}"`);
    }
    const buildingCode = t('buildingCode') || null;
    const address = t('address') || null;
    if (!buildingCode && !address) fail(row, '楼栋编码', 'give 楼栋编码 or 地址');

    if (badRows.size === errCount) {
      rows.push({
        row, name, idNumber, phone, gender: rec.gender ?? null, birthDate: rec.birthDate ?? null, category, tags,
        overseasChineseFamily: YES.has(ocf), overseasRelatives: t('overseasRelatives') || null, buildingCode, address,
        room: t('room') || null, relationToHead, ethnicity: t('ethnicity') || null, note: t('note') || null,
      });
    }
  }
  return { read, rows, errors, badRows, headerErrors: false };
}
