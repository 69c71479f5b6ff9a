import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { PRJ } from '../../../../test/fixtures/import/shapefile.js';
import { AppError } from '../../../lib/errors.js';
import { crsForMissingPrj, crsFromEpsg, crsFromGeojsonMember, crsFromPrj, gkProblem, parseWkt } from './crs.js';

const reject = (f: () => unknown) => {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(AppError); return e as AppError; }
  throw new Error('expected a rejection');
};

describe('.prj → CRS', () => {
  it('parses WKT into nested nodes', () => {
    const n = parseWkt('GEOGCS["a ""b""",DATUM["D",SPHEROID["S",6378137,298.257]],AXIS["x",EAST]]');
    expect(n.keyword).toBe('GEOGCS');
    expect(n.args[0]).toBe('a "b"');
    expect((n.args[1] as { keyword: string }).keyword).toBe('DATUM');
  });

  it('accepts WGS84 and CGCS2000 geographic', () => {
    expect(crsFromPrj(PRJ.wgs84)).toEqual({ kind: 'lnglat', name: 'GCS_WGS_1984' });
    expect(crsFromPrj(PRJ.cgcs2000).kind).toBe('lnglat');
    expect(crsFromPrj('GEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101]]]').kind).toBe('lnglat');
  });

  it('turns a 3-degree GK zone without zone number into tmerc with 500 km false easting', () => {
    const c = crsFromPrj(PRJ.gk3CM(114));
    expect(c).toMatchObject({ kind: 'gk', name: 'CGCS2000_3_Degree_GK_CM_114E', centralMeridian: 114, falseEasting: 500000 });
    expect(c.kind === 'gk' && c.proj4).toBe('+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
  });

  it('keeps the zone number in the false easting (3° zone 38 = CM 114E; 6° zone 19 = CM 111E)', () => {
    expect(crsFromPrj(PRJ.gk3Zone(38))).toMatchObject({ centralMeridian: 114, falseEasting: 38500000 });
    expect(crsFromPrj(PRJ.gk6Zone(19))).toMatchObject({ centralMeridian: 111, falseEasting: 19500000 });
  });

  it('reprojects a GK zone point back to where it came from (江门 ≈ 113.08E 22.58N)', () => {
    const c = crsFromPrj(PRJ.gk3Zone(38));
    if (c.kind !== 'gk') throw new Error('gk expected');
    const xy = proj4('WGS84', c.proj4, [113.08, 22.58]);
    expect(xy[0]).toBeGreaterThan(38_400_000);
    expect(xy[0]).toBeLessThan(38_500_000);
    const back = proj4(c.proj4, 'WGS84', xy);
    expect(back[0]).toBeCloseTo(113.08, 9);
    expect(back[1]).toBeCloseTo(22.58, 9);
  });

  it('accepts QGIS-style OGC WKT for CGCS2000 / 3-degree Gauss-Kruger CM 114E', () => {
    const wkt = 'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",114],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","4547"]]';
    expect(crsFromPrj(wkt)).toMatchObject({ kind: 'gk', centralMeridian: 114 });
  });

  it('rejects Xian 1980 by name with the supported list', () => {
    const e = reject(() => crsFromPrj(PRJ.xian80));
    expect(e.code).toBe('UNSUPPORTED_CRS');
    expect(e.message).toBe('Xian_1980_3_Degree_GK_CM_114E is not supported; use WGS84, CGCS2000 geographic or CGCS2000 Gauss-Krüger');
  });

  it('rejects UTM, Beijing 1954 and non-standard GK parameters', () => {
    expect(reject(() => crsFromPrj(PRJ.utm50)).message).toContain('WGS_1984_UTM_Zone_50N is not supported');
    expect(reject(() => crsFromPrj('GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]]]')).message).toContain('GCS_Beijing_1954');
    expect(gkProblem(114, 38500000)).toBeNull();
    expect(gkProblem(114, 39500000)).toMatch(/zone 39/);
    expect(gkProblem(113.5, 500000)).toMatch(/central meridian/);
    expect(gkProblem(114, 500000, 0, 0.9996)).toMatch(/scale/);
  });

  it('rejects unreadable WKT as a bad file', () => {
    expect(reject(() => crsFromPrj('GEOGCS["x",')).code).toBe('BAD_FILE');
  });
});

describe('EPSG and GeoJSON crs member', () => {
  it('maps the CGCS2000 GK EPSG ranges', () => {
    expect(crsFromEpsg(4490).kind).toBe('lnglat');
    expect(crsFromEpsg(4526)).toMatchObject({ centralMeridian: 114, falseEasting: 38500000 }); // 3° zone 38
    expect(crsFromEpsg(4547)).toMatchObject({ centralMeridian: 114, falseEasting: 500000 }); // 3° CM 114E
    expect(crsFromEpsg(4497)).toMatchObject({ centralMeridian: 111, falseEasting: 19500000 }); // 6° zone 19
    expect(crsFromEpsg(4508)).toMatchObject({ centralMeridian: 111, falseEasting: 500000 }); // 6° CM 111E
    expect(reject(() => crsFromEpsg(2383)).message).toContain('EPSG:2383 is not supported');
  });

  it('reads urn and short forms', () => {
    expect(crsFromGeojsonMember({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }).kind).toBe('lnglat');
    expect(crsFromGeojsonMember({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } }).kind).toBe('gk');
    expect(crsFromGeojsonMember({ type: 'name', properties: { name: 'EPSG:4326' } }).kind).toBe('lnglat');
  });
});

describe('shapefile without .prj', () => {
  it('is believed only for lng/lat inside China', () => {
    expect(crsForMissingPrj([113.0, 22.5, 113.1, 22.6]).kind).toBe('lnglat');
    expect(reject(() => crsForMissingPrj([140.0, -30.0, 140.1, -29.9])).code).toBe('UNSUPPORTED_CRS');
    expect(reject(() => crsForMissingPrj([38512345, 2489000, 38513345, 2490000])).message).toContain('no .prj');
  });
});
