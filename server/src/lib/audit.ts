import { sql, type SQL } from 'drizzle-orm';
import { preparedRows } from '../db/sql.js';
import type { Tx } from '../db/client.js';

export interface Actor {
  id: number | null;
  name: string;
  ip?: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

/** Fields whose values never go into an audit record (they are personal data or secrets). */
const REDACT = new Set(['idEnc', 'phoneEnc', 'passwordHash', 'idBidx', 'phoneBidx', 'idNumber', 'phone', 'password']);

function redact(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value ?? null;
  if (Array.isArray(value)) return value.map(redact);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, REDACT.has(k) ? '[redacted]' : redact(v)]),
  );
}

/** An audit event as audit() writes it. */
export interface AuditEvent {
  action: string; entityType: string; entityId?: string | number | null; unitPath?: string | null; before?: unknown; after?: unknown; at?: Date;
}

/**
 * The INSERT of one audit event, fixed text: for audit(), or for a caller that writes it in a statement of its own
 * (intake writes the case, its reporter and its audit event in one).
 */
export function auditInsertSql(actor: Actor, e: AuditEvent): SQL {
  const json = (v: unknown) => {
    const r = redact(v);
    return r == null ? null : JSON.stringify(r);
  };
  return sql`
    INSERT INTO audit_events (at, actor_id, actor_name, action, entity_type, entity_id, unit_path, before, after, ip)
    VALUES (COALESCE(${e.at ?? null}::timestamptz, now()), ${actor.id}::bigint, ${actor.name}, ${e.action}, ${e.entityType},
      ${e.entityId == null ? null : String(e.entityId)}, ${e.unitPath ?? null}::ltree, ${json(e.before)}::jsonb, ${json(e.after)}::jsonb,
      ${actor.ip ?? null})`;
}

/**
 * Write one audit event inside the caller's transaction. Every change writes one, so it is a prepared statement
 * of fixed text (no query builder): parsed and planned once per connection.
 */
export async function audit(tx: Tx, actor: Actor, e: AuditEvent): Promise<void> {
  await preparedRows(tx, auditInsertSql(actor, e));
}
