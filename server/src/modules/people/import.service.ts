import type { ImportResult } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { Crypto } from '../../lib/secrets.js';
import type { SessionUser } from '../../lib/scope.js';
import * as hh from './households.repo.js';
import * as repo from './persons.repo.js';
import { householdAddress } from './households.service.js';
import { parseSheet, readWorkbook, type ImportError, type ParsedPerson } from './import.parse.js';
import { idBlindIndex, piiColumns } from './pii.js';

/** Thrown when a file is rejected; carries the per-row report. Nothing has been written. */
export class ImportRejected extends AppError {
  constructor(readonly result: ImportResult) {
    super('IMPORT_REJECTED', `import rejected: ${result.rejected} of ${result.read} rows have problems; nothing was written`, { ...result });
  }
}

interface Target { hasHead: boolean; householdId: number | null; buildingId: number | null; room: string | null; gridId: number; path: string; address: string }

/**
 * Imports a residents workbook all-or-nothing: parse and check every row, resolve every place inside the
 * user's scope, refuse ID numbers already registered; only a file with no problem at all is written, in one
 * transaction with one audit event.
 */
export async function importWorkbook(db: Db, crypto: Crypto, user: SessionUser, actor: Actor, file: { name: string; data: Buffer }): Promise<ImportResult> {
  const parsed = parseSheet(await readWorkbook(file.data));
  const reject = (errors: ImportError[], bad: Set<number>, all = false): never => {
    errors.sort((a, b) => a.row - b.row);
    throw new ImportRejected({ read: parsed.read, written: 0, rejected: all ? parsed.read : bad.size, errors });
  };
  if (parsed.headerErrors) reject(parsed.errors, parsed.badRows, true);

  return db.transaction(async (tx) => {
    const errors = [...parsed.errors];
    const bad = new Set(parsed.badRows);
    const fail = (row: number, field: string, message: string) => {
      bad.add(row);
      if (errors.length < 1000) errors.push({ row, field, message });
    };
    const targets = await resolvePlaces(tx, user, parsed.rows, fail);

    const bidx = new Map(parsed.rows.map((r) => [r.row, idBlindIndex(crypto, r.idNumber)]));
    const taken = await repo.existingIdBidx(tx, [...bidx.values()]);
    for (const r of parsed.rows) {
      if (taken.has(bidx.get(r.row)!)) fail(r.row, '身份证号', 'a person with this ID number is already registered');
    }
    checkHeads(parsed.rows, targets, fail);
    if (bad.size > 0) reject(errors, bad);

    // Households first (one per building + room), then persons in batches.
    const created = new Map<string, number>();
    for (const r of parsed.rows) {
      const t = targets.get(r.row)!;
      if (t.householdId !== null) continue;
      const key = `${t.buildingId}|${t.room ?? ''}`;
      let id = created.get(key);
      if (id === undefined) {
        id = await hh.insertHousehold(tx, { buildingId: t.buildingId, room: t.room, address: t.address, gridId: t.gridId, path: t.path });
        created.set(key, id);
      }
      t.householdId = id;
    }
    const ids: number[] = [];
    for (let i = 0; i < parsed.rows.length; i += 500) {
      const chunk = parsed.rows.slice(i, i + 500);
      ids.push(...(await repo.insertPersons(tx, chunk.map((r) => {
        const t = targets.get(r.row)!;
        return {
          name: r.name, gender: r.gender, birthDate: r.birthDate, ethnicity: r.ethnicity, category: r.category, tags: r.tags,
          overseasChineseFamily: r.overseasChineseFamily, overseasRelatives: r.overseasRelatives, relationToHead: r.relationToHead,
          note: r.note, householdId: t.householdId, gridId: t.gridId, path: t.path,
          ...piiColumns(crypto, { idNumber: r.idNumber, phone: r.phone }),
        };
      }))));
    }
    for (const [k, r] of parsed.rows.entries()) {
      if (r.relationToHead === 'head') await hh.setHouseholdHead(tx, targets.get(r.row)!.householdId!, ids[k]!);
    }
    await audit(tx, actor, {
      action: 'person.import', entityType: 'person', unitPath: user.scopePath,
      after: { file: file.name, read: parsed.read, written: ids.length, householdsCreated: created.size, personIds: ids },
    });
    return { read: parsed.read, written: ids.length, rejected: 0, errors: [] };
  });
}

