import { useState } from 'react';
import { ApiError } from '../../api/client';
import { checkIn, type MobiliseLink } from './api';

export type GeoState =
  | { kind: 'idle' }
  | { kind: 'locating' }
  | { kind: 'sending' }
  | { kind: 'denied' }
  | { kind: 'unavailable' }
  | { kind: 'tooFar'; distanceM: number | null; toleranceM: number | null }
  | { kind: 'error'; message: string };

/** 报到: locate the phone, send the position; the server decides (inside the grid or within its tolerance). */
export function useGeoCheckIn(token: string, onDone: (l: MobiliseLink) => void) {
  const [state, setState] = useState<GeoState>({ kind: 'idle' });
  const start = () => {
    if (!('geolocation' in navigator)) {
      setState({ kind: 'unavailable' });
      return;
    }
    setState({ kind: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setState({ kind: 'sending' });
        const { longitude: lon, latitude: lat, accuracy } = pos.coords;
        checkIn(token, { lon, lat, accuracyM: Number.isFinite(accuracy) ? accuracy : undefined })
          .then((l) => {
            setState({ kind: 'idle' });
            onDone(l);
          })
          .catch((e: unknown) => {
            if (e instanceof ApiError && e.code === 'GEOFENCE_TOO_FAR') {
              const d = e.details ?? {};
              setState({ kind: 'tooFar', distanceM: typeof d.distanceM === 'number' ? d.distanceM : null, toleranceM: typeof d.toleranceM === 'number' ? d.toleranceM : null });
            } else setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
          });
      },
      (err) => setState(err.code === err.PERMISSION_DENIED ? { kind: 'denied' } : { kind: 'unavailable' }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
    );
  };
  return { state, start };
}
