import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser } from '../users/users.factory.js';

/**
 * Test territory for supervision (longitude band 66–68°E): a community with one grid, a department of the
 * district and one user per level of the ladder. Cases and dispatches are inserted as rows, at given times.
 */
export async function buildLadder(tx: Tx, x0: number) {
  const terr = await buildCommunityWithGrids(tx, { x0, y0: 30.2, cols: 1 });
  const grid = terr.grids[0]!;
  const [dep] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO departments (code, key, short_name, name_zh, name_en, unit_id, path)
    VALUES (${`${terr.districtCode}-cg-${Date.now() % 1e6}`}, 'chengguan', '城管', '测试城管局', 'Test urban management', ${terr.district.id}, ${terr.district.path}::ltree)
    RETURNING id::text`);
  const departmentId = Number(dep!.id);
  const worker = await buildUser(tx, { role: 'grid_worker', homeUnitId: grid.id });
  const cadre = await buildUser(tx, { role: 'community_cadre', homeUnitId: terr.community.id });
  const street = await buildUser(tx, { role: 'street_cadre', homeUnitId: terr.town.id });
  const centre = await buildUser(tx, { role: 'centre_operator', homeUnitId: terr.district.id });
  const officer = await buildUser(tx, { role: 'department_officer', homeUnitId: terr.district.id, departmentId });
  return { ...terr, x0, grid, departmentId, worker, cadre, street, centre, officer };
}
export type Ladder = Awaited<ReturnType<typeof buildLadder>>;

let n = 0;
export async function insertCase(tx: Tx, l: Ladder, c: {
  state: string; createdAt: Date; responseDueAt?: Date; dueAt?: Date; acceptedAt?: Date; verifiedAt?: Date; resident?: boolean;
}): Promise<number> {
  n += 1;
  const [r] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO cases (tracking_no, title, state, grid_id, path, location, holder, created_at, response_due_at, due_at, accepted_at,
      verified_at, has_resident_reporter, deadline_class)
    VALUES (${`SV${Date.now() % 1e9}${process.pid % 1000}${n}`}, '路灯不亮', ${c.state}, ${l.grid.id}, ${l.grid.path}::ltree,
      ST_SetSRID(ST_MakePoint(${l.x0 + 0.005}, 30.205), 4326), 'grid', ${c.createdAt}, ${c.responseDueAt ?? null},
      ${c.dueAt ?? null}, ${c.acceptedAt ?? null}, ${c.verifiedAt ?? null}, ${c.resident ?? false}, 'd7')
    RETURNING id::text`);
  return Number(r!.id);
}

export async function insertDispatch(tx: Tx, l: Ladder, caseId: number, d: { state: string; createdAt: Date; ackDueAt: Date; handleDueAt: Date }): Promise<number> {
  const [r] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO case_dispatches (case_id, department_id, role, state, ack_due_at, handle_due_at, created_at)
    VALUES (${caseId}, ${l.departmentId}, 'lead', ${d.state}, ${d.ackDueAt}, ${d.handleDueAt}, ${d.createdAt}) RETURNING id::text`);
  return Number(r!.id);
}

export async function notificationsOf(tx: Tx, userId: number, caseId: number) {
  return queryRows<{ kind: string; title: string }>(tx, sql`
    SELECT kind, title FROM notifications WHERE user_id = ${userId} AND case_id = ${caseId} ORDER BY id`);
}
