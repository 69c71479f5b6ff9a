import { sql, type SQL } from 'drizzle-orm';
import { TERMINAL_STATES } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { pgArray, queryRows } from '../../db/sql.js';
import { EDGE_TOLERANCE_DEG } from './locate.service.js';

/** Case states that no longer move with a redraw: their statistics stay with the grid that handled them. */
export const FINISHED_CASE_STATES = TERMINAL_STATES;

export interface CommunityRow { id: string; code: string; name: string; kind: string; path: string; has_geom: boolean; valid_to: string | null }
export interface GridRow { id: string; code: string; name: string; path: string; valid_from: string }
export interface LayoutRow {
  id: string; community_id: string; effective_at: string; note: string | null; summary: Record<string, unknown>;
  created_by: string | null; created_at: string;
}

/** The community row, locked so two redraws of one community serialise. */
export async function lockCommunity(tx: Tx, id: number) {
  const [r] = await queryRows<CommunityRow>(tx, sql`
    SELECT id::text, code, name, kind, path::text AS path, geom IS NOT NULL AS has_geom, valid_to
    FROM units WHERE id = ${id} FOR UPDATE`);
  return r ?? null;
}

export async function currentGrids(tx: Tx, communityId: number, gridKind: 'basic' | 'dedicated') {
  return queryRows<GridRow>(tx, sql`
    SELECT id::text, code, name, path::text AS path, valid_from FROM units
    WHERE kind = 'grid' AND grid_kind = ${gridKind} AND parent_id = ${communityId} AND valid_to IS NULL ORDER BY code`);
}

export async function pendingLayout(tx: Tx, communityId: number) {
  const [r] = await queryRows<{ id: string; effective_at: string }>(tx, sql`
    SELECT id::text, effective_at FROM grid_layouts WHERE community_id = ${communityId} AND summary->>'state' = 'pending' LIMIT 1`);
  return r ?? null;
}

