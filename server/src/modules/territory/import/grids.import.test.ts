import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, uniq, type TestApp } from '../../../../test/harness.js';
import { buildEmptyCommunity, countsUnder, warmUpPostgis, createGridType, createUser, fc, gridFeatures, multipart } from '../../../../test/fixtures/import/helpers.js';
import { queryRows } from '../../../db/sql.js';
import { buildCommunityWithGrids, rect } from '../territory.factory.js';

// Longitude band 140–145E, latitude −30 belongs to the import tests; this file uses 140.00–141.00.
const Y0 = -30;
let nextX = 140.0;
const place = () => { nextX += 0.05; return Number(nextX.toFixed(2)); };

let t: TestApp;
let admin: string;
let typeCode: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  await warmUpPostgis(t.ctx.db);
  typeCode = `imp_${uniq()}`;
  await createGridType(t.ctx.db, typeCode, `导入测试类型${typeCode}`);
});
afterAll(() => t?.close());

const post = async (file: { filename: string; data: Buffer | string } | null, fields: Record<string, string> = {}, cookie = admin) => {
  const m = multipart(file, fields);
  return t.app.inject({ method: 'POST', url: '/api/territory/import/grids', payload: m.payload, headers: { ...m.headers, cookie } });
};
const counts = (path: string) => countsUnder(t.ctx.db, path);

/** POST the file, expect 422 IMPORT_REJECTED, and check nothing under the district changed. */
async function expectRejected(path: string, features: unknown[]) {
  const before = await counts(path);
  const res = await post({ filename: 'grids.geojson', data: fc(features) });
  expect(res.statusCode, res.body).toBe(422);
  const body = res.json();
  expect(body.error.code).toBe('IMPORT_REJECTED');
  expect(body.error.details.written).toBe(0);
  expect(await counts(path)).toEqual(before);
  return body.error.details as { read: number; rejected: number; problems: { code: string; gridCodes: string[]; message: string; areaM2?: number }[] };
}

