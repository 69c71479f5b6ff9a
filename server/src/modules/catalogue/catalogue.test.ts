import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, uniq, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { AppError } from '../../lib/errors.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { assertAdmitted, departmentFor, getCategory } from './catalogue.service.js';
import { isWorkingDay, loadCalendar } from './deadlines.js';

let t: TestApp;
let admin: string;
let worker: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  worker = await t.login('worker.g1', DEMO_PASSWORD);
});
afterAll(() => t?.close());

const put = (url: string, payload: unknown, cookie = admin) => t.app.inject({ method: 'PUT', url, payload: payload as object, headers: cookie ? { cookie } : {} });
type Node = { code: string; kind: string; children: Node[]; [k: string]: unknown };

/** A group and a leaf of our own, so edits never disturb tests sharing the database. */
async function ownCategory() {
  const g = `zz${uniq()}`;
  await t.ctx.db.execute(sql`INSERT INTO case_categories (code, parent_code, name_zh, name_en, kind, sort) VALUES
    (${g}, NULL, '测试组', 'Test group', 'group', 9999), (${`${g}.leaf`}, ${g}, '测试事项', 'Test matter', 'leaf', 9999)`);
  return { group: g, leaf: `${g}.leaf` };
}
const rowOf = async (code: string) => (await queryRows<Record<string, unknown>>(t.ctx.db, sql`SELECT * FROM case_categories WHERE code = ${code}`))[0]!;
const auditsOf = (type: string, id: string) => queryRows<{ action: string; before: unknown; after: unknown }>(t.ctx.db, sql`
  SELECT action, before, after FROM audit_events WHERE entity_type = ${type} AND entity_id = ${id} ORDER BY id`);

describe('GET /api/catalogue', () => {
  it('is readable without login: groups with ≥ 40 leaves carrying level, departments, deadline class, fields, guidance', async () => {
    const r = await t.app.inject({ url: '/api/catalogue' });
    expect(r.statusCode, r.body).toBe(200);
    const groups = r.json().categories as Node[];
    const leaves = groups.flatMap((g) => g.children);
    expect(leaves.length).toBeGreaterThanOrEqual(40);
    expect(groups.map((g) => g.code)).toEqual(expect.arrayContaining(['env', 'city', 'facility', 'dispute', 'security', 'fire', 'water', 'social', 'enterprise', 'epidemic']));
    // Only the seeded groups: on the shared CI database other modules' tests add their own top-level test categories.
    for (const g of groups.filter((x) => /^[a-z_]+$/.test(x.code))) expect(g).toMatchObject({ kind: 'group', name: expect.any(String), nameEn: expect.any(String), deadlineClass: expect.any(String), lowestLevel: expect.any(String) });
    const leaf = (c: string) => leaves.find((l) => l.code === c)!;
    expect(leaf('city.illegal_building')).toMatchObject({ kind: 'leaf', name: '违法建设', deadlineClass: 'd15', lowestLevel: 'department', leadDepartment: 'chengguan', assistDepartments: ['zhujian'], children: [] });
    expect(leaf('city.illegal_building').requiredFields).toEqual([expect.objectContaining({ key: 'area', type: 'number' })]);
    expect(leaf('security.emergency')).toMatchObject({ urgent: true, deadlineClass: 'h2', defaultRisk: 'high', guidance: { channels: expect.arrayContaining(['web']), zh: expect.stringContaining('110') } });
    expect(leaf('dispute.neighbour')).toMatchObject({ dispute: true, lowestLevel: 'grid' });
    expect(leaf('env.garbage')).toMatchObject({ dispute: false, urgent: false, guidance: null });
    for (const l of leaves) expect(['h2', 'h24', 'd7', 'd15'], l.code).toContain(l.deadlineClass);
  });
});

