import { sql } from 'drizzle-orm';
import { codeProblem } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { LayoutGrid, PolygonGeometry } from './redraw.schema.js';

/** Overlaps, gaps and spill-overs up to this area are digitising noise, not errors (DOMAIN §8, issue 3). */
export const AREA_TOLERANCE_M2 = 1;
/** A gap region "touches" a grid within this many degrees (≈1 cm), so each gap names its neighbours. */
const NEIGHBOUR_DEG = 1e-7;

/** Same problem codes as the grid import, so clients show both the same way. */
export type ProblemCode =
  | 'INVALID_CODE' | 'CODE_COMMUNITY_MISMATCH' | 'DUPLICATE_CODE' | 'INVALID_GEOMETRY' | 'UNKNOWN_GRID_TYPE'
  | 'BASIC_OVERLAP' | 'GAP' | 'OUTSIDE_COMMUNITY';

export interface LayoutProblem {
  code: ProblemCode;
  /** The grid codes involved: one for a per-grid problem, both for an overlap, the neighbours of a gap. */
  gridCodes: string[];
  message: string;
  areaM2?: number;
  /** 1-based position of the grid in the request. */
  feature?: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Rings must be closed; PostGIS would otherwise throw instead of answering ST_IsValid. */
export function unclosedRing(g: PolygonGeometry): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.some((rings) => rings.some((r) => {
    const a = r[0]!;
    const b = r[r.length - 1]!;
    return a[0] !== b[0] || a[1] !== b[1];
  }));
}

/** Per-grid checks that need no database: code shape and prefix, duplicates, ring closure. */
export function checkGridsOffline(grids: LayoutGrid[], communityCode: string): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const seen = new Map<string, number>();
  grids.forEach((g, i) => {
    const feature = i + 1;
    const shape = codeProblem('grid', g.code);
    if (shape) problems.push({ code: 'INVALID_CODE', gridCodes: [g.code], feature, message: shape });
    else if (!g.code.startsWith(communityCode)) {
      problems.push({ code: 'CODE_COMMUNITY_MISMATCH', gridCodes: [g.code], feature, message: `grid code ${g.code} does not start with its community's code ${communityCode}` });
    }
    seen.set(g.code, (seen.get(g.code) ?? 0) + 1);
    if (unclosedRing(g.geometry)) {
      problems.push({ code: 'INVALID_GEOMETRY', gridCodes: [g.code], feature, message: `grid ${g.code} has an invalid geometry: a polygon ring is not closed` });
    }
  });
  for (const [code, n] of seen) {
    if (n > 1) problems.push({ code: 'DUPLICATE_CODE', gridCodes: [code], message: `grid code ${code} appears ${n} times in the layout` });
  }
  return problems;
}

/** The input grids as an SQL relation (i, code, geom). */
function inputRelation(grids: { i: number; code: string; geometry: PolygonGeometry }[]) {
  const json = JSON.stringify(grids.map((g) => ({ i: g.i, code: g.code, geometry: g.geometry })));
  return sql`(SELECT (e->>'i')::int AS i, e->>'code' AS code,
      ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON((e->'geometry')::text), 4326)) AS geom
    FROM jsonb_array_elements(${json}::jsonb) AS e)`;
}

/**
 * Validates a new basic-grid layout for a community the way an import would: valid geometry, 15-digit codes
 * under the community, known grid types, codes not taken by the community's other current grids, no overlap
 * between new grids, no gap, nothing outside the community. Every problem is reported, naming grid codes.
 */