describe('POST /api/territory/import/grids (GeoJSON)', () => {
  it('creates the basic grids of an empty community, auditing each one, and locate finds them', async () => {
    const x0 = place();
    const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 2 });
    const feats = gridFeatures(c.communityCode, { x0, y0: Y0, cols: 2, rows: 2 }, (k) => ({ 网格类型: typeCode, 人口数: 100 * k, 工作重点: '巡查' }));
    const res = await post({ filename: 'grids.geojson', data: fc(feats) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ read: 4, written: 4, rejected: 0, created: 4, updated: 0, unchanged: 0, dryRun: false, crs: 'WGS84', problems: [] });

    const rows = await queryRows<{ code: string; name: string; grid_kind: string; parent_id: string; area_m2: number; profile: Record<string, unknown>; type: string }>(t.ctx.db, sql`
      SELECT u.code, u.name, u.grid_kind, u.parent_id::text, u.area_m2, u.profile, gt.code AS type
      FROM units u JOIN grid_types gt ON gt.id = u.grid_type_id WHERE u.kind = 'grid' AND u.path <@ ${c.community.path}::ltree ORDER BY u.code`);
    expect(rows.map((r) => r.code)).toEqual([1, 2, 3, 4].map((k) => `${c.communityCode}00${k}`));
    expect(rows[0]).toMatchObject({ name: '第1网格', grid_kind: 'basic', parent_id: String(c.community.id), type: typeCode, profile: { population: 100, keyWork: '巡查' } });
    expect(Number(rows[0]!.area_m2)).toBeGreaterThan(1.0e6); // 0.01° × 0.01° at 30°S ≈ 1.07 km²
    expect(Number(rows[0]!.area_m2)).toBeLessThan(1.1e6);

    const audits = await queryRows<{ action: string; n: number }>(t.ctx.db, sql`
      SELECT action, count(*)::int AS n FROM audit_events WHERE unit_path <@ ${c.community.path}::ltree GROUP BY action ORDER BY action`);
    expect(audits).toEqual([{ action: 'grid.import', n: 1 }, { action: 'grid.import.create', n: 4 }]);

    const loc = (await t.app.inject({ url: `/api/territory/locate?lng=${x0 + 0.015}&lat=${Y0 + 0.005}` })).json();
    expect(loc.grid.code).toBe(`${c.communityCode}004`);

    const again = await post({ filename: 'grids.geojson', data: fc(feats) });
    expect(again.json()).toMatchObject({ read: 4, written: 0, unchanged: 4 });
  });

  it('serialises concurrent imports of one community: the second finds the grids and changes nothing', async () => {
    const x0 = place();
    const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    const file = { filename: 'grids.geojson', data: fc(gridFeatures(c.communityCode, { x0, y0: Y0, cols: 2, rows: 1 })) };
    const [a, b] = await Promise.all([post(file), post(file)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().written, b.json().written].sort()).toEqual([0, 2]);
  });

  it('validates only on dryRun=true and writes nothing', async () => {
    const x0 = place();
    const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    const before = await counts(c.district.path);
    const res = await post({ filename: 'grids.json', data: fc(gridFeatures(c.communityCode, { x0, y0: Y0, cols: 2, rows: 1 })) }, { dryRun: 'true' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ read: 2, written: 0, created: 2, dryRun: true, problems: [] });
    expect(await counts(c.district.path)).toEqual(before);
  });

  it('updates existing grids with the same codes in place, with before/after in the audit', async () => {
    const x0 = place();
    const b = await buildCommunityWithGrids(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    // Move the shared edge 0.002° east and rename grid 1.
    const feats = [
      { type: 'Feature', properties: { code: b.grids[0]!.code, name: '城西网格' }, geometry: rect(x0, Y0, x0 + 0.012, Y0 + 0.01) },
      { type: 'Feature', properties: { code: b.grids[1]!.code }, geometry: rect(x0 + 0.012, Y0, x0 + 0.02, Y0 + 0.01) },
    ];
    const res = await post({ filename: 'grids.geojson', data: fc(feats) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ written: 2, created: 0, updated: 2 });
    const [g1] = await queryRows<{ id: string; name: string; area_m2: number }>(t.ctx.db, sql`SELECT id::text, name, area_m2 FROM units WHERE code = ${b.grids[0]!.code} AND valid_to IS NULL`);
    expect(g1).toMatchObject({ id: String(b.grids[0]!.id), name: '城西网格' });
    expect(Number(g1!.area_m2)).toBeGreaterThan(1.2e6);
    const [ev] = await queryRows<{ before: { name: string; geometry: unknown }; after: { name: string; geometry: unknown } }>(t.ctx.db, sql`
      SELECT before, after FROM audit_events WHERE action = 'grid.import.update' AND entity_id = ${String(b.grids[0]!.id)}`);
    expect(ev!.before.name).toBe('第1网格');
    expect(ev!.after.name).toBe('城西网格');
    expect(ev!.before.geometry).toBeTruthy();
    expect(ev!.after.geometry).toBeTruthy();
  });

  it('creates dedicated grids individually over existing basic grids', async () => {
    const x0 = place();
    const b = await buildCommunityWithGrids(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    const cc = b.grids[0]!.code.slice(0, 12);
    const res = await post({ filename: 'd.geojson', data: fc([
      { type: 'Feature', properties: { 网格编码: `${cc}901`, 网格名称: '第一小学专属网格', 网格类别: '专属网格', 专属类型: '学校' }, geometry: rect(x0 + 0.002, Y0 + 0.002, x0 + 0.004, Y0 + 0.004) },
    ]) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ written: 1, created: 1 });
    const [g] = await queryRows<{ grid_kind: string; dedicated_type: string }>(t.ctx.db, sql`SELECT grid_kind, dedicated_type FROM units WHERE code = ${`${cc}901`} AND valid_to IS NULL`);
    expect(g).toEqual({ grid_kind: 'dedicated', dedicated_type: 'school' });
  });
});

