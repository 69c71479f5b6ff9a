import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildBuilding } from '../people/index.js';
import { buildUser } from '../users/index.js';
import { today } from './common.js';
import { buildEstate, buildMember, buildOrg, buildTraining, partyBand, registerDual } from './party.factory.js';

let t: TestApp;
let cookie: string;
let communityId: number;
let grids: number[];
const year = Number(today().slice(0, 4));

/*
 * Fixture (hand-computed expectations):
 *   3 basic grids; branch on grid 1 and grid 2; grid 3 has only a building group (does not count as a grid org).
 *   2 estates (grid 1, grid 2), one with an estate branch.
 *   Active members: g1 branch: in_service ×2 (one 双报到), retired ×1 (trained this year);
 *                   g2 branch: two_new, mobile, hardship (trained this year), no_post (trained last year only).
 *   One inactive in_service member (ignored).  → members 7, dual 1/2, training 2/7.
 */
beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  const terr = await buildCommunityWithGrids(db, { ...partyBand(3), cols: 3 });
  communityId = terr.community.id;
  grids = terr.grids.map((g) => g.id);
  const big = await buildOrg(db, { type: 'big_party_committee', unitId: communityId });
  const b1 = await buildOrg(db, { type: 'branch', unitId: grids[0]!, parentId: big.id });
  const b2 = await buildOrg(db, { type: 'branch', unitId: grids[1]!, parentId: big.id });
  const e1 = await buildEstate(db, grids[0]!, '甲小区');
  await buildEstate(db, grids[1]!, '乙小区');
  await buildOrg(db, { type: 'branch', estateId: e1, parentId: b1.id });
  const bld = await buildBuilding(db, { gridId: grids[2]! });
  await buildOrg(db, { type: 'group', buildingId: bld.id, parentId: big.id });

  const s1 = await buildMember(db, t.ctx.crypto, { orgId: b1.id, memberClass: 'in_service' });
  await buildMember(db, t.ctx.crypto, { orgId: b1.id, memberClass: 'in_service' });
  const r1 = await buildMember(db, t.ctx.crypto, { orgId: b1.id, memberClass: 'retired' });
  await buildMember(db, t.ctx.crypto, { orgId: b2.id, memberClass: 'two_new' });
  await buildMember(db, t.ctx.crypto, { orgId: b2.id, memberClass: 'mobile' });
  const h1 = await buildMember(db, t.ctx.crypto, { orgId: b2.id, memberClass: 'hardship' });
  const n1 = await buildMember(db, t.ctx.crypto, { orgId: b2.id, memberClass: 'no_post' });
  await buildMember(db, t.ctx.crypto, { orgId: b2.id, memberClass: 'in_service', active: false });
  await registerDual(db, s1.id, communityId);
  await buildTraining(db, b1.id, `${year}-03-01`, [r1.id, h1.id]);
  await buildTraining(db, b2.id, `${year - 1}-11-01`, [n1.id]);

  const sec = await buildUser(db, { role: 'party_secretary', homeUnitId: communityId });
  cookie = await t.login(sec.username, sec.password);
}, 600_000);
afterAll(() => t?.close());

describe('GET /api/party/coverage', () => {
  it('answers the hand-computed figures for the community', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/party/coverage?unitId=${communityId}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      grids: 3, gridsWithOrg: 2, estates: 2, estatesWithOrg: 1, members: 7,
      membersByClass: { in_service: 2, two_new: 1, retired: 1, no_post: 1, mobile: 1, hardship: 1 },
      dualReportRate: 0.5, trainingCoverage: 2 / 7,
    });
  });

  it('narrows to one grid, keeping every class key', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/party/coverage?unitId=${grids[2]}`, headers: { cookie } });
    expect(res.json()).toEqual({
      grids: 1, gridsWithOrg: 0, estates: 0, estatesWithOrg: 0, members: 0,
      membersByClass: { in_service: 0, two_new: 0, retired: 0, no_post: 0, mobile: 0, hardship: 0 },
      dualReportRate: 0, trainingCoverage: 0,
    });
  });

  it('refuses a unit outside the scope with 404', async () => {
    const other = await buildCommunityWithGrids(t.ctx.db, { ...partyBand(1), cols: 1 });
    const res = await t.app.inject({ method: 'GET', url: `/api/party/coverage?unitId=${other.community.id}`, headers: { cookie } });
    expect(res.statusCode).toBe(404);
  });

  it('dashboard adds buildings, pipeline and per-grid presence', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/party/dashboard?unitId=${communityId}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.coverage.grids).toBe(3);
    expect(d.buildingsWithOrg).toBe(1);
    expect(d.grids.map((g: { hasOrg: boolean }) => g.hasOrg)).toEqual([true, true, false]);
    expect(d.grids[0].members).toBe(3);
    expect(d.recruitment).toMatchObject({ applicant: 0, full: 0 });
  });
});
