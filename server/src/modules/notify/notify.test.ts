import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, openTestDatabase, type TestApp } from '../../../test/harness.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser, FACTORY_PASSWORD } from '../users/users.factory.js';
import { queryRows } from '../../db/sql.js';
import { EventHub, publish, publishCaseChanged, type AppEvent } from './events.js';
import { notify } from './notify.js';
import { sseSettings } from './sse.js';

/** Inbox routes and live events (SSE through app.inject and a real socket; LISTEN/NOTIFY between hubs). */
let t: TestApp;
let terr: Awaited<ReturnType<typeof buildCommunityWithGrids>>;
let other: Awaited<ReturnType<typeof buildCommunityWithGrids>>;
let a: { id: number; username: string; cookie: string };
let b: { id: number; username: string; cookie: string };
let caseIn: number;
let caseOut: number;

async function user(role: 'grid_worker' | 'community_cadre', homeUnitId: number) {
  const u = await buildUser(t.ctx.db, { role, homeUnitId });
  return { id: u.id, username: u.username, cookie: await t.login(u.username, FACTORY_PASSWORD) };
}

async function insertCase(grid: { id: number; path: string }, lng: number) {
  const [r] = await queryRows<{ id: string }>(t.ctx.db, sql`
    INSERT INTO cases (tracking_no, title, state, grid_id, path, location)
    VALUES (${`NT${Date.now()}${Math.random().toString(36).slice(2, 8)}`}, 'test', 'accepted', ${grid.id}, ${grid.path}::ltree,
      ST_SetSRID(ST_MakePoint(${lng}, 30.005), 4326)) RETURNING id::text`);
  return Number(r!.id);
}

beforeAll(async () => {
  t = await createTestApp();
  terr = await buildCommunityWithGrids(t.ctx.db, { x0: 66.1, y0: 30.1, cols: 2 });
  other = await buildCommunityWithGrids(t.ctx.db, { x0: 66.5, y0: 30.1, cols: 1 });
  a = await user('grid_worker', terr.grids[0]!.id);
  b = await user('grid_worker', terr.grids[1]!.id);
  caseIn = await insertCase(terr.grids[0]!, 66.105);
  caseOut = await insertCase(other.grids[0]!, 66.505);
});
afterAll(() => t?.close());

const inbox = (cookie: string, qs = '') => t.app.inject({ url: `/api/inbox${qs}`, headers: { cookie } });

describe('inbox', () => {
  it('lists only the caller\'s notifications, newest first, paged, with the unread count', async () => {
    await notify(t.ctx.db, { userIds: [a.id, b.id] }, { kind: 'test.one', title: '第一条', caseId: caseIn });
    await notify(t.ctx.db, { unitId: terr.grids[0]!.id, roles: ['grid_worker'] }, { kind: 'test.two', title: '第二条', body: '正文' });
    const res = await inbox(a.cookie, '?limit=1');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.unread).toBe(2);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ kind: 'test.two', title: '第二条', body: '正文', readAt: null, caseId: null });
    const page2 = (await inbox(a.cookie, '?limit=1&offset=1')).json();
    expect(page2.items[0]).toMatchObject({ kind: 'test.one', caseId: String(caseIn) });
    expect((await inbox(b.cookie)).json().total).toBe(1);
  });

  it('marks one read (idempotent), refuses someone else\'s as not found, and marks all read', async () => {
    const items = (await inbox(a.cookie)).json().items as { id: string }[];
    const r1 = await t.app.inject({ method: 'POST', url: `/api/inbox/${items[0]!.id}/read`, headers: { cookie: a.cookie } });
    expect(r1.statusCode).toBe(200);
    expect(r1.json().unread).toBe(1);
    const again = await t.app.inject({ method: 'POST', url: `/api/inbox/${items[0]!.id}/read`, headers: { cookie: a.cookie } });
    expect(again.json().readAt).toBe(r1.json().readAt);
    const foreign = await t.app.inject({ method: 'POST', url: `/api/inbox/${items[1]!.id}/read`, headers: { cookie: b.cookie } });
    expect(foreign.statusCode).toBe(404);
    expect((await inbox(a.cookie, '?unread=true')).json().items).toHaveLength(1);
    const all = await t.app.inject({ method: 'POST', url: '/api/inbox/read-all', headers: { cookie: a.cookie } });
    expect(all.json()).toEqual({ updated: 1, unread: 0 });
    expect((await inbox(b.cookie)).json().unread).toBe(1);
  });

  it('answers 401 without a session, 400 for a bad id', async () => {
    expect((await t.app.inject({ url: '/api/inbox' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/events' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/inbox/abc/read', headers: { cookie: a.cookie } })).statusCode).toBe(400);
  });
});

/** Collects SSE frames from a stream without consuming it destructively; `until` waits for a condition. */
function sseReader(stream: NodeJS.ReadableStream) {
  let raw = '';
  stream.on('data', (c: Buffer) => { raw += c.toString(); });
  const frames = () => raw.split('\n\n').flatMap((p) => {
    const event = /^event: (.+)$/m.exec(p)?.[1];
    const data = /^data: (.+)$/m.exec(p)?.[1];
    return event && data ? [{ event, data }] : [];
  });
  return {
    get raw() { return raw; },
    frames,
    async until(pred: (f: { event: string; data: string }[], raw: string) => boolean, ms = 5000) {
      const t0 = Date.now();
      while (!pred(frames(), raw) && Date.now() - t0 < ms) await new Promise((r) => setTimeout(r, 10));
      return { frames: frames(), raw };
    },
  };
}