describe('rejected GeoJSON imports write nothing', () => {
  it('invalid geometry (bow-tie) names the grid and the GEOS reason', async () => {
    const x0 = place();
    const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    const feats = gridFeatures(c.communityCode, { x0, y0: Y0, cols: 2, rows: 1 });
    feats[0]!.geometry.coordinates = [[[x0, Y0], [x0 + 0.01, Y0 + 0.01], [x0 + 0.01, Y0], [x0, Y0 + 0.01], [x0, Y0]]];
    const d = await expectRejected(c.district.path, feats);
    expect(d.problems).toHaveLength(1); // no gap reported for a community whose grids could not all be checked
    expect(d.problems[0]).toMatchObject({ code: 'INVALID_GEOMETRY', gridCodes: [`${c.communityCode}001`] });
    expect(d.problems[0]!.message).toMatch(/Self-intersection/);
    expect(d).toMatchObject({ read: 2, rejected: 1 });
  });

  it('a grid outside its community, with the area outside', async () => {
    const x0 = place();
    const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    const feats = gridFeatures(c.communityCode, { x0, y0: Y0, cols: 2, rows: 1 });
    feats[1]!.geometry = rect(x0 + 0.01, Y0, x0 + 0.021, Y0 + 0.01);
    const d = await expectRejected(c.district.path, feats);
    const p = d.problems.find((x) => x.code === 'OUTSIDE_COMMUNITY')!;
    expect(p.gridCodes).toEqual([`${c.communityCode}002`]);
    expect(p.areaM2).toBeGreaterThan(90_000); // 0.001° × 0.01° ≈ 96 m × 1.1 km
    expect(p.message).toContain(`outside its community ${c.communityCode}`);
  });

  it('an overlap between basic grids names both codes', async () => {
    const x0 = place();
    const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    const feats = gridFeatures(c.communityCode, { x0, y0: Y0, cols: 2, rows: 1 });
    feats[0]!.geometry = rect(x0, Y0, x0 + 0.011, Y0 + 0.01);
    const d = await expectRejected(c.district.path, feats);
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0]).toMatchObject({ code: 'BASIC_OVERLAP', gridCodes: [`${c.communityCode}001`, `${c.communityCode}002`] });
    expect(d.problems[0]!.message).toMatch(new RegExp(`basic grids ${c.communityCode}001 and ${c.communityCode}002 overlap by \\d+`));
  });

  it('a gap inside the community, naming the grids around it', async () => {
    const x0 = place();
    const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    const feats = gridFeatures(c.communityCode, { x0, y0: Y0, cols: 2, rows: 1 });
    feats[0]!.geometry = rect(x0, Y0, x0 + 0.009, Y0 + 0.01);
    const d = await expectRejected(c.district.path, feats);
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0]).toMatchObject({ code: 'GAP', gridCodes: [`${c.communityCode}001`, `${c.communityCode}002`] });
    expect(d.problems[0]!.areaM2).toBeGreaterThan(90_000);
  });

  it('a gap counts grids already in the database that the file does not replace', async () => {
    const x0 = place();
    const b = await buildCommunityWithGrids(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    const d = await expectRejected(b.district.path, [
      { type: 'Feature', properties: { code: b.grids[0]!.code }, geometry: rect(x0, Y0, x0 + 0.008, Y0 + 0.01) },
    ]);
    expect(d.problems.map((p) => p.code)).toEqual(['GAP']);
    expect(d.problems[0]!.gridCodes).toEqual([b.grids[0]!.code, b.grids[1]!.code]);
  });

  it('dedicated grids overlapping each other', async () => {
    const x0 = place();
    const b = await buildCommunityWithGrids(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    const cc = b.grids[0]!.code.slice(0, 12);
    const d = await expectRejected(b.district.path, [
      { type: 'Feature', properties: { code: `${cc}901`, name: '工业园', kind: 'dedicated', dedicatedType: 'industrial_park' }, geometry: rect(x0 + 0.001, Y0 + 0.001, x0 + 0.006, Y0 + 0.006) },
      { type: 'Feature', properties: { code: `${cc}902`, name: '市场', kind: 'dedicated', dedicatedType: 'market' }, geometry: rect(x0 + 0.004, Y0 + 0.004, x0 + 0.009, Y0 + 0.009) },
    ]);
    expect(d.problems).toEqual([expect.objectContaining({ code: 'DEDICATED_OVERLAP', gridCodes: [`${cc}901`, `${cc}902`] })]);
  });

  it('a different set of basic codes for a community that has grids points to the redraw', async () => {
    const x0 = place();
    const b = await buildCommunityWithGrids(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
    const cc = b.grids[0]!.code.slice(0, 12);
    const d = await expectRejected(b.district.path, gridFeatures(cc, { x0, y0: Y0, cols: 4, rows: 1, size: 0.005 }));
    const p = d.problems.find((x) => x.code === 'REDRAW_REQUIRED')!;
    expect(p.gridCodes).toEqual([`${cc}003`, `${cc}004`]);
    expect(p.message).toContain(`/api/territory/communities/${b.community.id}/redraw`);
  });

  it('collects every attribute problem in one answer', async () => {
    const x0 = place();
    const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 3, rows: 1 });
    const cc = c.communityCode;
    const g = (x: number) => rect(x0 + x * 0.01, Y0, x0 + (x + 1) * 0.01, Y0 + 0.01);
    const d = await expectRejected(c.district.path, [
      { type: 'Feature', properties: { code: `${cc}001`, name: 'a', 网格类型: 'no_such_type' }, geometry: g(0) },
      { type: 'Feature', properties: { code: `${cc}001`, name: 'a again' }, geometry: g(1) },
      { type: 'Feature', properties: { code: `${cc}003`, name: 'c', 社区编码: '999999999999' }, geometry: g(2) },
      { type: 'Feature', properties: { code: '999999999999001', name: 'd' }, geometry: g(2) },
      { type: 'Feature', properties: { code: `${cc}004` }, geometry: g(2) },
      { type: 'Feature', properties: { code: '12345', name: 'f' }, geometry: g(2) },
      { type: 'Feature', properties: { name: 'no code' }, geometry: g(2) },
    ]);
    const kinds = d.problems.map((p) => p.code).sort();
    expect(kinds).toEqual(expect.arrayContaining(['CODE_COMMUNITY_MISMATCH', 'DUPLICATE_CODE', 'INVALID_CODE', 'MISSING_CODE', 'MISSING_NAME', 'UNKNOWN_COMMUNITY', 'UNKNOWN_GRID_TYPE']));
    expect(d.problems.find((p) => p.code === 'UNKNOWN_GRID_TYPE')!.message).toContain('no_such_type');
    expect(d.problems.find((p) => p.code === 'UNKNOWN_COMMUNITY')!.message).toContain('no community 999999999999');
  });
});

