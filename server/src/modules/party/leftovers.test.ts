import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser } from '../users/index.js';
import { buildMember, buildOrg } from './party.factory.js';

/** Leftovers of issue 5 (sign-up list, member record, household labels). This file's band: 80–82°E. */
const band = () => ({ x0: 80 + Math.random() * 1.8, y0: 30 + Math.random() * 0.9 });

let t: TestApp;
let sec: string;
let otherSec: string;
let T: Awaited<ReturnType<typeof buildCommunityWithGrids>>;
let branch: Awaited<ReturnType<typeof buildOrg>>;

beforeAll(async () => {
  t = await createTestApp();
  T = await buildCommunityWithGrids(t.ctx.db, { ...band(), cols: 1 });
  const O = await buildCommunityWithGrids(t.ctx.db, { ...band(), cols: 1 });
  branch = await buildOrg(t.ctx.db, { type: 'branch', unitId: T.grids[0]!.id });
  const s = await buildUser(t.ctx.db, { role: 'party_secretary', homeUnitId: T.community.id });
  const o = await buildUser(t.ctx.db, { role: 'party_secretary', homeUnitId: O.community.id });
  sec = await t.login(s.username, s.password);
  otherSec = await t.login(o.username, o.password);
}, 600_000);
afterAll(() => t?.close());

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('GET /api/party/activities/:id/signups', () => {
  it('lists the sign-ups with masked phones, in scope only', async () => {
    const m = await buildMember(t.ctx.db, t.ctx.crypto, { orgId: branch.id, memberClass: 'in_service', name: '报名党员' });
    const act = await call(sec, 'POST', '/api/party/activities', { communityId: String(T.community.id), title: '义诊', startsAt: '2026-06-01T01:00:00Z' });
    expect(act.statusCode).toBe(201);
    const aid = act.json().id as string;
    expect((await call(sec, 'GET', `/api/party/activities/${aid}/signups`)).json()).toEqual({ items: [], total: 0 });
    const su = await call(sec, 'POST', `/api/party/activities/${aid}/signups`, { memberId: String(m.id) });
    expect(su.statusCode).toBe(201);
    await call(sec, 'POST', `/api/party/signups/${su.json().id}/check-in`);

    const list = await call(sec, 'GET', `/api/party/activities/${aid}/signups`);
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    const [row] = list.json().items;
    expect(row).toMatchObject({ id: su.json().id, activityId: aid, memberId: String(m.id), memberName: '报名党员', checkedInAt: expect.any(String), hours: 0 });
    // The phone is masked: never the clear number the factory stored.
    expect(row.memberPhone).not.toBe(m.phone);
    expect(row.memberPhone).toMatch(/\*{4}/);
    expect(JSON.stringify(list.json())).not.toContain(m.idNumber);

    expect((await call(otherSec, 'GET', `/api/party/activities/${aid}/signups`)).statusCode).toBe(404);
    expect((await call(sec, 'GET', '/api/party/activities/999999999/signups')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/party/activities/${aid}/signups` })).statusCode).toBe(401);
  });
});
