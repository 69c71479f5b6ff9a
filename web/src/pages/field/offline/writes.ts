import type { PatrolPointsResult } from '@gridgov/common';
import { ApiError } from '../../../api/client';
import { fieldDb, newKey, queueChanged, type QueuedPoint, type QueuedWrite } from './db';
import { isRefusal, Offline, sendWithKey } from './send';

/** The logged-in user, set by the field page: queued writes are stamped with it and only its own are sent. */
let currentUser = '';
export function setFieldUser(id: string): void {
  currentUser = id;
}

/**
 * Small JSON writes made in the field (visit, finding, duty done, patrol pause/resume/stop): tried at once, and
 * queued with their key and the phone's time (`at`) when there is no signal, so the record says when it happened.
 */
export async function postOrQueue<T>(path: string, body: Record<string, unknown>, label: string): Promise<{ sent: true; result: T } | { sent: false }> {
  const w: QueuedWrite = { userId: currentUser, key: newKey(), createdAt: new Date().toISOString(), path, body: { at: new Date().toISOString(), ...body }, label, state: 'queued' };
  try {
    const result = await sendWithKey<T>(path, w.key, w.body);
    return { sent: true, result };
  } catch (e) {
    if (!(e instanceof Offline) && !(e instanceof ApiError && e.status === 401)) throw e;
    const db = await fieldDb();
    await db.put('writes', w);
    queueChanged();
    return { sent: false };
  }
}

export async function listWrites(): Promise<QueuedWrite[]> {
  const db = await fieldDb();
  return (await db.getAll('writes')).filter((w) => w.userId === currentUser).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function deleteWrite(key: string): Promise<void> {
  const db = await fieldDb();
  await db.delete('writes', key);
  queueChanged();
}

/** Oldest first (a pause before its stop); stops at the first network failure. */
export async function syncWrites(): Promise<{ sent: number; offline: boolean }> {
  const db = await fieldDb();
  let sent = 0;
  for (const w of await listWrites()) {
    if (w.state !== 'queued') continue;
    try {
      await sendWithKey(w.path, w.key, w.body);
      await db.delete('writes', w.key);
      sent += 1;
    } catch (e) {
      if (isRefusal(e)) await db.put('writes', { ...w, state: 'error', error: { status: e.status, code: e.code, message: e.message } });
      else return { sent, offline: true };
    } finally {
      queueChanged();
    }
  }
  return { sent, offline: false };
}

// ---- patrol GPS points ----

export const POINT_BATCH = 50;

export async function addPoint(p: QueuedPoint): Promise<void> {
  const db = await fieldDb();
  await db.add('points', p);
  queueChanged();
}

export async function pointsOf(patrolId: string): Promise<QueuedPoint[]> {
  const db = await fieldDb();
  return (await db.getAllFromIndex('points', 'byPatrol', patrolId)).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

export async function pendingPointCount(): Promise<number> {
  const db = await fieldDb();
  return db.count('points');
}

/**
 * Uploads the stored points in batches of 50. A batch's key is written onto its points BEFORE it is sent, so a
 * batch cut off mid-way is resent with the same key and the server answers it once. Points the server rejects
 * (each with a code) are dropped with the accepted ones: resending them would be rejected again.
 */
export async function uploadPoints(): Promise<{ accepted: number; rejected: number; offline: boolean }> {
  const db = await fieldDb();
  const all = (await db.getAll('points')).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const byPatrol = new Map<string, QueuedPoint[]>();
  all.forEach((p) => byPatrol.set(p.patrolId, [...(byPatrol.get(p.patrolId) ?? []), p]));
  let accepted = 0;
  let rejected = 0;
  for (const [patrolId, points] of byPatrol) {
    let rest = points;
    while (rest.length) {
      // A batch started earlier (same key) goes first and whole.
      const open = rest[0]!.batch;
      const batch = open ? rest.filter((p) => p.batch === open) : rest.slice(0, POINT_BATCH);
      const key = open ?? newKey();
      if (!open) {
        const tx = db.transaction('points', 'readwrite');
        await Promise.all(batch.map((p) => tx.store.put({ ...p, batch: key })));
        await tx.done;
      }
      try {
        const r = await sendWithKey<PatrolPointsResult>(`/patrols/${patrolId}/points`, key, {
          points: batch.map(({ t, lat, lng, accuracy }) => ({ t, lat, lng, accuracy })),
        });
        accepted += r.accepted;
        rejected += r.rejected.length;
      } catch (e) {
        if (!isRefusal(e)) return { accepted, rejected, offline: true };
        // The whole batch refused (patrol gone, not ours): nothing in it can ever be stored.
        rejected += batch.length;
      }
      const tx = db.transaction('points', 'readwrite');
      await Promise.all(batch.map((p) => tx.store.delete(p.seq!)));
      await tx.done;
      queueChanged();
      const sentSeqs = new Set(batch.map((p) => p.seq));
      rest = rest.filter((p) => !sentSeqs.has(p.seq));
    }
  }
  return { accepted, rejected, offline: false };
}
