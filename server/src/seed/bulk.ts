import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { queryRows } from '../db/sql.js';

/**
 * Bulk writing for the seed: one INSERT … SELECT FROM jsonb_to_recordset per chunk instead of a round trip
 * per row (the demo seed writes ~30,000 rows; row by row on PGlite would take minutes).
 */

/** Reserve `n` ids from a table's serial sequence, so rows can reference each other before they are written. */
export async function allocIds(tx: Tx, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await queryRows<{ id: string }>(tx, sql`
    SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::text AS id FROM generate_series(1, ${n}::int)`);
  return rows.map((r) => Number(r.id));
}

/**
 * A column: its SQL type inside the JSON record, and optionally the SQL expression that turns the record
 * field `r.<name>` into the stored value (geometry, ltree, …). Names and expressions are constants of this
 * module, never user input.
 */
export interface Col { name: string; type: string; expr?: string }

export const point = (field: string) => ({ name: field, type: 'jsonb', expr: `ST_SetSRID(ST_MakePoint((r.${field}->>0)::float8, (r.${field}->>1)::float8), 4326)` });

const CHUNK = 2000;

export async function insertRows(tx: Tx, table: string, cols: Col[], rows: Record<string, unknown>[]): Promise<void> {
  const names = cols.map((c) => c.name).join(', ');
  const recordType = cols.map((c) => `${c.name} ${c.type}`).join(', ');
  const exprs = cols.map((c) => c.expr ?? `r.${c.name}`).join(', ');
  for (let k = 0; k < rows.length; k += CHUNK) {
    const chunk = JSON.stringify(rows.slice(k, k + CHUNK));
    await tx.execute(sql`INSERT INTO ${sql.raw(table)} (${sql.raw(names)})
      SELECT ${sql.raw(exprs)} FROM jsonb_to_recordset(${chunk}::jsonb) AS r(${sql.raw(recordType)})`);
  }
}
