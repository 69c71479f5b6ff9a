import { sql } from 'drizzle-orm';
import type { Role } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { pgArray, preparedRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import { publish } from './events.js';
import { webhookKey } from './webhooks.js';

/** Who a notification is for: explicit users, the holders of roles in a unit, or a department's officers. */
export interface Recipients {
  userIds?: number[];
  /** Active users whose home unit is this unit and whose role is one of `roles` (all roles when omitted). */
  unitId?: number;
  roles?: Role[];
  departmentId?: number;
}

export interface Notice {
  kind: string;
  title: string;
  body?: string;
  caseId?: number;
  /** Also text the recipients who have a phone (through the SMS adapter, via the outbox). */
  sms?: boolean;
}

/**
 * Writes in-app notifications in the caller's transaction (nothing lost if the transaction commits, nothing sent
 * if it rolls back) and, in the same transaction: queues a live `notification` event per user (SSE, sent on
 * commit), and an outbox row for the WeCom group robot of the recipient unit/department when one is configured
 * (and SMS rows when asked). Returns the user ids notified.
 */
export async function notify(tx: Tx, to: Recipients, n: Notice): Promise<number[]> {
  const roles = to.roles ?? [];
  const keys: string[] = [];
  if (to.unitId != null) keys.push(webhookKey('unit', to.unitId));
  if (to.departmentId != null) keys.push(webhookKey('department', to.departmentId));
  const at = clock.now();
  const payload = JSON.stringify({ kind: n.kind, title: n.title, body: n.body ?? '', caseId: n.caseId ?? null });
  // One statement (every change notifies: intake, each move, each deadline): the recipients, the WeCom robot row
  // of the unit/department when configured (settings.value = {"url": "https://qyapi.weixin.qq.com/…", "enabled":
  // true}), SMS rows that name the user, never the phone (the adapter decrypts the number only at send time),
  // and the in-app notifications.
  const inserted = await preparedRows<{ id: string; user_id: string }>(tx, sql`
    WITH rcpt AS (
      SELECT unnest(${pgArray(to.userIds ?? [])}::bigint[]) AS uid
      UNION
      SELECT id FROM users WHERE active AND home_unit_id = ${to.unitId ?? null}::bigint
        AND (cardinality(${pgArray(roles)}::text[]) = 0 OR role = ANY(${pgArray(roles)}::text[]))
      UNION
      SELECT id FROM users WHERE active AND department_id = ${to.departmentId ?? null}::bigint
    ), wecom AS (
      INSERT INTO outbox (channel, target, payload, state, attempts, next_attempt_at, created_at)
      SELECT 'wecom', s.value->>'url', ${payload}::jsonb, 'pending', 0, ${at}, ${at}
      FROM settings s
      WHERE s.key = ANY(${pgArray(keys)}::text[]) AND s.value->>'url' IS NOT NULL AND COALESCE((s.value->>'enabled')::boolean, true)
    ), sms AS (
      INSERT INTO outbox (channel, target, payload, state, attempts, next_attempt_at, created_at)
      SELECT 'sms', 'user:' || u.id, ${payload}::jsonb, 'pending', 0, ${at}, ${at}
      FROM users u WHERE ${n.sms === true}::boolean AND u.id IN (SELECT uid FROM rcpt) AND u.phone_enc IS NOT NULL
    )
    INSERT INTO notifications (user_id, case_id, kind, title, body, created_at)
    SELECT uid, ${n.caseId ?? null}::bigint, ${n.kind}, ${n.title}, ${n.body ?? ''}, ${at} FROM rcpt
    RETURNING id::text, user_id::text`);
  await publish(tx, inserted.map((r) => ({
    type: 'notification' as const, userId: Number(r.user_id), id: r.id, kind: n.kind, title: n.title, caseId: n.caseId ?? null,
  })));
  return inserted.map((r) => Number(r.user_id));
}
