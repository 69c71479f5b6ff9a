import type { Feature, FeatureCollection, LineString, Position } from 'geojson';
import type { GridFC } from '../api';

export type BoundaryFC = FeatureCollection<LineString, { level: 'community' | 'town' }>;

const key = (a: Position, b: Position) => {
  const p = `${a[0]!.toFixed(7)},${a[1]!.toFixed(7)}`;
  const q = `${b[0]!.toFixed(7)},${b[1]!.toFixed(7)}`;
  return p < q ? `${p}|${q}` : `${q}|${p}`;
};

/**
 * Community and town borders drawn from the grids themselves: basic grids tile their community, so an edge
 * shared by grids of two different communities is a community border (and a town border when their towns
 * differ). No extra request and no polygon union. Edges whose vertices do not match exactly are simply not
 * drawn, which is harmless.
 */
export function boundariesOf(fc: GridFC | undefined): BoundaryFC {
  const seen = new Map<string, { seg: [Position, Position]; community: string; town: string }>();
  const out: Feature<LineString, { level: 'community' | 'town' }>[] = [];
  for (const f of fc?.features ?? []) {
    const ids = f.properties.path.split('.');
    const community = ids[ids.length - 2] ?? '';
    const town = ids[ids.length - 3] ?? '';
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) {
      for (const ring of poly) {
        for (let i = 0; i < ring.length - 1; i++) {
          const seg: [Position, Position] = [ring[i]!, ring[i + 1]!];
          const k = key(seg[0], seg[1]);
          const other = seen.get(k);
          if (!other) {
            seen.set(k, { seg, community, town });
          } else if (other.community !== community) {
            out.push({ type: 'Feature', properties: { level: other.town !== town ? 'town' : 'community' }, geometry: { type: 'LineString', coordinates: seg } });
          }
        }
      }
    }
  }
  return { type: 'FeatureCollection', features: out };
}
