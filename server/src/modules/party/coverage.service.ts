import { sql } from 'drizzle-orm';
import type { Coverage, Dashboard } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { SessionUser } from '../../lib/scope.js';
import { num, scopeSql, under } from './common.js';
import { classCounts } from './orgs.repo.js';

const rate = (n: number, d: number) => (d === 0 ? 0 : Math.min(1, n / d));

/**
 * The figures a district is judged by, for a subtree (`root`, already checked to be in scope):
 * - grids: current basic grids (the grid map's count); gridsWithOrg: those with an active org linked to the grid itself;
 * - estates / estatesWithOrg: estates with an active org linked to the estate;
 * - members by class (active members whose organisation sits in the subtree);
 * - dualReportRate: in-service members registered with a community (双报到) / in-service members;
 * - trainingCoverage: members who attended a session in `year` / members.
 */
export async function coverage(tx: Tx, user: SessionUser, root: string | null, year: number): Promise<Coverage> {
  const s = (col: ReturnType<typeof sql>) => sql`${scopeSql(user, col)} AND ${under(col, root)}`;
  const [[g], [e], [m], byClass] = await Promise.all([
    queryRows<{ grids: number; with_org: number }>(tx, sql`
      SELECT count(*)::int AS grids,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM party_orgs o WHERE o.unit_id = u.id AND o.estate_id IS NULL AND o.building_id IS NULL AND o.active))::int AS with_org
      FROM units u WHERE u.kind = 'grid' AND u.grid_kind = 'basic' AND u.valid_to IS NULL AND ${s(sql`u.path`)}`),
    queryRows<{ estates: number; with_org: number }>(tx, sql`
      SELECT count(*)::int AS estates,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM party_orgs o WHERE o.estate_id = e.id AND o.building_id IS NULL AND o.active))::int AS with_org
      FROM estates e WHERE ${s(sql`e.path`)}`),
    queryRows<{ members: number; in_service: number; dual: number; trained: number }>(tx, sql`
      SELECT count(*)::int AS members,
        count(*) FILTER (WHERE m.member_class = 'in_service')::int AS in_service,
        count(*) FILTER (WHERE m.member_class = 'in_service' AND EXISTS (SELECT 1 FROM party_dual_registrations d WHERE d.member_id = m.id))::int AS dual,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM party_attendance a WHERE a.member_id = m.id
          AND a.held_on >= make_date(${year}, 1, 1) AND a.held_on < make_date(${year + 1}, 1, 1)))::int AS trained
      FROM party_members m WHERE m.active AND ${s(sql`m.path`)}`),
    classCounts(tx, s(sql`m.path`)),
  ]);
  const members = num(m?.members);
  return {
    grids: num(g?.grids), gridsWithOrg: num(g?.with_org), estates: num(e?.estates), estatesWithOrg: num(e?.with_org),
    members, membersByClass: byClass,
    dualReportRate: rate(num(m?.dual), num(m?.in_service)),
    trainingCoverage: rate(num(m?.trained), members),
  };
}

/** Coverage plus buildings, the recruitment pipeline and per-grid org presence for the map. */
export async function dashboard(tx: Tx, user: SessionUser, root: string | null, year: number): Promise<Dashboard> {
  const s = (col: ReturnType<typeof sql>) => sql`${scopeSql(user, col)} AND ${under(col, root)}`;
  const [cov, [b], pipeline, grids] = await Promise.all([
    coverage(tx, user, root, year),
    queryRows<{ n: number; with_org: number }>(tx, sql`
      SELECT count(*)::int AS n,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM party_orgs o WHERE o.building_id = b.id AND o.active))::int AS with_org
      FROM buildings b WHERE ${s(sql`b.path`)}`),
    queryRows<{ stage: string; n: number }>(tx, sql`SELECT stage, count(*)::int AS n FROM party_recruits r WHERE ${s(sql`r.path`)} GROUP BY stage`),
    queryRows<{ id: string; code: string; name: string; org_id: string | null; members: number; lon: number | null; lat: number | null }>(tx, sql`
      SELECT u.id::text, u.code, u.name, o.id::text AS org_id,
        (SELECT count(*)::int FROM party_members m WHERE m.active AND m.path <@ u.path) AS members,
        ST_X(ST_PointOnSurface(u.geom)) AS lon, ST_Y(ST_PointOnSurface(u.geom)) AS lat
      FROM units u
      LEFT JOIN LATERAL (SELECT o.id FROM party_orgs o WHERE o.unit_id = u.id AND o.estate_id IS NULL AND o.building_id IS NULL AND o.active
        ORDER BY o.id LIMIT 1) o ON true
      WHERE u.kind = 'grid' AND u.grid_kind = 'basic' AND u.valid_to IS NULL AND ${s(sql`u.path`)} ORDER BY u.code LIMIT 20000`),
  ]);
  const recruitment: Record<string, number> = { applicant: 0, activist: 0, candidate: 0, probationary: 0, full: 0, dropped: 0 };
  for (const p of pipeline) recruitment[p.stage] = num(p.n);
  return {
    coverage: cov, buildings: num(b?.n), buildingsWithOrg: num(b?.with_org), recruitment,
    grids: grids.map((r) => ({
      gridId: r.id, code: r.code, name: r.name, hasOrg: r.org_id !== null, orgId: r.org_id, members: num(r.members),
      lon: r.lon == null ? null : Number(r.lon), lat: r.lat == null ? null : Number(r.lat),
    })),
  };
}
