import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, uniq, type TestApp } from '../../../test/harness.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser } from '../users/index.js';

/** GET /api/departments. Band 80–82°E (helper L). */
let t: TestApp;
let T: Awaited<ReturnType<typeof buildCommunityWithGrids>>;
let code: string;

beforeAll(async () => {
  t = await createTestApp();
  T = await buildCommunityWithGrids(t.ctx.db, { x0: 80 + Math.random() * 1.8, y0: 31 + Math.random() * 0.9, cols: 1 });
  code = `${T.districtCode}-chengguan-${uniq()}`;
  await t.ctx.db.execute(sql`INSERT INTO departments (code, key, short_name, name_zh, name_en, unit_id, path)
    VALUES (${code}, 'chengguan', '城管', '测试区城市管理和综合执法局', 'Urban management bureau', ${T.district.id}, ${T.district.path}::ltree)`);
  await t.ctx.db.execute(sql`INSERT INTO departments (code, name_zh, name_en, unit_id, path)
    VALUES (${`${code}-x`}, '测试区某办', 'Some office', ${T.district.id}, ${T.district.path}::ltree)`);
}, 600_000);
afterAll(() => t?.close());

describe('GET /api/departments', () => {
  it('gives each department its catalogue key and short name (null when unset), for the user\'s district only', async () => {
    const u = await buildUser(t.ctx.db, { role: 'street_cadre', homeUnitId: T.town.id });
    const cookie = await t.login(u.username, u.password);
    const res = await t.app.inject({ method: 'GET', url: '/api/departments', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; key: string | null; shortName: string | null; unitId: string }[];
    expect(items.find((d) => d.code === code)).toMatchObject({ key: 'chengguan', shortName: '城管', unitId: String(T.district.id) });
    expect(items.find((d) => d.code === `${code}-x`)).toMatchObject({ key: null, shortName: null });

    const O = await buildCommunityWithGrids(t.ctx.db, { x0: 80 + Math.random() * 1.8, y0: 31 + Math.random() * 0.9, cols: 1 });
    const other = await buildUser(t.ctx.db, { role: 'street_cadre', homeUnitId: O.town.id });
    const seen = (await t.app.inject({ method: 'GET', url: '/api/departments', headers: { cookie: await t.login(other.username, other.password) } })).json().items as { code: string }[];
    expect(seen.some((d) => d.code === code)).toBe(false);
  });
});
