import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { persons } from '../../db/schema/index.js';
import type { SessionUser } from '../../lib/scope.js';
import type { PiiColumns } from './pii.js';

/** `col <@ user scope`, in SQL. A global admin sees everything, including persons not yet placed in a grid. */
export function scopeSql(user: SessionUser, col: SQL): SQL {
  return user.scopePath === null ? sql`true` : sql`${col} <@ ${user.scopePath}::ltree`;
}

export interface PersonRow {
  id: string;
  name: string;
  gender: string | null;
  birth_date: string | null;
  age: number | null;
  category: string;
  tags: string[];
  id_masked: string | null;
  phone_masked: string | null;
  household_id: string | null;
  address: string | null;
  grid_id: string | null;
  grid_name: string | null;
  overseas_chinese_family: boolean;
  overseas_relatives: string | null;
  relation_to_head: string | null;
  path: string | null;
}

const personColumns = sql`
  p.id::text, p.name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
  CASE WHEN p.birth_date IS NULL THEN NULL
       ELSE date_part('year', age((now() AT TIME ZONE 'Asia/Shanghai')::date, p.birth_date))::int END AS age,
  p.category, p.tags, p.id_masked, p.phone_masked, p.household_id::text, h.address, p.grid_id::text, g.name AS grid_name,
  p.overseas_chinese_family, p.overseas_relatives, p.relation_to_head, p.path::text AS path`;
const personFrom = sql`persons p LEFT JOIN households h ON h.id = p.household_id LEFT JOIN units g ON g.id = p.grid_id`;

export interface PersonFilter {
  unitPath?: string;
  q?: string;
  category?: string;
  tag?: string;
  buildingId?: number;
  householdId?: number;
  idBidx?: string;
  phoneBidx?: string;
}

function conditions(user: SessionUser, f: PersonFilter): SQL {
  const c: SQL[] = [scopeSql(user, sql`p.path`)];
  if (f.unitPath) c.push(sql`p.path <@ ${f.unitPath}::ltree`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(sql`(p.name ILIKE ${like} OR h.address ILIKE ${like})`);
  }
  if (f.category) c.push(sql`p.category = ${f.category}`);
  if (f.tag) c.push(sql`p.tags @> ${JSON.stringify([f.tag])}::jsonb`);
  if (f.buildingId != null) c.push(sql`h.building_id = ${f.buildingId}`);
  if (f.householdId != null) c.push(sql`p.household_id = ${f.householdId}`);
  if (f.idBidx) c.push(sql`p.id_bidx = ${f.idBidx}`);
  if (f.phoneBidx) c.push(sql`p.phone_bidx = ${f.phoneBidx}`);
  return sql.join(c, sql` AND `);
}

export async function listPersons(tx: Tx, user: SessionUser, f: PersonFilter, page: { limit: number; offset: number }) {
  const where = conditions(user, f);
  const [items, [count]] = await Promise.all([
    queryRows<PersonRow>(tx, sql`SELECT ${personColumns} FROM ${personFrom} WHERE ${where}
      ORDER BY p.household_id NULLS LAST, p.id LIMIT ${page.limit} OFFSET ${page.offset}`),
    queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${personFrom} WHERE ${where}`),
  ]);
  return { items, total: count!.n };
}

export interface PersonDetailRow extends PersonRow {
  ethnicity: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  id_enc: string | null;
  phone_enc: string | null;
}

/** One person inside the user's scope, or null (out of scope looks exactly like missing). */
export async function getPerson(tx: Tx, user: SessionUser, id: number, opts: { forUpdate?: boolean } = {}) {
  const [row] = await queryRows<PersonDetailRow>(tx, sql`
    SELECT ${personColumns}, p.ethnicity, p.note, p.created_at, p.updated_at, p.id_enc, p.phone_enc
    FROM ${personFrom} WHERE p.id = ${id} AND ${scopeSql(user, sql`p.path`)}
    ${opts.forUpdate ? sql`FOR UPDATE OF p` : sql``}`);
  return row ?? null;
}

export async function personIdByIdBidx(tx: Tx, idBidx: string): Promise<number | null> {
  const [r] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM persons WHERE id_bidx = ${idBidx}`);
  return r ? Number(r.id) : null;
}

export async function existingIdBidx(tx: Tx, bidx: string[]): Promise<Set<string>> {
  if (bidx.length === 0) return new Set();
  const rows = await queryRows<{ b: string }>(tx, sql`SELECT id_bidx AS b FROM persons WHERE id_bidx IN (${sql.join(bidx.map((b) => sql`${b}`), sql`, `)})`);
  return new Set(rows.map((r) => r.b));
}

export interface PersonWrite extends Partial<PiiColumns> {
  name?: string;
  gender?: string | null;
  birthDate?: string | null;
  ethnicity?: string | null;
  householdId?: number | null;
  relationToHead?: string | null;
  gridId?: number | null;
  path?: string | null;
  category?: string;
  tags?: string[];
  overseasChineseFamily?: boolean;
  overseasRelatives?: string | null;
  note?: string | null;
}

export async function insertPersons(tx: Tx, rows: (PersonWrite & { name: string })[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const out = await tx.insert(persons).values(rows).returning({ id: persons.id });
  return out.map((o) => o.id);
}

export async function updatePerson(tx: Tx, id: number, w: PersonWrite): Promise<void> {
  await tx.update(persons).set({ ...w, updatedAt: new Date() }).where(sql`${persons.id} = ${id}`);
}
