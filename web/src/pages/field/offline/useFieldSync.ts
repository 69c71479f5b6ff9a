import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { listDrafts, pruneSent, syncDrafts, type SyncOutcome } from './drafts';
import { onQueueChange, type ReportDraft } from './db';
import { listWrites, pendingPointCount, syncWrites, uploadPoints } from './writes';

export interface SyncStatus {
  running: boolean;
  last?: SyncOutcome & { at: string; writes: number; points: number };
}

let running: Promise<void> | null = null;

/**
 * One sync at a time in this tab (and, where the browser has Web Locks, across tabs): the same draft is never
 * posted twice at once. The server's Idempotency-Key would answer a second post with the first case anyway.
 */
async function runExclusive(fn: () => Promise<void>): Promise<void> {
  if (running) return running;
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  const p: Promise<void> = (locks ? locks.request('gridgov-field-sync', async () => { await fn(); }).then(() => undefined) : fn()).finally(() => { running = null; });
  running = p;
  return p;
}

function useOnline(): boolean {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener('online', cb);
      window.addEventListener('offline', cb);
      return () => { window.removeEventListener('online', cb); window.removeEventListener('offline', cb); };
    },
    () => navigator.onLine,
  );
}

export interface QueueView { drafts: ReportDraft[]; writes: number; points: number }

/** The queue as stored, re-read whenever a store changes. */
export function useQueue(userId: string): QueueView {
  const [view, setView] = useState<QueueView>({ drafts: [], writes: 0, points: 0 });
  useEffect(() => {
    let alive = true;
    const load = async () => {
      const [drafts, writes, points] = await Promise.all([listDrafts(userId), listWrites(), pendingPointCount()]);
      if (alive) setView({ drafts, writes: writes.length, points });
    };
    void load();
    const off = onQueueChange(() => void load());
    window.addEventListener('focus', load);
    return () => { alive = false; off(); window.removeEventListener('focus', load); };
  }, [userId]);
  return view;
}

/** Syncs on app open, whenever the browser says it is back online, every minute while open, and on demand. */
export function useFieldSync(userId: string) {
  const qc = useQueryClient();
  const online = useOnline();
  const [status, setStatus] = useState<SyncStatus>({ running: false });

  const syncNow = useCallback(async () => {
    setStatus((s) => ({ ...s, running: true }));
    try {
      await runExclusive(async () => {
        const drafts = await syncDrafts(userId);
        const writes = drafts.offline ? { sent: 0, offline: true } : await syncWrites();
        const points = writes.offline ? { accepted: 0, rejected: 0, offline: true } : await uploadPoints();
        await pruneSent();
        setStatus({ running: false, last: { ...drafts, offline: drafts.offline || writes.offline || points.offline, at: new Date().toISOString(), writes: writes.sent, points: points.accepted } });
        if (drafts.sent || writes.sent) void qc.invalidateQueries({ queryKey: ['field'] });
      });
    } finally {
      setStatus((s) => ({ ...s, running: false }));
    }
  }, [qc, userId]);

  useEffect(() => {
    void syncNow();
    const onOnline = () => void syncNow();
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(() => { if (document.visibilityState === 'visible') void syncNow(); }, 60_000);
    return () => { window.removeEventListener('online', onOnline); window.clearInterval(timer); };
  }, [syncNow]);

  return { online, status, syncNow };
}
