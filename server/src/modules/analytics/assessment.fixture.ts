import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids, rect } from '../territory/territory.factory.js';
import { insertUnit } from '../territory/unit.writer.js';
import { buildUser } from '../users/users.factory.js';

let seq = 0;
const tag = () => `${process.pid % 1000}${Date.now() % 1e6}${++seq}`;

/**
 * Test territory for risk and assessment (longitude band 74–76°E): a district with two streets (towns); street 1
 * has a community with grids g1, g2 (0.01° squares from x0), street 2 a community with grid g3 beside them. Two
 * categories and two departments of the district, unique per call; a building in g1; one user per level.
 */
export async function buildAssessWorld(tx: Tx, x0: number) {
  const t = tag();
  const size = 0.01;
  const y0 = 30.2;
  const terr = await buildCommunityWithGrids(tx, { x0, y0, cols: 2, size });
  const d = terr.districtCode;
  const town2 = await insertUnit(tx, { kind: 'town', subkind: 'street', code: `${d}002000`, name: `测试二街道${d.slice(1)}`, parentId: terr.district.id });
  const community2 = await insertUnit(tx, {
    kind: 'community', subkind: 'urban', code: `${d}002001`, name: `测试二社区${d.slice(1)}`, parentId: town2.id,
    geometry: rect(x0 + 2 * size, y0, x0 + 3 * size, y0 + size),
  });
  const g3code = `${d}002001001`;
  const g3 = await insertUnit(tx, {
    kind: 'grid', gridKind: 'basic', code: g3code, name: '二街第1网格', parentId: community2.id, geometry: rect(x0 + 2 * size, y0, x0 + 3 * size, y0 + size),
  });
  const grids = [...terr.grids, { ...g3, code: g3code }];
  const cat = { road: `as${t}.road`, noise: `as${t}.noise` };
  for (const [code, zh, en] of [[cat.road, `道路破损${t}`, `Road damage ${t}`], [cat.noise, `噪声扰民${t}`, `Noise ${t}`]] as const) {
    // Under the seeded 环境 group, so the public catalogue on a shared database still starts with groups only.
    await tx.execute(sql`INSERT INTO case_categories (code, parent_code, name_zh, name_en, kind)
      VALUES (${code}, (SELECT code FROM case_categories WHERE code = 'env'), ${zh}, ${en}, 'leaf')`);
  }
  const depts: { id: number; name: string }[] = [];
  for (const k of ['A', 'B']) {
    const name = `评议局${k}${t}`;
    const [row] = await queryRows<{ id: string }>(tx, sql`INSERT INTO departments (code, key, name_zh, name_en, unit_id, path)
      VALUES (${`AS${t}${k}`}, ${`as${k.toLowerCase()}`}, ${name}, ${`Rated bureau ${k}`}, ${terr.district.id}, ${terr.district.path}::ltree) RETURNING id::text`);
    depts.push({ id: Number(row!.id), name });
  }
  // A building at the middle of g1, where the repeat-building cases are put.
  const bx = x0 + size / 2;
  const by = y0 + size / 2;
  const [b] = await queryRows<{ id: string }>(tx, sql`INSERT INTO buildings (code, name, address, grid_id, path, floors, location)
    VALUES (${`AB${t}`}, ${`幸福楼${t}`}, '幸福路1号', ${grids[0]!.id}, ${grids[0]!.path}::ltree, 6, ST_SetSRID(ST_MakePoint(${bx}, ${by}), 4326)) RETURNING id::text`);
  const users = {
    centre: await buildUser(tx, { role: 'centre_operator', homeUnitId: terr.district.id }),
    street: await buildUser(tx, { role: 'street_cadre', homeUnitId: terr.town.id }),
    street2: await buildUser(tx, { role: 'street_cadre', homeUnitId: town2.id }),
    cadre: await buildUser(tx, { role: 'community_cadre', homeUnitId: terr.community.id }),
    worker: await buildUser(tx, { role: 'grid_worker', homeUnitId: grids[0]!.id }),
  };
  return { ...terr, x0, y0, size, town2, community2, grids, cat, depts, building: { id: Number(b!.id), lng: bx, lat: by }, users };
}
export type AssessWorld = Awaited<ReturnType<typeof buildAssessWorld>>;

export interface CaseSpec {
  grid?: number; category?: 'road' | 'noise'; state?: string; createdAt: Date;
  lng?: number; lat?: number; address?: string | null; riskLevel?: string;
  firstResponseAt?: Date | null; responseDueAt?: Date | null; dueAt?: Date | null;
  ratedAt?: Date | null; resolved?: boolean | null; satisfaction?: string | null; unrated?: boolean; closedAt?: Date | null;
  holder?: string; warnLevel?: string;
}

/** A case row at a given time (default: the middle of grid `grid`). */
export async function insertAssessCase(tx: Tx, w: AssessWorld, c: CaseSpec): Promise<number> {
  const g = w.grids[c.grid ?? 0]!;
  const lng = c.lng ?? w.x0 + (c.grid ?? 0) * w.size + w.size / 2 + 0.002;
  const lat = c.lat ?? w.y0 + w.size / 2 + 0.002;
  const [r] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO cases (tracking_no, title, state, category_code, grid_id, path, location, address, holder, risk_level, created_at,
      first_response_at, response_due_at, due_at, rated_at, resolved, satisfaction, unrated, closed_at, warn_level, deadline_class)
    VALUES (${`AS${tag()}`}, ${`测试诉求${seq}`}, ${c.state ?? 'closed'}, ${w.cat[c.category ?? 'road']}, ${g.id}, ${g.path}::ltree,
      ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), ${c.address ?? null}, ${c.holder ?? 'grid'}, ${c.riskLevel ?? 'low'}, ${c.createdAt},
      ${c.firstResponseAt ?? null}, ${c.responseDueAt ?? null}, ${c.dueAt ?? null}, ${c.ratedAt ?? null}, ${c.resolved ?? null},
      ${c.satisfaction ?? null}, ${c.unrated ?? false}, ${c.closedAt ?? null}, ${c.warnLevel ?? 'none'}, 'd7')
    RETURNING id::text`);
  return Number(r!.id);
}

export async function insertAssessDispatch(tx: Tx, caseId: number, departmentId: number, d: {
  role?: 'lead' | 'assist'; createdAt: Date; handleDueAt: Date; handledAt?: Date | null;
}): Promise<number> {
  const [r] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO case_dispatches (case_id, department_id, role, state, ack_due_at, handle_due_at, handled_at, created_at)
    VALUES (${caseId}, ${departmentId}, ${d.role ?? 'lead'}, ${d.handledAt ? 'handled' : 'acknowledged'}, ${d.createdAt}, ${d.handleDueAt},
      ${d.handledAt ?? null}, ${d.createdAt}) RETURNING id::text`);
  if ((d.role ?? 'lead') === 'lead') await tx.execute(sql`UPDATE cases SET lead_department_id = ${departmentId} WHERE id = ${caseId}`);
  return Number(r!.id);
}
