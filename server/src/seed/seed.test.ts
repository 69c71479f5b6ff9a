import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../test/harness.js';
import { queryRows } from '../db/sql.js';
import { buildCommunityWithGrids } from '../modules/territory/territory.factory.js';
import { checkCodes, checkPlaces, checkResidents, checkTiling, seedRoot } from './check.js';
import { SEED_DIR } from './data.js';
import type { AccountRec } from './types.js';

let t: TestApp;
let root: string;
const accounts = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'accounts.json'), 'utf8')) as AccountRec[];

beforeAll(async () => {
  t = await createTestApp();
  root = (await seedRoot(t.ctx.db))!;
});
afterAll(() => t?.close());

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.ctx.db, q);

describe('tiny seed: accounts', () => {
  it('has every demo account with its role, home unit and department', async () => {
    const users = await rows<{ username: string; role: string; home: string | null; dept: string | null }>(sql`
      SELECT u.username, u.role, h.code AS home, d.code AS dept
      FROM users u LEFT JOIN units h ON h.id = u.home_unit_id LEFT JOIN departments d ON d.id = u.department_id`);
    const byName = new Map(users.map((u) => [u.username, u]));
    expect(accounts.map((a) => a.username)).toEqual(expect.arrayContaining(['admin', 'centre.xinhui', 'centre.jianghai', 'street.huicheng',
      'leader.g1', 'worker.g1', 'worker.g2', 'police.g1', 'auxpolice.g1', 'mediator.huicheng', 'dept.chengguan', 'party.huicheng', 'resident.demo']));
    for (const a of accounts) {
      expect(byName.get(a.username), a.username).toMatchObject({ role: a.role, home: a.homeUnitCode, dept: a.departmentCode });
    }
    expect(byName.get('centre.xinhui')!.home).toBe('440705000000');
    expect(byName.get('street.huicheng')!.home).toBe('440705001000');
    expect(byName.get('resident.demo')!.home).toBeNull();
    expect(byName.get('dept.chengguan')!.dept).toBe('440705-chengguan');
    expect(accounts.find((a) => a.role === 'community_cadre')!.username).toMatch(/^community\.[a-z]+$/);
  });

  it('grid A and B are the first two basic grids of the first community of 会城街道', async () => {
    const [a, b] = await rows<{ code: string; community: string }>(sql`
      SELECT g.code, c.code AS community FROM units g JOIN units c ON c.id = g.parent_id
      WHERE g.kind = 'grid' AND g.grid_kind = 'basic' AND c.parent_id = (SELECT id FROM units WHERE kind = 'town' AND code = '440705001000')
      ORDER BY c.code, g.code LIMIT 2`);
    const home = (u: string) => accounts.find((x) => x.username === u)!.homeUnitCode;
    expect(home('leader.g1')).toBe(a!.code);
    expect(home('worker.g1')).toBe(a!.code);
    expect(home('worker.g2')).toBe(b!.code);
    expect(home('police.g1')).toBe(a!.community);
  });

  it('links staff accounts to their grid_staff rows', async () => {
    const links = await rows<{ username: string; role: string; grid: string }>(sql`
      SELECT u.username, s.role, g.code AS grid FROM grid_staff s JOIN users u ON u.id = s.user_id JOIN units g ON g.id = s.grid_id
      ORDER BY u.username, g.code`);
    const of = (u: string) => links.filter((l) => l.username === u);
    expect(of('leader.g1')).toEqual([{ username: 'leader.g1', role: 'grid_leader', grid: accounts.find((a) => a.username === 'leader.g1')!.homeUnitCode }]);
    expect(of('worker.g2').map((l) => l.role)).toEqual(['grid_worker']);
    // "一网一民警": the community's police officer serves every basic grid of the community.
    const [n] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM units WHERE kind = 'grid' AND grid_kind = 'basic'
      AND parent_id = (SELECT id FROM units WHERE code = ${accounts.find((a) => a.username === 'police.g1')!.homeUnitCode} AND kind = 'community')`);
    expect(of('police.g1')).toHaveLength(n!.n);
  });

  it('demo accounts log in with the demo password', async () => {
    await expect(t.login('worker.g1', DEMO_PASSWORD)).resolves.toMatch(/^gg_sid=/);
  });
});

describe('tiny seed: territory', () => {
  it('has the tiny shape: 会城 with 2 communities of 2–4 grids, 江海 with 1 community of 2 grids with cells, 1 dedicated grid', async () => {
    const r = await rows<{ community: string; town: string; grids: number; cells: number }>(sql`
      SELECT c.code AS community, t.code AS town,
        (SELECT count(*)::int FROM units g WHERE g.parent_id = c.id AND g.grid_kind = 'basic') AS grids,
        (SELECT count(*)::int FROM units x JOIN units g ON g.id = x.parent_id WHERE g.parent_id = c.id AND x.kind = 'cell') AS cells
      FROM units c JOIN units t ON t.id = c.parent_id WHERE c.kind = 'community' AND c.path <@ ${root}::ltree ORDER BY c.code`);
    expect(r.filter((x) => x.town === '440705001000')).toHaveLength(2);
    for (const c of r.filter((x) => x.town === '440705001000')) expect(c.grids).toBeGreaterThanOrEqual(2);
    expect(r.filter((x) => x.town.startsWith('440704'))).toEqual([expect.objectContaining({ grids: 2, cells: expect.any(Number) })]);
    expect(r.find((x) => x.town.startsWith('440704'))!.cells).toBeGreaterThan(2);
    const [d] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM units WHERE grid_kind = 'dedicated' AND path <@ ${root}::ltree`);
    expect(d!.n).toBe(1);
  });

  it('every basic grid code has 15 digits and starts with its community code', async () => {
    const grids = await rows<{ code: string; community: string }>(sql`
      SELECT g.code, c.code AS community FROM units g JOIN units c ON c.id = g.parent_id
      WHERE g.kind = 'grid' AND g.grid_kind = 'basic' AND g.valid_to IS NULL AND g.path <@ ${root}::ltree`);
    expect(grids.length).toBeGreaterThan(0);
    for (const g of grids) {
      expect(g.code).toMatch(/^\d{15}$/);
      expect(g.code.startsWith(g.community)).toBe(true);
    }
    expect(await checkCodes(t.ctx.db, root)).toEqual([]);
  });

  it('grids tile each community and cells tile each grid exactly', async () => {
    expect(await checkTiling(t.ctx.db, root)).toEqual([]);
  });

  it('every grid has a type with duties and admission codes, and a profile', async () => {
    const r = await rows<{ code: string; duties: number; admission: number; profile: Record<string, unknown> }>(sql`
      SELECT g.code, jsonb_array_length(gt.duties)::int AS duties, jsonb_array_length(gt.admission)::int AS admission, g.profile
      FROM units g JOIN grid_types gt ON gt.id = g.grid_type_id WHERE g.kind = 'grid' AND g.path <@ ${root}::ltree`);
    const [n] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM units WHERE kind = 'grid' AND path <@ ${root}::ltree`);
    expect(r).toHaveLength(n!.n);
    for (const g of r) {
      expect(g.duties).toBeGreaterThanOrEqual(10);
      expect(g.duties).toBeLessThanOrEqual(20);
      expect(g.admission).toBeGreaterThan(0);
      expect(g.profile).toMatchObject({ population: expect.any(Number), households: expect.any(Number) });
      // Text or a list, as the profile API accepts both: on the shared PostgreSQL test database another test
      // file (territory.routes.test) edits grid A's profile with text while this one runs.
      for (const k of ['traits', 'keyWork', 'risks']) {
        const v = g.profile[k];
        expect(Array.isArray(v) || typeof v === 'string', `${g.code} profile.${k}`).toBe(true);
      }
    }
  });

  it('buildings, estates and key sites lie inside their grid and cell', async () => {
    expect(await checkPlaces(t.ctx.db, root)).toEqual([]);
  });

  it('the checks catch a gap, an overlap and a wrong code', async () => {
    // Own units in the 100–105°E test band so a shared database never mixes them with anyone else's.
    const built = await buildCommunityWithGrids(t.ctx.db, { x0: 101.2, y0: 10.2, cols: 3, rows: 1, size: 0.01 });
    const [g1, g2, g3] = built.grids;
    await t.ctx.db.execute(sql`UPDATE units SET geom = ST_Multi(ST_MakeEnvelope(101.2, 10.2, 101.212, 10.21, 4326)) WHERE id = ${g1!.id}`);
    await t.ctx.db.execute(sql`UPDATE units SET geom = ST_Multi(ST_MakeEnvelope(101.221, 10.2, 101.23, 10.21, 4326)) WHERE id = ${g3!.id}`);
    const problems = await checkTiling(t.ctx.db, built.district.path);
    expect(problems.join('\n')).toContain(`${g1!.code} and ${g2!.code} overlap`);
    expect(problems.join('\n')).toMatch(/community \d{12}: its basic grids differ from its area by \d+/);
    // A wrong code unique to this test (its own district, town 002): a fixed literal collided with another
    // test file's "unknown grid" code on the shared PostgreSQL database.
    const wrong = `${built.districtCode}002001002`;
    await t.ctx.db.execute(sql`UPDATE units SET code = ${wrong} WHERE id = ${g2!.id}`);
    expect((await checkCodes(t.ctx.db, built.district.path)).join('\n')).toContain(`${wrong} does not start with`);
  });
});

describe('tiny seed: residents', () => {
  it('has about 40 residents over grid A and grid B, in households in buildings, on their grid path', async () => {
    const r = await rows<{ grid: string; n: number; households: number }>(sql`
      SELECT g.code AS grid, count(*)::int AS n, count(DISTINCT p.household_id)::int AS households
      FROM persons p JOIN units g ON g.id = p.grid_id WHERE g.path <@ ${root}::ltree GROUP BY g.code ORDER BY g.code`);
    const home = (u: string) => accounts.find((x) => x.username === u)!.homeUnitCode;
    expect(r.map((x) => x.grid)).toEqual([home('worker.g1'), home('worker.g2')]);
    const total = r.reduce((s, x) => s + x.n, 0);
    expect(total).toBeGreaterThanOrEqual(30);
    expect(total).toBeLessThanOrEqual(60);
    const [orphans] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM persons p JOIN households h ON h.id = p.household_id
      WHERE p.path <@ ${root}::ltree AND (h.building_id IS NULL OR h.grid_id <> p.grid_id)`);
    expect(orphans!.n).toBe(0);
  });

  it('covers the care groups and 侨眷', async () => {
    const [r] = await rows<{ tags: string[]; overseas: number; categories: string[] }>(sql`
      SELECT (SELECT array_agg(DISTINCT t) FROM persons p, jsonb_array_elements_text(p.tags) t WHERE p.path <@ ${root}::ltree) AS tags,
        (SELECT count(*)::int FROM persons WHERE overseas_chinese_family AND path <@ ${root}::ltree) AS overseas,
        (SELECT array_agg(DISTINCT category) FROM persons WHERE path <@ ${root}::ltree) AS categories`);
    expect(r!.tags).toEqual(expect.arrayContaining(['elderly_living_alone', 'left_behind_child']));
    expect(r!.overseas).toBeGreaterThan(0);
    expect(r!.categories).toEqual(expect.arrayContaining(['registered', 'floating']));
  });

  it('ID numbers are valid and encrypted, phones never stored in clear', async () => {
    expect(await checkResidents(t.ctx.db, root, t.ctx.crypto, { sample: 1000 })).toEqual([]);
    const [r] = await rows<{ clear: number }>(sql`
      SELECT count(*)::int AS clear FROM persons WHERE path <@ ${root}::ltree AND (id_enc ~ '^\\d{17}[\\dX]$' OR phone_enc ~ '^1\\d{10}$')`);
    expect(r!.clear).toBe(0);
  });

  it('stairways name a 楼组长 who lives on that stairway', async () => {
    const r = await rows<{ ok: boolean }>(sql`
      SELECT h.stairway_id = s.id AS ok FROM stairways s JOIN persons p ON p.id = s.lead_person_id JOIN households h ON h.id = p.household_id
      JOIN buildings b ON b.id = s.building_id WHERE b.path <@ ${root}::ltree`);
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((x) => x.ok)).toBe(true);
  });
});

describe('tiny seed: audit', () => {
  it('writes one summary event per kind from the system actor, not one per row', async () => {
    const r = await rows<{ entity_type: string; kind: string | null; count: number; n: number }>(sql`
      SELECT entity_type, after->>'kind' AS kind, (after->>'count')::int AS count, count(*) OVER (PARTITION BY entity_type, after->>'kind')::int AS n
      FROM audit_events WHERE action = 'seed.create' AND actor_id IS NULL AND actor_name = 'system'`);
    expect(r.every((x) => x.n === 1)).toBe(true);
    const of = (e: string, k: string | null = null) => r.find((x) => x.entity_type === e && x.kind === k)?.count;
    const [p] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons WHERE path <@ ${root}::ltree`);
    expect(of('person')).toBe(p!.n);
    expect(of('unit', 'grid')).toBe(10);
    expect(of('user')).toBe(accounts.length);
    const [perRow] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'person' AND action <> 'seed.create' AND actor_id IS NULL`);
    expect(perRow!.n).toBe(0);
  });
});
