import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, uniq, type TestApp } from '../../../../test/harness.js';
import { countsUnder, createGridType, fc, multipart, warmUpPostgis, xlsx } from '../../../../test/fixtures/import/helpers.js';
import { queryRows } from '../../../db/sql.js';
import { buildCommunityWithGrids } from '../territory.factory.js';

// Import tests' band: 140–145E, 30°S. This file uses 142.00–143.00.
const Y0 = -30;
let nextX = 142.0;
const place = () => { nextX += 0.05; return Number(nextX.toFixed(2)); };

let t: TestApp;
let admin: string;
let typeCode: string;
let typeName: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  await warmUpPostgis(t.ctx.db);
  typeCode = `attr_${uniq()}`;
  typeName = `城镇网格${typeCode}`;
  await createGridType(t.ctx.db, typeCode, typeName);
});
afterAll(() => t?.close());

const upload = async (url: string, filename: string, data: Buffer, fields: Record<string, string> = {}) => {
  const m = multipart({ filename, data }, fields);
  return t.app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, cookie: admin } });
};
const postXlsx = (filename: string, data: Buffer, fields: Record<string, string> = {}) => upload('/api/territory/import/attributes', filename, data, fields);
const profileOf = async (code: string) => (await queryRows<{ name: string; profile: Record<string, unknown>; type: string | null }>(t.ctx.db, sql`
  SELECT u.name, u.profile, gt.code AS type FROM units u LEFT JOIN grid_types gt ON gt.id = u.grid_type_id WHERE u.code = ${code} AND u.valid_to IS NULL`))[0]!;

const HEADER = ['网格编码', '网格名称', '网格类型', '人口数', '户数', '人口特点', '工作重点', '隐患风险', '备注'];

describe('POST /api/territory/import/attributes', () => {
  it('updates names, types and profiles matched on 网格编码 (title row, numeric codes), auditing each grid', async () => {
    const b = await buildCommunityWithGrids(t.ctx.db, { x0: place(), y0: Y0, cols: 2, rows: 1 });
    const [g1, g2] = b.grids;
    const file = await xlsx(HEADER, [
      [Number(g1!.code), '东风网格', typeName, 1520, 480, '老年人口多', '独居老人探访', '老旧电线'],
      [g2!.code, null, typeCode, '2,300', null, null, null, null, '不导入'],
    ], `${b.community.id} 网格基础信息表`);
    const res = await postXlsx('网格信息.xlsx', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ read: 2, written: 2, rejected: 0, unchanged: 0, dryRun: false, ignoredColumns: ['备注'], errors: [] });
    expect(await profileOf(g1!.code)).toEqual({ name: '东风网格', type: typeCode, profile: { population: 1520, households: 480, traits: '老年人口多', keyWork: '独居老人探访', risks: '老旧电线' } });
    expect(await profileOf(g2!.code)).toMatchObject({ name: '第2网格', type: typeCode, profile: { population: 2300 } });
    const [ev] = await queryRows<{ before: { name: string }; after: { name: string; profile: { population: number } } }>(t.ctx.db, sql`
      SELECT before, after FROM audit_events WHERE action = 'grid.attributes.import' AND entity_id = ${String(g1!.id)}`);
    expect(ev!.before.name).toBe('第1网格');
    expect(ev!.after).toMatchObject({ name: '东风网格', profile: { population: 1520 } });

    const again = await postXlsx('网格信息.xlsx', file);
    expect(again.json()).toMatchObject({ written: 0, unchanged: 2 });
  });

  it('rejects a sheet without a 网格编码 column, naming the expected headers; nothing written', async () => {
    const b = await buildCommunityWithGrids(t.ctx.db, { x0: place(), y0: Y0, cols: 1, rows: 1 });
    const before = await countsUnder(t.ctx.db, b.district.path);
    const res = await postXlsx('bad.xlsx', await xlsx(['编号', '名称', '人口数'], [[b.grids[0]!.code, 'x', 5]]));
    expect(res.statusCode).toBe(422);
    const e = res.json().error;
    expect(e.code).toBe('IMPORT_REJECTED');
    expect(e.details.errors).toEqual([{ row: 1, field: '网格编码', message: expect.stringContaining('expected headers: 网格编码, 网格名称, 网格类型, 人口数, 户数, 人口特点, 工作重点, 隐患风险') }]);
    expect(await countsUnder(t.ctx.db, b.district.path)).toEqual(before);
  });

  it('reports every bad row by row number and field, and writes nothing', async () => {
    const b = await buildCommunityWithGrids(t.ctx.db, { x0: place(), y0: Y0, cols: 3, rows: 1 });
    const [g1, g2, g3] = b.grids;
    const before = await countsUnder(t.ctx.db, b.district.path);
    const res = await postXlsx('rows.xlsx', await xlsx(HEADER, [
      [g1!.code, '好的一行', null, 100],
      [g2!.code, null, null, '很多'],
      [g1!.code, null, null, 5],
      ['999999999999001', null, null, 1],
      [g2!.code.slice(0, 10), null, null, 1],
      [null, '没有编码', null, 1],
      [g3!.code, null, '没有这个类型', -3],
    ]));
    expect(res.statusCode).toBe(422);
    const errors = res.json().error.details.errors as { row: number; field: string; message: string }[];
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, '人口数'], [4, '网格编码'], [5, '网格编码'], [6, '网格编码'], [7, '网格编码'], [8, '网格类型'], [8, '人口数'],
    ]);
    expect(errors[5]!.message).toContain('"没有这个类型" is not a known grid type');
    expect(errors[0]!.message).toContain('"很多" is not a whole number');
    expect(errors[1]!.message).toContain('already appears in row 2');
    expect(errors[2]!.message).toContain('no current grid 999999999999001 in your area');
    expect(res.json().error.details).toMatchObject({ read: 7, written: 0, rejected: 6 });
    expect(await countsUnder(t.ctx.db, b.district.path)).toEqual(before);
    expect((await profileOf(g1!.code)).name).toBe('第1网格');
  });

  it('accepts only .xlsx', async () => {
    const xls = await postXlsx('old.xls', Buffer.from('xx'));
    expect(xls.statusCode).toBe(400);
    expect(xls.json().error.message).toContain('save it as .xlsx');
    const csv = await postXlsx('a.csv', Buffer.from('网格编码\n1'));
    expect(csv.json().error).toMatchObject({ code: 'BAD_FILE' });
    const broken = await postXlsx('broken.xlsx', Buffer.from('not a workbook'));
    expect(broken.json().error.message).toContain('not a readable .xlsx');
  });
});

