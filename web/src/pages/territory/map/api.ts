import type { FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import { get } from '../../../api/client';
import type { GridFeatureProps, GridType } from '../types';

export type GridFC = FeatureCollection<Polygon | MultiPolygon, GridFeatureProps>;

export const mapKeys = {
  grids: (unitId: string | undefined, kind: 'basic' | 'dedicated') => ['territory', 'geojson', unitId ?? 'all', kind] as const,
  gridTypes: ['territory', 'grid-types'] as const,
};

export const fetchGrids = (unitId: string | undefined, kind: 'basic' | 'dedicated', signal?: AbortSignal) =>
  get<GridFC>('/territory/grids.geojson', { unitId, kind: kind === 'dedicated' ? 'dedicated' : undefined }, signal);

export const fetchGridTypes = (signal?: AbortSignal) =>
  get<{ items: GridType[] }>('/territory/grid-types', undefined, signal).then((r) => r.items);
