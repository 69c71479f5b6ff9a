import { sql } from 'drizzle-orm';
import {
  MAX_CLIENT_AGE_MS, isFieldRole, splitTrack, type CreatePatrolBody, type PatrolDetail, type PatrolTrack,
} from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { toId } from '../../lib/ids.js';
import { pathInScope, type SessionUser } from '../../lib/scope.js';
import { idempotent } from './idempotent.js';
import { activePatrolId, loadPatrol, patrolCheckins, patrolFindings, patrolSummary, type PatrolRow } from './patrol.repo.js';
import { effectivePolicy } from './policy.service.js';

/** Field work (patrols, check-ins, findings, visits, duty tasks) is for field roles only. */
export function requireFieldRole(user: SessionUser | null | undefined): SessionUser {
  if (!user) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!isFieldRole(user.role)) throw new AppError('FORBIDDEN', `Role ${user.role} does not do field work`, { role: user.role });
  return user;
}

/**
 * A time the phone sent (offline queue): at most a week old; a time in the future (a phone clock running fast) is
 * clamped to now, and one before `min` to `min` (a pause cannot precede its patrol's start).
 */
export function clientTime(at: string | undefined, now: Date, field: string, min?: Date): Date {
  if (at === undefined) return min && min > now ? min : now;
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) throw new AppError('VALIDATION_FAILED', `${field} must be an ISO 8601 instant`, { field });
  if (ms < now.getTime() - MAX_CLIENT_AGE_MS) throw new AppError('VALIDATION_FAILED', `${field} is more than 7 days old`, { field });
  const t = new Date(Math.min(ms, now.getTime()));
  return min && t < min ? min : t;
}

/** The grid a patrol is for: the one given (must be a current grid in scope) or the worker's home grid. */
async function patrolGrid(tx: Tx, user: SessionUser, gridId: string | undefined): Promise<{ id: number; path: string }> {
  const id = gridId ? toId(gridId) : user.homeUnitId;
  if (id == null) throw new AppError('VALIDATION_FAILED', 'gridId is required (no home grid)', { field: 'gridId' });
  const [g] = await queryRows<{ id: string; path: string; kind: string }>(tx, sql`
    SELECT id::text, path::text, kind FROM units WHERE id = ${id} AND valid_to IS NULL`);
  if (!g || !pathInScope(user, g.path)) throw new AppError('NOT_FOUND', `Grid ${id} not found`, { field: 'gridId' });
  if (g.kind !== 'grid') throw new AppError('VALIDATION_FAILED', 'gridId must be a grid', { field: 'gridId' });
  return { id: Number(g.id), path: g.path };
}

async function stopRow(tx: Tx, p: PatrolRow, at: Date, actor: Actor): Promise<void> {
  const pauses = p.pauses.map((q) => (q.to === null ? { ...q, to: at.toISOString() } : q));
  await tx.execute(sql`UPDATE patrols SET state = 'stopped', stopped_at = ${at}, pauses = ${JSON.stringify(pauses)}::jsonb, updated_at = ${clock.now()}
    WHERE id = ${p.id}`);
  await audit(tx, actor, { action: 'patrol.stop', entityType: 'patrol', entityId: p.id, unitPath: p.path, before: { state: p.state }, after: { state: 'stopped', stoppedAt: at.toISOString() } });
}

/**
 * Starts a patrol. A patrol the worker left running (app closed, phone lost) is stopped at this start: a worker
 * walks one patrol at a time, and a forgotten one must not block the next.
 */