export async function insertLayout(tx: Tx, l: { communityId: number; effectiveAt: Date; note: string | null; createdBy: number | null; summary: object }) {
  const [r] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO grid_layouts (community_id, effective_at, note, summary, created_by)
    VALUES (${l.communityId}, ${l.effectiveAt.toISOString()}::timestamptz, ${l.note}, ${JSON.stringify(l.summary)}::jsonb, ${l.createdBy})
    RETURNING id::text`);
  return Number(r!.id);
}

export async function setLayoutSummary(tx: Tx, id: number, summary: object) {
  await queryRows(tx, sql`UPDATE grid_layouts SET summary = ${JSON.stringify(summary)}::jsonb WHERE id = ${id}`);
}

const layoutCols = sql`id::text, community_id::text, effective_at, note, summary, created_by::text, created_at`;

export async function layoutById(tx: Tx, id: number, lock: '' | 'skip' = '') {
  const [r] = await queryRows<LayoutRow>(tx, sql`
    SELECT ${layoutCols} FROM grid_layouts WHERE id = ${id} ${lock === 'skip' ? sql`FOR UPDATE SKIP LOCKED` : sql``}`);
  return r ?? null;
}

/** The oldest pending layout that is due, locked; another instance applying one skips it. */
export async function nextDueLayout(tx: Tx, now: Date) {
  const [r] = await queryRows<LayoutRow>(tx, sql`
    SELECT ${layoutCols} FROM grid_layouts
    WHERE summary->>'state' = 'pending' AND effective_at <= ${now.toISOString()}::timestamptz
    ORDER BY effective_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`);
  return r ?? null;
}

/** Old grids and the cells under them stop being valid at `at` (rows are kept: history and statistics). */
export async function closeGridsAndCells(tx: Tx, gridIds: number[], at: Date) {
  const ids = idArray(gridIds);
  const cells = await queryRows<{ id: string }>(tx, sql`
    UPDATE units SET valid_to = ${at.toISOString()}::timestamptz, updated_at = now()
    WHERE kind = 'cell' AND parent_id = ANY(${ids}::bigint[]) AND valid_to IS NULL RETURNING id::text`);
  await queryRows(tx, sql`
    UPDATE units SET valid_to = ${at.toISOString()}::timestamptz, updated_at = now()
    WHERE id = ANY(${ids}::bigint[])`);
  return cells.length;
}

export async function gridsOfLayout(tx: Tx, layoutId: number) {
  return queryRows<{ id: string; code: string; name: string }>(tx, sql`
    SELECT id::text, code, name FROM units WHERE layout_id = ${layoutId} AND kind = 'grid' ORDER BY code`);
}

/** A bigint[] literal; passing arrays as text works the same on PGlite and node-postgres. */
/** Ids as one array parameter, each coerced to a number first. */
const idArray = (ids: (number | string)[]) => pgArray(ids.map(Number));

/**
 * Each old grid → the new grid that overlaps it most (ties: lowest code); an old grid touching none of the
 * new ones goes to the nearest. This is where residents without a building, staff and users go.
 */
export async function bestOverlap(tx: Tx, oldIds: number[], layoutId: number) {
  return queryRows<{ old_id: string; new_id: string }>(tx, sql`
    SELECT DISTINCT ON (o.id) o.id::text AS old_id, n.id::text AS new_id
    FROM units o CROSS JOIN units n
    WHERE o.id = ANY(${idArray(oldIds)}::bigint[]) AND n.layout_id = ${layoutId} AND n.kind = 'grid'
    ORDER BY o.id,
      CASE WHEN ST_Intersects(o.geom, n.geom) THEN ST_Area(ST_Intersection(o.geom, n.geom)::geography) ELSE 0 END DESC,
      ST_Distance(o.geom, n.geom), n.code`);
}

export interface Moved { id: string; prev_id: string | null; from_id: string; to_id: string }

interface MoveSpec {
  table: 'buildings' | 'key_sites' | 'estates' | 'cases' | 'households' | 'persons' | 'grid_staff';
  entityType: string;
  /** The new grid for row x (m.new_id is the best-overlap fallback). */
  target: SQL;
  filter?: SQL;
  clearCell?: boolean;
}

function mapRelation(map: { old_id: string; new_id: string }[]) {
  return sql`(SELECT * FROM unnest(${idArray(map.map((m) => m.old_id))}::bigint[], ${idArray(map.map((m) => m.new_id))}::bigint[]) AS mm(old_id, new_id))`;
}

/** The new grid containing x.location (lowest code on a shared edge, as locate does), else the fallback. */
export const byLocation = (layoutId: number) => sql`COALESCE((SELECT n.id FROM units n
  WHERE n.layout_id = ${layoutId} AND n.kind = 'grid' AND ST_DWithin(n.geom, x.location, ${EDGE_TOLERANCE_DEG}::float8)
  ORDER BY n.code LIMIT 1), m.new_id)`;

/** Follow another already-moved row's grid when it is one of the layout's grids, else the fallback. */
export const following = (table: 'buildings' | 'households', fk: 'building_id' | 'household_id', layoutId: number) =>
  sql`COALESCE((SELECT f.grid_id FROM ${sql.raw(table)} f JOIN units n ON n.id = f.grid_id AND n.layout_id = ${layoutId}
  WHERE f.id = x.${sql.raw(fk)}), m.new_id)`;

/**
 * Move every row of `table` sitting on an old grid to its new grid, update its path, and record each move in
 * grid_moves. One statement per kind, set-based; `t` is materialised so each row's target is computed once.
 */
export async function moveRows(tx: Tx, layoutId: number, at: Date, map: { old_id: string; new_id: string }[], spec: MoveSpec) {
  if (!map.length) return [];
  const t = sql.raw(spec.table);
  return queryRows<Moved>(tx, sql`
    WITH m AS ${mapRelation(map)},
    t AS MATERIALIZED (
      SELECT x.id, x.grid_id AS from_id, ${spec.target} AS to_id
      FROM ${t} x JOIN m ON m.old_id = x.grid_id
      ${spec.filter ? sql`WHERE ${spec.filter}` : sql``}
    ),
    u AS (
      UPDATE ${t} y SET grid_id = t.to_id, path = g.path ${spec.clearCell ? sql`, cell_id = NULL` : sql``}
      FROM t JOIN units g ON g.id = t.to_id
      WHERE y.id = t.id RETURNING y.id, t.from_id, t.to_id
    ),
    ins AS (
      INSERT INTO grid_moves (layout_id, entity_type, entity_id, from_grid_id, to_grid_id, at)
      SELECT ${layoutId}, ${spec.entityType}, u.id::text, u.from_id, u.to_id, ${at.toISOString()}::timestamptz FROM u
    )
    SELECT u.id::text, u.from_id::text AS prev_id, u.from_id::text, u.to_id::text FROM u ORDER BY u.id`);
}

/** Users whose home unit is an old grid or one of its cells get the best-overlap new grid. */
export async function moveUsers(tx: Tx, layoutId: number, at: Date, map: { old_id: string; new_id: string }[]) {
  if (!map.length) return [];
  return queryRows<Moved>(tx, sql`
    WITH m AS ${mapRelation(map)},
    t AS MATERIALIZED (
      SELECT x.id, x.home_unit_id AS prev_id, m.old_id AS from_id, m.new_id AS to_id
      FROM users x JOIN units h ON h.id = x.home_unit_id
      JOIN m ON m.old_id = CASE WHEN h.kind = 'cell' THEN h.parent_id ELSE h.id END
    ),
    u AS (UPDATE users y SET home_unit_id = t.to_id FROM t WHERE y.id = t.id RETURNING y.id, t.prev_id, t.from_id, t.to_id),
    ins AS (
      INSERT INTO grid_moves (layout_id, entity_type, entity_id, from_grid_id, to_grid_id, at)
      SELECT ${layoutId}, 'user', u.id::text, u.from_id, u.to_id, ${at.toISOString()}::timestamptz FROM u
    )
    SELECT u.id::text, u.prev_id::text, u.from_id::text, u.to_id::text FROM u ORDER BY u.id`);
}

export async function finishedCasesOn(tx: Tx, gridIds: number[]) {
  const [r] = await queryRows<{ n: number }>(tx, sql`
    SELECT count(*)::int AS n FROM cases WHERE grid_id = ANY(${idArray(gridIds)}::bigint[])
      AND state IN (${sql.join(FINISHED_CASE_STATES.map((s) => sql`${s}`), sql`, `)})`);
  return r!.n;
}

export async function movesOfLayout(tx: Tx, layoutId: number) {
  return queryRows<{ entity_type: string; from_id: string | null; from_code: string | null; from_name: string | null; to_id: string | null; to_code: string | null; to_name: string | null; n: number }>(tx, sql`
    SELECT gm.entity_type, gm.from_grid_id::text AS from_id, f.code AS from_code, f.name AS from_name,
      gm.to_grid_id::text AS to_id, t.code AS to_code, t.name AS to_name, count(*)::int AS n
    FROM grid_moves gm LEFT JOIN units f ON f.id = gm.from_grid_id LEFT JOIN units t ON t.id = gm.to_grid_id
    WHERE gm.layout_id = ${layoutId}
    GROUP BY gm.entity_type, gm.from_grid_id, f.code, f.name, gm.to_grid_id, t.code, t.name
    ORDER BY gm.entity_type, f.code, t.code`);
}
