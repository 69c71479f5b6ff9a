import type { SQL } from 'drizzle-orm';
import type { Tx } from './client.js';

/** Run raw SQL and return its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(tx: Tx, q: SQL): Promise<T[]> {
  const res = await tx.execute(q);
  return (res as unknown as { rows: T[] }).rows;
}
