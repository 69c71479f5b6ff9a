import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';

export interface InboxItem {
  id: string; kind: string; title: string; body: string; caseId: string | null; readAt: string | null; createdAt: string;
}

const iso = (v: string | Date | null) => (v == null ? null : new Date(v).toISOString());

export async function unreadCount(tx: Tx, userId: number): Promise<number> {
  const [r] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`);
  return r!.n;
}

/** The user's own notifications, newest first. */
export async function listInbox(tx: Tx, userId: number, q: { unread?: boolean; limit: number; offset: number }) {
  const where = sql`user_id = ${userId} ${q.unread ? sql`AND read_at IS NULL` : sql``}`;
  const rows = await queryRows<{ id: string; kind: string; title: string; body: string; case_id: string | null; read_at: string | null; created_at: string }>(tx, sql`
    SELECT id::text, kind, title, body, case_id::text, read_at, created_at FROM notifications
    WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ${q.limit} OFFSET ${q.offset}`);
  const [t] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM notifications WHERE ${where}`);
  const items: InboxItem[] = rows.map((r) => ({
    id: r.id, kind: r.kind, title: r.title, body: r.body, caseId: r.case_id, readAt: iso(r.read_at), createdAt: iso(r.created_at)!,
  }));
  return { items, total: t!.n, unread: await unreadCount(tx, userId) };
}

/**
 * Marks one of the user's notifications read (idempotent). Someone else's answers 404, as if it did not exist.
 * Read marks are the reader's own state, not a governance change, so they are not audited.
 */
export async function markRead(tx: Tx, userId: number, id: number) {
  const [row] = await queryRows<{ read_at: string }>(tx, sql`
    UPDATE notifications SET read_at = COALESCE(read_at, ${clock.now()}) WHERE id = ${id} AND user_id = ${userId} RETURNING read_at`);
  if (!row) throw new AppError('NOT_FOUND', `Notification ${id} not found`, { id: String(id) });
  return { id: String(id), readAt: iso(row.read_at)!, unread: await unreadCount(tx, userId) };
}

export async function markAllRead(tx: Tx, userId: number) {
  const rows = await queryRows<{ id: string }>(tx, sql`
    UPDATE notifications SET read_at = ${clock.now()} WHERE user_id = ${userId} AND read_at IS NULL RETURNING id::text`);
  return { updated: rows.length, unread: 0 };
}
