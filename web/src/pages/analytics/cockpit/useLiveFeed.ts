import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { LIVE_RELAY } from '../../inbox/useLiveEvents';

export interface FeedItem {
  key: string;
  at: number;
  type: 'case.changed' | 'notification' | string;
  caseId: string | null;
  state?: string;
  title?: string;
}

const MAX_ITEMS = 40;

/**
 * Live feed from the app-wide EventSource (relayed on window by useLiveEvents, never a second stream):
 * keeps the latest events and refreshes the cockpit's numbers a little later (bursts arrive together).
 */
export function useLiveFeed(): FeedItem[] {
  const qc = useQueryClient();
  const [items, setItems] = useState<FeedItem[]>([]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let seq = 0;
    const onEvent = (e: Event) => {
      const { type, data } = (e as CustomEvent<{ type: string; data: string }>).detail;
      let d: Record<string, unknown> = {};
      try { d = JSON.parse(data) as Record<string, unknown>; } catch { /* a heartbeat or malformed frame: shown without details */ }
      seq += 1;
      const item: FeedItem = {
        key: `${Date.now()}-${seq}`, at: Date.now(), type,
        caseId: d.caseId != null ? String(d.caseId) : null,
        state: typeof d.state === 'string' ? d.state : undefined,
        title: typeof d.title === 'string' ? d.title : undefined,
      };
      setItems((prev) => [item, ...prev].slice(0, MAX_ITEMS));
      if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          void qc.invalidateQueries({ queryKey: ['analytics'] });
        }, 3000);
      }
    };
    window.addEventListener(LIVE_RELAY, onEvent);
    return () => {
      window.removeEventListener(LIVE_RELAY, onEvent);
      if (timer) clearTimeout(timer);
    };
  }, [qc]);
  return items;
}
