import { sql } from 'drizzle-orm';
import { idNumberCheckDigit, type Gender, type PersonCategory, type PersonTag, type RelationToHead } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { Crypto } from '../../lib/secrets.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { insertHousehold } from './households.repo.js';
import { insertPersons } from './persons.repo.js';
import { piiColumns, reconcileWithIdNumber } from './pii.js';
import { householdAddress } from './households.service.js';

// Test and seed helpers. Factory-built territory sits in this slice's band (120–125°E, 30°S), far from the seed.
let counter = 0;
const next = () => (counter = (counter + 1) % 1000);

/** A valid 18-digit ID number (right check digit), unique enough for a shared test database. */
export function validIdNumber(opts: { region?: string; birth?: string; gender?: Gender } = {}): string {
  const region = opts.region ?? '440705';
  const birth = opts.birth ?? `19${50 + Math.floor(Math.random() * 50)}${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
  let seq = (next() * 7 + Math.floor(Math.random() * 1000)) % 1000;
  if (opts.gender && (seq % 2 === 1) !== (opts.gender === 'male')) seq = (seq + 1) % 1000;
  const first17 = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

export function randomMobile(): string {
  return `13${Math.floor(Math.random() * 10)}${String(next()).padStart(3, '0')}${String(Math.floor(Math.random() * 100000)).padStart(5, '0')}`;
}

async function gridPath(tx: Tx, gridId: number): Promise<string> {
  const [g] = await queryRows<{ path: string }>(tx, sql`SELECT path::text AS path FROM units WHERE id = ${gridId}`);
  if (!g) throw new Error(`grid ${gridId} does not exist`);
  return g.path;
}

async function someGrid(tx: Tx): Promise<number> {
  const t = await buildCommunityWithGrids(tx, { x0: 120 + Math.random() * 4.8, y0: -30, cols: 1 });
  return t.grids[0]!.id;
}

/** A building at a point inside its grid (building a community and grid when none is given). */
export async function buildBuilding(tx: Tx, opts: { gridId?: number; code?: string; name?: string; address?: string } = {}) {
  const gridId = opts.gridId ?? (await someGrid(tx));
  const path = await gridPath(tx, gridId);
  const n = next();
  const [b] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO buildings (code, name, address, grid_id, path, floors, location)
    SELECT ${opts.code ?? `B${Date.now() % 1e8}${n}`}, ${opts.name ?? `${n}栋`}, ${opts.address ?? `测试路${n}号`}, ${gridId}, ${path}::ltree, 6,
      ST_PointOnSurface(geom) FROM units WHERE id = ${gridId}
    RETURNING id::text`);
  return { id: Number(b!.id), gridId, path };
}

/** A household in a building (building one, and its grid, when not given). */
export async function buildHousehold(tx: Tx, opts: { gridId?: number; buildingId?: number; room?: string; address?: string } = {}) {
  let buildingId = opts.buildingId ?? null;
  let gridId = opts.gridId;
  if (buildingId === null) buildingId = (await buildBuilding(tx, { gridId })).id;
  const [b] = await queryRows<{ grid_id: string; path: string; address: string | null; name: string }>(tx, sql`
    SELECT grid_id::text, path::text AS path, address, name FROM buildings WHERE id = ${buildingId}`);
  gridId = Number(b!.grid_id);
  const room = opts.room ?? String(101 + next());
  const id = await insertHousehold(tx, { buildingId, room, address: opts.address ?? householdAddress(b!, room), gridId, path: b!.path });
  return { id, buildingId, gridId, path: b!.path, room };
}

export interface BuildPersonOpts {
  householdId?: number;
  gridId?: number;
  name?: string;
  /** null = no ID number on record */
  idNumber?: string | null;
  phone?: string | null;
  category?: PersonCategory;
  tags?: PersonTag[];
  relationToHead?: RelationToHead;
  overseasChineseFamily?: boolean;
}

/** A person with an encrypted, indexed and masked ID and phone. Builds a household (and its parents) if needed. */
export async function buildPerson(tx: Tx, crypto: Crypto, opts: BuildPersonOpts = {}) {
  let householdId = opts.householdId ?? null;
  let gridId: number;
  let path: string;
  if (householdId !== null) {
    const [h] = await queryRows<{ grid_id: string; path: string }>(tx, sql`SELECT grid_id::text, path::text AS path FROM households WHERE id = ${householdId}`);
    gridId = Number(h!.grid_id);
    path = h!.path;
  } else if (opts.gridId !== undefined) {
    gridId = opts.gridId;
    path = await gridPath(tx, gridId);
  } else {
    const h = await buildHousehold(tx);
    householdId = h.id;
    gridId = h.gridId;
    path = h.path;
  }
  const idNumber = opts.idNumber === undefined ? validIdNumber() : opts.idNumber;
  const phone = opts.phone === undefined ? randomMobile() : opts.phone;
  const derived = reconcileWithIdNumber(idNumber, {});
  const [id] = await insertPersons(tx, [{
    name: opts.name ?? `居民${next()}`, gender: derived.gender ?? null, birthDate: derived.birthDate ?? null,
    category: opts.category ?? 'registered', tags: opts.tags ?? [], relationToHead: opts.relationToHead ?? null,
    overseasChineseFamily: opts.overseasChineseFamily ?? false,
    householdId, gridId, path, ...piiColumns(crypto, { idNumber, phone }),
  }]);
  if (opts.relationToHead === 'head' && householdId !== null) {
    await queryRows(tx, sql`UPDATE households SET head_person_id = ${id!} WHERE id = ${householdId}`);
  }
  return { id: id!, idNumber, phone, householdId, gridId, path };
}
