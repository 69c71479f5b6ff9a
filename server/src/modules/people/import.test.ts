import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, uniq, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser } from '../users/index.js';
import { buildBuilding, buildHousehold, buildPerson, randomMobile, validIdNumber } from './people.factory.js';

let t: TestApp;
let gridA: number;
let gridB: number;
let codeA: string;
let codeB: string;
let existingHousehold: Awaited<ReturnType<typeof buildHousehold>>;
let existing: Awaited<ReturnType<typeof buildPerson>>;
let worker: string;
let workerName: string;
let cadre: string;

const HEADERS = ['姓名', '性别', '出生日期', '身份证号', '手机号', '人员类别', '标签', '侨眷', '港澳台/海外亲属', '楼栋编码', '地址', '房号', '与户主关系'];

async function xlsx(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(cookie: string, data: Buffer, filename = 'residents.xlsx') {
  const boundary = `----gridgov${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n`
    + 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n';
  const payload = Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return t.app.inject({ method: 'POST', url: '/api/people/import', payload, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

async function registered(ids: string[]): Promise<number> {
  const bidx = ids.map((i) => t.ctx.crypto.blindIndex(i));
  const [r] = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM persons WHERE id_bidx IN (${sql.join(bidx.map((b) => sql`${b}`), sql`, `)})`);
  return r!.n;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  const terr = await buildCommunityWithGrids(db, { x0: 120.1 + Math.random() * 4, y0: -30, cols: 2 });
  [gridA, gridB] = [terr.grids[0]!.id, terr.grids[1]!.id];
  codeA = `A${uniq()}`;
  codeB = `B${uniq()}`;
  await buildBuilding(db, { gridId: gridA, code: codeA, address: `江门大道${codeA}号` });
  await buildBuilding(db, { gridId: gridB, code: codeB });
  existingHousehold = await buildHousehold(db, { gridId: gridA, address: `沙堆镇梅阁村${uniq()}号` });
  existing = await buildPerson(db, t.ctx.crypto, { householdId: existingHousehold.id });
  const w = await buildUser(db, { role: 'grid_worker', homeUnitId: gridA });
  const c = await buildUser(db, { role: 'community_cadre', homeUnitId: terr.community.id });
  workerName = w.username;
  worker = await t.login(w.username, w.password);
  cadre = await t.login(c.username, c.password);
});
afterAll(() => t?.close());

describe('residents Excel import', () => {
  it('imports a good file: households by building and room, existing households by address, labels to codes', async () => {
    const ids = [validIdNumber({ birth: '19450102', gender: 'male' }), validIdNumber({ birth: '19470304', gender: 'female' }), validIdNumber()];
    const phone = randomMobile();
    const data = await xlsx(HEADERS, [
      ['梁一', '男', '1945-01-02', ids[0], phone, '户籍人口', '独居老人、退役军人', '是', '加拿大（子）', codeA, '', '301', '户主'],
      ['梁二', '', '', ids[1], '', '流动', '低保', '否', '', codeA, '', '301', '配偶'],
      ['何三', '', '', ids[2], '', '', '', '', '', '', await addressOf(existingHousehold.id), '', '子女'],
    ]);
    const res = await upload(worker, data);
    expect(res.json()).toEqual({ read: 3, written: 3, rejected: 0, errors: [] });
    expect(res.statusCode).toBe(200);

    const found = await t.app.inject({ method: 'POST', url: '/api/people/persons/search', headers: { cookie: worker }, payload: { idNumber: ids[0] } });
    const p = found.json().items[0];
    expect(p).toMatchObject({
      name: '梁一', gender: 'male', birthDate: '1945-01-02', category: 'registered', tags: ['elderly_living_alone', 'veteran'],
      overseasChineseFamily: true, overseasRelatives: '加拿大（子）', gridId: String(gridA),
    });
    const hh = await t.app.inject({ url: `/api/people/households/${p.householdId}`, headers: { cookie: worker } });
    expect(hh.json()).toMatchObject({ room: '301', headPersonId: p.id, memberCount: 2, buildingCode: codeA });
    expect(hh.json().members.find((m: { name: string }) => m.name === '梁二')).toMatchObject({ category: 'floating', gender: 'female', tags: ['low_income'], relationToHead: 'spouse' });
    const third = await t.app.inject({ method: 'POST', url: '/api/people/persons/search', headers: { cookie: worker }, payload: { idNumber: ids[2] } });
    expect(third.json().items[0].householdId).toBe(String(existingHousehold.id));

    const [a] = await queryRows<{ after: { written: number; personIds: number[] } }>(t.ctx.db, sql`
      SELECT after FROM audit_events WHERE action = 'person.import' AND actor_name = ${workerName} ORDER BY id DESC LIMIT 1`);
    expect(a!.after).toMatchObject({ written: 3, read: 3 });
    expect(JSON.stringify(a)).not.toContain(ids[0]);
    expect(JSON.stringify(a)).not.toContain(phone);
  });

  it('rejects a file with a bad header, naming the columns, and writes nothing', async () => {
    const id = validIdNumber();
    const data = await xlsx(['名字', '身份证号', '楼栋编码', '民族'], [['x', id, codeA, '汉']]);
    const res = await upload(worker, data);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body).toMatchObject({ read: 1, written: 0, rejected: 1, error: { code: 'IMPORT_REJECTED' } });
    expect(body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 1, field: '名字', message: expect.stringMatching(/unknown column/) }),
      expect.objectContaining({ row: 1, field: '姓名', message: 'missing column 姓名' }),
    ]));
    expect(await registered([id])).toBe(0);
  });

  it('rejects the whole file for one bad check digit, with the row number', async () => {
    const good = validIdNumber();
    const base = validIdNumber();
    const bad = base.slice(0, 17) + (base[17] === '1' ? '2' : '1');
    const data = await xlsx(HEADERS, [
      ['好人', '', '', good, '', '', '', '', '', codeA, '', '101', ''],
      ['错号', '', '', bad, '', '', '', '', '', codeA, '', '102', ''],
    ]);
    const res = await upload(worker, data);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ read: 2, written: 0, rejected: 1 });
    expect(res.json().errors).toEqual([{ row: 3, field: '身份证号', message: expect.stringMatching(/check digit/) }]);
    expect(res.body).not.toContain(bad);
    expect(await registered([good])).toBe(0);
  });

  it('rejects duplicate ID numbers inside the file and against the registry', async () => {
    const id = validIdNumber();
    const data = await xlsx(HEADERS, [
      ['甲', '', '', id, '', '', '', '', '', codeA, '', '201', ''],
      ['乙', '', '', id, '', '', '', '', '', codeA, '', '202', ''],
      ['丙', '', '', existing.idNumber, '', '', '', '', '', codeA, '', '203', ''],
    ]);
    const res = await upload(cadre, data);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { row: 3, field: '身份证号', message: 'same ID number as row 2' },
      { row: 4, field: '身份证号', message: 'a person with this ID number is already registered' },
    ]);
    expect(res.json().rejected).toBe(2);
    expect(res.body).not.toContain(existing.idNumber);
    expect(await registered([id])).toBe(0);
  });

  it('rejects rows whose building is outside the user scope, like an unknown building', async () => {
    const ids = [validIdNumber(), validIdNumber()];
    const data = await xlsx(HEADERS, [
      ['本网格', '', '', ids[0], '', '', '', '', '', codeA, '', '1', ''],
      ['外网格', '', '', ids[1], '', '', '', '', '', codeB, '', '1', ''],
    ]);
    const res = await upload(worker, data);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ row: 3, field: '楼栋编码', message: `no building with code ${codeB} in your area` }]);
    expect(await registered(ids)).toBe(0);
    // The community cadre's area covers both grids.
    expect((await upload(cadre, data)).json()).toMatchObject({ written: 2 });
  });

  it('reports several kinds of bad value at once, each with row and column', async () => {
    const id = validIdNumber({ birth: '19900101', gender: 'male' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(HEADERS);
    ws.addRow(['', '女', '1990-01-01', id, '123', '外星人', '神仙', '也许', '', codeA, '', '1', '邻居']);
    ws.addRow(['数字身份证', '', '', Number('440705199001011234'), // what Excel keeps when a clerk types an ID into a number cell
      '', '', '', '', '', codeA, '', '1', '']);
    const res = await upload(cadre, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(fields).toEqual(['2:姓名', '2:手机号', '2:性别', '2:人员类别', '2:标签', '2:侨眷', '2:与户主关系', '3:身份证号']);
    expect(res.json().errors[7].message).toMatch(/format the column as text/);
  });

  it('answers 400 BAD_FILE for something that is not a workbook', async () => {
    const res = await upload(cadre, Buffer.from('姓名,身份证号\n'), 'people.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_FILE');
    expect((await upload(cadre, Buffer.from('x'), 'people.csv')).json().error.code).toBe('BAD_FILE');
  });
});

describe('residents Excel export', () => {
  it('exports the unit residents with masked numbers only, and audits the export', async () => {
    const res = await t.app.inject({ url: `/api/people/export.xlsx?unitId=${gridA}`, headers: { cookie: worker } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['姓名', '身份证号', '手机号', '楼栋编码']));
    const ids: string[] = [];
    ws.eachRow((r, n) => { if (n > 1) ids.push(String(r.getCell(4).value)); });
    expect(ids).toContain(`${existing.idNumber!.slice(0, 6)}********${existing.idNumber!.slice(-4)}`);
    expect(ids.every((v) => v === '' || v.includes('*'))).toBe(true);
    expect(res.rawPayload.includes(Buffer.from(existing.idNumber!))).toBe(false);
    expect((await t.app.inject({ url: `/api/people/export.xlsx?unitId=${gridB}`, headers: { cookie: worker } })).statusCode).toBe(404);
  });
});

async function addressOf(householdId: number): Promise<string> {
  const [r] = await queryRows<{ address: string }>(t.ctx.db, sql`SELECT address FROM households WHERE id = ${householdId}`);
  return r!.address;
}
