import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { AppError } from '../../lib/errors.js';
import { can } from '@gridgov/common';
import type { SessionUser } from '../../lib/scope.js';
import { publish } from '../notify/index.js';

/** Shared helpers of the emergency module: permissions, scope, look-ups, events. */

export const invalid = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, { field, ...extra });
export const notFound = (what: string, id: number | string, field?: string) =>
  new AppError('NOT_FOUND', `${what} ${id} not found`, { ...(field ? { field } : {}), id: String(id) });

/** Reading emergencies, plans and boards: command or respond. */
export function requireEmergencyAccess(user: SessionUser | null | undefined): SessionUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!can(user.role, 'emergency.command') && !can(user.role, 'emergency.respond')) {
    throw new AppError('FORBIDDEN', `Role ${user.role} may not see emergencies`, { permission: 'emergency.respond', role: user.role });
  }
  return user;
}

/** `col <@ scope` (inside the user's subtree). */
export function within(user: SessionUser, col: SQL): SQL {
  return user.scopePath === null ? sql`true` : sql`${col} <@ ${user.scopePath}::ltree`;
}

/** An emergency area the user sees: inside their scope, or containing it (a grid worker sees the district's emergency). */
export function areaVisible(user: SessionUser, col: SQL): SQL {
  return user.scopePath === null ? sql`true` : sql`(${col} <@ ${user.scopePath}::ltree OR ${col} @> ${user.scopePath}::ltree)`;
}

export interface UnitRow { id: string; kind: string; name: string; path: string; grid_kind: string | null }

/** A current unit inside the user's scope, else 404 naming `field`. */
export async function unitInScopeOrFail(tx: Tx, user: SessionUser, id: number, field: string): Promise<UnitRow> {
  const [u] = await queryRows<UnitRow>(tx, sql`
    SELECT id::text, kind, name, path::text AS path, grid_kind FROM units
    WHERE id = ${id} AND valid_to IS NULL AND ${within(user, sql`path`)}`);
  if (!u) throw notFound('unit', id, field);
  return u;
}

export interface EmergencyRow {
  id: string; plan_id: string; incident_type: string; level: number; title: string; unit_id: string; path: string; state: string;
  timers: { ackMinutes: number; executeMinutes: number; streetAfterMinutes: number }; sitrep_every_minutes: number;
}

/** An emergency the user may see (area inside or containing their scope), else 404. */
export async function emergencyVisibleOrFail(tx: Tx, user: SessionUser, id: number): Promise<EmergencyRow> {
  const [e] = await queryRows<EmergencyRow>(tx, sql`
    SELECT id::text, plan_id::text, incident_type, level, title, unit_id::text, path::text AS path, state, timers, sitrep_every_minutes
    FROM emergencies WHERE id = ${id} AND ${areaVisible(user, sql`path`)}`);
  if (!e) throw notFound('emergency', id);
  return e;
}

/** Commanding an emergency needs its whole area inside the user's scope (a town cadre cannot end the district's). */
export async function emergencyCommandedOrFail(tx: Tx, user: SessionUser, id: number): Promise<EmergencyRow> {
  const e = await emergencyVisibleOrFail(tx, user, id);
  if (user.scopePath !== null && !(e.path === user.scopePath || e.path.startsWith(`${user.scopePath}.`))) {
    throw new AppError('FORBIDDEN', 'The emergency covers more than your area', { id: String(id) });
  }
  return e;
}

export function requireActive(e: EmergencyRow): void {
  if (e.state !== 'active') throw new AppError('CONFLICT', `emergency ${e.id} has ended`, { id: e.id, state: e.state });
}

/** Appends to the emergency's timeline (the after-action report reads it). */
export async function logEvent(tx: Tx, emergencyId: number | string, at: Date, kind: string, text: string, actorName: string | null, data: Record<string, unknown> = {}) {
  await tx.execute(sql`INSERT INTO emergency_log (emergency_id, at, kind, text, actor_name, data)
    VALUES (${Number(emergencyId)}, ${at}, ${kind}, ${text}, ${actorName}, ${JSON.stringify(data)}::jsonb)`);
}

/** Live: the emergency switched (declared, level, ended) — everyone above and inside the area hears it. */
export async function publishEmergencyChanged(tx: Tx, e: { id: string; path: string; state: string; level: number }) {
  await publish(tx, { type: 'scoped', event: 'emergency.changed', path: e.path, around: true, data: { emergencyId: e.id, state: e.state, level: e.level } });
}

export const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());
export const num = (v: unknown): number => (v == null ? 0 : Number(v));
export const pct = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 1000) / 10);
