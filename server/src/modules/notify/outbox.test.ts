import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser, FACTORY_PASSWORD } from '../users/users.factory.js';
import { queryRows } from '../../db/sql.js';
import { advance, setNow } from '../../lib/clock.js';
import { SmsAdapter, WecomRobotAdapter, type SmsGateway } from './adapters.js';
import { notify } from './notify.js';
import { backoffMs, deliverOutbox, OUTBOX_MAX_ATTEMPTS } from './outbox.js';
import { setWebhook } from './webhooks.js';

/** Outbox: rows written with the notification, delivered by the job to a fake WeCom robot, retried, dead-lettered. */
let t: TestApp;
let terr: Awaited<ReturnType<typeof buildCommunityWithGrids>>;
let admin: string;
const servers: http.Server[] = [];

/** A fake WeCom group robot on a random port: answers with the scripted errcodes in turn (0 = success). */
async function fakeRobot(script: (n: number) => { status: number; errcode?: number }) {
  const received: { path: string; body: { msgtype: string; markdown: { content: string } } }[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString(); });
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(raw) });
      const r = script(received.length);
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errcode: r.errcode ?? 0, errmsg: r.errcode ? 'invalid webhook url' : 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=secretkey${Date.now()}`;
  return { url, received };
}

async function outboxRow(id: string) {
  const [r] = await queryRows<{ state: string; attempts: number; last_error: string | null; next_attempt_at: string; target: string; channel: string }>(t.ctx.db, sql`
    SELECT state, attempts, last_error, next_attempt_at, target, channel FROM outbox WHERE id = ${Number(id)}`);
  return r!;
}

async function rowsFor(caseId: number) {
  return queryRows<{ id: string; channel: string; target: string }>(t.ctx.db, sql`
    SELECT id::text, channel, target FROM outbox WHERE (payload->>'caseId')::bigint = ${caseId} ORDER BY id`);
}

let caseSeq = 0;
const nextCase = () => 900_000_000 + (process.pid % 1000) * 1000 + (caseSeq += 1);

beforeAll(async () => {
  t = await createTestApp();
  terr = await buildCommunityWithGrids(t.ctx.db, { x0: 67.1, y0: 30.3, cols: 1 });
  await buildUser(t.ctx.db, { role: 'community_cadre', homeUnitId: terr.community.id });
  admin = await t.login('admin');
});
afterEach(() => setNow(null));
afterAll(async () => {
  servers.forEach((s) => s.close());
  await t?.close();
});

describe('outbox', () => {
  it('writes a WeCom row with the notification only for a unit that has a robot, and nothing when rolled back', async () => {
    const robot = await fakeRobot(() => ({ status: 200 }));
    const noRobot = nextCase();
    await notify(t.ctx.db, { unitId: terr.community.id, roles: ['community_cadre'] }, { kind: 'test', title: '无机器人', caseId: noRobot });
    expect(await rowsFor(noRobot)).toHaveLength(0);
    await setWebhook(t.ctx.db, 'unit', terr.community.id, robot.url, new Date());
    const rolled = nextCase();
    await t.ctx.db.transaction(async (tx) => {
      await notify(tx, { unitId: terr.community.id, roles: ['community_cadre'] }, { kind: 'test', title: '回滚', caseId: rolled });
      tx.rollback();
    }).catch(() => {});
    expect(await rowsFor(rolled)).toHaveLength(0);
    const ok = nextCase();
    await notify(t.ctx.db, { unitId: terr.community.id, roles: ['community_cadre'] }, { kind: 'case.urge', title: '【催办】测试', body: '路灯不亮', caseId: ok });
    const rows = await rowsFor(ok);
    expect(rows.map((r) => r.channel)).toEqual(['wecom']);
    expect(await deliverOutbox(t.ctx, { ids: [Number(rows[0]!.id)] })).toBe(1);
    expect((await outboxRow(rows[0]!.id)).state).toBe('sent');
    expect(robot.received[0]!.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('**【催办】测试**') } });
    expect(robot.received[0]!.path).toContain('/cgi-bin/webhook/send?key=');
  });

  it('retries with exponential backoff against a robot that fails twice, then delivers once', async () => {
    // First an HTTP 500, then errcode 93000 with HTTP 200 (WeCom's way of failing), then success.
    const robot = await fakeRobot((n) => (n === 1 ? { status: 500 } : n === 2 ? { status: 200, errcode: 93000 } : { status: 200 }));
    const at = new Date('2026-03-02T01:00:00Z');
    setNow(at);
    const [row] = await queryRows<{ id: string }>(t.ctx.db, sql`
      INSERT INTO outbox (channel, target, payload, next_attempt_at) VALUES ('wecom', ${robot.url},
        ${JSON.stringify({ kind: 'test', title: '重试', body: '', caseId: null })}::jsonb, ${at}) RETURNING id::text`);
    const id = Number(row!.id);
    await deliverOutbox(t.ctx, { ids: [id] });
    let r = await outboxRow(row!.id);
    expect(r).toMatchObject({ state: 'pending', attempts: 1, last_error: 'WeCom robot HTTP 500' });
    expect(new Date(r.next_attempt_at).getTime()).toBe(at.getTime() + backoffMs(1));
    expect(await deliverOutbox(t.ctx, { ids: [id] })).toBe(0); // not due yet
    advance(backoffMs(1));
    await deliverOutbox(t.ctx, { ids: [id] });
    r = await outboxRow(row!.id);
    expect(r).toMatchObject({ state: 'pending', attempts: 2 });
    expect(r.last_error).toContain('errcode 93000');
    expect(r.last_error).not.toContain('secretkey');
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    advance(backoffMs(2));
    await deliverOutbox(t.ctx, { ids: [id] });
    expect(await outboxRow(row!.id)).toMatchObject({ state: 'sent', attempts: 3, last_error: null });
    expect(robot.received).toHaveLength(3);
    advance(3_600_000);
    expect(await deliverOutbox(t.ctx, { ids: [id] })).toBe(0); // sent once, never again
  });

  it('dead-letters after the last attempt, lists it for admins only (key masked), and retries it on request', async () => {
    const robot = await fakeRobot(() => ({ status: 200, errcode: 310000 }));
    const at = new Date('2026-03-03T01:00:00Z');
    setNow(at);
    const [row] = await queryRows<{ id: string }>(t.ctx.db, sql`
      INSERT INTO outbox (channel, target, payload, next_attempt_at) VALUES ('wecom', ${robot.url},
        ${JSON.stringify({ kind: 'test', title: '死信', body: '', caseId: null })}::jsonb, ${at}) RETURNING id::text`);
    const id = Number(row!.id);
    for (let i = 0; i < OUTBOX_MAX_ATTEMPTS; i++) {
      await deliverOutbox(t.ctx, { ids: [id] });
      advance(3_600_000);
    }
    expect(await outboxRow(row!.id)).toMatchObject({ state: 'dead', attempts: OUTBOX_MAX_ATTEMPTS });
    expect(robot.received).toHaveLength(OUTBOX_MAX_ATTEMPTS);
    expect(await deliverOutbox(t.ctx, { ids: [id] })).toBe(0);

    const list = await t.app.inject({ url: '/api/outbox?state=dead&limit=200', headers: { cookie: admin } });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((x: { id: string }) => x.id === row!.id);
    expect(item).toMatchObject({ state: 'dead', channel: 'wecom', attempts: OUTBOX_MAX_ATTEMPTS, title: '死信' });
    expect(item.target).not.toContain('secretkey');
    const worker = await buildUser(t.ctx.db, { role: 'grid_worker', homeUnitId: terr.grids[0]!.id });
    const wc = await t.login(worker.username, FACTORY_PASSWORD);
    expect((await t.app.inject({ url: '/api/outbox?state=dead', headers: { cookie: wc } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/outbox/${id}/retry`, headers: { cookie: wc } })).statusCode).toBe(403);

    const retry = await t.app.inject({ method: 'POST', url: `/api/outbox/${id}/retry`, headers: { cookie: admin } });
    expect(retry.json()).toEqual({ id: String(id), state: 'pending' });
    expect(await outboxRow(row!.id)).toMatchObject({ state: 'pending', attempts: 0 });
    const [a] = await queryRows<{ n: number }>(t.ctx.db, sql`
      SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'outbox' AND entity_id = ${String(id)} AND action IN ('outbox.dead', 'outbox.retry')`);
    expect(a!.n).toBe(2);
    expect((await t.app.inject({ method: 'POST', url: '/api/outbox/999999999/retry', headers: { cookie: admin } })).statusCode).toBe(404);
  });

  it('texts through the pluggable SMS adapter by user id, never writing the phone number', async () => {
    const phone = '13800138000';
    const u = await buildUser(t.ctx.db, { role: 'grid_worker', homeUnitId: terr.grids[0]!.id });
    await t.ctx.db.execute(sql`UPDATE users SET phone_enc = ${t.ctx.crypto.encrypt(phone)}, phone_masked = '138****8000' WHERE id = ${u.id}`);
    const caseId = nextCase();
    await notify(t.ctx.db, { userIds: [u.id] }, { kind: 'case.urge', title: '【催办】短信', caseId, sms: true });
    const rows = await rowsFor(caseId);
    expect(rows).toEqual([{ id: expect.any(String), channel: 'sms', target: `user:${u.id}` }]);
    const sent: { phone: string; text: string }[] = [];
    const gateway: SmsGateway = { async sendSms(p, text) { sent.push({ phone: p, text }); } };
    await deliverOutbox(t.ctx, { ids: [Number(rows[0]!.id)], adapters: [new WecomRobotAdapter(), new SmsAdapter(t.ctx, gateway)] });
    expect(sent).toEqual([{ phone, text: '【GridGov】【催办】短信' }]);
    const [r] = await queryRows<{ dump: string }>(t.ctx.db, sql`SELECT row_to_json(o)::text AS dump FROM outbox o WHERE id = ${Number(rows[0]!.id)}`);
    expect(r!.dump).not.toContain(phone);
    expect(r!.dump).toContain('"state":"sent"');
  });
});
