import { useCallback, useEffect, useMemo, useState } from 'react';
import { Card, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import { MapCanvas } from '../../../lib/map/MapCanvas';
import { bboxOf, toDisplay } from '../../../lib/map/geo';
import { usePublicConfig } from '../../../lib/map/config';
import { fetchGrids, mapKeys, type GridFC } from '../../territory/map/api';
import { addGridLayers } from '../../territory/map/components/layers';
import { boundariesOf } from '../../territory/map/components/boundaries';
import { useGridLabels } from '../../territory/map/components/useGridLabels';
import type { Directive, Progress } from '../api';
import { STATE_COLOURS, useGridStateLabel } from '../labels';

const OUTSIDE = '#d9d9d9';

/**
 * Grids of the board's unit coloured by their state for the directive (the territory map's layers and borders):
 * laggards red (not acknowledged) or amber (acknowledged), the rest green once every laggard is known; while the
 * laggard list is cut short, other grids show their unit's state (red until the whole unit has acknowledged).
 * Grids outside the directive's targets stay grey. The view is fitted when the unit changes, not on every update.
 */
export function BoardMap({ directive, unitId, progress }: { directive: Directive; unitId: string; progress: Progress }) {
  const { t } = useTranslation('emergency');
  const stateLabel = useGridStateLabel();
  const config = usePublicConfig();
  const [map, setMap] = useState<MlMap | null>(null);
  const grids = useQuery({ queryKey: mapKeys.grids(unitId, 'basic'), queryFn: ({ signal }) => fetchGrids(unitId, 'basic', signal) });
  const crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const shown = useMemo(() => (grids.data ? toDisplay(grids.data, crs) : undefined), [grids.data, crs]);

  const coloured = useMemo<GridFC | undefined>(() => {
    if (!shown) return undefined;
    const lag = new Map(progress.laggards.map((g) => [g.gridId, g.state]));
    const complete = progress.laggards.length >= progress.laggardsTotal;
    const targets = new Set(directive.targetUnitIds);
    // Beyond the listed laggards a grid takes the state its unit row (town/community) has reached for all grids.
    const rows = new Map(progress.byUnit.map((r) => [r.unitId, r]));
    const rowState = (path: string[]) => {
      const r = path.map((x) => rows.get(x)).find(Boolean);
      if (!r) return null;
      return r.executed === r.total ? 'executed' : r.acknowledged === r.total ? 'acknowledged' : 'pending';
    };
    return {
      ...shown,
      features: shown.features.map((f) => {
        const path = f.properties.path.split('.');
        const targeted = path.some((x) => targets.has(x)) || targets.has(f.properties.id);
        const state = lag.get(f.properties.id) ?? (complete ? 'executed' : rowState([...path, f.properties.id]));
        const color = !targeted ? OUTSIDE : state ? STATE_COLOURS[state] : '#8c8c8c';
        return { ...f, properties: { ...f.properties, color } };
      }),
    };
  }, [shown, progress, directive.targetUnitIds]);

  const onReady = useCallback((m: MlMap) => {
    addGridLayers(m);
    m.setPaintProperty('grids-fill', 'fill-opacity', 0.6);
    setMap(m);
    return () => setMap(null);
  }, []);

  // Fit once per unit: live colour changes must not move the view the user is looking at.
  useEffect(() => {
    if (!map || !shown) return;
    const bounds = bboxOf(shown.features.map((f) => f.geometry));
    if (bounds) map.fitBounds(bounds, { padding: 24, maxZoom: 16, duration: 0 });
    (map.getSource('bounds') as GeoJSONSource).setData(boundariesOf(shown));
  }, [map, shown]);

  useEffect(() => {
    if (!map || !coloured) return;
    (map.getSource('grids') as GeoJSONSource).setData(coloured);
    const el = map.getContainer();
    el.dataset.mapReady = 'false';
    map.once('idle', () => { el.dataset.mapReady = 'true'; });
  }, [map, coloured]);

  useGridLabels(map, shown, true);

  return (
    <Card size="small" title={t('board.map')} styles={{ body: { padding: 8 } }}
      extra={<Space size={4} wrap>{(['pending', 'acknowledged', 'executed'] as const).map((s) => <Tag key={s} color={STATE_COLOURS[s]} style={{ marginInlineEnd: 0 }}>{stateLabel(s)}</Tag>)}</Space>}>
      {!config.isPending && <MapCanvas tileUrl={config.data?.mapTileUrl ?? null} onReady={onReady} testId="board-map" style={{ height: 340 }} />}
    </Card>
  );
}
