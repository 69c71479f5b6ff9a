import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';

/** A retry comes within minutes or hours; after a week the stored answer is of no use and the key may go. */
export const IDEMPOTENCY_KEY_DAYS = 7;

/**
 * Deletes idempotency keys (intake and field) older than 7 days, in batches, each its own short transaction so the
 * table is never locked for long. Safe across instances: each batch claims its rows with FOR UPDATE SKIP LOCKED,
 * so two servers running the job at once delete different rows, and a key being claimed right now is skipped.
 */
export async function expireIdempotencyKeys(db: Db, opts: { now?: Date; batch?: number; maxBatches?: number } = {}): Promise<number> {
  const cutoff = new Date((opts.now ?? clock.now()).getTime() - IDEMPOTENCY_KEY_DAYS * 86_400_000);
  const batch = opts.batch ?? 5_000;
  const maxBatches = opts.maxBatches ?? 20;
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const rows = await db.transaction((tx) => queryRows<{ key: string }>(tx, sql`
      DELETE FROM idempotency_keys k USING (
        SELECT scope, key FROM idempotency_keys WHERE created_at < ${cutoff} LIMIT ${batch} FOR UPDATE SKIP LOCKED
      ) old WHERE k.scope = old.scope AND k.key = old.key RETURNING k.key`));
    total += rows.length;
    if (rows.length < batch) break;
  }
  return total;
}
