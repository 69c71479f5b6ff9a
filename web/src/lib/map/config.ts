import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';

export interface PublicConfig {
  mapTileUrl: string | null;
  mapTileCrs: 'gcj02' | 'wgs84';
}

export function usePublicConfig() {
  return useQuery({
    queryKey: ['config', 'public'],
    queryFn: () => get<PublicConfig>('/config/public'),
    staleTime: Infinity,
  });
}
