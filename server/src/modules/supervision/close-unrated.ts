import { sql, type SQL } from 'drizzle-orm';
import { UNRATED_CLOSE_DAYS } from '@gridgov/common';
import { queryRows } from '../../db/sql.js';
import type { AppContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import { applyCaseAction, type CaseActor } from '../cases/index.js';

const SYSTEM: CaseActor = { user: null, as: 'system', name: 'system' };

/**
 * Cases verified UNRATED_CLOSE_DAYS ago and still unrated close as unrated (left out of the satisfaction rate).
 * Each closes in its own transaction through the workflow, claimed FOR UPDATE SKIP LOCKED so two instances never
 * close the same case twice; a case that changed meanwhile is simply skipped. Any other failure fails the run after
 * the rest are closed, naming the cases.
 */
export async function closeUnrated(ctx: AppContext, now: Date, scope: SQL = sql`true`): Promise<number> {
  const cutoff = new Date(now.getTime() - UNRATED_CLOSE_DAYS * 24 * 3600_000);
  const due = await queryRows<{ id: string }>(ctx.db, sql`
    SELECT id::text FROM cases c WHERE c.state = 'verified' AND c.verified_at <= ${cutoff} AND ${scope} ORDER BY c.verified_at LIMIT 200`);
  let closed = 0;
  const failed: { id: string; err: unknown }[] = [];
  for (const { id } of due) {
    try {
      const done = await ctx.db.transaction(async (tx) => {
        const [claimed] = await queryRows<{ id: string }>(tx, sql`
          SELECT id::text FROM cases WHERE id = ${Number(id)} AND state = 'verified' AND verified_at <= ${cutoff} FOR UPDATE SKIP LOCKED`);
        if (!claimed) return false;
        await applyCaseAction(ctx, SYSTEM, Number(id), 'close_unrated', {}, { tx });
        return true;
      });
      if (done) closed += 1;
    } catch (err) {
      // A refused move (the case changed under us) leaves the case for a person. Anything else (the database, a
      // bug) must not vanish: the other cases still close, then the run fails naming the cases (the scheduler logs it).
      if (!(err instanceof AppError)) failed.push({ id, err });
    }
  }
  if (failed.length) {
    throw new Error(`closing unrated cases: ${closed} closed, ${failed.length} failed (case ${failed.map((f) => f.id).join(', ')}): ${rootMessage(failed[0]!.err)}`);
  }
  return closed;
}

/** The innermost cause's message: the database's own words, never a wrapper's copy of the statement and its values. */
function rootMessage(err: unknown): string {
  let e = err;
  while (e instanceof Error && e.cause !== undefined) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}
