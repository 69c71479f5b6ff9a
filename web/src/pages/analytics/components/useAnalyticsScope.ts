import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useMe } from '../../../auth/useMe';
import { fetchRoots, unitKeys } from '../../../api/territory';

/**
 * The unit the analytics pages look at: ?unitId= when chosen (kept in the URL so a wall screen reloads on
 * the same scope), otherwise the user's home unit, otherwise the first root of their scope.
 */
export function useAnalyticsScope(): { unitId: string | undefined; setUnitId: (id: string | undefined) => void; chosen: boolean } {
  const [params, setParams] = useSearchParams();
  const { data: me } = useMe();
  const chosen = params.get('unitId') ?? undefined;
  const roots = useQuery({ queryKey: unitKeys.roots, queryFn: ({ signal }) => fetchRoots(signal), enabled: !chosen && !me?.homeUnitId });
  const unitId = chosen ?? me?.homeUnitId ?? roots.data?.[0]?.id;
  const setUnitId = useCallback((id: string | undefined) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('unitId', id);
      else next.delete('unitId');
      return next;
    });
  }, [setParams]);
  return { unitId, setUnitId, chosen: chosen != null };
}
