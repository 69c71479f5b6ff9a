import { useEffect, useState } from 'react';

/** The GET requests the field view needs without a signal (the service worker caches them network-first). */
const WARM = ['/api/auth/me', '/api/config/public', '/api/catalogue', '/api/field/bundle'];

/**
 * Fills the service worker's cache once it controls the page. On the first visit the login and the first field
 * requests run before the worker is installed, so nothing would be cached until the next visit; asking again
 * through the worker means the very first day already works offline. true once the copies are stored.
 */
export function useOfflineReady(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const sw = navigator.serviceWorker;
    if (!sw) return;
    let alive = true;
    const warm = async () => {
      if (!sw.controller) return;
      const results = await Promise.allSettled(WARM.map((u) => fetch(u, { credentials: 'same-origin', headers: { Accept: 'application/json' } })));
      if (alive && results.every((r) => r.status === 'fulfilled' && r.value.ok)) setReady(true);
    };
    void warm();
    sw.addEventListener('controllerchange', warm);
    return () => { alive = false; sw.removeEventListener('controllerchange', warm); };
  }, []);
  return ready;
}
