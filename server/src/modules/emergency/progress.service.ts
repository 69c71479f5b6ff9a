import { sql } from 'drizzle-orm';
import type { Progress } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { pgArray, queryRows } from '../../db/sql.js';
import type { SessionUser } from '../../lib/scope.js';
import { invalid, pct, unitInScopeOrFail } from './common.js';
import { directiveVisibleOrFail } from './directives.service.js';

const LAGGARDS = 50;

/**
 * The live board: totals over the grids under `unitId` (default: the directive's area, narrowed to the user's
 * scope) and one row per child unit (town → community → grid as the user drills down), plus the laggards: grids
 * not yet executed, unacknowledged first, most escalated first. Grouping is by the ltree label below the root,
 * so it is one indexed aggregate whatever the depth.
 */
export async function progress(tx: Tx, user: SessionUser, directiveId: number, unitId?: string): Promise<Progress> {
  const d = await directiveVisibleOrFail(tx, user, directiveId);
  let root: { id: string; path: string };
  if (unitId) {
    root = await unitInScopeOrFail(tx, user, Number(unitId), 'unitId');
  } else if (user.scopePath === null || d.path === user.scopePath || d.path.startsWith(`${user.scopePath}.`)) {
    const [u] = await queryRows<{ id: string; path: string }>(tx, sql`SELECT id::text, path::text AS path FROM units WHERE path = ${d.path}::ltree LIMIT 1`);
    root = u!;
  } else {
    const [u] = await queryRows<{ id: string; path: string }>(tx, sql`SELECT id::text, path::text AS path FROM units WHERE id = ${user.homeUnitId}`);
    if (!u) throw invalid('unitId', 'required for a user without a home unit');
    root = u;
  }
  const rows = await queryRows<{ child: string; total: number; ack: number; exec: number }>(tx, sql`
    SELECT CASE WHEN nlevel(path) > nlevel(${root.path}::ltree) THEN subpath(path, nlevel(${root.path}::ltree), 1)::text ELSE ${root.id} END AS child,
      count(*)::int AS total, count(*) FILTER (WHERE state <> 'pending')::int AS ack, count(*) FILTER (WHERE state = 'executed')::int AS exec
    FROM directive_grids WHERE directive_id = ${directiveId} AND path <@ ${root.path}::ltree
    GROUP BY 1`);
  const ids = rows.map((r) => r.child);
  const names = ids.length ? await queryRows<{ id: string; name: string; kind: string; code: string }>(tx, sql`
    SELECT id::text, name, kind, code FROM units WHERE id = ANY(${pgArray(ids)}::bigint[])`) : [];
  const byId = new Map(names.map((n) => [n.id, n]));
  const byUnit = rows.map((r) => ({
    unitId: r.child, name: byId.get(r.child)?.name ?? r.child, kind: byId.get(r.child)?.kind ?? 'unit', code: byId.get(r.child)?.code ?? '',
    total: r.total, acknowledged: r.ack, executed: r.exec, ackPct: pct(r.ack, r.total), execPct: pct(r.exec, r.total),
  })).sort((a, b) => a.execPct - b.execPct || a.ackPct - b.ackPct || a.code.localeCompare(b.code))
    .map(({ code: _c, ...rest }) => rest);
  const total = rows.reduce((s, r) => s + r.total, 0);
  const acknowledged = rows.reduce((s, r) => s + r.ack, 0);
  const executed = rows.reduce((s, r) => s + r.exec, 0);
  const lag = await queryRows<{ grid_id: string; grid_name: string; community: string | null; town: string | null; state: string; escalation: number; lon: number | null; lat: number | null }>(tx, sql`
    SELECT dg.grid_id::text, g.name AS grid_name, c.name AS community, t.name AS town, dg.state, dg.escalation,
      ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
    FROM directive_grids dg JOIN units g ON g.id = dg.grid_id
    LEFT JOIN units c ON c.id = g.parent_id LEFT JOIN units t ON t.id = c.parent_id
    WHERE dg.directive_id = ${directiveId} AND dg.path <@ ${root.path}::ltree AND dg.state <> 'executed'
    ORDER BY (dg.state = 'pending') DESC, dg.escalation DESC, g.code
    LIMIT ${LAGGARDS}`);
  return {
    directiveId: String(directiveId), unitId: root.id, total, acknowledged, executed, ackPct: pct(acknowledged, total), execPct: pct(executed, total),
    byUnit,
    laggards: lag.map((l) => ({
      gridId: l.grid_id, gridName: l.grid_name, communityName: l.community, townName: l.town, state: l.state as 'pending' | 'acknowledged',
      escalation: Number(l.escalation), lon: l.lon == null ? null : Number(l.lon), lat: l.lat == null ? null : Number(l.lat),
    })),
    laggardsTotal: total - executed,
  };
}