describe('PUT /api/catalogue/categories/:code', () => {
  it('edits a category with catalogue.manage, audited, and the edit shows in the catalogue', async () => {
    const { leaf } = await ownCategory();
    const r = await put(`/api/catalogue/categories/${leaf}`, {
      nameEn: 'Edited matter', deadlineClass: 'h24', lowestLevel: 'community', leadDepartment: 'chengguan', assistDepartments: ['zhujian'],
      requiredFields: [{ key: 'companyName', zh: '企业名称', en: 'Company name', type: 'text' }], urgent: true,
      guidance: { channels: ['web'], zh: '请拨打110', en: 'Call 110' }, defaultRisk: 'medium',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ code: leaf, name: '测试事项', nameEn: 'Edited matter', deadlineClass: 'h24', leadDepartment: 'chengguan', urgent: true });
    const audits = await auditsOf('case_category', leaf);
    expect(audits).toEqual([expect.objectContaining({ action: 'catalogue.update', before: expect.objectContaining({ deadlineClass: 'd7' }), after: expect.objectContaining({ deadlineClass: 'h24' }) })]);
    const cat = await getCategory(t.ctx.db, leaf);
    expect(cat).toMatchObject({ deadlineClass: 'h24', lowestLevel: 'community', assistDeptKeys: ['zhujian'], defaultRisk: 'medium' });
  });

  it('refuses bad input with 400 naming the field and writes nothing', async () => {
    const { leaf } = await ownCategory();
    const before = await rowOf(leaf);
    const cases: [unknown, string][] = [
      [{ deadlineClass: 'h3' }, 'deadlineClass'],
      [{ lowestLevel: 'province' }, 'lowestLevel'],
      [{ leadDepartment: 'nosuchdept' }, 'leadDepartment'],
      [{ assistDepartments: ['zhujian', 'nosuchdept'] }, 'assistDepartments'],
      [{ guidance: { channels: ['fax'], zh: 'x', en: 'x' } }, 'guidance'],
      [{ requiredFields: [{ key: 'area', zh: '面积', en: 'Area', type: 'blob' }] }, 'requiredFields'],
      [{ colour: 'red' }, 'body'],
      [{}, 'body'],
    ];
    for (const [body, field] of cases) {
      const r = await put(`/api/catalogue/categories/${leaf}`, body);
      expect(r.statusCode, `${JSON.stringify(body)} ${r.body}`).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
      expect(r.json().error.message, JSON.stringify(body)).toContain(field);
    }
    expect(await rowOf(leaf)).toEqual(before);
    expect(await auditsOf('case_category', leaf)).toEqual([]);
  });

  it('answers 404 for an unknown code, 401 without login, 403 without catalogue.manage', async () => {
    const { leaf } = await ownCategory();
    expect((await put(`/api/catalogue/categories/zz${uniq()}.none`, { urgent: true })).statusCode).toBe(404);
    expect((await put(`/api/catalogue/categories/${leaf}`, { urgent: true }, '')).statusCode).toBe(401);
    const r = await put(`/api/catalogue/categories/${leaf}`, { urgent: true }, worker);
    expect(r.statusCode).toBe(403);
    expect((await rowOf(leaf)).urgent).toBe(false);
  });

  it('a retired category disappears from the public catalogue and getCategory refuses it', async () => {
    const { group, leaf } = await ownCategory();
    expect((await put(`/api/catalogue/categories/${leaf}`, { active: false })).statusCode).toBe(200);
    const pub = (await t.app.inject({ url: '/api/catalogue' })).json().categories as Node[];
    expect(pub.find((g) => g.code === group)!.children).toEqual([]);
    const all = (await t.app.inject({ url: '/api/catalogue?all=1', headers: { cookie: admin } })).json().categories as Node[];
    expect(all.find((g) => g.code === group)!.children.map((c) => c.code)).toEqual([leaf]);
    await expect(getCategory(t.ctx.db, leaf)).rejects.toMatchObject({ code: 'UNKNOWN_CATEGORY', details: { field: 'category', code: leaf } });
  });
});

describe('catalogue service', () => {
  it('getCategory: 422 UNKNOWN_CATEGORY for an unknown code and for a group', async () => {
    await expect(getCategory(t.ctx.db, 'no.such')).rejects.toMatchObject({ code: 'UNKNOWN_CATEGORY', status: 422 });
    await expect(getCategory(t.ctx.db, 'env')).rejects.toBeInstanceOf(AppError);
    expect(await getCategory(t.ctx.db, 'env.garbage')).toMatchObject({ code: 'env.garbage', leadDeptKey: 'chengguan', deadlineClass: 'd7', lowestLevel: 'grid' });
  });

  it('assertAdmitted: 403 GRID_NOT_ADMITTED when the grid type lists codes without this one; no list admits all', async () => {
    const c = await buildCommunityWithGrids(t.ctx.db, { x0: 60.1, y0: 30.1, cols: 2 });
    const [gt] = await queryRows<{ id: string }>(t.ctx.db, sql`
      INSERT INTO grid_types (code, name_zh, name_en, category, admission) VALUES (${`gt${uniq()}`}, '测试类型', 'Test type', 'urban', '["env.garbage"]'::jsonb) RETURNING id::text`);
    await t.ctx.db.execute(sql`UPDATE units SET grid_type_id = ${Number(gt!.id)} WHERE id = ${c.grids[0]!.id}`);
    await expect(assertAdmitted(t.ctx.db, c.grids[0]!.id, 'env.garbage')).resolves.toBeUndefined();
    await expect(assertAdmitted(t.ctx.db, c.grids[0]!.id, 'ecology.noise')).rejects.toMatchObject({ code: 'GRID_NOT_ADMITTED', status: 403 });
    await expect(assertAdmitted(t.ctx.db, c.grids[1]!.id, 'ecology.noise')).resolves.toBeUndefined();
  });

  it('departmentFor: the district’s own department, else one declared to serve the unit, never another district’s', async () => {
    const a = await buildCommunityWithGrids(t.ctx.db, { x0: 60.3, y0: 30.3, cols: 1 });
    const b = await buildCommunityWithGrids(t.ctx.db, { x0: 60.5, y0: 30.5, cols: 1 });
    const key = `k${uniq()}`;
    const [dept] = await queryRows<{ id: string }>(t.ctx.db, sql`
      INSERT INTO departments (code, key, short_name, name_zh, name_en, unit_id, path)
      VALUES (${`${a.districtCode}-${key}`}, ${key}, '测试', '测试局', 'Test bureau', ${a.district.id}, ${a.district.path}::ltree) RETURNING id::text`);
    expect(await departmentFor(t.ctx.db, key, a.grids[0]!.path)).toMatchObject({ id: Number(dept!.id), key });
    expect(await departmentFor(t.ctx.db, key, b.grids[0]!.path)).toBeNull();
    await t.ctx.db.execute(sql`INSERT INTO department_serves (department_id, unit_id) VALUES (${Number(dept!.id)}, ${b.town.id})`);
    expect(await departmentFor(t.ctx.db, key, b.grids[0]!.path)).toMatchObject({ id: Number(dept!.id) });
    expect(await departmentFor(t.ctx.db, 'chengguan', a.grids[0]!.path)).toBeNull();
  });

  it('the seeded 新会 grids find their district’s 城管', async () => {
    const [g] = await queryRows<{ path: string }>(t.ctx.db, sql`SELECT path::text FROM units WHERE kind = 'grid' AND code LIKE '440705%' LIMIT 1`);
    expect(await departmentFor(t.ctx.db, 'chengguan', g!.path)).toMatchObject({ code: '440705-chengguan' });
  });
});

