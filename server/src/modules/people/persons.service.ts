import type { PersonDetail } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Crypto } from '../../lib/secrets.js';
import type { SessionUser } from '../../lib/scope.js';
import * as repo from './persons.repo.js';
import * as hh from './households.repo.js';
import { idBlindIndex, idNumberProblem, phoneBlindIndex, phoneProblem, piiColumns, reconcileWithIdNumber } from './pii.js';
import { presentHousehold, presentPerson } from './people.present.js';
import type { CreatePersonBody, UpdatePersonBody } from './people.schema.js';

const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', `${field}: ${message}`, { field });

/** 404 for a unit id the user cannot see, naming the field it came from. */
async function scopedUnitOrFail(tx: Tx, user: SessionUser, id: number, field: string) {
  const u = await hh.unitInScope(tx, user, id);
  if (!u) throw new AppError('NOT_FOUND', `unit ${id} not found`, { field, id: String(id) });
  return u;
}

export async function unitPathFilter(db: Db, user: SessionUser, unitId?: string): Promise<string | undefined> {
  if (!unitId) return undefined;
  return (await scopedUnitOrFail(db, user, Number(unitId), 'unitId')).path;
}

export async function search(db: Db, crypto: Crypto, user: SessionUser, b: { idNumber?: string; phone?: string; limit: number; offset: number }) {
  const f: repo.PersonFilter = {};
  if (b.idNumber !== undefined) {
    const p = idNumberProblem(b.idNumber);
    if (p) throw invalid('idNumber', p);
    f.idBidx = idBlindIndex(crypto, b.idNumber);
  }
  if (b.phone !== undefined) {
    const p = phoneProblem(b.phone);
    if (p) throw invalid('phone', p);
    f.phoneBidx = phoneBlindIndex(crypto, b.phone);
  }
  const res = await repo.listPersons(db, user, f, b);
  return { items: res.items.map(presentPerson), total: res.total };
}

export async function detail(db: Db, user: SessionUser, id: number): Promise<PersonDetail> {
  const p = await repo.getPerson(db, user, id);
  if (!p) throw notFound('Person', id);
  let household: PersonDetail['household'] = null;
  if (p.household_id) {
    const h = await hh.getHousehold(db, user, Number(p.household_id));
    if (h) {
      const members = await repo.listPersons(db, user, { householdId: Number(h.id) }, { limit: 500, offset: 0 });
      household = { ...presentHousehold(h), members: members.items.map((m) => ({ ...presentPerson(m), relationToHead: m.relation_to_head })) };
    }
  }
  return {
    ...presentPerson(p), ethnicity: p.ethnicity, relationToHead: p.relation_to_head, note: p.note,
    createdAt: new Date(p.created_at).toISOString(), updatedAt: new Date(p.updated_at).toISOString(), household,
  };
}

/** Full ID and phone, for roles with residents.unmask; the access itself is audited in the same transaction. */
export async function unmask(db: Db, crypto: Crypto, user: SessionUser, actor: Actor, id: number, reason?: string) {
  return db.transaction(async (tx) => {
    const p = await repo.getPerson(tx, user, id);
    if (!p) throw notFound('Person', id);
    const fields = [p.id_enc ? 'idNumber' : null, p.phone_enc ? 'phone' : null].filter((x): x is string => !!x);
    // Which fields were revealed and why — never the values.
    await audit(tx, actor, { action: 'person.unmask', entityType: 'person', entityId: id, unitPath: p.path, after: { fields, reason: reason ?? null } });
    return { idNumber: p.id_enc ? crypto.decrypt(p.id_enc) : null, phone: p.phone_enc ? crypto.decrypt(p.phone_enc) : null };
  });
}

interface Placement { householdId: number | null; gridId: number | null; path: string | null }

