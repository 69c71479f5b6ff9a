import { sql } from 'drizzle-orm';
import type { Role } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser } from '../users/index.js';

let seq = 0;
const tag = () => `${process.pid % 1000}${Date.now() % 1e6}${++seq}`;

/**
 * A workflow test world in the workflow engineer's band (62–64°E, 30–31°N): a community with two grids, its
 * own matter categories (grid-level, community-level, department-level, dispute), three departments, and one
 * user per role. Every code and name is unique, so tests sharing one PostgreSQL database never collide.
 */
export async function buildWorkflowWorld(tx: Tx, opts: { x0?: number } = {}) {
  const x0 = opts.x0 ?? 62 + ((Math.floor(Date.now() / 1000) + seq * 7) % 160) * 0.012;
  const t = tag();
  const terr = await buildCommunityWithGrids(tx, { x0, y0: 30.2, cols: 2, size: 0.005 });
  const cat = {
    grid: `wf${t}.grid`, community: `wf${t}.community`, dept: `wf${t}.dept`, dispute: `wf${t}.dispute`, risky: `wf${t}.risky`,
  };
  const rows: [string, string, boolean, string, string][] = [
    [cat.grid, 'grid', false, 'low', 'h24'], [cat.community, 'community', false, 'low', 'd7'],
    [cat.dept, 'department', false, 'medium', 'd7'], [cat.dispute, 'community', true, 'medium', 'd15'], [cat.risky, 'grid', false, 'high', 'h2'],
  ];
  for (const [code, lowest, dispute, risk, cls] of rows) {
    await tx.execute(sql`INSERT INTO case_categories (code, name_zh, name_en, kind, lowest_level, deadline_class, dispute, default_risk)
      VALUES (${code}, ${`测试事项${code}`}, ${`Test ${code}`}, 'leaf', ${lowest}, ${cls}, ${dispute}, ${risk})`);
  }
  const depts: { id: number; name: string }[] = [];
  for (const k of ['A', 'B', 'C']) {
    const [d] = await queryRows<{ id: string }>(tx, sql`INSERT INTO departments (code, key, name_zh, name_en, unit_id, path)
      VALUES (${`WF${t}${k}`}, ${`wf${k.toLowerCase()}`}, ${`测试局${k}${t}`}, ${`Bureau ${k}`}, ${terr.district.id}, ${terr.district.path}::ltree) RETURNING id::text`);
    depts.push({ id: Number(d!.id), name: `测试局${k}${t}` });
  }
  const g1 = terr.grids[0]!;
  const mk = (role: Role, homeUnitId: number | null, departmentId?: number) => buildUser(tx, { role, homeUnitId, departmentId, displayName: `${role}${t}` });
  const users = {
    worker: await mk('grid_worker', g1.id), leader: await mk('grid_leader', g1.id), worker2: await mk('grid_worker', terr.grids[1]!.id),
    community: await mk('community_cadre', terr.community.id), street: await mk('street_cadre', terr.town.id),
    centre: await mk('centre_operator', terr.district.id), mediator: await mk('mediator', terr.town.id),
    deptA: await mk('department_officer', null, depts[0]!.id), deptA2: await mk('department_officer', null, depts[0]!.id),
    deptB: await mk('department_officer', null, depts[1]!.id), deptC: await mk('department_officer', null, depts[2]!.id),
  };
  return { ...terr, x0, cat, depts, users };
}
export type WorkflowWorld = Awaited<ReturnType<typeof buildWorkflowWorld>>;

/** A case row inserted directly (intake has its own tests): in grid 1 (or `gridIndex`), in state `state`. */
export async function buildCase(tx: Tx, w: WorkflowWorld, opts: {
  category?: string; state?: string; gridIndex?: number; resident?: boolean; deadlineClass?: string; title?: string; triage?: boolean;
} = {}) {
  const g = w.grids[opts.gridIndex ?? 0]!;
  const t = tag();
  const lng = w.x0 + (opts.gridIndex ?? 0) * 0.005 + 0.0025;
  const resident = opts.resident ?? true;
  const [c] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO cases (tracking_no, title, description, category_code, channel, state, deadline_class, grid_id, owner_unit_id, path, location,
      holder, has_resident_reporter, response_due_at, due_at)
    VALUES (${`WF${t}`}, ${opts.title ?? `测试案件${t}`}, '路面破损', ${opts.category ?? w.cat.grid}, ${resident ? 'web' : 'field'}, ${opts.state ?? 'reported'},
      ${opts.deadlineClass ?? 'd7'}, ${opts.triage ? null : g.id}, ${opts.triage ? w.district.id : null}, ${opts.triage ? w.district.path : g.path}::ltree,
      ST_SetSRID(ST_MakePoint(${lng}, 30.2025), 4326), ${opts.triage ? 'street' : 'grid'}, ${resident}, now() + interval '1 day', now() + interval '7 days')
    RETURNING id::text`);
  await tx.execute(sql`INSERT INTO case_reporters (case_id, tracking_no, channel, phone_masked, resident)
    VALUES (${c!.id}, ${`WF${t}`}, ${resident ? 'web' : 'field'}, '138****0000', ${resident})`);
  return { id: c!.id, trackingNo: `WF${t}` };
}
