import { sql } from 'drizzle-orm';
import { isValidIdNumber, isValidMobile } from '@gridgov/common';
import type { Tx } from '../db/client.js';
import { queryRows } from '../db/sql.js';
import type { Crypto } from '../lib/secrets.js';

/**
 * Consistency checks of seeded (or imported) territory and people, reusable on any size: the tiny seed in
 * every test run, the demo seed through `npm run seed:check`. Each returns human-readable problems; [] = OK.
 * `root` is the ltree path of the subtree to check (the seed's city), so other data in a shared database is
 * left alone.
 */

const TOLERANCE_M2 = 1;
const current = sql`valid_to IS NULL`;

/** Basic grids tile each community exactly; cells tile each grid that has cells. */
export async function checkTiling(tx: Tx, root: string): Promise<string[]> {
  const problems: string[] = [];
  const gaps = await queryRows<{ code: string; kind: string; m2: number }>(tx, sql`
    WITH parents AS (
      SELECT p.code, p.kind, p.geom, ST_Union(ch.geom) AS covered
      FROM units p JOIN units ch ON ch.parent_id = p.id AND ch.valid_to IS NULL
        AND ((p.kind = 'community' AND ch.kind = 'grid' AND ch.grid_kind = 'basic') OR (p.kind = 'grid' AND ch.kind = 'cell'))
      WHERE p.path <@ ${root}::ltree AND p.valid_to IS NULL
      GROUP BY p.id, p.code, p.kind, p.geom
    )
    SELECT code, kind, ST_Area(ST_SymDifference(geom, covered)::geography) AS m2 FROM parents`);
  for (const g of gaps) {
    if (!(Number(g.m2) < TOLERANCE_M2)) {
      problems.push(`${g.kind} ${g.code}: its ${g.kind === 'grid' ? 'cells' : 'basic grids'} differ from its area by ${Number(g.m2).toFixed(1)} m²`);
    }
  }
  for (const [label, filter] of [
    ['basic grids', sql`kind = 'grid' AND grid_kind = 'basic'`],
    ['cells', sql`kind = 'cell'`],
    ['dedicated grids', sql`kind = 'grid' AND grid_kind = 'dedicated'`],
  ] as const) {
    const overlaps = await queryRows<{ a: string; b: string; m2: number }>(tx, sql`
      WITH x AS (SELECT id, code, geom FROM units WHERE ${filter} AND ${current} AND path <@ ${root}::ltree)
      SELECT a.code AS a, b.code AS b, ST_Area(ST_Intersection(a.geom, b.geom)::geography) AS m2
      FROM x a JOIN x b ON a.id < b.id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********')`);
    for (const o of overlaps) {
      if (Number(o.m2) > TOLERANCE_M2) problems.push(`${label} ${o.a} and ${o.b} overlap by ${Number(o.m2).toFixed(1)} m²`);
    }
  }
  const invalid = await queryRows<{ code: string; kind: string; why: string }>(tx, sql`
    SELECT code, kind, ST_IsValidReason(geom) AS why FROM units
    WHERE path <@ ${root}::ltree AND geom IS NOT NULL AND NOT ST_IsValid(geom)`);
  for (const u of invalid) problems.push(`${u.kind} ${u.code} has invalid geometry: ${u.why}`);
  return problems;
}

/** Unit codes follow the standard: 15-digit grids starting with their community's 12-digit code, and so on. */
export async function checkCodes(tx: Tx, root: string): Promise<string[]> {
  const rows = await queryRows<{ code: string; kind: string; parent_code: string | null; parent_kind: string | null }>(tx, sql`
    SELECT u.code, u.kind, p.code AS parent_code, p.kind AS parent_kind
    FROM units u LEFT JOIN units p ON p.id = u.parent_id
    WHERE u.path <@ ${root}::ltree AND u.valid_to IS NULL`);
  const problems: string[] = [];
  const len: Record<string, number> = { city: 12, district: 12, town: 12, community: 12, villager_group: 15, grid: 15, cell: 18 };
  const prefix: Record<string, number> = { district: 4, town: 6, community: 9, villager_group: 12, grid: 12, cell: 15 };
  for (const r of rows) {
    if (!/^\d+$/.test(r.code) || r.code.length !== len[r.kind]) problems.push(`${r.kind} ${r.code}: must be ${len[r.kind]} digits`);
    const p = prefix[r.kind];
    if (p && (!r.parent_code || r.code.slice(0, p) !== r.parent_code.slice(0, p))) {
      problems.push(`${r.kind} ${r.code} does not start with its parent ${r.parent_kind ?? '?'}'s code ${r.parent_code ?? '(none)'}`);
    }
    if (r.kind === 'grid' && r.parent_kind !== 'community') problems.push(`grid ${r.code} sits under a ${r.parent_kind}, not a community`);
  }
  return problems;
}

