import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Tx } from './client.js';

/** Run raw SQL and return its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(tx: Tx, q: SQL): Promise<T[]> {
  const res = await tx.execute(q);
  return (res as unknown as { rows: T[] }).rows;
}

/**
 * A PostgreSQL array literal of numbers or plain words (ids, role names, settings keys), passed as ONE parameter
 * (`= ANY(${pgArray(ids)}::bigint[])`): the statement keeps one text whatever the list's length, which a prepared
 * statement needs, and it reads the same on PGlite and node-postgres.
 */
export const pgArray = (xs: readonly (string | number)[]): string => `{${xs.join(',')}}`;

interface Session {
  dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
  prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): {
    execute(): Promise<{ rows: unknown[] }>;
  };
}
const statementNames = new Map<string, string>();

/**
 * queryRows for the hot paths (intake, board, session look-up): on PostgreSQL the statement is sent as a NAMED
 * prepared statement, so each pooled connection parses it once and PostgreSQL may reuse its plan (planning was
 * 30–45 % of the database time of those requests). The name is derived from the SQL text, so only use this for
 * statements whose text is one of a few shapes (values go in parameters; never an IN-list that varies in length).
 * PGlite ignores the name.
 */
export async function preparedRows<T>(tx: Tx, q: SQL): Promise<T[]> {
  const session = (tx as unknown as { session: Session }).session;
  const query = session.dialect.sqlToQuery(q);
  let name = statementNames.get(query.sql);
  if (!name) {
    name = `gg_${createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}`;
    statementNames.set(query.sql, name);
  }
  const res = await session.prepareQuery(query, undefined, name, false).execute();
  return res.rows as T[];
}
