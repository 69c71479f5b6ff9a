import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { buildWorkflowWorld, type WorkflowWorld } from '../cases/case.factory.js';

/** Helper A's longitude band (72–74°E): a random slot so reruns on a shared database do not collide. */
export const bandX0 = () => 72 + Math.floor(Math.random() * 150) * 0.012;

export interface FixtureCase {
  key: string; grid?: 0 | 1; state: string; created: string; firstResponse?: string; responseDue?: string; due?: string;
  rated?: string; resolved?: boolean; satisfaction?: string; closed?: string; unrated?: boolean; channel?: string;
}

/** Inserts matters with explicit times (ISO with offset) straight into `cases`; the triggers keep the rollups. */
export async function insertFixtureCase(tx: Tx, w: WorkflowWorld, c: FixtureCase): Promise<string> {
  const g = w.grids[c.grid ?? 0]!;
  const lng = w.x0 + (c.grid ?? 0) * 0.005 + 0.0025;
  const ts = (v?: string) => (v ? new Date(v) : null);
  const [r] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO cases (tracking_no, title, category_code, channel, state, deadline_class, grid_id, path, location, holder,
      created_at, first_response_at, response_due_at, due_at, rated_at, resolved, satisfaction, closed_at, unrated)
    VALUES (${`AN${w.x0.toFixed(3)}${c.key}${Math.random().toString(36).slice(2, 8)}`}, ${`指标测试${c.key}`}, ${w.cat.grid}, ${c.channel ?? 'web'},
      ${c.state}, 'd7', ${g.id}, ${g.path}::ltree, ST_SetSRID(ST_MakePoint(${lng}, 30.2025), 4326), 'grid',
      ${new Date(c.created)}, ${ts(c.firstResponse)}, ${ts(c.responseDue)}, ${ts(c.due) ?? new Date('2099-01-01T00:00:00Z')},
      ${ts(c.rated)}, ${c.resolved ?? null}, ${c.satisfaction ?? null}, ${ts(c.closed)}, ${c.unrated ?? false})
    RETURNING id::text`);
  return r!.id;
}

export async function insertDispatch(tx: Tx, w: WorkflowWorld, caseId: string, d: { created: string; due: string; handled?: string; dept?: number }) {
  await tx.execute(sql`INSERT INTO case_dispatches (case_id, department_id, role, state, ack_due_at, handle_due_at, handled_at, created_at)
    VALUES (${caseId}, ${w.depts[d.dept ?? 0]!.id}, 'lead', ${d.handled ? 'handled' : 'sent'}, ${new Date(d.created)}, ${new Date(d.due)},
      ${d.handled ? new Date(d.handled) : null}, ${new Date(d.created)})`);
}

/**
 * The hand-computed fixture (indicators.test.ts). March 2026, Asia/Shanghai days:
 *  received: A B C D F G = 6 (E was received on 28 Feb at 23:59; D on 31 Mar at 23:30); on time: A D F G = 4
 *  rated in March: A B E = 3 (D rated 1 Apr); solved: A B = 2; satisfied or basic: A B E = 3; F closed unrated
 *  closed in March and still closed: A B F = 3 (G rejected, D closed 1 Apr, E reopened)
 *  dispatches handled in March: 2, on time: 1 (a third handled 1 Apr, a fourth never)
 *  overdueOpen now: C only (H is suspended, I handled, both past their deadline)
 */
export async function buildIndicatorFixture(tx: Tx) {
  const w = await buildWorkflowWorld(tx, { x0: bandX0() });
  const far = '2099-01-01T00:00:00Z';
  const cases: FixtureCase[] = [
    { key: 'A', state: 'closed', created: '2026-03-01T00:30:00+08:00', firstResponse: '2026-03-01T01:30:00+08:00', responseDue: '2026-03-01T02:30:00+08:00',
      rated: '2026-03-05T10:00:00+08:00', resolved: true, satisfaction: 'satisfied', closed: '2026-03-05T10:00:00+08:00' },
    { key: 'B', state: 'closed', created: '2026-03-02T10:00:00+08:00', firstResponse: '2026-03-03T12:00:00+08:00', responseDue: '2026-03-03T10:00:00+08:00',
      rated: '2026-03-10T10:00:00+08:00', resolved: true, satisfaction: 'basic', closed: '2026-03-10T10:00:00+08:00' },
    { key: 'C', state: 'reported', created: '2026-03-03T09:00:00+08:00', responseDue: '2026-03-04T09:00:00+08:00', due: '2026-03-12T09:00:00+08:00' },
    { key: 'D', grid: 1, state: 'closed', created: '2026-03-31T23:30:00+08:00', firstResponse: '2026-03-31T23:40:00+08:00', responseDue: '2026-04-01T23:30:00+08:00',
      rated: '2026-04-01T08:00:00+08:00', resolved: true, satisfaction: 'basic', closed: '2026-04-01T08:00:00+08:00' },
    { key: 'E', state: 'reopened', created: '2026-02-28T23:59:00+08:00', firstResponse: '2026-03-01T00:10:00+08:00', responseDue: '2026-03-01T23:59:00+08:00',
      rated: '2026-03-02T12:00:00+08:00', resolved: false, satisfaction: 'basic', due: far },
    { key: 'F', state: 'closed', created: '2026-03-15T09:00:00+08:00', firstResponse: '2026-03-15T09:10:00+08:00', responseDue: '2026-03-16T09:00:00+08:00',
      closed: '2026-03-20T09:00:00+08:00', unrated: true },
    { key: 'G', state: 'rejected', created: '2026-03-16T09:00:00+08:00', firstResponse: '2026-03-16T09:10:00+08:00', responseDue: '2026-03-17T09:00:00+08:00',
      closed: '2026-03-16T09:10:00+08:00' },
    { key: 'H', state: 'suspended', created: '2026-01-05T09:00:00+08:00', due: '2026-01-10T09:00:00+08:00' },
    { key: 'I', state: 'handled', created: '2026-01-05T09:00:00+08:00', due: '2026-01-10T09:00:00+08:00' },
  ];
  const ids: Record<string, string> = {};
  for (const c of cases) ids[c.key] = await insertFixtureCase(tx, w, c);
  await insertDispatch(tx, w, ids.B!, { created: '2026-03-03T12:00:00+08:00', due: '2026-03-08T18:00:00+08:00', handled: '2026-03-05T10:00:00+08:00' });
  await insertDispatch(tx, w, ids.B!, { created: '2026-03-03T12:00:00+08:00', due: '2026-03-08T18:00:00+08:00', handled: '2026-03-09T10:00:00+08:00', dept: 1 });
  await insertDispatch(tx, w, ids.D!, { created: '2026-03-31T23:50:00+08:00', due: '2026-04-08T18:00:00+08:00', handled: '2026-04-01T07:00:00+08:00' });
  await insertDispatch(tx, w, ids.A!, { created: '2026-03-01T02:00:00+08:00', due: '2026-03-08T18:00:00+08:00' });
  return { w, ids };
}
