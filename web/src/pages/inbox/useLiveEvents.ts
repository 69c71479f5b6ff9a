import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { inboxKeys } from './api';

/** Window event carrying every live event on, so other views (the cockpit's feed) never open a second stream. */
export const LIVE_RELAY = 'gridgov:live';
const relay = (type: string, e: Event) =>
  window.dispatchEvent(new CustomEvent(LIVE_RELAY, { detail: { type, data: (e as MessageEvent).data as string } }));

/**
 * One EventSource per tab on GET /api/events: a new notification refreshes the inbox and its badge; a changed
 * case refreshes its open page at once and the worklists a little later (several changes arrive together).
 */
export function useLiveEvents(enabled: boolean): boolean {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/events', { withCredentials: true });
    let listTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshLists = () => {
      if (listTimer) return;
      listTimer = setTimeout(() => {
        listTimer = null;
        void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
        void qc.invalidateQueries({ queryKey: ['cases', 'counts'] });
        void qc.invalidateQueries({ queryKey: ['cases', 'board'] });
      }, 1500);
    };
    const parse = (e: MessageEvent) => {
      try { return JSON.parse(e.data as string) as Record<string, unknown>; } catch { return {}; }
    };
    es.addEventListener('open', () => setConnected(true));
    // Emergency events are only relayed: the wartime banner, the live board and the grid's directives listen.
    for (const name of ['emergency.changed', 'directive.issued', 'directive.progress']) es.addEventListener(name, (e) => relay(name, e));
    es.addEventListener('error', () => setConnected(es.readyState === EventSource.OPEN));
    es.addEventListener('ready', (e) => {
      setConnected(true);
      const { unread } = parse(e as MessageEvent);
      if (typeof unread === 'number') qc.setQueryData(inboxKeys.unread, unread);
    });
    es.addEventListener('notification', (e) => {
      relay('notification', e);
      void qc.invalidateQueries({ queryKey: inboxKeys.all });
      // A notice about a case means it moved: an open page of it reloads too.
      const { caseId } = parse(e as MessageEvent);
      if (caseId != null) void qc.invalidateQueries({ queryKey: ['cases', 'detail', String(caseId)] });
      refreshLists();
    });
    es.addEventListener('case.changed', (e) => {
      relay('case.changed', e);
      const { caseId, version } = parse(e as MessageEvent);
      if (caseId != null) {
        const key = ['cases', 'detail', String(caseId)];
        const cached = qc.getQueryData<{ version?: number }>(key);
        // Our own move already refetched this version; only newer ones need a reload.
        if (!cached || typeof version !== 'number' || (cached.version ?? 0) < version) void qc.invalidateQueries({ queryKey: key });
      }
      refreshLists();
    });
    return () => {
      if (listTimer) clearTimeout(listTimer);
      es.close();
      setConnected(false);
    };
  }, [enabled, qc]);
  return connected;
}
