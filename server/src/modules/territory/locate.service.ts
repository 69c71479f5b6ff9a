import gcoord from 'gcoord';
import { sql } from 'drizzle-orm';
import type { LocateResponse } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';

/** Points within this many degrees (≈0.1 mm) of a boundary count as on it, so edge points are deterministic. */
export const EDGE_TOLERANCE_DEG = 1e-9;

export function toWgs84(lng: number, lat: number, coordSystem: 'wgs84' | 'gcj02' | 'bd09'): [number, number] {
  if (coordSystem === 'wgs84') return [lng, lat];
  const from = coordSystem === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
  const [x, y] = gcoord.transform([lng, lat], from, gcoord.WGS84) as [number, number];
  return [x, y];
}

interface Row { id: string; code: string; name: string; kind: string; path: string; dedicated_type: string | null }

const rows = queryRows;

const validAt = (at: Date) => sql`valid_from <= ${at.toISOString()}::timestamptz AND (valid_to IS NULL OR valid_to > ${at.toISOString()}::timestamptz)`;

/**
 * Point → province…grid…cell. On a shared edge or vertex the lowest grid code wins, in both databases,
 * because every candidate within EDGE_TOLERANCE_DEG is ordered by code.
 */
export async function locate(tx: Tx, lng: number, lat: number, at: Date = new Date()): Promise<LocateResponse> {
  const pt = sql`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)`;
  const near = sql`ST_DWithin(geom, ${pt}, ${EDGE_TOLERANCE_DEG}::float8)`;
  const grids = await rows<Row>(tx, sql`
    SELECT id::text, code, name, kind, path::text AS path, grid_kind, dedicated_type FROM units
    WHERE kind = 'grid' AND ${near} AND ${validAt(at)}
    ORDER BY code`);
  const basic = grids.filter((g) => (g as unknown as { grid_kind: string }).grid_kind === 'basic');
  const grid = basic[0] ?? null;
  const dedicatedGrids = grids
    .filter((g) => (g as unknown as { grid_kind: string }).grid_kind === 'dedicated')
    .map((g) => ({ id: g.id, code: g.code, name: g.name, dedicatedType: g.dedicated_type }));

  let anchorPath: string | null = grid?.path ?? null;
  let cell: LocateResponse['cell'] = null;
  if (grid) {
    const [c] = await rows<Row>(tx, sql`
      SELECT id::text, code, name FROM units
      WHERE kind = 'cell' AND path <@ ${grid.path}::ltree AND ${near} AND ${validAt(at)}
      ORDER BY code LIMIT 1`);
    if (c) cell = { id: c.id, code: c.code, name: c.name };
  } else {
    // Outside every grid: anchor the chain on the deepest area unit that contains the point, if any.
    const [area] = await rows<Row>(tx, sql`
      SELECT path::text AS path FROM units
      WHERE kind IN ('province','city','district','town','community') AND geom IS NOT NULL AND ${near} AND ${validAt(at)}
      ORDER BY nlevel(path) DESC, code LIMIT 1`);
    anchorPath = area?.path ?? null;
  }

  const chain = anchorPath
    ? (await rows<Row>(tx, sql`SELECT id::text, kind, code, name FROM units WHERE path @> ${anchorPath}::ltree ORDER BY nlevel(path)`))
      .map((u) => ({ id: u.id, kind: u.kind as LocateResponse['chain'][number]['kind'], code: u.code, name: u.name }))
    : [];
  if (cell) chain.push({ id: cell.id, kind: 'cell', code: cell.code, name: cell.name });

  let nearest: LocateResponse['nearest'] = null;
  if (!grid) {
    // KNN on the index for candidates, then true metres on the spheroid to pick and report.
    const [n] = await rows<Row & { distance_m: number }>(tx, sql`
      SELECT id, code, name, ST_Distance(geom::geography, ${pt}::geography) AS distance_m FROM (
        SELECT id::text, code, name, geom FROM units
        WHERE kind = 'grid' AND grid_kind = 'basic' AND ${validAt(at)}
        ORDER BY geom <-> ${pt} LIMIT 8
      ) c ORDER BY distance_m, code LIMIT 1`);
    if (n) nearest = { grid: { id: n.id, code: n.code, name: n.name }, distanceM: Math.round(Number(n.distance_m) * 10) / 10 };
  }
  return {
    chain,
    grid: grid ? { id: grid.id, code: grid.code, name: grid.name } : null,
    cell,
    dedicatedGrids,
    nearest,
  };
}
