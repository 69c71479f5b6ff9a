import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { cookieOf, openTestDatabase } from '../../../test/harness.js';
import { testContext } from '../../../test/context.js';
import type { Database } from '../../db/client.js';
import type { AppContext } from '../../lib/context.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser } from '../users/index.js';
import { buildBuilding, buildPerson, randomMobile, validIdNumber } from './people.factory.js';

// Phone and ID numbers must never reach the logs, whatever path a request takes (success, validation error,
// conflict, import rejection). The app logs at trace level into a buffer, which is then searched.
let database: Database;
let ctx: AppContext;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  const base = testContext(database);
  ctx = { ...base, config: { ...base.config, LOG_LEVEL: 'trace' } };
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  app = await buildApp(ctx, { logStream: stream });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('personal numbers stay out of logs and URLs', () => {
  it('logs requests without any ID or phone number', async () => {
    const terr = await buildCommunityWithGrids(ctx.db, { x0: 120.1 + Math.random() * 4, y0: -30, cols: 1 });
    const gridId = terr.grids[0]!.id;
    const cadre = await buildUser(ctx.db, { role: 'community_cadre', homeUnitId: terr.community.id });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: cadre.username, password: cadre.password } });
    const cookie = cookieOf(res);
    const existing = await buildPerson(ctx.db, ctx.crypto, { gridId });
    const idNumber = validIdNumber();
    const phone = randomMobile();
    const badId = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    const secrets = [idNumber, phone, badId, existing.idNumber!, existing.phone!];
    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

    const created = await call('POST', '/api/people/persons', { name: '日志测试', idNumber, phone, gridId: String(gridId) });
    expect(created.statusCode).toBe(201);
    const pid = created.json().id;
    expect((await call('POST', '/api/people/persons', { name: '坏号', idNumber: badId, gridId: String(gridId) })).statusCode).toBe(400);
    expect((await call('POST', '/api/people/persons', { name: '重复', idNumber: existing.idNumber!, gridId: String(gridId) })).statusCode).toBe(409);
    expect((await call('POST', '/api/people/persons', { name: '坏手机', phone: `${phone}9`, gridId: String(gridId) })).statusCode).toBe(400);
    expect((await call('POST', '/api/people/persons/search', { idNumber })).json().total).toBe(1);
    expect((await call('POST', '/api/people/persons/search', { phone })).json().total).toBeGreaterThanOrEqual(1);
    expect((await call('POST', `/api/people/persons/${pid}/unmask`)).json().phone).toBe(phone);
    expect((await call('PATCH', `/api/people/persons/${pid}`, { phone: existing.phone })).statusCode).toBe(200);
    // A client that puts a number in the URL anyway is refused, and the log line shows it masked.
    expect((await call('GET', `/api/people/persons?q=${phone}`)).statusCode).toBe(400);
    expect((await call('GET', `/api/people/persons?q=${idNumber}`)).statusCode).toBe(400);

    const b = await buildBuilding(ctx.db, { gridId });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['姓名', '身份证号', '手机号', '楼栋编码']);
    ws.addRow(['导入', existing.idNumber, phone, `nope-${b.id}`]);
    const boundary = 'xxBOUNDARYxx';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from(await wb.xlsx.writeBuffer()), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const imp = await app.inject({ method: 'POST', url: '/api/people/import', payload, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(imp.statusCode).toBe(422);

    const log = lines.join('');
    expect(log).toContain('incoming request'); // the capture works
    expect(log).toContain('/api/people/persons/search');
    expect(log).toContain(`q=${phone.slice(0, 3)}****${phone.slice(-4)}`);
    for (const s of secrets) expect(log).not.toContain(s);
  });
});