describe('working calendar API', () => {
  it('GET /api/calendar?year=2026 lists the State Council holidays and make-up workdays', async () => {
    const r = await t.app.inject({ url: '/api/calendar?year=2026' });
    expect(r.statusCode, r.body).toBe(200);
    const days = r.json().days as { day: string; kind: string }[];
    expect(days).toEqual(expect.arrayContaining([
      expect.objectContaining({ day: '2026-10-01', kind: 'holiday' }), expect.objectContaining({ day: '2026-09-20', kind: 'workday' }),
      expect.objectContaining({ day: '2026-02-14', kind: 'workday' }), expect.objectContaining({ day: '2026-05-05', kind: 'holiday' }),
    ]));
    expect(days.every((d) => d.day.startsWith('2026-'))).toBe(true);
    expect((await t.app.inject({ url: '/api/calendar' })).statusCode).toBe(400);
  });

  it('PUT and DELETE a day (catalogue.manage, audited) and the deadline calendar follows at once', async () => {
    // 2099: no other test's deadlines live there.
    const day = '2099-03-02'; // a Monday
    await loadCalendar(t.ctx.db); // warm the cache: the edit must invalidate it
    const r = await put(`/api/calendar/days/${day}`, { kind: 'holiday', name: '测试假日' });
    expect(r.statusCode, r.body).toBe(200);
    expect(isWorkingDay(day, await loadCalendar(t.ctx.db))).toBe(false);
    expect((await t.app.inject({ url: '/api/calendar?year=2099' })).json().days).toEqual([{ day, kind: 'holiday', name: '测试假日' }]);
    const d = await t.app.inject({ method: 'DELETE', url: `/api/calendar/days/${day}`, headers: { cookie: admin } });
    expect(d.statusCode, d.body).toBe(200);
    expect(isWorkingDay(day, await loadCalendar(t.ctx.db))).toBe(true);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/calendar/days/${day}`, headers: { cookie: admin } })).statusCode).toBe(404);
    expect((await auditsOf('work_calendar', day)).map((a) => a.action)).toEqual(['calendar.set', 'calendar.delete']);
  });

  it('refuses a weekday make-up workday, an impossible date, a bad kind, and a user without catalogue.manage', async () => {
    const bad: [string, unknown, string, string?][] = [
      ['2099-03-03', { kind: 'workday', name: '调休' }, 'kind'],
      ['2099-02-30', { kind: 'holiday', name: '假日' }, 'day'],
      ['2099-3-3', { kind: 'holiday', name: '假日' }, 'day'],
      ['2099-03-07', { kind: 'weekend', name: '假日' }, 'kind'],
      ['2099-03-07', { kind: 'holiday', name: '' }, 'name'],
    ];
    for (const [day, body, field] of bad) {
      const r = await put(`/api/calendar/days/${day}`, body);
      expect(r.statusCode, `${day} ${r.body}`).toBe(400);
      expect(r.json().error.message).toContain(field);
    }
    expect((await put('/api/calendar/days/2099-03-07', { kind: 'workday', name: '调休' }, worker)).statusCode).toBe(403);
    const [n] = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM work_calendar WHERE day >= '2099-01-01'`);
    expect(n!.n).toBe(0);
  });
});
