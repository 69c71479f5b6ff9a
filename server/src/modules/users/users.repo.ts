import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { sessions, users } from '../../db/schema/index.js';
import type { SessionUser } from '../../lib/scope.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  home_unit_id: string | null;
  home_unit_name: string | null;
  home_unit_path: string | null;
  home_unit_kind: string | null;
  department_id: string | null;
  active: boolean;
  locked_until: string | null;
  locked: boolean;
  last_login_at: string | null;
  must_change_password: boolean;
}

/** Users a manager may see: those whose home unit is inside the manager's subtree (global users: global managers only). */
function scope(manager: SessionUser): SQL {
  return manager.scopePath === null ? sql`true` : sql`hu.path <@ ${manager.scopePath}::ltree`;
}

const select = sql`
  SELECT u.id::text, u.username, u.display_name, u.role, u.home_unit_id::text, hu.name AS home_unit_name,
    hu.path::text AS home_unit_path, hu.kind AS home_unit_kind, u.department_id::text, u.active, u.locked_until,
    coalesce(u.locked_until > now(), false) AS locked, u.last_login_at, u.must_change_password
  FROM users u LEFT JOIN units hu ON hu.id = u.home_unit_id`;

export async function listUsers(tx: Tx, manager: SessionUser, f: { q?: string; role?: string; unitPath?: string }, page: { limit: number; offset: number }) {
  const c: SQL[] = [scope(manager)];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(sql`(u.username ILIKE ${like} OR u.display_name ILIKE ${like})`);
  }
  if (f.role) c.push(sql`u.role = ${f.role}`);
  if (f.unitPath) c.push(sql`hu.path <@ ${f.unitPath}::ltree`);
  const where = sql.join(c, sql` AND `);
  const [items, [n]] = await Promise.all([
    queryRows<UserRow>(tx, sql`${select} WHERE ${where} ORDER BY u.username LIMIT ${page.limit} OFFSET ${page.offset}`),
    queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM users u LEFT JOIN units hu ON hu.id = u.home_unit_id WHERE ${where}`),
  ]);
  return { items, total: n!.n };
}

export async function getUser(tx: Tx, manager: SessionUser, id: number, opts: { forUpdate?: boolean } = {}): Promise<UserRow | null> {
  const [u] = await queryRows<UserRow>(tx, sql`${select} WHERE u.id = ${id} AND ${scope(manager)} ${opts.forUpdate ? sql`FOR UPDATE OF u` : sql``}`);
  return u ?? null;
}

export async function usernameTaken(tx: Tx, username: string): Promise<boolean> {
  const [r] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM users WHERE lower(username) = lower(${username})`);
  return !!r;
}

export interface HomeUnit { id: string; kind: string; name: string; path: string }

export async function unitInScope(tx: Tx, manager: SessionUser, id: number): Promise<HomeUnit | null> {
  const [u] = await queryRows<HomeUnit>(tx, sql`
    SELECT id::text, kind, name, path::text AS path FROM units
    WHERE id = ${id} AND valid_to IS NULL AND ${manager.scopePath === null ? sql`true` : sql`path <@ ${manager.scopePath}::ltree`}`);
  return u ?? null;
}

export async function departmentInScope(tx: Tx, manager: SessionUser, id: number): Promise<{ id: string; path: string } | null> {
  const [d] = await queryRows<{ id: string; path: string }>(tx, sql`
    SELECT id::text, path::text AS path FROM departments
    WHERE id = ${id} AND ${manager.scopePath === null ? sql`true` : sql`path <@ ${manager.scopePath}::ltree`}`);
  return d ?? null;
}

export async function insertUser(tx: Tx, u: typeof users.$inferInsert): Promise<number> {
  const [row] = await tx.insert(users).values(u).returning({ id: users.id });
  return row!.id;
}

export async function updateUser(tx: Tx, id: number, set: Partial<typeof users.$inferInsert>): Promise<void> {
  await tx.update(users).set(set).where(sql`${users.id} = ${id}`);
}

/** End a user's sessions (all, or all but the one in use). */
export async function deleteSessions(tx: Tx, userId: number, keepSessionId?: string): Promise<void> {
  await tx.delete(sessions).where(keepSessionId
    ? sql`${sessions.userId} = ${userId} AND ${sessions.id} <> ${keepSessionId}`
    : sql`${sessions.userId} = ${userId}`);
}
