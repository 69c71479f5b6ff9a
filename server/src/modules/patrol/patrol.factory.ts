import { sql } from 'drizzle-orm';
import type { Role } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids, rect } from '../territory/territory.factory.js';
import { insertUnit } from '../territory/unit.writer.js';
import { buildUser } from '../users/index.js';

let seq = 0;
const tag = () => `${process.pid % 1000}${Date.now() % 1e6}${++seq}`;
/** Metres → degrees of latitude (≈110 850 m per degree near 30°N). */
export const northOf = (lat: number, metres: number): number => lat + metres / 110_850;

/**
 * A field world in the field server's band (76–78°E, 30.2°N): a community with two grids of 0.004°; grid 1 has a
 * grid type with a four-duty list, two cells (west/east halves), a key site in the west cell, a building with a
 * stairway and a household in the east cell. Users: two workers of grid 1, one of grid 2, a centre operator
 * (district admin) and a community cadre. Every code is unique, so tests may share one PostgreSQL database.
 */
export async function buildFieldWorld(tx: Tx) {
  const s = ++seq;
  const x0 = 76 + ((Math.floor(Date.now() / 1000) + s * 7) % 160) * 0.012;
  const y0 = 30.2;
  const size = 0.004;
  const t = tag();
  const terr = await buildCommunityWithGrids(tx, { x0, y0, cols: 2, size });
  const g1 = terr.grids[0]!;
  const [type] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO grid_types (code, name_zh, name_en, category, duties)
    VALUES (${`pt${t}`}, ${`测试网格类型${t}`}, ${`Test type ${t}`}, 'urban', ${JSON.stringify([
      { code: 'patrol', zh: '日常巡查走访', en: 'Daily patrol', frequency: 'daily' },
      { code: 'safety_check', zh: '安全隐患排查', en: 'Safety check', frequency: 'weekly' },
      { code: 'anti_fraud', zh: '反诈防骗宣传', en: 'Anti-fraud publicity', frequency: 'monthly' },
      { code: 'verification', zh: '办结核查回访', en: 'Verification', frequency: 'as_needed' },
    ])}::jsonb) RETURNING id::text`);
  await tx.execute(sql`UPDATE units SET grid_type_id = ${type!.id} WHERE id = ${g1.id}`);
  const half = size / 2;
  const cellW = await insertUnit(tx, { kind: 'cell', code: `${g1.code}001`, name: '西单元', parentId: g1.id, geometry: rect(x0, y0, x0 + half, y0 + size) });
  const cellE = await insertUnit(tx, { kind: 'cell', code: `${g1.code}002`, name: '东单元', parentId: g1.id, geometry: rect(x0 + half, y0, x0 + size, y0 + size) });
  const site = { lng: x0 + half / 2, lat: y0 + half };
  const [ks] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO key_sites (name, kind, grid_id, cell_id, path, location)
    VALUES (${`测试加油站${t}`}, 'hazard', ${g1.id}, ${cellW.id}, ${g1.path}::ltree, ST_SetSRID(ST_MakePoint(${site.lng}, ${site.lat}), 4326))
    RETURNING id::text`);
  const [b] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO buildings (code, name, address, grid_id, cell_id, path, floors, location)
    VALUES (${`PB${t}`}, '1栋', ${`巡查路${t}号`}, ${g1.id}, ${cellE.id}, ${g1.path}::ltree, 6, ST_SetSRID(ST_MakePoint(${x0 + half * 1.5}, ${y0 + half}), 4326))
    RETURNING id::text`);
  const [st] = await queryRows<{ id: string }>(tx, sql`INSERT INTO stairways (building_id, name) VALUES (${b!.id}, '1单元') RETURNING id::text`);
  const [h] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO households (building_id, stairway_id, room, address, grid_id, path)
    VALUES (${b!.id}, ${st!.id}, '101', ${`巡查路${t}号1栋101`}, ${g1.id}, ${g1.path}::ltree) RETURNING id::text`);
  const mk = (role: Role, homeUnitId: number) => buildUser(tx, { role, homeUnitId, displayName: `${role}${t}` });
  const users = {
    worker: await mk('grid_worker', g1.id), worker2: await mk('grid_worker', g1.id), other: await mk('grid_worker', terr.grids[1]!.id),
    centre: await mk('centre_operator', terr.district.id), community: await mk('community_cadre', terr.community.id),
  };
  return {
    ...terr, x0, y0, size, gridTypeId: type!.id, cells: { west: cellW, east: cellE }, keySite: { id: ks!.id, ...site },
    buildingId: b!.id, stairwayId: st!.id, householdId: h!.id, users,
  };
}
export type FieldWorld = Awaited<ReturnType<typeof buildFieldWorld>>;