describe('files, permissions and scope', () => {
  it('rejects a wrong file type, a non-GeoJSON JSON and a missing file with BAD_FILE', async () => {
    const kml = await post({ filename: 'grids.kml', data: '<kml/>' });
    expect(kml.statusCode).toBe(400);
    expect(kml.json().error).toMatchObject({ code: 'BAD_FILE' });
    expect(kml.json().error.message).toContain('.geojson, .json, or .zip');
    const json = await post({ filename: 'x.json', data: '{"a":1}' });
    expect(json.json().error.message).toContain('not a GeoJSON FeatureCollection');
    const none = await post(null, { dryRun: 'true' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('BAD_FILE');
  });

  it('answers 413 for files over 50 MB', async () => {
    const res = await post({ filename: 'big.geojson', data: Buffer.alloc(50 * 1024 * 1024 + 10, 0x20) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('needs territory.import, and a community outside the user scope is rejected', async () => {
    const x0 = place();
    const mine = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 1, rows: 1 });
    const other = await buildEmptyCommunity(t.ctx.db, { x0: place(), y0: Y0, cols: 1, rows: 1 });
    const file = { filename: 'g.geojson', data: fc(gridFeatures(mine.communityCode, { x0, y0: Y0, cols: 1, rows: 1 })) };
    expect((await post(file, {}, '')).statusCode).toBe(401);
    const worker = `gw${uniq()}`;
    await createUser(t.ctx.db, { username: worker, role: 'grid_worker', homeUnitId: mine.community.id, password: 'Worker12345' });
    const wres = await post(file, {}, await t.login(worker, 'Worker12345'));
    expect(wres.statusCode).toBe(403);
    const op = `op${uniq()}`;
    await createUser(t.ctx.db, { username: op, role: 'centre_operator', homeUnitId: other.district.id, password: 'Operator12345' });
    const ores = await post(file, {}, await t.login(op, 'Operator12345'));
    expect(ores.statusCode).toBe(422);
    expect(ores.json().error.details.problems[0]).toMatchObject({ code: 'UNKNOWN_COMMUNITY', gridCodes: [`${mine.communityCode}001`] });
  });
});
