import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';

/** Counts of what lives under a unit path (current objects only). */
export async function countsUnder(tx: Tx, path: string, unitId: number) {
  const [r] = await queryRows<Record<string, number>>(tx, sql`SELECT
    (SELECT count(*)::int FROM units WHERE parent_id = ${unitId} AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now())) AS children,
    (SELECT count(*)::int FROM units WHERE kind = 'grid' AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now()) AND path <@ ${path}::ltree) AS grids,
    (SELECT count(*)::int FROM buildings WHERE path <@ ${path}::ltree) AS buildings,
    (SELECT count(*)::int FROM key_sites WHERE path <@ ${path}::ltree) AS key_sites,
    (SELECT count(*)::int FROM households WHERE path <@ ${path}::ltree) AS households,
    (SELECT count(*)::int FROM persons WHERE path <@ ${path}::ltree) AS persons,
    (SELECT count(*)::int FROM grid_staff WHERE active AND path <@ ${path}::ltree) AS staff`);
  return {
    children: r!.children!, grids: r!.grids!, buildings: r!.buildings!, keySites: r!.key_sites!,
    households: r!.households!, persons: r!.persons!, staff: r!.staff!,
  };
}

export async function gridTypeById(tx: Tx, id: number) {
  const [r] = await queryRows<{ id: string; code: string; name_zh: string; name_en: string; category: string; color: string; duties: never; admission: never }>(tx, sql`
    SELECT id::text, code, name_zh, name_en, category, color, duties, admission FROM grid_types WHERE id = ${id}`);
  return r ?? null;
}

export async function listGridTypes(tx: Tx) {
  return queryRows<{ id: string; code: string; name_zh: string; name_en: string; category: string; color: string; duties: never; admission: never }>(tx, sql`
    SELECT id::text, code, name_zh, name_en, category, color, duties, admission FROM grid_types ORDER BY code`);
}

export async function buildingsUnder(tx: Tx, path: string, limit: number) {
  return queryRows<{ id: string; code: string | null; name: string; address: string | null; floors: number | null; estate: string | null; grid_id: string; lng: number; lat: number; stairways: number; households: number }>(tx, sql`
    SELECT b.id::text, b.code, b.name, b.address, b.floors, e.name AS estate, b.grid_id::text,
      ST_X(b.location) AS lng, ST_Y(b.location) AS lat,
      (SELECT count(*)::int FROM stairways s WHERE s.building_id = b.id) AS stairways,
      (SELECT count(*)::int FROM households h WHERE h.building_id = b.id) AS households
    FROM buildings b LEFT JOIN estates e ON e.id = b.estate_id
    WHERE b.path <@ ${path}::ltree ORDER BY b.code NULLS LAST, b.id LIMIT ${limit}`);
}

export async function keySitesUnder(tx: Tx, path: string, limit: number) {
  return queryRows<{ id: string; name: string; kind: string; address: string | null; grid_id: string; lng: number; lat: number }>(tx, sql`
    SELECT k.id::text, k.name, k.kind, k.address, k.grid_id::text, ST_X(k.location) AS lng, ST_Y(k.location) AS lat
    FROM key_sites k WHERE k.path <@ ${path}::ltree ORDER BY k.id LIMIT ${limit}`);
}

export async function staffUnder(tx: Tx, path: string, limit: number) {
  return queryRows<{ id: string; grid_id: string; role: string; name: string; phone_masked: string | null; user_id: string | null; since: string | null }>(tx, sql`
    SELECT s.id::text, s.grid_id::text, s.role, s.name, s.phone_masked, s.user_id::text, s.since::text
    FROM grid_staff s WHERE s.active AND s.path <@ ${path}::ltree ORDER BY s.role, s.id LIMIT ${limit}`);
}

/** Layout history of a community (or of the community a grid belongs to). */
export async function layoutsOfCommunity(tx: Tx, communityId: number) {
  return queryRows<{ id: string; effective_at: string; note: string | null; summary: Record<string, unknown>; grids: number }>(tx, sql`
    SELECT l.id::text, l.effective_at, l.note, l.summary,
      (SELECT count(*)::int FROM units g WHERE g.layout_id = l.id) AS grids
    FROM grid_layouts l WHERE l.community_id = ${communityId} ORDER BY l.effective_at DESC`);
}