/** Where a person lives: the household decides the grid; without one, an explicit grid in scope. */
async function place(tx: Tx, user: SessionUser, householdId: string | null | undefined, gridId: string | null | undefined): Promise<Placement> {
  if (householdId) {
    const h = await hh.getHousehold(tx, user, Number(householdId));
    if (!h) throw new AppError('NOT_FOUND', `household ${householdId} not found`, { field: 'householdId', id: householdId });
    if (gridId && gridId !== h.grid_id) throw invalid('gridId', 'differs from the grid of the household; leave it out or change the household');
    return { householdId: Number(h.id), gridId: Number(h.grid_id), path: h.path };
  }
  if (gridId) {
    const g = await scopedUnitOrFail(tx, user, Number(gridId), 'gridId');
    if (g.kind !== 'grid') throw invalid('gridId', `unit ${gridId} is a ${g.kind}, not a grid`);
    return { householdId: null, gridId: Number(g.id), path: g.path };
  }
  throw invalid('householdId', 'give householdId or gridId so the person belongs to a grid');
}

async function assertIdNumberFree(tx: Tx, user: SessionUser, crypto: Crypto, idNumber: string, selfId?: number) {
  const existing = await repo.personIdByIdBidx(tx, idBlindIndex(crypto, idNumber));
  if (existing === null || existing === selfId) return;
  // Point to the existing record only if the user may see it; never echo the number itself.
  const visible = await repo.getPerson(tx, user, existing);
  throw new AppError('CONFLICT', 'idNumber: a person with this ID number is already registered', {
    field: 'idNumber', ...(visible ? { existingPersonId: String(existing) } : {}),
  });
}

async function claimHead(tx: Tx, householdId: number, personId: number) {
  const row = await hh.headOf(tx, householdId);
  if (row !== null && row !== personId) {
    throw new AppError('CONFLICT', 'relationToHead: this household already has a head', { field: 'relationToHead', headPersonId: String(row) });
  }
  await hh.setHouseholdHead(tx, householdId, personId);
}

function checkNumbers(b: { idNumber?: string | null; phone?: string | null }) {
  if (b.idNumber) {
    const p = idNumberProblem(b.idNumber);
    if (p) throw invalid('idNumber', p);
  }
  if (b.phone) {
    const p = phoneProblem(b.phone);
    if (p) throw invalid('phone', p);
  }
}

export async function create(db: Db, crypto: Crypto, user: SessionUser, actor: Actor, b: CreatePersonBody) {
  checkNumbers(b);
  const r = reconcileWithIdNumber(b.idNumber, { birthDate: b.birthDate, gender: b.gender });
  if (r.problem) throw invalid(r.problem.field, r.problem.message);
  return db.transaction(async (tx) => {
    const at = await place(tx, user, b.householdId, b.gridId);
    if (b.idNumber) await assertIdNumberFree(tx, user, crypto, b.idNumber);
    const [id] = await repo.insertPersons(tx, [{
      name: b.name, gender: r.gender ?? null, birthDate: r.birthDate ?? null, ethnicity: b.ethnicity ?? null,
      category: b.category ?? 'registered', tags: [...new Set(b.tags ?? [])],
      overseasChineseFamily: b.overseasChineseFamily ?? false, overseasRelatives: b.overseasRelatives ?? null,
      relationToHead: b.relationToHead ?? null, note: b.note ?? null, ...at,
      ...piiColumns(crypto, { idNumber: b.idNumber || null, phone: b.phone || null }),
    }]);
    if (b.relationToHead === 'head' && at.householdId) await claimHead(tx, at.householdId, id!);
    // audit() redacts idNumber/phone keys, so the record shows that they were set, not what they are.
    await audit(tx, actor, { action: 'person.create', entityType: 'person', entityId: id, unitPath: at.path, after: { ...b, ...at, birthDate: r.birthDate ?? null, gender: r.gender ?? null } });
    return id!;
  });
}