/** Where each row lives: a building by code (or by address), else an existing household by address — all in scope. */
async function resolvePlaces(tx: Tx, user: SessionUser, rows: ParsedPerson[], fail: (row: number, field: string, message: string) => void) {
  const codes = [...new Set(rows.map((r) => r.buildingCode).filter((c): c is string => !!c))];
  const addresses = [...new Set(rows.filter((r) => !r.buildingCode).map((r) => r.address!))];
  const [byCode, byAddress, hhByAddress] = await Promise.all([
    hh.buildingsByCode(tx, user, codes), hh.buildingsByAddress(tx, user, addresses), hh.householdsByAddress(tx, user, addresses),
  ]);
  const group = <T>(list: T[], key: (x: T) => string) => {
    const m = new Map<string, T[]>();
    for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
    return m;
  };
  const codeMap = group(byCode, (b) => b.code!);
  const addrMap = group(byAddress, (b) => b.address!);
  const hhMap = group(hhByAddress, (h) => h.address);
  const buildingIds = [...new Set([...byCode, ...byAddress].map((b) => Number(b.id)))];
  const existing = new Map((await hh.householdsOfBuildings(tx, buildingIds)).map((h) => [`${h.building_id}|${h.room ?? ''}`, h]));

  const targets = new Map<number, Target>();
  for (const r of rows) {
    // Out-of-scope and missing places read the same, so an import cannot probe other areas.
    const candidates = r.buildingCode ? codeMap.get(r.buildingCode) ?? [] : addrMap.get(r.address!) ?? [];
    if (candidates.length > 1) {
      fail(r.row, r.buildingCode ? '楼栋编码' : '地址', `${candidates.length} buildings in your area match; use a unique 楼栋编码`);
      continue;
    }
    const b = candidates[0];
    if (b) {
      const found = existing.get(`${b.id}|${r.room ?? ''}`);
      targets.set(r.row, { hasHead: !!found?.head_person_id, householdId: found ? Number(found.id) : null, buildingId: Number(b.id), room: r.room, gridId: Number(b.grid_id), path: b.path, address: householdAddress(b, r.room) });
      continue;
    }
    const h = !r.buildingCode ? hhMap.get(r.address!) ?? [] : [];
    if (h.length === 1) {
      targets.set(r.row, { hasHead: !!h[0]!.head_person_id, householdId: Number(h[0]!.id), buildingId: null, room: r.room, gridId: Number(h[0]!.grid_id), path: h[0]!.path, address: h[0]!.address });
    } else if (r.buildingCode) {
      fail(r.row, '楼栋编码', `no building with code ${r.buildingCode} in your area`);
    } else {
      fail(r.row, '地址', h.length > 1 ? 'several households in your area have this address; use 楼栋编码 and 房号' : 'no building or household with this address in your area; use 楼栋编码');
    }
  }
  return targets;
}

/** A household has one head: two 户主 rows for the same household, or one for a household that has a head, are refused. */
function checkHeads(rows: ParsedPerson[], targets: Map<number, Target>, fail: (row: number, field: string, message: string) => void) {
  const heads = new Map<string, number>();
  for (const r of rows) {
    const t = targets.get(r.row);
    if (!t || r.relationToHead !== 'head') continue;
    const key = t.householdId !== null ? `h${t.householdId}` : `b${t.buildingId}|${t.room ?? ''}`;
    const first = heads.get(key);
    if (t.hasHead) fail(r.row, '与户主关系', 'this household already has a head');
    else if (first !== undefined) fail(r.row, '与户主关系', `household already has a head in row ${first}`);
    else heads.set(key, r.row);
  }
}
