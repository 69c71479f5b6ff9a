import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids } from './territory.factory.js';
import * as fx from './redraw.fixture.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

const send = (method: 'POST' | 'PATCH', url: string, payload: unknown, cookie = admin) =>
  t.app.inject({ method, url, payload: payload as object, headers: { cookie } });
const code = () => `gt_${process.pid}_${Date.now() % 1_000_000}_${Math.floor(Math.random() * 1000)}`;
const duties = [
  { code: 'patrol', zh: '日常巡查走访', en: 'Daily patrol', frequency: 'daily' },
  { code: 'flood', zh: '汛期巡堤', en: 'Levee patrol in flood season', frequency: 'seasonal' },
];

describe('grid types admin', () => {
  it('creates and updates a grid type with duty and admission lists, audited', async () => {
    const c = code();
    const r = await send('POST', '/api/territory/grid-types', { code: c, nameZh: '渔港网格', nameEn: 'Fishing port grid', category: 'specialised', color: '#13c2c2', duties, admission: ['env.garbage', 'safety.hazard'] });
    expect(r.statusCode, r.body).toBe(201);
    const created = r.json();
    expect(created).toMatchObject({ code: c, category: 'specialised', color: '#13c2c2', duties, admission: ['env.garbage', 'safety.hazard'] });
    const list = (await t.app.inject({ url: '/api/territory/grid-types', headers: { cookie: admin } })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(created.id);

    const p = await send('PATCH', `/api/territory/grid-types/${created.id}`, { nameEn: 'Fishing harbour grid', duties: duties.slice(0, 1), admission: [] });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ code: c, nameZh: '渔港网格', nameEn: 'Fishing harbour grid', duties: duties.slice(0, 1), admission: [] });

    const audits = await queryRows<{ action: string; before: { duties: unknown[] } | null; after: { duties: unknown[]; nameEn: string } }>(t.ctx.db, sql`
      SELECT action, before, after FROM audit_events WHERE entity_type = 'grid_type' AND entity_id = ${created.id} ORDER BY id`);
    expect(audits.map((a) => a.action)).toEqual(['grid_type.create', 'grid_type.update']);
    expect(audits[1]!.before!.duties).toHaveLength(2);
    expect(audits[1]!.after.duties).toHaveLength(1);
    expect(audits[1]!.after.nameEn).toBe('Fishing harbour grid');
  });

  it('validates the lists and codes', async () => {
    const c = code();
    const base = { code: c, nameZh: '测试', nameEn: 'Test', category: 'urban' };
    const dup = await send('POST', '/api/territory/grid-types', { ...base, duties: [duties[0], duties[0]] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toContain('duplicate duty code');
    expect((await send('POST', '/api/territory/grid-types', { ...base, duties: [{ ...duties[0], frequency: 'hourly' }] })).statusCode).toBe(400);
    expect((await send('POST', '/api/territory/grid-types', { ...base, admission: ['a', 'a'] })).statusCode).toBe(400);
    expect((await send('POST', '/api/territory/grid-types', { ...base, category: 'mountain' })).statusCode).toBe(400);
    expect((await send('POST', '/api/territory/grid-types', { ...base, color: 'red' })).statusCode).toBe(400);
    expect((await send('POST', '/api/territory/grid-types', base)).statusCode).toBe(201);
    const again = await send('POST', '/api/territory/grid-types', base);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.field).toBe('code');
    expect((await send('PATCH', '/api/territory/grid-types/999999999', { nameZh: 'x' })).statusCode).toBe(404);
    expect((await send('PATCH', '/api/territory/grid-types/999999999', {})).statusCode).toBe(400);
    expect((await send('PATCH', '/api/territory/grid-types/1', { code: 'renamed' })).statusCode).toBe(400);
  });

  it('is for admin and centre operators only', async () => {
    const b = await buildCommunityWithGrids(t.ctx.db, { x0: 132.0, y0: -30.0, cols: 1 });
    const body = { code: code(), nameZh: '测试', nameEn: 'Test', category: 'urban' };
    const cadre = await fx.addUser(t.ctx.db, b.town.id, 'street_cadre'); // has territory.write, but types are deployment-wide
    const r1 = await send('POST', '/api/territory/grid-types', body, await t.login(cadre.username, cadre.password));
    expect(r1.statusCode).toBe(403);
    const worker = await fx.addUser(t.ctx.db, b.community.id, 'grid_worker');
    expect((await send('POST', '/api/territory/grid-types', body, await t.login(worker.username, worker.password))).statusCode).toBe(403);
    const operator = await fx.addUser(t.ctx.db, b.district.id, 'centre_operator');
    const r3 = await send('POST', '/api/territory/grid-types', body, await t.login(operator.username, operator.password));
    expect(r3.statusCode, r3.body).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/territory/grid-types', payload: body })).statusCode).toBe(401);
  });
});