export async function createPatrol(db: Db, user: SessionUser, actor: Actor, b: CreatePatrolBody, key: string | undefined) {
  const now = clock.now();
  return idempotent(db, { userId: user.id, key, request: { op: 'patrol.create', b }, at: now }, async (tx) => {
    const grid = await patrolGrid(tx, user, b.gridId);
    const startedAt = clientTime(b.startedAt, now, 'startedAt');
    const previous = await activePatrolId(tx, user.id);
    if (previous) {
      const p = await loadPatrol(tx, user, previous, { forUpdate: true });
      await stopRow(tx, p, new Date(Math.max(startedAt.getTime(), p.startedAt.getTime())), actor);
    }
    const [r] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO patrols (user_id, grid_id, path, state, started_at, note, created_at, updated_at)
      VALUES (${user.id}, ${grid.id}, ${grid.path}::ltree, 'running', ${startedAt}, ${b.note ?? null}, ${now}, ${now}) RETURNING id::text`);
    await audit(tx, actor, { action: 'patrol.start', entityType: 'patrol', entityId: r!.id, unitPath: grid.path, after: { gridId: String(grid.id), startedAt: startedAt.toISOString() } });
    return { id: r!.id };
  });
}

export type PatrolEvent = 'pause' | 'resume' | 'stop';

/** Pause, resume, stop. Repeating one (an offline queue replaying) changes nothing; moving a stopped patrol is a 409. */
export async function patrolEvent(db: Db, user: SessionUser, actor: Actor, id: number, ev: PatrolEvent, at: string | undefined): Promise<PatrolDetail> {
  await db.transaction(async (tx) => {
    const p = await loadPatrol(tx, user, id, { forUpdate: true });
    if (p.userId !== user.id) throw new AppError('FORBIDDEN', 'Not your patrol', { id: String(id) });
    if (p.state === 'stopped') {
      if (ev === 'stop') return;
      throw new AppError('ILLEGAL_TRANSITION', `Patrol ${id} is stopped`, { state: p.state, action: ev });
    }
    const lastPause = p.pauses.at(-1);
    const floor = new Date(Math.max(p.startedAt.getTime(), lastPause ? Date.parse(lastPause.to ?? lastPause.from) : 0));
    const t = clientTime(at, clock.now(), 'at', floor);
    if (ev === 'stop') return stopRow(tx, p, t, actor);
    if ((ev === 'pause') === (p.state === 'paused')) return; // already so
    const pauses = ev === 'pause'
      ? [...p.pauses, { from: t.toISOString(), to: null }]
      : p.pauses.map((q, i) => (i === p.pauses.length - 1 ? { ...q, to: t.toISOString() } : q));
    const state = ev === 'pause' ? 'paused' : 'running';
    await tx.execute(sql`UPDATE patrols SET state = ${state}, pauses = ${JSON.stringify(pauses)}::jsonb, updated_at = ${clock.now()} WHERE id = ${id}`);
    await audit(tx, actor, { action: `patrol.${ev}`, entityType: 'patrol', entityId: id, unitPath: p.path, before: { state: p.state }, after: { state, at: t.toISOString() } });
  });
  return patrolDetail(db, user, id);
}

export async function patrolDetail(db: Db, user: SessionUser, id: number): Promise<PatrolDetail> {
  const p = await loadPatrol(db, user, id);
  const [summary, checkins, findings, policy] = await Promise.all([
    patrolSummary(db, id), patrolCheckins(db, id), patrolFindings(db, { patrolId: id }), effectivePolicy(db, p.path),
  ]);
  return { ...summary, pauses: p.pauses, checkins, findings, policy };
}

/** The stored track, split at pauses and at stretches without points (gaps shown as gaps). */
export async function patrolTrack(db: Db, user: SessionUser, id: number): Promise<PatrolTrack> {
  const p = await loadPatrol(db, user, id);
  const rows = await queryRows<{ t: Date | string; lat: number; lng: number; accuracy: number }>(db, sql`
    SELECT t, lat, lng, accuracy FROM patrol_points WHERE patrol_id = ${id} ORDER BY t`);
  const points = rows.map((r) => ({ t: new Date(r.t).toISOString(), lat: Number(r.lat), lng: Number(r.lng), accuracy: Number(r.accuracy) }));
  const { segments, gaps } = splitTrack(points, p.pauses);
  return { patrolId: String(id), segments, gaps };
}
