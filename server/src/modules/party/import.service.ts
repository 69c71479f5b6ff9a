import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { MEMBER_CLASS_LABELS, MEMBER_STATUS_LABELS, PARTY_MEMBER_IMPORT_HEADERS, type MemberClass, type MemberStatus } from '@gridgov/common';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { Crypto } from '../../lib/secrets.js';
import type { SessionUser } from '../../lib/scope.js';
import { scopeSql, today } from './common.js';
import { parseMembers, readSheet, type ImportError } from './import.parse.js';
import { memberWhere } from './members.repo.js';
import { bidxOf, insertPersons, personsByBidx, tagPartyMembers } from './persons.link.js';

export interface PartyImportResult { read: number; written: number; rejected: number; personsCreated: number; errors: ImportError[] }

/** Rejected file: carries the per-row report; nothing was written. */
export class PartyImportRejected extends AppError {
  constructor(readonly result: PartyImportResult) {
    super('IMPORT_REJECTED', `import rejected: ${result.rejected} of ${result.read} rows have problems; nothing was written`, { ...result });
  }
}

/**
 * Members workbook, all or nothing: every row is checked (organisation code in scope, ID number checksum, one
 * member per person, grid code in scope) and only a file without any problem is written, in one transaction.
 * Persons are reused by ID number; missing ones are created.
 */
export async function importMembers(db: Db, crypto: Crypto, user: SessionUser, actor: Actor, file: { name: string; data: Buffer }): Promise<PartyImportResult> {
  const parsed = parseMembers(await readSheet(file.data));
  const reject = (errors: ImportError[], bad: Set<number>, all = false): never => {
    errors.sort((a, b) => a.row - b.row);
    throw new PartyImportRejected({ read: parsed.read, written: 0, rejected: all ? parsed.read : bad.size, personsCreated: 0, errors });
  };
  if (parsed.headerErrors) reject(parsed.errors, parsed.badRows, true);
  return db.transaction(async (tx) => {
    const errors = [...parsed.errors];
    const bad = new Set(parsed.badRows);
    const fail = (row: number, field: string, message: string) => {
      bad.add(row);
      if (errors.length < 1000) errors.push({ row, field, message });
    };
    const codes = [...new Set(parsed.rows.map((r) => r.orgCode))];
    const orgs = codes.length ? await queryRows<{ id: string; code: string; path: string }>(tx, sql`SELECT id::text, code, path::text AS path FROM party_orgs
      WHERE code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)}) AND active AND ${scopeSql(user, sql`path`)}`) : [];
    const orgBy = new Map(orgs.map((o) => [o.code, o]));
    const gridCodes = [...new Set(parsed.rows.map((r) => r.gridCode).filter((c): c is string => !!c))];
    const grids = gridCodes.length ? await queryRows<{ id: string; code: string; path: string }>(tx, sql`SELECT id::text, code, path::text AS path FROM units
      WHERE kind = 'grid' AND valid_to IS NULL AND code IN (${sql.join(gridCodes.map((c) => sql`${c}`), sql`, `)}) AND ${scopeSql(user, sql`path`)}`) : [];
    const gridBy = new Map(grids.map((g) => [g.code, g]));
    const bidx = new Map(parsed.rows.map((r) => [r.row, bidxOf(crypto, r.idNumber)]));
    const persons = await personsByBidx(tx, [...bidx.values()]);
    for (const r of parsed.rows) {
      // Out-of-scope and unknown read the same, so an import cannot probe other areas.
      if (!orgBy.has(r.orgCode)) fail(r.row, '党组织编码', `no party organisation with code ${r.orgCode} in your area`);
      if (r.gridCode && !gridBy.has(r.gridCode)) fail(r.row, '所在网格编码', `no grid with code ${r.gridCode} in your area`);
      if (persons.get(bidx.get(r.row)!)?.member) fail(r.row, '身份证号', 'this person is already a party member (one person, one membership)');
    }
    if (bad.size > 0) reject(errors, bad);

    const missing = parsed.rows.filter((r) => !persons.has(bidx.get(r.row)!));
    const created = await insertPersons(tx, crypto, missing.map((r) => {
      const g = r.gridCode ? gridBy.get(r.gridCode)! : null;
      return { name: r.name, idNumber: r.idNumber, phone: r.phone, gridId: g ? Number(g.id) : null, path: g?.path ?? orgBy.get(r.orgCode)!.path };
    }));
    missing.forEach((r, k) => persons.set(bidx.get(r.row)!, { id: created[k]!, member: false }));
    const personIds = parsed.rows.map((r) => persons.get(bidx.get(r.row)!)!.id);
    await tagPartyMembers(tx, personIds);
    const records = parsed.rows.map((r, k) => {
      const o = orgBy.get(r.orgCode)!;
      return { person_id: personIds[k], org_id: Number(o.id), path: o.path, member_class: r.memberClass, status: r.status, joined_on: r.joinedOn,
        home_grid_id: r.gridCode ? Number(gridBy.get(r.gridCode)!.id) : null, work_unit: r.workUnit };
    });
    for (let i = 0; i < records.length; i += 1000) {
      await tx.execute(sql`WITH ins AS (
          INSERT INTO party_members (person_id, org_id, path, member_class, status, joined_on, home_grid_id, work_unit)
          SELECT r.person_id, r.org_id, r.path::ltree, r.member_class, r.status, r.joined_on, r.home_grid_id, r.work_unit
          FROM jsonb_to_recordset(${JSON.stringify(records.slice(i, i + 1000))}::jsonb) AS r(person_id bigint, org_id bigint, path text,
            member_class text, status text, joined_on date, home_grid_id bigint, work_unit text)
          RETURNING id, org_id, joined_on)
        INSERT INTO party_transfers (member_id, from_org_id, to_org_id, "on", reason, actor_id)
        SELECT id, NULL, org_id, COALESCE(joined_on, ${today()}::date), '导入', ${actor.id} FROM ins`);
    }
    await audit(tx, actor, {
      action: 'party_member.import', entityType: 'party_member', unitPath: user.scopePath,
      after: { file: file.name, read: parsed.read, written: records.length, personsCreated: created.length },
    });
    return { read: parsed.read, written: records.length, rejected: 0, personsCreated: created.length, errors: [] };
  });
}

