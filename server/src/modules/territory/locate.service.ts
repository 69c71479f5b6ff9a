import gcoord from 'gcoord';
import { sql } from 'drizzle-orm';
import type { LocateResponse } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { preparedRows } from '../../db/sql.js';

/** Points within this many degrees (≈0.1 mm) of a boundary count as on it, so edge points are deterministic. */
export const EDGE_TOLERANCE_DEG = 1e-9;

export function toWgs84(lng: number, lat: number, coordSystem: 'wgs84' | 'gcj02' | 'bd09'): [number, number] {
  if (coordSystem === 'wgs84') return [lng, lat];
  const from = coordSystem === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
  const [x, y] = gcoord.transform([lng, lat], from, gcoord.WGS84) as [number, number];
  return [x, y];
}

interface Row { id: string; code: string; name: string; kind: string; path: string; dedicated_type: string | null }
type Ref = { id: string; code: string; name: string };
type ChainItem = LocateResponse['chain'][number];
/** The API answer plus, for intake's routing, the admission list of the grid's type (null: admits everything). */
export type Located = LocateResponse & { admission?: string[] | null };
const rows = preparedRows;


/**
 * Point → province…grid…cell. On a shared edge or vertex the lowest grid code wins, in both databases,
 * because every candidate within EDGE_TOLERANCE_DEG is ordered by code. The usual case (the point is in a
 * grid) is one round trip: grids, cell and the ancestor chain (ids read off the ltree path) in one statement.
 */
export async function locate(tx: Tx, lng: number, lat: number, at: Date = new Date()): Promise<Located> {
  const t = at.toISOString();
  // Validity at the asked time, for a table alias (grids and cells are versioned by redraws).
  const valid = (alias: string) => sql`${sql.raw(alias)}.valid_from <= ${t}::timestamptz AND (${sql.raw(alias)}.valid_to IS NULL OR ${sql.raw(alias)}.valid_to > ${t}::timestamptz)`;
  const pt = sql`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)`;
  const [hit] = await rows<{ grids: (Ref & { path: string; grid_kind: string; dedicated_type: string | null; admission: string[] | null })[] | null; cell: Ref | null; chain: ChainItem[] | null }>(tx, sql`
    WITH hits AS (
      SELECT u.id::text AS id, u.code, u.name, u.path, u.grid_kind, u.dedicated_type, gt.admission FROM units u
        LEFT JOIN grid_types gt ON gt.id = u.grid_type_id
      WHERE u.kind = 'grid' AND ST_DWithin(u.geom, ${pt}, ${EDGE_TOLERANCE_DEG}::float8) AND ${valid('u')}
    ), g AS (
      SELECT * FROM hits WHERE grid_kind = 'basic' ORDER BY code LIMIT 1
    )
    SELECT
      (SELECT json_agg(json_build_object('id', h.id, 'code', h.code, 'name', h.name, 'path', h.path::text,
        'grid_kind', h.grid_kind, 'dedicated_type', h.dedicated_type, 'admission', h.admission) ORDER BY h.code) FROM hits h) AS grids,
      (SELECT json_build_object('id', c.id::text, 'code', c.code, 'name', c.name) FROM units c, g
        WHERE c.kind = 'cell' AND c.path <@ g.path AND ST_DWithin(c.geom, ${pt}, ${EDGE_TOLERANCE_DEG}::float8) AND ${valid('c')}
        ORDER BY c.code LIMIT 1) AS cell,
      (SELECT json_agg(json_build_object('id', a.id::text, 'kind', a.kind, 'code', a.code, 'name', a.name) ORDER BY nlevel(a.path))
        FROM units a, g WHERE a.id = ANY(string_to_array(g.path::text, '.')::bigint[])) AS chain`);

  const grids = hit?.grids ?? [];
  const basic = grids.find((g) => g.grid_kind === 'basic') ?? null;
  const dedicatedGrids = grids.filter((g) => g.grid_kind === 'dedicated')
    .map((g) => ({ id: g.id, code: g.code, name: g.name, dedicatedType: g.dedicated_type }));
  if (basic) {
    const chain = [...(hit?.chain ?? [])];
    if (hit?.cell) chain.push({ ...hit.cell, kind: 'cell' });
    return {
      chain, grid: { id: basic.id, code: basic.code, name: basic.name }, cell: hit?.cell ?? null, dedicatedGrids, nearest: null,
      admission: basic.admission,
    };
  }
  return { ...(await outsideGrids(tx, pt, valid)), dedicatedGrids };
}

/** Outside every basic grid: the chain of the deepest area unit containing the point, and the nearest grid. */
async function outsideGrids(tx: Tx, pt: ReturnType<typeof sql>, valid: (alias: string) => ReturnType<typeof sql>) {
  const [area] = await rows<Row>(tx, sql`
    SELECT u.path::text AS path FROM units u
    WHERE u.kind IN ('province','city','district','town','community') AND u.geom IS NOT NULL
      AND ST_DWithin(u.geom, ${pt}, ${EDGE_TOLERANCE_DEG}::float8) AND ${valid('u')}
    ORDER BY nlevel(u.path) DESC, u.code LIMIT 1`);
  const chain = area
    ? (await rows<Row>(tx, sql`SELECT id::text, kind, code, name FROM units WHERE path @> ${area.path}::ltree ORDER BY nlevel(path)`))
      .map((u) => ({ id: u.id, kind: u.kind as ChainItem['kind'], code: u.code, name: u.name }))
    : [];
  // KNN on the index for candidates, then true metres on the spheroid to pick and report.
  const [n] = await rows<Row & { distance_m: number }>(tx, sql`
    SELECT id, code, name, ST_Distance(geom::geography, ${pt}::geography) AS distance_m FROM (
      SELECT u.id::text, u.code, u.name, u.geom FROM units u
      WHERE u.kind = 'grid' AND u.grid_kind = 'basic' AND ${valid('u')}
      ORDER BY u.geom <-> ${pt} LIMIT 8
    ) c ORDER BY distance_m, code LIMIT 1`);
  const nearest = n ? { grid: { id: n.id, code: n.code, name: n.name }, distanceM: Math.round(Number(n.distance_m) * 10) / 10 } : null;
  return { chain, grid: null, cell: null, nearest };
}
