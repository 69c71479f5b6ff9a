import { useQuery } from '@tanstack/react-query';
import { get } from '../../../api/client';
import { useMe } from '../../../auth/useMe';
import type { UnitDetail } from '../../territory/types';
import type { Emergency } from '../api';

/**
 * Where the user's home unit sits against the emergency's area. Read from the home unit (always in scope: its path
 * lists every ancestor id), not from the area unit, which a community or grid user cannot read when the emergency
 * covers the whole street. `below`: strictly inside the area (an intermediate level that may forward directives);
 * `root`: the unit to read area-wide lists for (the area, or the user's own unit inside it).
 */
export function useHomeInArea(em: Emergency) {
  const { data: me } = useMe();
  const homeId = me?.homeUnitId ?? null;
  const home = useQuery({
    queryKey: ['territory', 'unit', homeId],
    queryFn: ({ signal }) => get<UnitDetail>(`/territory/units/${homeId}`, undefined, signal),
    enabled: homeId !== null,
    staleTime: 5 * 60_000,
  });
  const inside = homeId !== null && Boolean(home.data?.unit.path.split('.').includes(em.unitId));
  const below = inside && homeId !== em.unitId;
  // The unit to read area-wide figures for: the area, or the user's own unit when that lies inside it.
  const root = below ? homeId : em.unitId;
  return { me, homeId, home: home.data?.unit ?? null, inside, below, root, ready: me !== undefined && (homeId === null || !home.isPending) };
}
