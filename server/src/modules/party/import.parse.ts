import ExcelJS from 'exceljs';
import {
  MEMBER_CLASS_LABELS, MEMBER_CLASSES, MEMBER_STATUS_LABELS, MEMBER_STATUSES, normaliseIdNumber, normalisePhone,
  type MemberClass, type MemberStatus,
} from '@gridgov/common';
import { AppError } from '../../lib/errors.js';
import { idNumberProblem, phoneProblem } from '../people/index.js';

/** Reads a party members workbook (Chinese headers) into checked rows. Pure; messages never repeat an ID or phone number. */
export interface ImportError { row: number; field: string; message: string }
export interface ParsedMember {
  row: number; name: string; idNumber: string; phone: string | null; orgCode: string; memberClass: MemberClass; status: MemberStatus;
  joinedOn: string | null; gridCode: string | null; workUnit: string | null;
}
type Key = keyof Omit<ParsedMember, 'row'>;
const HEADERS: Record<string, Key | null> = {
  姓名: 'name', 身份证号: 'idNumber', 公民身份号码: 'idNumber', 手机号: 'phone', 联系电话: 'phone', 党组织编码: 'orgCode',
  党员类别: 'memberClass', 党员状态: 'status', 入党日期: 'joinedOn', 所在网格编码: 'gridCode', 工作单位: 'workUnit', 序号: null, 党组织: null,
};
const REQUIRED: [Key, string][] = [['name', '姓名'], ['idNumber', '身份证号'], ['orgCode', '党组织编码'], ['memberClass', '党员类别']];
export const MAX_ROWS = 20_000;

const classes = new Map<string, MemberClass>();
for (const c of MEMBER_CLASSES) {
  classes.set(c, c);
  classes.set(MEMBER_CLASS_LABELS[c].zh, c);
  classes.set(MEMBER_CLASS_LABELS[c].zh.replace(/党员$/, ''), c);
}
const statuses = new Map<string, MemberStatus>();
for (const s of MEMBER_STATUSES) {
  statuses.set(s, s);
  statuses.set(MEMBER_STATUS_LABELS[s].zh, s);
}
statuses.set('正式', 'full');
statuses.set('预备', 'probationary');

const pad = (n: number) => String(n).padStart(2, '0');
function cellText(v: ExcelJS.CellValue): { text: string; numeric: boolean } {
  if (v == null) return { text: '', numeric: false };
  if (typeof v === 'string') return { text: v.trim(), numeric: false };
  if (typeof v === 'number') return { text: Number.isInteger(v) ? v.toFixed(0) : String(v), numeric: true };
  if (v instanceof Date) return { text: `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`, numeric: false };
  if (typeof v === 'object' && 'richText' in v) return { text: v.richText.map((r) => r.text).join('').trim(), numeric: false };
  if (typeof v === 'object' && 'result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
  if (typeof v === 'object' && 'text' in v) return { text: String(v.text).trim(), numeric: false };
  return { text: String(v), numeric: false };
}
function parseDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

export async function readSheet(buf: Buffer): Promise<ExcelJS.Worksheet> {
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

export function parseMembers(ws: ExcelJS.Worksheet) {
  const errors: ImportError[] = [];
  const badRows = new Set<number>();
  const fail = (row: number, field: string, message: string) => {
    badRows.add(row);
    if (errors.length < 1000) errors.push({ row, field, message });
  };
  const columns = new Map<number, Key>();
  const seen = new Set<Key>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const h = cellText(cell.value).text.replace(/\s+/g, '');
    if (!h) return;
    if (!(h in HEADERS)) return fail(1, h, `unknown column "${h}"; known columns: ${Object.keys(HEADERS).join(', ')}`);
    const key = HEADERS[h];
    if (!key) return;
    if (seen.has(key)) fail(1, h, `column ${h} appears twice`);
    seen.add(key);
    columns.set(col, key);
  });
  for (const [k, label] of REQUIRED) if (!seen.has(k)) fail(1, label, `missing column ${label}`);

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
    if (any) raw.push({ row: rowNumber, cells });
  });
  const read = raw.length;
  if (badRows.has(1)) return { read, rows: [], errors, badRows, headerErrors: true };
  if (read === 0) fail(2, 'file', 'the sheet has a header row but no members');
  if (read > MAX_ROWS) {
    fail(MAX_ROWS + 2, 'file', `at most ${MAX_ROWS} rows per file; split it`);
    return { read, rows: [], errors, badRows, headerErrors: true };
  }

  const rows: ParsedMember[] = [];
  const idRows = new Map<string, number>();
  for (const { row, cells } of raw) {
    const t = (k: Key) => cells[k]?.text ?? '';
    const before = badRows.size;
    const name = t('name');
    if (!name) fail(row, '姓名', 'name is required');
    else if (name.length > 64) fail(row, '姓名', 'name is longer than 64 characters');
    const idNumber = normaliseIdNumber(t('idNumber'));
    if (!idNumber) fail(row, '身份证号', 'ID number is required');
    else if (cells.idNumber?.numeric) fail(row, '身份证号', 'ID number was stored as a number and lost digits; format the column as text');
    else {
      const p = idNumberProblem(idNumber);
      if (p) fail(row, '身份证号', p);
      else if (idRows.has(idNumber)) fail(row, '身份证号', `same person as row ${idRows.get(idNumber)} (one ID number, one member)`);
      else idRows.set(idNumber, row);
    }
    const phone = normalisePhone(t('phone')) || null;
    if (phone && phoneProblem(phone)) fail(row, '手机号', phoneProblem(phone)!);
    const orgCode = t('orgCode');
    if (!orgCode) fail(row, '党组织编码', 'organisation code is required');
    const memberClass = classes.get(t('memberClass'));
    if (!memberClass) fail(row, '党员类别', `class must be one of ${MEMBER_CLASSES.map((c) => MEMBER_CLASS_LABELS[c].zh).join(', ')}`);
    const status = t('status') ? statuses.get(t('status')) : 'full';
    if (!status) fail(row, '党员状态', 'status must be 正式党员 or 预备党员');
    let joinedOn: string | null = null;
    if (t('joinedOn')) {
      joinedOn = parseDate(t('joinedOn'));
      if (!joinedOn) fail(row, '入党日期', 'date must look like 2001-07-01');
    }
    if (badRows.size === before) {
      rows.push({ row, name, idNumber, phone, orgCode, memberClass: memberClass!, status: status!, joinedOn, gridCode: t('gridCode') || null, workUnit: t('workUnit') || null });
    }
  }
  return { read, rows, errors, badRows, headerErrors: false };
}
