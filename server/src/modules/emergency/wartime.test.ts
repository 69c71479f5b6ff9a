import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, uniq, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { buildEmergencyWorld, type EmergencyWorld } from './emergency.factory.js';

let t: TestApp;
let W: EmergencyWorld;
let cat: string;
const c: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  W = await buildEmergencyWorld(t.ctx.db);
  cat = `ef${uniq()}.grid`;
  await t.ctx.db.execute(sql`INSERT INTO case_categories (code, name_zh, name_en, kind, lowest_level, deadline_class, dispute, default_risk)
    VALUES (${cat}, ${`测试事项${cat}`}, ${`Test ${cat}`}, 'leaf', 'grid', 'd7', false, 'low')`);
  for (const k of ['centre', 'worker'] as const) c[k] = await t.login(W.users[k].username, W.users[k].password);
}, 600_000);
afterAll(() => t?.close());

const point = (k: number) => ({ lng: W.x0 + (k + 0.5) * W.size, lat: 23 + W.size / 2 });
async function intake(k: number): Promise<number> {
  const res = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: c.centre! }, payload: { category: cat, description: '积水', channel: 'field', ...point(k) } });
  expect(res.statusCode, res.body).toBe(201);
  const [row] = await queryRows<{ priority: number }>(t.ctx.db, sql`SELECT priority FROM cases WHERE id = ${Number(res.json<{ id: string }>().id)}`);
  return row!.priority;
}

describe('wartime', () => {
  it('new matters in a wartime area are urgent; outside the area and after the end they are not', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/emergencies', headers: { cookie: c.centre! }, payload: { planId: W.floodPlanId, unitId: String(W.towns[1]!.id), level: 3, title: '镇B内涝' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(await intake(5)).toBe(10); // grid 5 is in town B
    expect(await intake(0)).toBe(0); // town A: peacetime
    const banner = await t.app.inject({ method: 'GET', url: '/api/emergencies/active', headers: { cookie: c.worker! } });
    expect(banner.json<{ wartime: boolean }>().wartime).toBe(false); // the town A worker is not in it
    const board = await t.app.inject({ method: 'GET', url: '/api/emergencies/active', headers: { cookie: c.centre! } });
    expect(board.json<{ wartime: boolean; items: { title: string }[] }>().items.map((i) => i.title)).toContain('镇B内涝');
    await t.app.inject({ method: 'POST', url: `/api/emergencies/${res.json<{ id: string }>().id}/end`, headers: { cookie: c.centre! }, payload: {} });
    expect(await intake(5)).toBe(0);
  });
});
