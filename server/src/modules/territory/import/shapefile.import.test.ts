import proj4 from 'proj4';
import AdmZip from 'adm-zip';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { buildEmptyCommunity, countsUnder, warmUpPostgis, gridFeatures, multipart } from '../../../../test/fixtures/import/helpers.js';
import { PRJ, shapefileZip, type ShpFeature, type ZipOptions } from '../../../../test/fixtures/import/shapefile.js';
import { queryRows } from '../../../db/sql.js';

// Import tests' band: 140–145E, 30°S. This file uses 141.00–142.00 (GK CM 141E sits in it).
const Y0 = -30;
let nextX = 141.0;
const place = () => { nextX += 0.05; return Number(nextX.toFixed(2)); };

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  await warmUpPostgis(t.ctx.db);
});
afterAll(() => t?.close());

const post = async (filename: string, data: Buffer) => {
  const m = multipart({ filename, data });
  return t.app.inject({ method: 'POST', url: '/api/territory/import/grids', payload: m.payload, headers: { ...m.headers, cookie: admin } });
};

/** An empty community and the shapefile features that tile it (2 × 1 grids), properties as given. */
async function layout(props: (code: string, k: number) => Record<string, string | number | null>) {
  const x0 = place();
  const c = await buildEmptyCommunity(t.ctx.db, { x0, y0: Y0, cols: 2, rows: 1 });
  const features: ShpFeature[] = gridFeatures(c.communityCode, { x0, y0: Y0, cols: 2, rows: 1 }).map((f, i) => ({
    geometry: f.geometry as ShpFeature['geometry'], properties: props(f.properties.网格编码 as string, i + 1),
  }));
  return { x0, c, features };
}

const gridsOf = (path: string) => queryRows<{ code: string; name: string; x: number; y: number; area_m2: number }>(t.ctx.db, sql`
  SELECT code, name, ST_X(ST_Centroid(geom)) AS x, ST_Y(ST_Centroid(geom)) AS y, area_m2
  FROM units WHERE kind = 'grid' AND valid_to IS NULL AND path <@ ${path}::ltree ORDER BY code`);

async function expectFileError(status: number, code: string, path: string, filename: string, data: Buffer) {
  const before = await countsUnder(t.ctx.db, path);
  const res = await post(filename, data);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(await countsUnder(t.ctx.db, path)).toEqual(before);
  return res.json().error as { message: string; details: Record<string, unknown> };
}