/** Buildings, estates and key sites lie inside their grid (and cell); their paths are their grid's. */
export async function checkPlaces(tx: Tx, root: string): Promise<string[]> {
  const problems: string[] = [];
  for (const table of ['buildings', 'key_sites', 'estates'] as const) {
    const cellTest = table === 'estates' ? sql`false` : sql`(t.cell_id IS NOT NULL AND NOT ST_Covers(c.geom, t.location))`;
    const cellJoin = table === 'estates' ? sql`` : sql`LEFT JOIN units c ON c.id = t.cell_id`;
    const bad = await queryRows<{ id: string; grid: string; why: string }>(tx, sql`
      SELECT t.id::text, g.code AS grid,
        CASE WHEN NOT ST_Covers(g.geom, t.location) THEN 'outside its grid'
             WHEN t.path <> g.path THEN 'path differs from its grid''s'
             ELSE 'outside its cell' END AS why
      FROM ${sql.raw(table)} t JOIN units g ON g.id = t.grid_id ${cellJoin}
      WHERE g.path <@ ${root}::ltree AND (NOT ST_Covers(g.geom, t.location) OR t.path <> g.path OR ${cellTest})`);
    for (const b of bad) problems.push(`${table} ${b.id} (grid ${b.grid}): ${b.why}`);
  }
  return problems;
}

/**
 * Residents: path = their grid's path; ID numbers decrypt to valid 18-digit numbers matching blind index and
 * mask; phones decrypt to mobiles and appear in clear nowhere (persons, grid_staff, users, audit_events).
 */
export async function checkResidents(tx: Tx, root: string, crypto: Crypto, opts: { sample?: number } = {}): Promise<string[]> {
  const problems: string[] = [];
  const rows = await queryRows<{ id: string; path: string; grid_path: string; id_enc: string | null; id_bidx: string | null; id_masked: string | null;
    phone_enc: string | null; phone_bidx: string | null; phone_masked: string | null; category: string }>(tx, sql`
    SELECT p.id::text, p.path::text, g.path::text AS grid_path, p.id_enc, p.id_bidx, p.id_masked, p.phone_enc, p.phone_bidx,
      p.phone_masked, p.category
    FROM persons p JOIN units g ON g.id = p.grid_id WHERE g.path <@ ${root}::ltree ORDER BY p.id`);
  const phones: string[] = [];
  const idNumbers: string[] = [];
  for (const r of rows) {
    if (r.path !== r.grid_path) problems.push(`person ${r.id}: path ${r.path} is not its grid's ${r.grid_path}`);
    if (r.id_enc) {
      const id = crypto.decrypt(r.id_enc);
      if (!isValidIdNumber(id)) problems.push(`person ${r.id}: invalid ID number`);
      if (r.id_bidx !== crypto.blindIndex(id)) problems.push(`person ${r.id}: ID blind index does not match`);
      if (r.id_masked !== `${id.slice(0, 6)}********${id.slice(-4)}`) problems.push(`person ${r.id}: ID mask wrong`);
      idNumbers.push(id);
    } else if (r.category !== 'foreign') {
      problems.push(`person ${r.id}: ${r.category} resident without an ID number`);
    }
    if (r.phone_enc) {
      const phone = crypto.decrypt(r.phone_enc);
      if (!isValidMobile(phone)) problems.push(`person ${r.id}: invalid mobile`);
      if (r.phone_bidx !== crypto.blindIndex(phone)) problems.push(`person ${r.id}: phone blind index does not match`);
      if (!/^1\d{2}\*{4}\d{4}$/.test(r.phone_masked ?? '')) problems.push(`person ${r.id}: phone mask wrong`);
      phones.push(phone);
    }
  }
  // Clear-text search: every row of the tables that hold personal data, as text, must not contain the number.
  const every = (xs: string[]) => xs.filter((_, k) => k % Math.max(1, Math.floor(xs.length / (opts.sample ?? 40))) === 0);
  for (const secret of [...every(phones), ...every(idNumbers)]) {
    const like = `%${secret}%`;
    const [hit] = await queryRows<{ n: number }>(tx, sql`
      SELECT ((SELECT count(*) FROM persons t WHERE t::text LIKE ${like})
        + (SELECT count(*) FROM grid_staff t WHERE t::text LIKE ${like})
        + (SELECT count(*) FROM users t WHERE t::text LIKE ${like})
        + (SELECT count(*) FROM households t WHERE t::text LIKE ${like})
        + (SELECT count(*) FROM audit_events t WHERE t::text LIKE ${like}))::int AS n`);
    if (hit!.n > 0) problems.push(`a phone or ID number is stored in clear (${secret.slice(0, 3)}…${secret.slice(-4)})`);
  }
  if (rows.length && !phones.length) problems.push('no resident has a phone number');
  return problems;
}

/** The seed's root: 江门市. */
export async function seedRoot(tx: Tx): Promise<string | null> {
  const [r] = await queryRows<{ path: string }>(tx, sql`SELECT path::text FROM units WHERE kind = 'city' AND code = '440700000000' AND ${current}`);
  return r?.path ?? null;
}

export async function checkAll(tx: Tx, crypto: Crypto): Promise<string[]> {
  const root = await seedRoot(tx);
  if (!root) return ['no seeded city 440700000000 (江门市)'];
  return [
    ...await checkCodes(tx, root),
    ...await checkTiling(tx, root),
    ...await checkPlaces(tx, root),
    ...await checkResidents(tx, root, crypto),
  ];
}
