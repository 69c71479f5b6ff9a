import { useEffect, useRef, useState } from 'react';
import { MAX_POINT_ACCURACY_M, type PatrolTrackPoint } from '@gridgov/common';
import { addPoint, uploadPoints, POINT_BATCH, pendingPointCount } from '../offline/writes';

type WakeLockSentinelLike = { release: () => Promise<void>; released?: boolean };

/**
 * Continuous GPS for a running patrol, ONLY when the district policy has tracking on (wartime). Points are taken
 * in the foreground (the screen kept on with the Screen Wake Lock), stored on the phone first and uploaded in
 * batches of 50. When the app is in the background no points are taken: the track shows that time as a gap.
 */
export function useTracker(patrolId: string | null, on: boolean) {
  const [points, setPoints] = useState<PatrolTrackPoint[]>([]);
  const [wakeLock, setWakeLock] = useState<'on' | 'off' | 'unsupported'>('off');
  const [error, setError] = useState<string | null>(null);
  const lastT = useRef(0);

  useEffect(() => {
    if (!patrolId || !on) return;
    let lock: WakeLockSentinelLike | null = null;
    let alive = true;
    const wl = (navigator as Navigator & { wakeLock?: { request: (t: 'screen') => Promise<WakeLockSentinelLike> } }).wakeLock;
    const acquire = async () => {
      if (!wl) { setWakeLock('unsupported'); return; }
      try {
        lock = await wl.request('screen');
        if (alive) setWakeLock('on');
      } catch {
        if (alive) setWakeLock('off');
      }
    };
    // The browser drops the lock when the page is hidden; take it again when the worker comes back.
    const onVisible = () => { if (document.visibilityState === 'visible') void acquire(); };
    void acquire();
    document.addEventListener('visibilitychange', onVisible);

    const upload = async () => {
      if ((await pendingPointCount()) > 0) await uploadPoints().catch(() => undefined);
    };
    const watch = navigator.geolocation?.watchPosition(
      (pos) => {
        // One point per 5 s at most: enough for a walking track, kind to the battery and the upload.
        if (pos.timestamp - lastT.current < 5000) return;
        lastT.current = pos.timestamp;
        setError(null);
        const p = { t: new Date(pos.timestamp).toISOString(), lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy: pos.coords.accuracy };
        if (p.accuracy > MAX_POINT_ACCURACY_M) return; // the server would reject it anyway
        setPoints((ps) => [...ps, p]);
        void addPoint({ patrolId, ...p }).then(async () => {
          if ((await pendingPointCount()) >= POINT_BATCH) await upload();
        });
      },
      (e) => setError(e.message || String(e.code)),
      { enableHighAccuracy: true, maximumAge: 0, timeout: 60_000 },
    );
    const timer = window.setInterval(() => void upload(), 30_000);
    return () => {
      alive = false;
      if (watch !== undefined) navigator.geolocation.clearWatch(watch);
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      void lock?.release().catch(() => undefined);
      setWakeLock('off');
      void upload();
    };
  }, [patrolId, on]);

  return { points, wakeLock, error };
}
