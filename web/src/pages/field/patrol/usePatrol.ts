import { useCallback, useEffect, useState } from 'react';
import type { PatrolState, TrackingPolicy } from '@gridgov/common';
import { fetchPatrol, startPatrol } from '../api';
import { postOrQueue } from '../offline/writes';

/** The running patrol as the phone knows it: kept in localStorage so a reload without signal still shows it. */
export interface LocalPatrol {
  id: string;
  state: PatrolState;
  startedAt: string;
  policy: TrackingPolicy | null;
  /** Pauses as recorded on the phone (drawn as gaps). */
  pauses: { from: string; to: string | null }[];
}

const KEY = 'gridgov.field.patrol';

function load(): LocalPatrol | null {
  try { return JSON.parse(localStorage.getItem(KEY) ?? 'null') as LocalPatrol | null; } catch { return null; }
}
const STOPPED_KEY = 'gridgov.field.patrolStopped';
function lastStopped(): string | null {
  try { return localStorage.getItem(STOPPED_KEY); } catch { return null; }
}
function save(p: LocalPatrol | null) {
  try {
    if (p) localStorage.setItem(KEY, JSON.stringify(p));
    else localStorage.removeItem(KEY);
  } catch { /* private mode: kept in memory only */ }
}

export function usePatrol(activePatrolId: string | null | undefined, policy: TrackingPolicy | undefined) {
  const [patrol, setPatrolState] = useState<LocalPatrol | null>(load);
  const set = useCallback((p: LocalPatrol | null) => { save(p); setPatrolState(p); }, []);

  // The server knows of a running patrol this phone forgot (another phone, cleared storage): take it up.
  useEffect(() => {
    const id = patrol?.id ?? activePatrolId;
    // A patrol stopped on this phone (the stop may still be queued) is not taken up again from a stale bundle.
    if (!id || id === lastStopped()) return;
    const ctl = new AbortController();
    fetchPatrol(id, ctl.signal).then((d) => {
      set(d.state === 'stopped' ? null : { id: d.id, state: d.state, startedAt: d.startedAt, policy: d.policy, pauses: d.pauses });
    }).catch(() => { /* offline: keep what the phone knows */ });
    return () => ctl.abort();
  }, [activePatrolId]);

  const start = useCallback(async (gridId: string | undefined) => {
    const r = await startPatrol(gridId);
    set({ id: r.id, state: 'running', startedAt: new Date().toISOString(), policy: policy ?? null, pauses: [] });
    return r.id;
  }, [policy, set]);

  /** Pause, resume and stop are queued when offline (with the phone's time), so they never get lost. */
  const move = useCallback(async (action: 'pause' | 'resume' | 'stop') => {
    if (!patrol) return { sent: true };
    const now = new Date().toISOString();
    const r = await postOrQueue(`/patrols/${patrol.id}/${action}`, { at: now }, action);
    if (action === 'stop') {
      try { localStorage.setItem(STOPPED_KEY, patrol.id); } catch { /* private mode */ }
      set(null);
    }
    else if (action === 'pause') set({ ...patrol, state: 'paused', pauses: [...patrol.pauses, { from: now, to: null }] });
    else set({ ...patrol, state: 'running', pauses: patrol.pauses.map((p) => (p.to === null ? { ...p, to: now } : p)) });
    return r;
  }, [patrol, set]);

  return { patrol, start, move };
}
