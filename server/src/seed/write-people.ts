import { maskIdNumber, maskPhone } from '@gridgov/common';
import type { Tx } from '../db/client.js';
import type { Crypto } from '../lib/secrets.js';
import { allocIds, insertRows } from './bulk.js';
import { IdNumberIssuer, MobileIssuer, mulberry32 } from './factories.js';
import type { AccountRec, GridStaffRec, ResidentsFile } from './types.js';
import type { PlaceRefs } from './write-places.js';
import type { UnitMap } from './write-territory.js';

const ltree = { type: 'text', expr: 'r.path::ltree' };
const YEAR = 2026;

/** Phones of residents and staff come from one seeded stream so a re-seed gives the same numbers. */
export function phoneIssuer() {
  return new MobileIssuer(mulberry32(13800138));
}

export interface ResidentPlan {
  /** stairway id → 楼组长 person id */
  leads: Map<number, number>;
  write(tx: Tx): Promise<{ households: number; persons: number }>;
}

/**
 * Residents: households in buildings, persons in households. ID and phone numbers are issued here (never
 * stored in the data files), then only their ciphertext, blind index and masked form are written.
 */
export async function planResidents(tx: Tx, data: ResidentsFile, places: PlaceRefs, crypto: Crypto, phones: MobileIssuer): Promise<ResidentPlan> {
  const hs = data.households;
  const personCount = hs.reduce((s, h) => s + h.members.length, 0);
  const householdIds = await allocIds(tx, 'households', hs.length);
  const personIds = await allocIds(tx, 'persons', personCount);
  const ids = new IdNumberIssuer();
  const leads = new Map<number, number>();
  const households: Record<string, unknown>[] = [];
  const persons: Record<string, unknown>[] = [];
  let p = 0;
  hs.forEach((h, k) => {
    const b = places.buildings.get(h.buildingCode);
    if (!b) throw new Error(`seed data: household in unknown building ${h.buildingCode}`);
    const stairwayId = b.stairways[h.stairway] ?? null;
    const first = p;
    households.push({
      id: householdIds[k], building_id: b.id, stairway_id: stairwayId, room: h.room || null, address: h.address,
      grid_id: b.gridId, path: b.path, head_person_id: personIds[first],
    });
    for (const m of h.members) {
      const id = personIds[p++]!;
      const idNumber = m.idPrefix ? ids.issue(m.idPrefix, m.birthDate, m.gender) : null;
      const phone = m.hasPhone ? phones.issue() : null;
      persons.push({
        id, name: m.name, gender: m.gender, birth_date: m.birthDate, ethnicity: m.ethnicity, household_id: householdIds[k],
        relation_to_head: m.relation, grid_id: b.gridId, path: b.path, category: m.category, tags: m.tags,
        overseas_chinese_family: m.overseasChineseFamily, overseas_relatives: m.overseasRelatives, note: m.note,
        id_enc: idNumber ? crypto.encrypt(idNumber) : null, id_bidx: idNumber ? crypto.blindIndex(idNumber) : null,
        id_masked: idNumber ? maskIdNumber(idNumber) : null,
        phone_enc: phone ? crypto.encrypt(phone) : null, phone_bidx: phone ? crypto.blindIndex(phone) : null,
        phone_masked: phone ? maskPhone(phone) : null,
      });
    }
    // 楼组长: the first working-age adult living on the stairway volunteers.
    if (stairwayId != null && !leads.has(stairwayId)) {
      const lead = h.members.findIndex((m) => YEAR - Number(m.birthDate.slice(0, 4)) >= 25 && YEAR - Number(m.birthDate.slice(0, 4)) <= 70);
      if (lead >= 0) leads.set(stairwayId, personIds[first + lead]!);
    }
  });
  return {
    leads,
    async write(t: Tx) {
      await insertRows(t, 'households', [
        { name: 'id', type: 'bigint' }, { name: 'building_id', type: 'bigint' }, { name: 'stairway_id', type: 'bigint' },
        { name: 'room', type: 'text' }, { name: 'address', type: 'text' }, { name: 'grid_id', type: 'bigint' }, { name: 'path', ...ltree },
        { name: 'head_person_id', type: 'bigint' },
      ], households);
      await insertRows(t, 'persons', [
        { name: 'id', type: 'bigint' }, { name: 'name', type: 'text' }, { name: 'gender', type: 'text' }, { name: 'birth_date', type: 'date' },
        { name: 'ethnicity', type: 'text' }, { name: 'household_id', type: 'bigint' }, { name: 'relation_to_head', type: 'text' },
        { name: 'grid_id', type: 'bigint' }, { name: 'path', ...ltree }, { name: 'category', type: 'text' }, { name: 'tags', type: 'jsonb' },
        { name: 'overseas_chinese_family', type: 'boolean' }, { name: 'overseas_relatives', type: 'text' }, { name: 'note', type: 'text' },
        { name: 'id_enc', type: 'text' }, { name: 'id_bidx', type: 'text' }, { name: 'id_masked', type: 'text' },
        { name: 'phone_enc', type: 'text' }, { name: 'phone_bidx', type: 'text' }, { name: 'phone_masked', type: 'text' },
      ], persons);
      return { households: households.length, persons: persons.length };
    },
  };
}

