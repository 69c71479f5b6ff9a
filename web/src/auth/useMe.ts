import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, ApiError } from '../api/client';
import type { Me } from './types';

export const ME_KEY = ['auth', 'me'] as const;

/** The logged-in user, or null when there is no session. */
async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>('/auth/me', { skipAuthRedirect: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** Permission check for the current user; false while loading or logged out. */
export function useCan() {
  const { data } = useMe();
  return useCallback((perm: string) => Boolean(data?.permissions.includes(perm)), [data]);
}

export function useLogout() {
  const qc = useQueryClient();
  return useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST', body: {}, skipAuthRedirect: true });
    } finally {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
      // The field app's offline copies (who I am, my grid) must not outlive the session on a shared phone.
      void globalThis.caches?.delete('gridgov-field-api').catch(() => undefined);
    }
  }, [qc]);
}
