import { useEffect, useMemo } from 'react';
import maplibregl, { type Map as MlMap } from 'maplibre-gl';
import { labelPoint } from '../../../../lib/map/geo';
import type { GridFC } from '../api';

const MIN_ZOOM = 13.5;
const MAX_LABELS = 250;

/** "城南社区第1网格" → "第1网格": the community is evident from the map; the popup shows the full name. */
export function shortGridName(name: string): string {
  const m = /^(.+?(?:社区|村|居委会|渔场|园区|片区))(.+)$/.exec(name);
  return m && m[2]!.length >= 2 ? m[2]! : name;
}

/**
 * Grid names as HTML markers: the map has no glyph server offline, so no symbol layers. Labels appear
 * once zoomed in, are limited to the view, and skip any that would overlap one already placed.
 */
export function useGridLabels(map: MlMap | null, data: GridFC | undefined, enabled: boolean) {
  const points = useMemo(() => (data?.features ?? [])
    .map((f) => ({ id: f.properties.id, name: shortGridName(f.properties.name), at: f.geometry ? labelPoint(f.geometry) : null }))
    .filter((p): p is { id: string; name: string; at: [number, number] } => p.at !== null), [data]);

  useEffect(() => {
    if (!map || !enabled) return;
    const shown = new Map<string, maplibregl.Marker>();
    const place = () => {
      const keep = new Set<string>();
      if (map.getZoom() >= MIN_ZOOM) {
        const bounds = map.getBounds();
        const boxes: { x0: number; y0: number; x1: number; y1: number }[] = [];
        for (const p of points) {
          if (keep.size >= MAX_LABELS) break;
          if (!bounds.contains(p.at)) continue;
          const c = map.project(p.at);
          const w = p.name.length * 12 + 8;
          const box = { x0: c.x - w / 2, x1: c.x + w / 2, y0: c.y - 10, y1: c.y + 10 };
          if (boxes.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) continue;
          boxes.push(box);
          keep.add(p.id);
          if (!shown.has(p.id)) {
            const el = document.createElement('div');
            el.className = 'gg-map-label';
            el.textContent = p.name;
            shown.set(p.id, new maplibregl.Marker({ element: el }).setLngLat(p.at).addTo(map));
          }
        }
      }
      for (const [id, m] of shown) {
        if (!keep.has(id)) {
          m.remove();
          shown.delete(id);
        }
      }
    };
    place();
    map.on('moveend', place);
    return () => {
      map.off('moveend', place);
      shown.forEach((m) => m.remove());
    };
  }, [map, points, enabled]);
}
