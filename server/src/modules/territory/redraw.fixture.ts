import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { buildings, cases, estates, gridStaff, households, keySites, persons, users } from '../../db/schema/index.js';
import { hashPassword } from '../auth/index.js';
import { rect } from './territory.factory.js';

/** Test data sitting on grids: every kind of row a redraw must move (or leave alone). */

const point = (x: number, y: number) => sql`ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), 4326)`;
type Grid = { id: number; path: string };
let n = 0;
const tag = () => `${process.pid % 1000}${Date.now() % 100000}${(n += 1)}`;

export async function addBuilding(tx: Tx, grid: Grid, x: number, y: number, cellId: number | null = null) {
  const [b] = await tx.insert(buildings).values({ name: `楼${tag()}`, gridId: grid.id, cellId, path: grid.path, location: point(x, y) as never }).returning({ id: buildings.id });
  return b!.id;
}

export async function addKeySite(tx: Tx, grid: Grid, x: number, y: number) {
  const [k] = await tx.insert(keySites).values({ name: `部位${tag()}`, kind: 'school', gridId: grid.id, path: grid.path, location: point(x, y) as never }).returning({ id: keySites.id });
  return k!.id;
}

export async function addEstate(tx: Tx, grid: Grid, x: number, y: number) {
  const [e] = await tx.insert(estates).values({ name: `小区${tag()}`, gridId: grid.id, path: grid.path, location: point(x, y) as never }).returning({ id: estates.id });
  return e!.id;
}

export async function addCase(tx: Tx, grid: Grid, state: string, at: [number, number] | null) {
  const [c] = await tx.insert(cases).values({
    trackingNo: `T${tag()}`, title: '测试事件', state, gridId: grid.id, path: grid.path,
    location: (at ? point(at[0], at[1]) : null) as never,
  }).returning({ id: cases.id });
  return c!.id;
}

export async function addHousehold(tx: Tx, grid: Grid, buildingId: number | null) {
  const [h] = await tx.insert(households).values({ address: `测试地址${tag()}`, buildingId, gridId: grid.id, path: grid.path }).returning({ id: households.id });
  return h!.id;
}

export async function addPerson(tx: Tx, grid: Grid, householdId: number | null) {
  const [p] = await tx.insert(persons).values({ name: `居民${tag()}`, householdId, gridId: grid.id, path: grid.path }).returning({ id: persons.id });
  return p!.id;
}

export async function addStaff(tx: Tx, grid: Grid, active = true) {
  const [s] = await tx.insert(gridStaff).values({ gridId: grid.id, path: grid.path, role: 'grid_worker', name: `网格员${tag()}`, active }).returning({ id: gridStaff.id });
  return s!.id;
}

export async function addUser(tx: Tx, homeUnitId: number | null, role = 'grid_worker', password = 'Passw0rd123') {
  const username = `u${tag()}`;
  const [u] = await tx.insert(users).values({ username, displayName: username, role, homeUnitId, passwordHash: await hashPassword(password) }).returning({ id: users.id });
  return { id: u!.id, username, password };
}

export async function gridOf(tx: Tx, table: 'buildings' | 'key_sites' | 'estates' | 'cases' | 'households' | 'persons' | 'grid_staff', id: number) {
  const [r] = await queryRows<{ grid_id: string; path: string }>(tx, sql`SELECT grid_id::text, path::text FROM ${sql.raw(table)} WHERE id = ${id}`);
  return { gridId: Number(r!.grid_id), path: r!.path };
}

/**
 * A 2 × 2 layout over a 2 × 1 community of `size`-degree grids at (x0, y0), cut horizontally at `cut` of the
 * height from the bottom: 001 NW, 002 NE, 003 SW, 004 SE (numbered west→east, north→south).
 */
export function fourGrids(prefix: string, x0: number, y0: number, size = 0.01, cut = 0.6) {
  const yc = y0 + size * cut;
  const x1 = x0 + size;
  const x2 = x0 + 2 * size;
  const y1 = y0 + size;
  return [
    { code: `${prefix}001`, name: '新一网格', geometry: rect(x0, yc, x1, y1) },
    { code: `${prefix}002`, name: '新二网格', geometry: rect(x1, yc, x2, y1) },
    { code: `${prefix}003`, name: '新三网格', geometry: rect(x0, y0, x1, yc) },
    { code: `${prefix}004`, name: '新四网格', geometry: rect(x1, y0, x2, yc) },
  ];
}

export async function count(tx: Tx, q: ReturnType<typeof sql>) {
  const [r] = await queryRows<{ n: number }>(tx, q);
  return Number(r!.n);
}