describe('zipped Shapefile import', () => {
  it('imports a WGS84 layer with a GBK .dbf (no .cpg) and Chinese field names', async () => {
    const { x0, c, features } = await layout((code, k) => ({ 网格编码: code, 网格名称: `城南第${k}网格`, 人口数: 1200 + k }));
    const res = await post('城南网格.zip', shapefileZip(features, { encoding: 'gb18030', prj: PRJ.wgs84 }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ read: 2, written: 2, rejected: 0, crs: 'GCS_WGS_1984' });
    const grids = await gridsOf(c.community.path);
    expect(grids.map((g) => g.name)).toEqual(['城南第1网格', '城南第2网格']);
    expect(Number(grids[0]!.x)).toBeCloseTo(x0 + 0.005, 9);
    const [p] = await queryRows<{ population: number }>(t.ctx.db, sql`SELECT (profile->>'population')::int AS population FROM units WHERE code = ${`${c.communityCode}001`} AND valid_to IS NULL`);
    expect(p!.population).toBe(1201);
  });

  it('reprojects a CGCS2000 3-degree GK CM 141E layer to the right place (UTF-8 names cut at 10 bytes)', async () => {
    const { x0, c, features } = await layout((code, k) => ({ 网格编码: code, 网格名称: `GK网格${k}` }));
    const toGk = proj4('WGS84', '+proj=tmerc +lat_0=0 +lon_0=141 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
    const projected = features.map((f) => ({ ...f, geometry: { type: 'Polygon' as const, coordinates: (f.geometry.coordinates as number[][][]).map((r) => r.map((p) => toGk.forward(p))) } }));
    expect(projected[0]!.geometry.coordinates[0]![0]![0]).toBeGreaterThan(400_000); // metres, not degrees
    const res = await post('gk.zip', shapefileZip(projected, { prj: PRJ.gk3CM(141) }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ written: 2, crs: 'CGCS2000_3_Degree_GK_CM_141E', problems: [] });
    const grids = await gridsOf(c.community.path);
    expect(grids.map((g) => g.name)).toEqual(['GK网格1', 'GK网格2']);
    expect(Number(grids[1]!.x)).toBeCloseTo(x0 + 0.015, 7); // within ~1 cm
    expect(Number(grids[1]!.y)).toBeCloseTo(Y0 + 0.005, 7);
    const loc = (await t.app.inject({ url: `/api/territory/locate?lng=${x0 + 0.004}&lat=${Y0 + 0.004}` })).json();
    expect(loc.grid.code).toBe(`${c.communityCode}001`);
  });

  it('reprojects a 3-degree GK zone with the zone number in the false easting, honouring a .cpg', async () => {
    const { x0, c, features } = await layout((code, k) => ({ code, name: `带号网格${k}` }));
    const toGk = proj4('WGS84', '+proj=tmerc +lat_0=0 +lon_0=141 +k=1 +x_0=47500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
    const projected = features.map((f) => ({ ...f, geometry: { type: 'Polygon' as const, coordinates: (f.geometry.coordinates as number[][][]).map((r) => r.map((p) => toGk.forward(p))) } }));
    const res = await post('zone47.zip', shapefileZip(projected, { prj: PRJ.gk3Zone(47), cpg: 'UTF-8' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().crs).toBe('CGCS2000_3_Degree_GK_Zone_47');
    const grids = await gridsOf(c.community.path);
    expect(grids.map((g) => g.name)).toEqual(['带号网格1', '带号网格2']);
    expect(Number(grids[0]!.x)).toBeCloseTo(x0 + 0.005, 7);
  });

  it('validates shapefile grids like GeoJSON ones (overlap named, nothing written)', async () => {
    const { x0, c, features } = await layout((code) => ({ 网格编码: code, 网格名称: '网格' }));
    features[0]!.geometry = { type: 'Polygon', coordinates: [[[x0, Y0], [x0 + 0.012, Y0], [x0 + 0.012, Y0 + 0.01], [x0, Y0 + 0.01], [x0, Y0]]] };
    const e = await expectFileError(422, 'IMPORT_REJECTED', c.district.path, 'bad.zip', shapefileZip(features));
    expect((e.details.problems as { code: string }[]).map((p) => p.code)).toEqual(['BASIC_OVERLAP']);
  });
});

describe('rejected shapefiles write nothing', () => {
  const base = async () => layout((code) => ({ 网格编码: code, 网格名称: '网格' }));

  it('Xian 1980 is refused by name', async () => {
    const { c, features } = await base();
    const e = await expectFileError(422, 'UNSUPPORTED_CRS', c.district.path, 'xian.zip', shapefileZip(features, { prj: PRJ.xian80 }));
    expect(e.message).toBe('Xian_1980_3_Degree_GK_CM_114E is not supported; use WGS84, CGCS2000 geographic or CGCS2000 Gauss-Krüger');
  });

  it('no .prj outside China: coordinate system unknown', async () => {
    const { c, features } = await base();
    const e = await expectFileError(422, 'UNSUPPORTED_CRS', c.district.path, 'noprj.zip', shapefileZip(features, { prj: null }));
    expect(e.message).toContain('has no .prj');
  });

  it('not a zip', async () => {
    const { c } = await base();
    const e = await expectFileError(400, 'BAD_FILE', c.district.path, 'grids.zip', Buffer.from('this is not a zip file'));
    expect(e.message).toContain('is not a valid zip archive');
  });

  it('a zip without .shp, or a .shp without .dbf', async () => {
    const { c, features } = await base();
    const noShp = await expectFileError(400, 'BAD_FILE', c.district.path, 'noshp.zip', shapefileZip(features, { omit: ['shp'] }));
    expect(noShp.message).toMatch(/holds no \.shp file \(found: .*grids\.dbf.*\); a zipped Shapefile needs \.shp, \.shx, \.dbf and \.prj/);
    const noDbf = await expectFileError(400, 'BAD_FILE', c.district.path, 'nodbf.zip', shapefileZip(features, { omit: ['dbf'] }));
    expect(noDbf.message).toContain('grids.shp has no matching .dbf');
  });

  it('a zip of something else entirely', async () => {
    const { c } = await base();
    const zip = new AdmZip();
    zip.addFile('readme.txt', Buffer.from('hello'));
    const e = await expectFileError(400, 'BAD_FILE', c.district.path, 'other.zip', zip.toBuffer());
    expect(e.message).toContain('found: readme.txt');
  });

  it('a .shp in a subfolder is found; a .cpg naming an unknown encoding is refused', async () => {
    const { c, features } = await base();
    const opts: ZipOptions = { base: 'layers/grids', cpg: 'EBCDIC-037' };
    const e = await expectFileError(400, 'BAD_FILE', c.district.path, 'sub.zip', shapefileZip(features, opts));
    expect(e.message).toContain('EBCDIC-037');
  });
});
