import { sql } from 'drizzle-orm';
import type { Role } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { cityFor, rect, uniqueDistrictCode } from '../territory/territory.factory.js';
import { insertUnit } from '../territory/unit.writer.js';
import { buildUser } from '../users/index.js';
import { writeEmergencyPlans } from './plans.js';

let seq = 0;

/**
 * An emergency test world in helper F's band (78–80°E, 23°N): district → 2 towns → 3 communities → 7 basic grids
 * + 1 dedicated grid (never reached by a fan-out), and a second district next to it (2 grids) that must never
 * be reached. One user per role. Plans are written (idempotent) so tests can declare.
 */
export async function buildEmergencyWorld(tx: Tx) {
  seq += 1;
  const x0 = 78 + ((Math.floor(Date.now() / 1000) + seq * 13 + process.pid) % 150) * 0.012;
  const size = 0.001;
  await writeEmergencyPlans(tx);
  const d = await uniqueDistrictCode(tx, '7');
  const n = d.slice(1);
  const city = await cityFor(tx, `${d.slice(0, 4)}00000000`, n);
  const district = await insertUnit(tx, { kind: 'district', code: `${d}000000`, name: `应急测试区${n}`, parentId: city.id });
  const towns = [
    await insertUnit(tx, { kind: 'town', subkind: 'street', code: `${d}001000`, name: `应急街道A${n}`, parentId: district.id }),
    await insertUnit(tx, { kind: 'town', subkind: 'street', code: `${d}002000`, name: `应急街道B${n}`, parentId: district.id }),
  ];
  const layout: [number, string, number][] = [[0, '001001', 3], [0, '001002', 2], [1, '002001', 2]];
  const communities: { id: number; path: string }[] = [];
  const grids: { id: number; path: string; code: string; community: number; town: number }[] = [];
  let col = 0;
  for (const [ti, code, count] of layout) {
    const c = await insertUnit(tx, { kind: 'community', subkind: 'urban', code: `${d}${code}`, name: `应急社区${code}-${n}`, parentId: towns[ti]!.id,
      geometry: rect(x0 + col * size, 23, x0 + (col + count) * size, 23 + size) });
    communities.push(c);
    for (let k = 1; k <= count; k++, col++) {
      const gcode = `${d}${code}${String(k).padStart(3, '0')}`;
      const g = await insertUnit(tx, { kind: 'grid', gridKind: 'basic', code: gcode, name: `第${k}网格(${code})`, parentId: c.id, geometry: rect(x0 + col * size, 23, x0 + (col + 1) * size, 23 + size) });
      grids.push({ ...g, code: gcode, community: communities.length - 1, town: ti });
    }
  }
  const dedicated = await insertUnit(tx, { kind: 'grid', gridKind: 'dedicated', dedicatedType: 'school', code: `${d}002001901`, name: `学校专属网格${n}`,
    parentId: communities[2]!.id, geometry: rect(x0 + col * size, 23, x0 + (col + 1) * size, 23 + size) });
  // The neighbour district (never reached by this district's directives).
  const d2 = await uniqueDistrictCode(tx, '7');
  const otherCity = d2.slice(0, 4) === d.slice(0, 4) ? city : await cityFor(tx, `${d2.slice(0, 4)}00000000`, d2.slice(1));
  const other = await insertUnit(tx, { kind: 'district', code: `${d2}000000`, name: `邻区${d2}`, parentId: otherCity.id });
  const otherTown = await insertUnit(tx, { kind: 'town', subkind: 'street', code: `${d2}001000`, name: `邻街${d2}`, parentId: other.id });
  const otherCommunity = await insertUnit(tx, { kind: 'community', subkind: 'urban', code: `${d2}001001`, name: `邻社区${d2}`, parentId: otherTown.id });
  const otherGrids = [];
  for (let k = 1; k <= 2; k++) {
    otherGrids.push(await insertUnit(tx, { kind: 'grid', gridKind: 'basic', code: `${d2}001001${String(k).padStart(3, '0')}`, name: `邻网格${k}`, parentId: otherCommunity.id,
      geometry: rect(x0 + (col + 2 + k) * size, 23.01, x0 + (col + 3 + k) * size, 23.01 + size) }));
  }
  const mk = (role: Role, homeUnitId: number) => buildUser(tx, { role, homeUnitId });
  const users = {
    centre: await mk('centre_operator', district.id),
    street: await mk('street_cadre', towns[0]!.id),
    streetB: await mk('street_cadre', towns[1]!.id),
    community: await mk('community_cadre', communities[0]!.id),
    worker: await mk('grid_worker', grids[0]!.id),
    leader: await mk('grid_leader', grids[0]!.id),
    worker2: await mk('grid_worker', grids[1]!.id),
    otherCentre: await mk('centre_operator', other.id),
    otherWorker: await mk('grid_worker', otherGrids[0]!.id),
    police: await mk('auxiliary_police', grids[0]!.id),
  };
  await tx.execute(sql`INSERT INTO grid_staff (grid_id, path, role, name, user_id)
    VALUES (${grids[0]!.id}, ${grids[0]!.path}::ltree, 'grid_worker', '测试网格员', ${users.worker.id})`);
  const [plan] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM emergency_plans WHERE code = 'flood-2'`);
  return { x0, size, city, district, towns, communities, grids, dedicated, other, otherGrids, users, floodPlanId: plan!.id };
}
export type EmergencyWorld = Awaited<ReturnType<typeof buildEmergencyWorld>>;