describe('GET /api/territory/export/grids.geojson|.xlsx', () => {
  it('exports grids with attributes; re-importing the GeoJSON is a no-op', async () => {
    const b = await buildCommunityWithGrids(t.ctx.db, { x0: place(), y0: Y0, cols: 2, rows: 2 });
    await postXlsx('p.xlsx', await xlsx(HEADER, [[b.grids[0]!.code, null, typeCode, 321, 99]]));
    const res = await t.app.inject({ url: `/api/territory/export/grids.geojson?unitId=${b.community.id}`, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const doc = res.json();
    expect(doc.features).toHaveLength(4);
    expect(doc.features[0].properties).toMatchObject({
      code: b.grids[0]!.code, name: '第1网格', kind: 'basic', gridType: typeCode, communityCode: b.grids[0]!.code.slice(0, 12),
      community: expect.stringContaining('测试社区'), town: expect.stringContaining('测试街道'), population: 321, households: 99,
    });
    expect(doc.features[0].properties.areaM2).toBeGreaterThan(1e6);

    const before = await countsUnder(t.ctx.db, b.district.path);
    const back = await upload('/api/territory/import/grids', 'export.geojson', fc(doc.features));
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ read: 4, written: 0, unchanged: 4, problems: [] });
    expect(await countsUnder(t.ctx.db, b.district.path)).toEqual(before);
  });

  it('exports one row per grid with Chinese headers, and the sheet feeds back into the attribute import', async () => {
    const b = await buildCommunityWithGrids(t.ctx.db, { x0: place(), y0: Y0, cols: 2, rows: 1 });
    const res = await t.app.inject({ url: `/api/territory/export/grids.xlsx?unitId=${b.town.id}`, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['网格编码', '网格名称', '类型', '网格类型', '专属类型', '所属社区', '所属镇街', '面积(平方米)', '人口数', '户数', '人口特点', '工作重点', '隐患风险']);
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell(1).value).toBe(b.grids[0]!.code);
    expect(ws.getRow(2).getCell(3).value).toBe('基础网格');
    expect(Number(ws.getRow(2).getCell(8).value)).toBeGreaterThan(1e6);

    ws.getRow(3).getCell(9).value = 777; // 人口数 of grid 2
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const imp = await postXlsx('edited.xlsx', edited);
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json()).toMatchObject({ read: 2, written: 1, unchanged: 1, ignoredColumns: [] });
    expect((await profileOf(b.grids[1]!.code)).profile).toMatchObject({ population: 777 });
  });

  it('needs a login and answers 404 for a unit outside the scope', async () => {
    expect((await t.app.inject({ url: '/api/territory/export/grids.geojson' })).statusCode).toBe(401);
    const res = await t.app.inject({ url: '/api/territory/export/grids.xlsx?unitId=999999999', headers: { cookie: admin } });
    expect(res.statusCode).toBe(404);
  });
});