/** Staff accounts; grid staff rows name their account by username. Returns username → user id. */
export async function writeUsers(tx: Tx, accounts: (AccountRec & { passwordHash: string })[], units: UnitMap,
  departments: Map<string, number>, crypto: Crypto, phones: MobileIssuer): Promise<Map<string, number>> {
  const ids = await allocIds(tx, 'users', accounts.length);
  await insertRows(tx, 'users', [
    { name: 'id', type: 'bigint' }, { name: 'username', type: 'text' }, { name: 'display_name', type: 'text' },
    { name: 'password_hash', type: 'text' }, { name: 'role', type: 'text' }, { name: 'home_unit_id', type: 'bigint' },
    { name: 'department_id', type: 'bigint' }, { name: 'phone_enc', type: 'text' }, { name: 'phone_masked', type: 'text' },
  ], accounts.map((a, k) => {
    const home = a.homeUnitCode ? units.get(a.homeUnitCode) : undefined;
    if (a.homeUnitCode && !home) throw new Error(`seed data: account ${a.username} has unknown home unit ${a.homeUnitCode}`);
    const dept = a.departmentCode ? departments.get(a.departmentCode) : undefined;
    if (a.departmentCode && dept == null) throw new Error(`seed data: account ${a.username} has unknown department ${a.departmentCode}`);
    const phone = a.role === 'admin' ? null : phones.issue();
    return {
      id: ids[k], username: a.username, display_name: a.displayName, password_hash: a.passwordHash, role: a.role,
      home_unit_id: home?.id ?? null, department_id: dept ?? null,
      phone_enc: phone ? crypto.encrypt(phone) : null, phone_masked: phone ? maskPhone(phone) : null,
    };
  }));
  return new Map(accounts.map((a, k) => [a.username, ids[k]!]));
}

export async function writeGridStaff(tx: Tx, staff: GridStaffRec[], units: UnitMap, users: Map<string, number>, crypto: Crypto,
  phones: MobileIssuer): Promise<number> {
  // One person on several rows (the community police officer) keeps one phone number.
  const phoneOf = new Map<string, string>();
  const rows = staff.map((s) => {
    const g = units.get(s.gridCode);
    if (!g) throw new Error(`seed data: grid staff in unknown grid ${s.gridCode}`);
    const key = s.account ?? `${s.gridCode}/${s.role}/${s.name}`;
    const phone = phoneOf.get(key) ?? phones.issue();
    phoneOf.set(key, phone);
    return {
      grid_id: g.id, path: g.path, role: s.role, name: s.name, user_id: s.account ? users.get(s.account) ?? null : null,
      phone_enc: crypto.encrypt(phone), phone_masked: maskPhone(phone), since: s.since,
    };
  });
  await insertRows(tx, 'grid_staff', [
    { name: 'grid_id', type: 'bigint' }, { name: 'path', ...ltree }, { name: 'role', type: 'text' }, { name: 'name', type: 'text' },
    { name: 'user_id', type: 'bigint' }, { name: 'phone_enc', type: 'text' }, { name: 'phone_masked', type: 'text' }, { name: 'since', type: 'date' },
  ], rows);
  return rows.length;
}
