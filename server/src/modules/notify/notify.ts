import { sql } from 'drizzle-orm';
import type { Role } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';

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
}

/**
 * Writes in-app notifications in the caller's transaction (nothing lost if the transaction commits, nothing sent
 * if it rolls back). Returns the user ids notified. Outbound channels (WeCom, SMS) and live SSE delivery hang off
 * this same call.
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
  if (ids.size === 0) return [];
  const at = clock.now();
  const list = [...ids];
  await tx.execute(sql`
    INSERT INTO notifications (user_id, case_id, kind, title, body, created_at)
    SELECT u, ${n.caseId ?? null}, ${n.kind}, ${n.title}, ${n.body ?? ''}, ${at}
    FROM unnest(${`{${list.join(',')}}`}::bigint[]) AS u`);
  return list;
}