describe('live events (SSE)', () => {
  it('streams the caller\'s notifications and in-scope case changes after commit, never others\', with heartbeats', async () => {
    sseSettings.heartbeatMs = 50;
    const res = await t.app.inject({ url: '/api/events', headers: { cookie: a.cookie }, payloadAsStream: true });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const stream = res.stream();
    const reader = sseReader(stream);
    const ready = await reader.until((f) => f.length >= 1);
    expect(ready.frames[0]).toEqual({ event: 'ready', data: JSON.stringify({ unread: 0 }) });

    await notify(t.ctx.db, { userIds: [b.id] }, { kind: 'test.forb', title: '给B' });
    await t.ctx.db.transaction(async (tx) => {
      await notify(tx, { userIds: [a.id] }, { kind: 'test.fora', title: '给A', caseId: caseIn });
      await publishCaseChanged(tx, { caseId: caseOut, state: 'accepted', version: 3 });
      await publishCaseChanged(tx, { caseId: caseIn, state: 'in_grid', version: 2 });
    });
    // A rolled-back transaction publishes nothing.
    await t.ctx.db.transaction(async (tx) => {
      await notify(tx, { userIds: [a.id] }, { kind: 'test.rolledback', title: '不应出现' });
      tx.rollback();
    }).catch(() => {});
    const got = await reader.until((f, raw) => f.some((x) => x.event === 'case.changed') && raw.includes(': heartbeat'));
    const events = got.frames.filter((f) => f.event !== 'ready');
    expect(events.map((f) => f.event)).toEqual(['notification', 'case.changed']);
    expect(JSON.parse(events[0]!.data)).toMatchObject({ kind: 'test.fora', title: '给A', caseId: String(caseIn) });
    expect(JSON.parse(events[1]!.data)).toEqual({ caseId: String(caseIn), state: 'in_grid', version: 2 });
    expect(got.raw).toContain(': heartbeat');
    expect(got.raw).not.toContain('test.rolledback');
    (stream as unknown as { destroy(): void }).destroy();
    sseSettings.heartbeatMs = 15_000;
  });

  it('delivers an event published through one instance to the listeners of another (LISTEN/NOTIFY)', async () => {
    // On PostgreSQL the second "instance" has its own pool; on PGlite instances can only share the database.
    const second = process.env.TEST_DATABASE_URL ? await openTestDatabase() : t.ctx.database;
    const hub2 = new EventHub(second);
    try {
      await hub2.start();
      const seen: AppEvent[] = [];
      hub2.subscribe((e) => seen.push(e));
      const marker = Date.now() % 1e9;
      await t.ctx.db.transaction((tx) => publish(tx, { type: 'case.changed', caseId: marker, state: 'accepted', version: 1, path: terr.grids[0]!.path }));
      for (let i = 0; i < 50 && !seen.some((e) => e.type === 'case.changed' && e.caseId === marker); i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen.find((e) => e.type === 'case.changed' && e.caseId === marker)).toMatchObject({ state: 'accepted', version: 1 });
    } finally {
      await hub2.stop();
      if (second !== t.ctx.database) await second.close();
    }
  });
  it('publishes case.changed from the cases trigger when state or version changes, not for other edits', async () => {
    const hub = new EventHub(t.ctx.database);
    try {
      await hub.start();
      const seen: AppEvent[] = [];
      hub.subscribe((e) => seen.push(e));
      await t.ctx.db.execute(sql`UPDATE cases SET title = 'only the title' WHERE id = ${caseIn}`);
      await t.ctx.db.execute(sql`UPDATE cases SET state = 'escalated_community', version = version + 1 WHERE id = ${caseIn}`);
      for (let i = 0; i < 50 && !seen.length; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      const mine = seen.filter((e) => e.type === 'case.changed' && e.caseId === caseIn);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ state: 'escalated_community', path: terr.grids[0]!.path, departmentIds: [] });
    } finally {
      await hub.stop();
    }
  });

  it('serves a real socket (listen) and ends open streams when the server closes (last: it closes the app)', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get({ host: '127.0.0.1', port, path: '/api/events', headers: { cookie: a.cookie } }, resolve).on('error', reject));
    expect(res.statusCode).toBe(200);
    const reader = sseReader(res);
    const ready = await reader.until((f) => f.length >= 1);
    expect(ready.frames[0]!.event).toBe('ready');
    await notify(t.ctx.db, { userIds: [a.id] }, { kind: 'test.socket', title: '实时' });
    const got = await reader.until((f) => f.some((x) => x.event === 'notification'));
    expect(got.frames.find((x) => x.event === 'notification')!.data).toContain('test.socket');
    const ended = new Promise<void>((resolve) => res.on('end', resolve));
    await t.app.close(); // must not hang on the open stream
    await ended;
  });
});
