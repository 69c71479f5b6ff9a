import { auditEvents } from '../db/schema/index.js';
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

/** Write one audit event inside the caller's transaction. */
export async function audit(
  tx: Tx,
  actor: Actor,
  e: { action: string; entityType: string; entityId?: string | number | null; unitPath?: string | null; before?: unknown; after?: unknown; at?: Date },
): Promise<void> {
  await tx.insert(auditEvents).values({
    ...(e.at ? { at: e.at } : {}),
    actorId: actor.id,
    actorName: actor.name,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId == null ? null : String(e.entityId),
    unitPath: e.unitPath ?? null,
    before: redact(e.before) as object | null,
    after: redact(e.after) as object | null,
    ip: actor.ip ?? null,
  });
}
