import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { claimKey, requestHash, storedResponse } from '../cases/idempotency.js';

/**
 * Field writes come from a phone's offline queue that retries until it hears back, so each one may carry an
 * Idempotency-Key: the first answer is stored in the cases' `idempotency_keys` table (scope `field:user:<id>`, so
 * field keys never meet intake keys) in the same transaction as the write, and a replay gets it back unchanged.
 */
export const fieldScope = (userId: number): string => `field:user:${userId}`;

export async function idempotent<T>(
  db: Db, opts: { userId: number; key: string | undefined; request: unknown; at: Date },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  // The HTTP status is the route's own (always the same for a success), so only the body is kept.
  const status = 200;
  if (!opts.key) return db.transaction(work);
  const scope = fieldScope(opts.userId);
  const key = opts.key;
  const hash = requestHash(opts.request);
  const early = await storedResponse<T>(db, scope, key, hash);
  if (early) return early.body;
  return db.transaction(async (tx) => {
    if (!(await claimKey(tx, scope, key, opts.at))) {
      // Another request with this key committed while we were getting here: its answer is ours.
      const stored = await storedResponse<T>(tx, scope, key, hash);
      if (stored) return stored.body;
    }
    const body = await work(tx);
    await tx.execute(sql`UPDATE idempotency_keys SET response = ${JSON.stringify({ status, body, requestHash: hash })}::jsonb
      WHERE scope = ${scope} AND key = ${key}`);
    return body;
  });
}
