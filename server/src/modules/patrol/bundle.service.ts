import { sql } from 'drizzle-orm';
import { TERMINAL_STATES, type FieldBundle } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import type { SessionUser } from '../../lib/scope.js';
import { dutiesOf, fieldGrids, type FieldGrid } from './grids.js';
import { activePatrolId } from './patrol.repo.js';
import { effectivePolicy } from './policy.service.js';
import { tasksFor } from './tasks.service.js';

type Grid = FieldBundle['grids'][number];
const num = (v: unknown): number => Number(v);
const geo = (v: string | null) => (v ? JSON.parse(v) as Grid['boundary'] : null);
const terminal = sql.raw(TERMINAL_STATES.map((s) => `'${s}'`).join(','));

async function gridContent(tx: Tx, g: FieldGrid, duties: Grid['duties']): Promise<Grid> {
  const [head, cells, buildings, stairs, households, sites, cases] = await Promise.all([
    queryRows<{ geom: string | null; x0: number | null; y0: number | null; x1: number | null; y1: number | null; tcode: string | null; tzh: string | null; ten: string | null }>(tx, sql`
      SELECT ST_AsGeoJSON(u.geom, 7) AS geom, ST_XMin(u.geom) AS x0, ST_YMin(u.geom) AS y0, ST_XMax(u.geom) AS x1, ST_YMax(u.geom) AS y1,
             t.code AS tcode, t.name_zh AS tzh, t.name_en AS ten
      FROM units u LEFT JOIN grid_types t ON t.id = u.grid_type_id WHERE u.id = ${g.id}`),
    queryRows<{ id: string; code: string; name: string; geom: string | null }>(tx, sql`
      SELECT id::text, code, name, ST_AsGeoJSON(geom, 7) AS geom FROM units
      WHERE kind = 'cell' AND parent_id = ${g.id} AND valid_to IS NULL ORDER BY code`),
    queryRows<{ id: string; name: string; address: string | null; cell_id: string | null; floors: number | null; lat: number; lng: number }>(tx, sql`
      SELECT id::text, name, address, cell_id::text, floors, ST_Y(location) AS lat, ST_X(location) AS lng FROM buildings
      WHERE grid_id = ${g.id} ORDER BY name, id`),
    queryRows<{ id: string; building_id: string; name: string }>(tx, sql`
      SELECT s.id::text, s.building_id::text, s.name FROM stairways s JOIN buildings b ON b.id = s.building_id
      WHERE b.grid_id = ${g.id} ORDER BY s.name, s.id`),
    queryRows<{ id: string; building_id: string | null; stairway_id: string | null; room: string | null; address: string }>(tx, sql`
      SELECT id::text, building_id::text, stairway_id::text, room, address FROM households WHERE grid_id = ${g.id} ORDER BY address, id`),
    queryRows<{ id: string; name: string; kind: string; cell_id: string | null; address: string | null; lat: number; lng: number }>(tx, sql`
      SELECT id::text, name, kind, cell_id::text, address, ST_Y(location) AS lat, ST_X(location) AS lng FROM key_sites
      WHERE grid_id = ${g.id} ORDER BY name, id`),
    queryRows<{ id: string; tracking_no: string; title: string; state: string; category_code: string | null; lat: number | null; lng: number | null; due_at: Date | string | null }>(tx, sql`
      SELECT c.id::text, c.tracking_no, c.title, c.state, c.category_code, ST_Y(c.location) AS lat, ST_X(c.location) AS lng, c.due_at
      FROM cases c WHERE c.grid_id = ${g.id} AND c.state NOT IN (${terminal}) ORDER BY c.due_at NULLS LAST, c.id`),
  ]);
  const h = head[0]!;
  const stairsOf = new Map<string, { id: string; name: string }[]>();
  for (const s of stairs) stairsOf.set(s.building_id, [...(stairsOf.get(s.building_id) ?? []), { id: s.id, name: s.name }]);
  return {
    id: String(g.id), code: g.code, name: g.name,
    gridType: h.tcode ? { code: h.tcode, zh: h.tzh ?? '', en: h.ten ?? '' } : null,
    boundary: geo(h.geom),
    bbox: h.x0 == null ? null : [num(h.x0), num(h.y0), num(h.x1), num(h.y1)],
    cells: cells.map((c) => ({ id: c.id, code: c.code, name: c.name, geometry: geo(c.geom) })),
    buildings: buildings.map((b) => ({
      id: b.id, name: b.name, address: b.address, cellId: b.cell_id, floors: b.floors == null ? null : num(b.floors),
      lat: num(b.lat), lng: num(b.lng), stairways: stairsOf.get(b.id) ?? [],
    })),
    households: households.map((x) => ({ id: x.id, buildingId: x.building_id, stairwayId: x.stairway_id, room: x.room, address: x.address })),
    keySites: sites.map((k) => ({ id: k.id, name: k.name, kind: k.kind, cellId: k.cell_id, address: k.address, lat: num(k.lat), lng: num(k.lng) })),
    openCases: cases.map((c) => ({
      id: c.id, code: c.tracking_no, title: c.title, state: c.state, categoryCode: c.category_code,
      lat: c.lat == null ? null : num(c.lat), lng: c.lng == null ? null : num(c.lng),
      dueAt: c.due_at ? new Date(c.due_at).toISOString() : null, toVerify: c.state === 'handled',
    })),
    duties,
  };
}

/**
 * Everything the field app caches for offline work in the worker's grid(s): boundary, cells, buildings with
 * stairways, households (addresses only: residents are looked up online and masked), key sites, open cases,
 * the duty list and today's tasks, and the effective tracking policy.
 */
export async function fieldBundle(tx: Tx, user: SessionUser, gridId?: number): Promise<FieldBundle> {
  const grids = await fieldGrids(tx, user, gridId);
  const duties = await dutiesOf(tx, grids);
  const content: Grid[] = [];
  for (const g of grids) content.push(await gridContent(tx, g, duties.get(g.id) ?? []));
  const policyPath = grids[0]?.path ?? (user.homeUnitId ? (await queryRows<{ path: string }>(tx, sql`SELECT path::text FROM units WHERE id = ${user.homeUnitId}`))[0]?.path : undefined);
  const policy = policyPath
    ? await effectivePolicy(tx, policyPath)
    : { districtId: null, tracking: false, checkins: false, wartime: false, peacetime: { tracking: false, checkins: false }, wartimeOn: true };
  const tasks = grids.length ? (await tasksFor(tx, user, { gridId })).items : [];
  const active = await activePatrolId(tx, user.id);
  return { generatedAt: clock.now().toISOString(), grids: content, tasks, policy, activePatrolId: active === null ? null : String(active) };
}
