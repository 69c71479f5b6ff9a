import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { MEMBER_CLASSES } from '@gridgov/common';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('admin');
}, 600_000);
afterAll(() => t?.close());

// The tiny seed (every test's template) carries a small party overlay; these read only seeded rows by their codes.
describe('tiny seed: party overlay', () => {
  it('has a branch on every seeded basic grid, estate branches, building groups and members of all six classes', async () => {
    const [r] = await queryRows<{ grids: number; with_org: number; estates: number; estate_orgs: number; groups: number }>(t.ctx.db, sql`
      SELECT (SELECT count(*)::int FROM units u WHERE u.kind = 'grid' AND u.grid_kind = 'basic' AND u.valid_to IS NULL AND u.code LIKE '4407%') AS grids,
        (SELECT count(*)::int FROM units u WHERE u.kind = 'grid' AND u.grid_kind = 'basic' AND u.code LIKE '4407%'
          AND EXISTS (SELECT 1 FROM party_orgs o WHERE o.code = 'ZB' || u.code)) AS with_org,
        (SELECT count(*)::int FROM estates e JOIN units g ON g.id = e.grid_id WHERE g.code LIKE '4407%') AS estates,
        (SELECT count(*)::int FROM party_orgs o JOIN estates e ON e.id = o.estate_id WHERE o.building_id IS NULL) AS estate_orgs,
        (SELECT count(*)::int FROM party_orgs o WHERE o.type = 'group' AND o.building_id IS NOT NULL) AS groups`);
    expect(r!.with_org).toBeGreaterThanOrEqual(Math.floor(r!.grids * 0.8));
    expect(r!.estate_orgs).toBeGreaterThanOrEqual(r!.estates);
    expect(r!.groups).toBeGreaterThan(0);
    const classes = await queryRows<{ member_class: string }>(t.ctx.db, sql`SELECT DISTINCT m.member_class FROM party_members m JOIN party_orgs o ON o.id = m.org_id
      WHERE o.code LIKE 'ZB4407%' OR o.code LIKE 'DDW4407%'`);
    expect(classes.map((c) => c.member_class).sort()).toEqual([...MEMBER_CLASSES].sort());
  });

  it('the seeded party secretary sees the coverage of their street', async () => {
    const c = await t.login('party.huicheng', DEMO_PASSWORD);
    const cov = await t.app.inject({ method: 'GET', url: '/api/party/coverage', headers: { cookie: c } });
    expect(cov.statusCode).toBe(200);
    expect(cov.json().gridsWithOrg).toBeLessThanOrEqual(cov.json().grids);
    expect(Object.keys(cov.json().membersByClass).sort()).toEqual([...MEMBER_CLASSES].sort());
  });

  it('admin lists seeded organisations and masked members', async () => {
    const orgs = await t.app.inject({ method: 'GET', url: '/api/party/orgs?type=big_working_committee', headers: { cookie } });
    expect(orgs.json().total).toBeGreaterThan(0);
    const members = await t.app.inject({ method: 'GET', url: '/api/party/members?limit=5', headers: { cookie } });
    expect(members.statusCode).toBe(200);
    for (const m of members.json().items) expect(m.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  });
});