export async function validateLayout(
  tx: Tx,
  community: { id: number; code: string; hasGeometry: boolean },
  grids: LayoutGrid[],
  keptGridCodes: string[],
): Promise<LayoutProblem[]> {
  const problems = checkGridsOffline(grids, community.code);

  const kept = new Set(keptGridCodes);
  grids.forEach((g, i) => {
    if (kept.has(g.code)) {
      problems.push({ code: 'DUPLICATE_CODE', gridCodes: [g.code], feature: i + 1, message: `grid code ${g.code} is already used by a current dedicated grid of this community` });
    }
  });

  const typeIds = [...new Set(grids.map((g) => g.gridTypeId).filter((x): x is string => !!x))];
  if (typeIds.length) {
    const found = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM grid_types WHERE id IN (${sql.join(typeIds.map((t) => sql`${Number(t)}`), sql`, `)})`);
    const ok = new Set(found.map((r) => r.id));
    grids.forEach((g, i) => {
      if (g.gridTypeId && !ok.has(g.gridTypeId)) {
        problems.push({ code: 'UNKNOWN_GRID_TYPE', gridCodes: [g.code], feature: i + 1, message: `grid ${g.code}: grid type ${g.gridTypeId} does not exist` });
      }
    });
  }

  // Spatial checks only on rings PostGIS can parse; unclosed ones are already reported.
  const parsable = grids.map((g, i) => ({ ...g, i })).filter((g) => !unclosedRing(g.geometry));
  if (!parsable.length) return problems;
  const input = inputRelation(parsable);
  const validity = await queryRows<{ i: number; code: string; valid: boolean; reason: string }>(tx, sql`
    SELECT i, code, ST_IsValid(geom) AND NOT ST_IsEmpty(geom) AS valid,
      CASE WHEN ST_IsEmpty(geom) THEN 'empty geometry' ELSE ST_IsValidReason(geom) END AS reason
    FROM ${input} g ORDER BY i`);
  const invalid = validity.filter((v) => !v.valid);
  for (const v of invalid) {
    problems.push({ code: 'INVALID_GEOMETRY', gridCodes: [v.code], feature: Number(v.i) + 1, message: `grid ${v.code} has an invalid geometry: ${v.reason}` });
  }
  // Overlay operations on invalid polygons are meaningless (and may throw): stop at the per-grid report.
  if (invalid.length || parsable.length !== grids.length) return problems;

  const overlaps = await queryRows<{ a: string; b: string; area: number }>(tx, sql`
    WITH g AS ${input}
    SELECT a.code AS a, b.code AS b, ST_Area(ST_Intersection(a.geom, b.geom)::geography) AS area
    FROM g a JOIN g b ON a.i < b.i AND ST_Intersects(a.geom, b.geom)`);
  for (const o of overlaps) {
    const area = Number(o.area);
    if (area > AREA_TOLERANCE_M2) {
      const codes = [o.a, o.b].sort();
      problems.push({ code: 'BASIC_OVERLAP', gridCodes: codes, areaM2: round(area), message: `basic grids ${codes[0]} and ${codes[1]} overlap by ${round(area)} m²` });
    }
  }

  if (!community.hasGeometry) return problems;

  const outside = await queryRows<{ i: number; code: string; area: number }>(tx, sql`
    WITH g AS ${input}, c AS (SELECT geom FROM units WHERE id = ${community.id})
    SELECT g.i, g.code, ST_Area(ST_Difference(g.geom, c.geom)::geography) AS area FROM g, c
    WHERE NOT ST_CoveredBy(g.geom, c.geom) ORDER BY g.i`);
  for (const o of outside) {
    const area = Number(o.area);
    if (area > AREA_TOLERANCE_M2) {
      problems.push({ code: 'OUTSIDE_COMMUNITY', gridCodes: [o.code], feature: Number(o.i) + 1, areaM2: round(area), message: `grid ${o.code} lies ${round(area)} m² outside its community ${community.code}` });
    }
  }

  // Gaps: what of the community the union does not cover, region by region, each naming the grids around it.
  const gaps = await queryRows<{ area: number; total: number; x: number; y: number; codes: string[] | string | null }>(tx, sql`
    WITH g AS ${input},
      c AS (SELECT geom FROM units WHERE id = ${community.id}),
      d AS (SELECT ST_Difference(c.geom, (SELECT ST_Union(geom) FROM g)) AS geom FROM c),
      parts AS (SELECT (ST_Dump(d.geom)).geom AS geom FROM d)
    SELECT ST_Area(p.geom::geography) AS area, (SELECT ST_Area(geom::geography) FROM d) AS total,
      ST_X(ST_PointOnSurface(p.geom)) AS x, ST_Y(ST_PointOnSurface(p.geom)) AS y,
      (SELECT array_agg(g.code ORDER BY g.code) FROM g WHERE ST_DWithin(g.geom, p.geom, ${NEIGHBOUR_DEG}::float8)) AS codes
    FROM parts p ORDER BY 1 DESC`);
  const codesOf = (v: string[] | string | null): string[] =>
    v == null ? [] : Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  let reported = 0;
  for (const gap of gaps) {
    const area = Number(gap.area);
    if (area > AREA_TOLERANCE_M2) {
      reported += 1;
      const codes = codesOf(gap.codes);
      problems.push({
        code: 'GAP', gridCodes: codes, areaM2: round(area),
        message: `community ${community.code} has ${round(area)} m² not covered by any grid near ${Number(gap.x).toFixed(6)}, ${Number(gap.y).toFixed(6)}${codes.length ? ` (bordering ${codes.join(', ')})` : ''}`,
      });
    }
  }
  const total = Number(gaps[0]?.total ?? 0);
  if (!reported && total > AREA_TOLERANCE_M2) {
    problems.push({ code: 'GAP', gridCodes: [], areaM2: round(total), message: `community ${community.code} has ${round(total)} m² not covered by any grid (many small slivers)` });
  }
  return problems;
}