export async function update(db: Db, crypto: Crypto, user: SessionUser, actor: Actor, id: number, b: UpdatePersonBody) {
  checkNumbers(b);
  return db.transaction(async (tx) => {
    const p = await repo.getPerson(tx, user, id, { forUpdate: true });
    if (!p) throw notFound('Person', id);
    const w: repo.PersonWrite = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const change = (key: keyof repo.PersonWrite, old: unknown, next: unknown) => {
      if (next === undefined || JSON.stringify(old ?? null) === JSON.stringify(next ?? null)) return;
      (w as Record<string, unknown>)[key] = next;
      before[key] = old ?? null;
      after[key] = next;
    };
    // Birth date and gender must stay consistent with the (new or current) ID number.
    const currentId = p.id_enc ? crypto.decrypt(p.id_enc) : null;
    const idForCheck = b.idNumber !== undefined ? b.idNumber : currentId;
    const derived = b.idNumber ? reconcileWithIdNumber(b.idNumber, { birthDate: b.birthDate, gender: b.gender })
      : reconcileWithIdNumber(idForCheck, { birthDate: b.birthDate ?? p.birth_date, gender: b.gender ?? (p.gender as never) });
    if (derived.problem) throw invalid(derived.problem.field, derived.problem.message);

    change('name', p.name, b.name);
    change('gender', p.gender, b.idNumber ? derived.gender : b.gender);
    change('birthDate', p.birth_date, b.idNumber ? derived.birthDate : b.birthDate);
    change('ethnicity', p.ethnicity, b.ethnicity);
    change('category', p.category, b.category);
    change('tags', p.tags, b.tags ? [...new Set(b.tags)] : undefined);
    change('overseasChineseFamily', p.overseas_chinese_family, b.overseasChineseFamily);
    change('overseasRelatives', p.overseas_relatives, b.overseasRelatives);
    change('relationToHead', p.relation_to_head, b.relationToHead);
    change('note', p.note, b.note);

    if (b.idNumber !== undefined && (b.idNumber || null) !== currentId) {
      if (b.idNumber) await assertIdNumberFree(tx, user, crypto, b.idNumber, id);
      Object.assign(w, piiColumns(crypto, { idNumber: b.idNumber || null }));
      before.idNumber = '[redacted]';
      after.idNumber = '[redacted]';
    }
    if (b.phone !== undefined) {
      Object.assign(w, piiColumns(crypto, { phone: b.phone || null }));
      before.phone = '[redacted]';
      after.phone = '[redacted]';
    }

    const oldHousehold = p.household_id ? Number(p.household_id) : null;
    if (b.householdId !== undefined || b.gridId !== undefined) {
      // Leaving a household keeps the grid unless a new one is given; a grid given for a person in a household must match it.
      const nextHousehold = b.householdId !== undefined ? b.householdId : p.household_id;
      const nextGrid = b.gridId !== undefined ? b.gridId : (nextHousehold ? undefined : p.grid_id);
      const at = await place(tx, user, nextHousehold, nextGrid);
      change('householdId', oldHousehold, at.householdId);
      change('gridId', p.grid_id ? Number(p.grid_id) : null, at.gridId);
      if (at.path !== p.path) w.path = at.path;
    }
    if (Object.keys(w).length === 0) return id;

    await repo.updatePerson(tx, id, w);
    const householdNow = w.householdId !== undefined ? w.householdId : oldHousehold;
    const relationNow = w.relationToHead !== undefined ? w.relationToHead : p.relation_to_head;
    // Leaving a household, or no longer its head, frees the head slot.
    if (oldHousehold && (householdNow !== oldHousehold || relationNow !== 'head') && (await hh.headOf(tx, oldHousehold)) === id) {
      await hh.setHouseholdHead(tx, oldHousehold, null);
    }
    if (householdNow && relationNow === 'head') await claimHead(tx, householdNow, id);
    await audit(tx, actor, { action: 'person.update', entityType: 'person', entityId: id, unitPath: w.path ?? p.path, before, after });
    return id;
  });
}
