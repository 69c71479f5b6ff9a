import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Tx } from '../../db/client.js';
import { preparedRows } from '../../db/sql.js';
import { AppError } from '../../lib/errors.js';

/**
 * Idempotency-Key: a client that retries (a phone on a bad network, a hotline system) gets the first answer
 * back, never a second case. The key row is inserted FIRST inside the intake transaction, so of two concurrent
 * requests with one key the second blocks on the primary key until the first commits, then reads its answer
 * (or, if the first rolled back, goes ahead itself).
 */
export interface StoredResponse<T> {
  status: number;
  body: T;
  /** Hash of the request that produced it: the same key with a different request is a client bug (409). */
  requestHash: string;
}

const KEY_RE = /^[\x21-\x7e]{1,200}$/;

/** The header value, checked: printable ASCII, at most 200 characters. Absent → undefined. */
export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const raw = req.headers['idempotency-key'];
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v === undefined || v === '') return undefined;
  if (!KEY_RE.test(v)) {
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1–200 printable ASCII characters', { field: 'Idempotency-Key' });
  }
  return v;
}

/** Scope of a key: keys of different callers never meet. */
export const idempotencyScope = (userId: number | null | undefined): string => (userId ? `user:${userId}` : 'public');

export function requestHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Answer already given for this key, if any (a cheap look-up before the expensive work). */
export async function storedResponse<T>(tx: Tx, scope: string, key: string, hash: string): Promise<StoredResponse<T> | null> {
  const [row] = await preparedRows<{ response: StoredResponse<T> }>(tx, sql`
    SELECT response FROM idempotency_keys WHERE scope = ${scope} AND key = ${key}`);
  if (!row || !row.response || typeof row.response.status !== 'number') return null;
  if (row.response.requestHash !== hash) {
    throw new AppError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was already used for a different request', { field: 'Idempotency-Key' });
  }
  return row.response;
}

/**
 * Claims the key inside the transaction. true = ours, go ahead; false = another request holds or held it
 * (its committed answer is then read with storedResponse).
 */
export async function claimKey(tx: Tx, scope: string, key: string, at: Date): Promise<boolean> {
  const rows = await preparedRows<{ key: string }>(tx, sql`
    INSERT INTO idempotency_keys (scope, key, response, created_at) VALUES (${scope}, ${key}, '{}'::jsonb, ${at})
    ON CONFLICT (scope, key) DO NOTHING RETURNING key`);
  return rows.length === 1;
}

/** Records the answer in the same transaction as the case it describes. */
export async function saveResponse<T>(tx: Tx, scope: string, key: string, caseId: number, res: StoredResponse<T>): Promise<void> {
  await preparedRows(tx, sql`
    UPDATE idempotency_keys SET case_id = ${caseId}, response = ${JSON.stringify(res)}::jsonb
    WHERE scope = ${scope} AND key = ${key}`);
}
