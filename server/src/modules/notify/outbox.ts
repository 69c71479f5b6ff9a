import { sql } from 'drizzle-orm';
import type { AppContext } from '../../lib/context.js';
import { audit, SYSTEM_ACTOR, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { pgArray, queryRows } from '../../db/sql.js';
import type { Tx } from '../../db/client.js';
import { defaultAdapters, type OutboundAdapter, type OutboundPayload } from './adapters.js';
import { maskWebhook } from './webhooks.js';

/** After this many failed attempts a message is dead-lettered (visible to admins, retried by hand). */
export const OUTBOX_MAX_ATTEMPTS = 5;
/** Backoff after the n-th failure: 30 s, 60 s, 120 s … capped at one hour. */
export const backoffMs = (attempts: number): number => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
/** A claimed row is someone's for this long; if that instance dies mid-send another takes it over. */
const LEASE_MS = 120_000;

interface Claimed { id: string; channel: string; target: string; payload: OutboundPayload; attempts: number }

/**
 * Delivers due outbox rows. Safe with several instances: rows are claimed with FOR UPDATE SKIP LOCKED and leased
 * (next_attempt_at pushed forward) in a short transaction; sending happens outside it; the outcome is written after.
 * `ids` limits a run to those rows (an admin's "send now", tests on a shared database).
 */
export async function deliverOutbox(ctx: AppContext, opts: { adapters?: OutboundAdapter[]; limit?: number; maxAttempts?: number; ids?: number[] } = {}): Promise<number> {
  const adapters = new Map((opts.adapters ?? defaultAdapters(ctx)).map((a) => [a.channel, a]));
  const maxAttempts = opts.maxAttempts ?? OUTBOX_MAX_ATTEMPTS;
  const now = clock.now();
  const claimed = await ctx.db.transaction(async (tx) => queryRows<Claimed>(tx, sql`
    UPDATE outbox o SET attempts = o.attempts + 1, next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}
    FROM (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ${now}
          ${opts.ids ? sql`AND id = ANY(${pgArray(opts.ids)}::bigint[])` : sql``}
          ORDER BY next_attempt_at, id LIMIT ${opts.limit ?? 50} FOR UPDATE SKIP LOCKED) due
    WHERE o.id = due.id
    RETURNING o.id::text, o.channel, o.target, o.payload, o.attempts`));
  for (const row of claimed) {
    const adapter = adapters.get(row.channel);
    let error: string | null = null;
    try {
      if (!adapter) throw new Error(`No adapter for channel ${row.channel}`);
      await adapter.send(row.target, row.payload);
    } catch (err) {
      error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    }
    const at = clock.now();
    await ctx.db.transaction(async (tx) => {
      if (error === null) {
        await tx.execute(sql`UPDATE outbox SET state = 'sent', sent_at = ${at}, last_error = NULL WHERE id = ${row.id}`);
      } else if (row.attempts >= maxAttempts) {
        await tx.execute(sql`UPDATE outbox SET state = 'dead', last_error = ${error} WHERE id = ${row.id}`);
        await audit(tx, SYSTEM_ACTOR, { action: 'outbox.dead', entityType: 'outbox', entityId: row.id, at, after: { channel: row.channel, attempts: row.attempts, error } });
      } else {
        await tx.execute(sql`UPDATE outbox SET last_error = ${error}, next_attempt_at = ${new Date(at.getTime() + backoffMs(row.attempts))} WHERE id = ${row.id}`);
      }
    });
  }
  return claimed.length;
}

export interface OutboxItem {
  id: string; channel: string; target: string; state: string; attempts: number; lastError: string | null;
  title: string; caseId: string | null; createdAt: string; nextAttemptAt: string; sentAt: string | null;
}

/** Targets are shown masked: webhook keys are secrets; SMS targets are user ids, never numbers. */
export async function listOutbox(tx: Tx, q: { state?: string; channel?: string; limit: number; offset: number }): Promise<{ items: OutboxItem[]; total: number }> {
  const conds = [sql`true`];
  if (q.state) conds.push(sql`state = ${q.state}`);
  if (q.channel) conds.push(sql`channel = ${q.channel}`);
  const where = sql.join(conds, sql` AND `);
  const rows = await queryRows<{ id: string; channel: string; target: string; state: string; attempts: number; last_error: string | null; payload: OutboundPayload; created_at: string; next_attempt_at: string; sent_at: string | null }>(tx, sql`
    SELECT id::text, channel, target, state, attempts, last_error, payload, created_at, next_attempt_at, sent_at
    FROM outbox WHERE ${where} ORDER BY id DESC LIMIT ${q.limit} OFFSET ${q.offset}`);
  const [t] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM outbox WHERE ${where}`);
  const iso = (v: string | null) => (v == null ? null : new Date(v).toISOString());
  return {
    total: t!.n,
    items: rows.map((r) => ({
      id: r.id, channel: r.channel, target: r.channel === 'wecom' ? maskWebhook(r.target) : r.target, state: r.state,
      attempts: r.attempts, lastError: r.last_error, title: String(r.payload?.title ?? ''),
      caseId: r.payload?.caseId == null ? null : String(r.payload.caseId),
      createdAt: iso(r.created_at)!, nextAttemptAt: iso(r.next_attempt_at)!, sentAt: iso(r.sent_at),
    })),
  };
}

/** Puts a dead (or pending) message back in the queue for an immediate attempt, with a fresh attempt count. */
export async function retryOutbox(ctx: AppContext, actor: Actor, id: number): Promise<{ id: string; state: string }> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await queryRows<{ state: string; attempts: number }>(tx, sql`SELECT state, attempts FROM outbox WHERE id = ${id} FOR UPDATE`);
    if (!row) throw new AppError('NOT_FOUND', `Outbox message ${id} not found`, { id: String(id) });
    if (row.state === 'sent') throw new AppError('CONFLICT', `Outbox message ${id} was already sent`, { id: String(id), state: row.state });
    const at = clock.now();
    await tx.execute(sql`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ${at} WHERE id = ${id}`);
    await audit(tx, actor, { action: 'outbox.retry', entityType: 'outbox', entityId: id, at, before: { state: row.state, attempts: row.attempts }, after: { state: 'pending' } });
    return { id: String(id), state: 'pending' };
  });
}
