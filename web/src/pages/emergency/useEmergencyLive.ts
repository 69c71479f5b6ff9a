import { useEffect, useRef } from 'react';

/** The window relay of the app's one EventSource (pages/inbox/useLiveEvents.ts): no second stream is opened. */
const LIVE_RELAY = 'gridgov:live';

export interface LiveEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Emergency and directive events of the shared stream (`emergency.*`, `directive.*`). */
export function isEmergencyEvent(type: string): boolean {
  return type.startsWith('emergency') || type.startsWith('directive');
}

/**
 * Calls `handler` for every emergency/directive event relayed from the shared stream. The handler may change
 * between renders without re-subscribing.
 */
export function useEmergencyLive(handler: (e: LiveEvent) => void, enabled = true): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  }, [handler]);
  useEffect(() => {
    if (!enabled) return;
    const on = (ev: Event) => {
      const { type, data } = (ev as CustomEvent<{ type: string; data: string }>).detail ?? {};
      if (!type || !isEmergencyEvent(type)) return;
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(data) as Record<string, unknown>;
      } catch {
        // A malformed payload still means "something changed".
      }
      ref.current({ type, data: parsed });
    };
    window.addEventListener(LIVE_RELAY, on);
    return () => window.removeEventListener(LIVE_RELAY, on);
  }, [enabled]);
}