/** Members as .xlsx with the import's headers; ID and phone masked; the export is audited. */
export async function exportMembers(db: Db, user: SessionUser, actor: Actor, f: { root: string | null; orgPath?: string }) {
  const rows = await queryRows<{ name: string; id_masked: string | null; phone_masked: string | null; code: string; member_class: string; status: string;
    joined_on: string | null; grid_code: string | null; work_unit: string | null }>(db, sql`
    SELECT p.name, p.id_masked, p.phone_masked, o.code, m.member_class, m.status, to_char(m.joined_on, 'YYYY-MM-DD') AS joined_on,
      g.code AS grid_code, m.work_unit
    FROM party_members m JOIN persons p ON p.id = m.person_id JOIN party_orgs o ON o.id = m.org_id LEFT JOIN units g ON g.id = m.home_grid_id
    WHERE ${memberWhere(user, { root: f.root, orgPath: f.orgPath })} ORDER BY o.org_path, m.id LIMIT 100000`);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.columns = PARTY_MEMBER_IMPORT_HEADERS.map((h) => ({ header: h, width: h === '身份证号' ? 22 : 14 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow([r.name, r.id_masked ?? '', r.phone_masked ?? '', r.code, MEMBER_CLASS_LABELS[r.member_class as MemberClass]?.zh ?? r.member_class,
      MEMBER_STATUS_LABELS[r.status as MemberStatus]?.zh ?? r.status, r.joined_on ?? '', r.grid_code ?? '', r.work_unit ?? '']);
  }
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  await audit(db, actor, { action: 'party_member.export', entityType: 'party_member', unitPath: f.root ?? user.scopePath, after: { rows: rows.length, masked: true } });
  return data;
}
