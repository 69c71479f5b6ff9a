import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { setNow } from '../../lib/clock.js';
import { FACTORY_PASSWORD } from '../users/users.factory.js';
import { runDeadlines } from './deadline.job.js';
import { buildLadder, insertCase, insertDispatch, notificationsOf, type Ladder } from './supervision.fixture.js';

/** GET /api/supervision scope, closing an item, manual urge (催办). Two ladders: one of them is out of scope. */
let t: TestApp;
let l: Ladder;
let other: Ladder;
const cookies: Record<string, string> = {};
let dispatchedCase: number;
let reportedCase: number;
let otherCase: number;

const START = new Date('2026-07-01T01:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  l = await buildLadder(t.ctx.db, 67.3);
  other = await buildLadder(t.ctx.db, 67.6);
  for (const [k, u] of Object.entries({ worker: l.worker, cadre: l.cadre, street: l.street, centre: l.centre, officer: l.officer, otherCentre: other.centre })) {
    cookies[k] = await t.login(u.username, FACTORY_PASSWORD);
  }
  // A red handling deadline (district queue), a red response deadline (community queue), one in the other district.
  dispatchedCase = await insertCase(t.ctx.db, l, { state: 'dispatched', createdAt: START });
  await insertDispatch(t.ctx.db, l, dispatchedCase, { state: 'acknowledged', createdAt: START, ackDueAt: new Date(START.getTime() + 3600_000), handleDueAt: new Date(START.getTime() + 2 * 3600_000) });
  reportedCase = await insertCase(t.ctx.db, l, { state: 'reported', createdAt: START, responseDueAt: new Date(START.getTime() + 2 * 3600_000) });
  otherCase = await insertCase(t.ctx.db, other, { state: 'reported', createdAt: START, responseDueAt: new Date(START.getTime() + 2 * 3600_000) });
  setNow(new Date(START.getTime() + 3 * 3600_000));
  await runDeadlines(t.ctx, { scopePath: l.district.path });
  await runDeadlines(t.ctx, { scopePath: other.district.path });
  setNow(null);
});
afterEach(() => setNow(null));
afterAll(() => t?.close());

const list = (who: string, qs = '') => t.app.inject({ url: `/api/supervision${qs}`, headers: { cookie: cookies[who]! } });
const caseIds = (body: { items: { caseId: string }[] }) => body.items.map((i) => Number(i.caseId)).sort();

describe('supervision queue', { timeout: 60_000 }, () => {
  it('shows each level the items of its own subtree only', async () => {
    const centre = await list('centre');
    expect(centre.statusCode).toBe(200);
    expect(caseIds(centre.json())).toEqual([dispatchedCase, reportedCase].sort());
    const item = centre.json().items.find((i: { caseId: string }) => Number(i.caseId) === dispatchedCase);
    expect(item).toMatchObject({ kind: 'handle_overdue', departmentName: '测试城管局', caseState: 'dispatched', closedAt: null, unitId: String(l.district.id) });
    // The community sees its own (response) item, not the district's; the street sees the community's too.
    expect(caseIds((await list('cadre')).json())).toEqual([reportedCase]);
    expect(caseIds((await list('street')).json())).toEqual([reportedCase]);
    expect(caseIds((await list('otherCentre')).json())).toEqual([otherCase]);
    expect(caseIds((await list('centre', '?kind=accept_overdue')).json())).toEqual([reportedCase]);
    expect(caseIds((await list('centre', `?caseId=${dispatchedCase}`)).json())).toEqual([dispatchedCase]);
  });

  it('refuses roles without a queue and anonymous callers', async () => {
    expect((await list('worker')).statusCode).toBe(403);
    expect((await list('officer')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/supervision' })).statusCode).toBe(401);
  });

  it('closes an item with a note (audited), 404 outside the scope, 409 when closed, 400 without a note', async () => {
    const item = (await list('cadre')).json().items[0];
    const other404 = await t.app.inject({ method: 'POST', url: `/api/supervision/${item.id}/close`, headers: { cookie: cookies.otherCentre! }, payload: { note: 'x' } });
    expect(other404.statusCode).toBe(404);
    const noNote = await t.app.inject({ method: 'POST', url: `/api/supervision/${item.id}/close`, headers: { cookie: cookies.cadre! }, payload: { note: ' ' } });
    expect(noNote.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url: `/api/supervision/${item.id}/close`, headers: { cookie: cookies.cadre! }, payload: { note: '已电话督促网格员受理' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().note).toBe('已电话督促网格员受理');
    const again = await t.app.inject({ method: 'POST', url: `/api/supervision/${item.id}/close`, headers: { cookie: cookies.cadre! }, payload: { note: 'again' } });
    expect(again.statusCode).toBe(409);
    expect((await list('cadre')).json().items).toEqual([]);
    expect(caseIds((await list('cadre', '?state=closed')).json())).toEqual([reportedCase]);
    const [a] = await queryRows<{ after: { note: string } }>(t.ctx.db, sql`
      SELECT after FROM audit_events WHERE entity_type = 'case' AND entity_id = ${String(reportedCase)} AND action = 'case.supervision_close'`);
    expect(a!.after.note).toBe('已电话督促网格员受理');
  });
});

describe('manual urge (催办)', () => {
  it('urges the department holding a dispatched case and the grid holding a reported one; audited', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/cases/${dispatchedCase}/urge`, headers: { cookie: cookies.centre! }, payload: { note: '今天内反馈' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ caseId: String(dispatchedCase), notified: 1, urged: ['测试城管局'] });
    const got = await notificationsOf(t.ctx.db, l.officer.id, dispatchedCase);
    expect(got.at(-1)).toMatchObject({ kind: 'case.urge', title: expect.stringContaining('请尽快办理') });
    const r2 = await t.app.inject({ method: 'POST', url: `/api/cases/${reportedCase}/urge`, headers: { cookie: cookies.street! } });
    expect(r2.json()).toMatchObject({ urged: ['grid'], notified: 1 });
    const [a] = await queryRows<{ n: number }>(t.ctx.db, sql`
      SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'case' AND entity_id = ${String(dispatchedCase)} AND action = 'case.urge'`);
    expect(a!.n).toBe(1);
  });

  it('needs cases.supervise and the case in scope; a community cadre urges in its own community', async () => {
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${reportedCase}/urge`, headers: { cookie: cookies.worker! } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${reportedCase}/urge`, headers: { cookie: cookies.cadre! } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${reportedCase}/urge`, headers: { cookie: cookies.otherCentre! } })).statusCode).toBe(404);
  });
});
