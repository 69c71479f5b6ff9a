import { sql } from 'drizzle-orm';
import type { Role } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
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
  const ids = new Set<number>(to.userIds ?? []);
  if (to.unitId != null) {
    const roles = to.roles ?? [];
    const rows = await queryRows<{ id: string }>(tx, sql`
      SELECT id::text FROM users WHERE active AND home_unit_id = ${to.unitId}
      ${roles.length ? sql`AND role IN (${sql.join(roles.map((r) => sql`${r}`), sql`, `)})` : sql``}`);
    rows.forEach((r) => ids.add(Number(r.id)));
  }
  if (to.departmentId != null) {
    const rows = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM users WHERE active AND department_id = ${to.departmentId}`);
    rows.forEach((r) => ids.add(Number(r.id)));
  }
  await queueOutbound(tx, to, n, [...ids]);
  if (ids.size === 0) return [];
  const at = clock.now();
  const list = [...ids];
  const inserted = await queryRows<{ id: string; user_id: string }>(tx, sql`
    INSERT INTO notifications (user_id, case_id, kind, title, body, created_at)
    SELECT u, ${n.caseId ?? null}, ${n.kind}, ${n.title}, ${n.body ?? ''}, ${at}
    FROM unnest(${`{${list.join(',')}}`}::bigint[]) AS u
    RETURNING id::text, user_id::text`);
  await publish(tx, inserted.map((r) => ({
    type: 'notification' as const, userId: Number(r.user_id), id: r.id, kind: n.kind, title: n.title, caseId: n.caseId ?? null,
  })));
  return list;
}

/** Outbox rows, written in the caller's transaction so a message is never lost nor sent for a rolled-back change. */
async function queueOutbound(tx: Tx, to: Recipients, n: Notice, userIds: number[]): Promise<void> {
  const keys: string[] = [];
  if (to.unitId != null) keys.push(webhookKey('unit', to.unitId));
  if (to.departmentId != null) keys.push(webhookKey('department', to.departmentId));
  const at = clock.now();
  const payload = { kind: n.kind, title: n.title, body: n.body ?? '', caseId: n.caseId ?? null };
  if (keys.length) {
    // settings.value = {"url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…", "enabled": true}
    await tx.execute(sql`
      INSERT INTO outbox (channel, target, payload, state, attempts, next_attempt_at, created_at)
      SELECT 'wecom', s.value->>'url', ${JSON.stringify(payload)}::jsonb, 'pending', 0, ${at}, ${at}
      FROM settings s
      WHERE s.key IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})
        AND s.value->>'url' IS NOT NULL AND COALESCE((s.value->>'enabled')::boolean, true)`);
  }
  if (n.sms && userIds.length) {
    // The target names the user, never the phone: the adapter decrypts the number only at send time.
    await tx.execute(sql`
      INSERT INTO outbox (channel, target, payload, state, attempts, next_attempt_at, created_at)
      SELECT 'sms', 'user:' || u.id, ${JSON.stringify(payload)}::jsonb, 'pending', 0, ${at}, ${at}
      FROM users u WHERE u.id = ANY(${`{${userIds.join(',')}}`}::bigint[]) AND u.phone_enc IS NOT NULL`);
  }
}
