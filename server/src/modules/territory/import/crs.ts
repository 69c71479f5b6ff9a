import { AppError } from '../../../lib/errors.js';

/**
 * Coordinate reference systems an import may use. Grids are stored in WGS84; CGCS2000 geographic is taken as
 * WGS84 (they differ by centimetres). CGCS2000 Gauss-Krüger zones are reprojected with proj4. Anything else
 * (Xian 1980, Beijing 1954, UTM, GCJ-02 …) is refused by name: guessing a datum shifts grids by up to 100 m.
 */
export type Crs =
  | { kind: 'lnglat'; name: string }
  | { kind: 'gk'; name: string; proj4: string; centralMeridian: number; falseEasting: number };

export const SUPPORTED_CRS_HINT = 'use WGS84, CGCS2000 geographic or CGCS2000 Gauss-Krüger';

export function unsupportedCrs(name: string, why?: string): AppError {
  return new AppError('UNSUPPORTED_CRS', `${name} is not supported${why ? ` (${why})` : ''}; ${SUPPORTED_CRS_HINT}`, { crs: name });
}

// ---------------------------------------------------------------------------------------------------------------
// WKT (1 and 2) as found in .prj files

export interface WktNode { keyword: string; args: (string | number | WktNode)[] }

export function parseWkt(text: string): WktNode {
  const src = text.trim();
  let i = 0;
  const fail = (msg: string): never => { throw new AppError('BAD_FILE', `.prj is not readable WKT: ${msg} at character ${i}`, { field: 'prj' }); };
  const ws = () => { while (i < src.length && /\s/.test(src[i]!)) i++; };
  function node(): WktNode {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (!m) fail('expected a keyword');
    const keyword = m![0].toUpperCase();
    i += m![0].length;
    ws();
    const open = src[i];
    if (open !== '[' && open !== '(') return { keyword, args: [] }; // bare enum value, e.g. AXIS["x",EAST]
    const close = open === '[' ? ']' : ')';
    i++;
    const args: WktNode['args'] = [];
    for (;;) {
      ws();
      const c = src[i];
      if (c === undefined) fail('unexpected end');
      if (c === '"') {
        let s = '';
        i++;
        for (;;) {
          if (i >= src.length) fail('unterminated string');
          if (src[i] === '"' && src[i + 1] === '"') { s += '"'; i += 2; continue; }
          if (src[i] === '"') { i++; break; }
          s += src[i++];
        }
        args.push(s);
      } else if (/[-+.\d]/.test(c!)) {
        const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i));
        if (!n) fail('bad number');
        args.push(Number(n![0]));
        i += n![0].length;
      } else {
        args.push(node());
      }
      ws();
      if (src[i] === ',') { i++; continue; }
      if (src[i] === close || src[i] === ']' || src[i] === ')') { i++; break; }
      fail(`expected "," or "${close}"`);
    }
    return { keyword, args };
  }
  const root = node();
  return root;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const nameOf = (n: WktNode | undefined) => (n && typeof n.args[0] === 'string' ? n.args[0] : '');
const children = (n: WktNode) => n.args.filter((a): a is WktNode => typeof a === 'object');

/** Depth-first search for the first node with one of the keywords. */
function find(n: WktNode, keywords: string[]): WktNode | undefined {
  for (const c of children(n)) {
    if (keywords.includes(c.keyword)) return c;
    const deeper = find(c, keywords);
    if (deeper) return deeper;
  }
  return undefined;
}

const WGS84_NAMES = ['dwgs1984', 'wgs1984', 'wgs84', 'worldgeodeticsystem1984', 'worldgeodeticsystem1984ensemble', 'gcswgs1984'];
const CGCS2000_NAMES = ['dchina2000', 'china2000', 'chinageodeticcoordinatesystem2000', 'cgcs2000', 'gcschinageodeticcoordinatesystem2000', 'gcscgcs2000'];

/** 'wgs84' | 'cgcs2000' | null from the DATUM (or WGS 84 ENSEMBLE) name. */
function datumOf(root: WktNode): 'wgs84' | 'cgcs2000' | null {
  const d = find(root, ['DATUM', 'GEODETICDATUM', 'TRF', 'ENSEMBLE']);
  const names = [nameOf(d), nameOf(find(root, ['GEOGCS', 'GEOGCRS', 'BASEGEOGCRS', 'BASEGEODCRS', 'GEODCRS']))].map(norm);
  if (names.some((n) => CGCS2000_NAMES.some((k) => n === k || n.startsWith(k)))) return 'cgcs2000';
  if (names.some((n) => WGS84_NAMES.some((k) => n === k || n.startsWith(k)))) return 'wgs84';
  return null;
}

function parameters(root: WktNode): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (n: WktNode) => {
    for (const c of children(n)) {
      if (c.keyword === 'PARAMETER' && typeof c.args[0] === 'string' && typeof c.args[1] === 'number') out.set(norm(c.args[0]), c.args[1]);
      else if (c.keyword === 'CONVERSION' || c.keyword === 'DERIVINGCONVERSION') visit(c);
    }
  };
  visit(root);
  return out;
}

function param(p: Map<string, number>, names: string[], fallback?: number): number | undefined {
  for (const n of names) if (p.has(n)) return p.get(n);
  return fallback;
}

/**
 * A standard CGCS2000 Gauss-Krüger zone: central meridian a multiple of 3°, scale 1, origin latitude 0, false
 * northing 0 and false easting 500 km, optionally prefixed by the zone number (3° zone n: CM 3n; 6° zone n:
 * CM 6n−3). Returns a reason when it is not one.
 */
export function gkProblem(cm: number, fe: number, fn = 0, k = 1, lat0 = 0): string | null {
  if (!Number.isFinite(cm) || cm % 3 !== 0 || cm < 0 || cm > 180) return `central meridian ${cm} is not a Gauss-Krüger zone meridian`;
  if (Math.abs(k - 1) > 1e-12) return `scale factor ${k} is not 1`;
  if (lat0 !== 0) return `latitude of origin ${lat0} is not 0`;
  if (fn !== 0) return `false northing ${fn} is not 0`;
  if (fe === 500000) return null;
  const zone = Math.round((fe - 500000) / 1e6);
  if (zone * 1e6 + 500000 !== fe) return `false easting ${fe} is neither 500000 nor a zone number followed by 500000`;
  if (zone === cm / 3 || zone === (cm + 3) / 6) return null;
  return `zone ${zone} in the false easting does not match central meridian ${cm}`;
}

export function gkCrs(name: string, cm: number, fe: number): Crs {
  return {
    kind: 'gk', name, centralMeridian: cm, falseEasting: fe,
    // CGCS2000 uses the GRS80 ellipsoid parameters; the result is taken as WGS84 (centimetre-level difference).
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${fe} +y_0=0 +ellps=GRS80 +units=m +no_defs`,
  };
}

/** Resolve the contents of a .prj file. Throws UNSUPPORTED_CRS naming the CRS when it is not accepted. */
export function crsFromPrj(text: string): Crs {
  const root = parseWkt(text.replace(/^\uFEFF/, ''));
  const name = nameOf(root) || root.keyword;
  const datum = datumOf(root);
  if (['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEODETICCRS'].includes(root.keyword)) {
    if (!datum) throw unsupportedCrs(name);
    return { kind: 'lnglat', name };
  }
  if (!['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(root.keyword)) throw unsupportedCrs(name, `unexpected WKT ${root.keyword}`);
  if (datum !== 'cgcs2000') throw unsupportedCrs(name);
  const method = norm(nameOf(find(root, ['PROJECTION', 'METHOD'])));
  if (!['gausskruger', 'transversemercator', 'gausskrugertransversemercator'].includes(method)) {
    throw unsupportedCrs(name, `projection ${nameOf(find(root, ['PROJECTION', 'METHOD']))}`);
  }
  const p = parameters(root);
  const cm = param(p, ['centralmeridian', 'longitudeofnaturalorigin', 'longitudeoforigin'])!;
  const fe = param(p, ['falseeasting'], 0)!;
  const problem = gkProblem(cm ?? NaN, fe, param(p, ['falsenorthing'], 0), param(p, ['scalefactor', 'scalefactoratnaturalorigin'], 1), param(p, ['latitudeoforigin', 'latitudeofnaturalorigin'], 0));
  if (problem) throw unsupportedCrs(name, problem);
  const unit = children(root).find((c) => c.keyword === 'UNIT' || c.keyword === 'LENGTHUNIT') ?? find(root, ['LENGTHUNIT']);
  if (unit && typeof unit.args[1] === 'number' && unit.args[1] !== 1) throw unsupportedCrs(name, `unit ${nameOf(unit)} is not metres`);
  return gkCrs(name, cm, fe);
}

/**
 * EPSG codes for the accepted systems: 4326/4490 geographic; CGCS2000 GK 6° zones 13–23 (4491–4501) and CM
 * 75E–135E (4502–4512); 3° zones 25–45 (4513–4533) and CM 75E–135E (4534–4554).
 */
export function crsFromEpsg(epsg: number): Crs {
  const name = `EPSG:${epsg}`;
  if (epsg === 4326 || epsg === 4490) return { kind: 'lnglat', name };
  if (epsg >= 4491 && epsg <= 4501) { const z = epsg - 4491 + 13; return gkCrs(name, 6 * z - 3, z * 1e6 + 500000); }
  if (epsg >= 4502 && epsg <= 4512) return gkCrs(name, 75 + 6 * (epsg - 4502), 500000);
  if (epsg >= 4513 && epsg <= 4533) { const z = epsg - 4513 + 25; return gkCrs(name, 3 * z, z * 1e6 + 500000); }
  if (epsg >= 4534 && epsg <= 4554) return gkCrs(name, 75 + 3 * (epsg - 4534), 500000);
  throw unsupportedCrs(name);
}

/** The (obsolete but common) GeoJSON `crs` member: {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}}. */
export function crsFromGeojsonMember(crs: unknown): Crs {
  const name = (crs as { properties?: { name?: unknown } })?.properties?.name;
  if (typeof name !== 'string') throw unsupportedCrs(JSON.stringify(crs).slice(0, 80), 'unreadable crs member');
  if (/CRS84$/i.test(name)) return { kind: 'lnglat', name };
  const m = /EPSG:{1,2}(?:[\d.]*:)?(\d+)$/i.exec(name);
  if (!m) throw unsupportedCrs(name);
  return crsFromEpsg(Number(m[1]));
}

/** Mainland China plus islands, generously: where a lng/lat file without a .prj is believed. */
export const CHINA_BBOX = { minX: 73, minY: 3, maxX: 136, maxY: 54 } as const;

/**
 * A shapefile without .prj: its CRS is unknown. We accept it only when every coordinate is plainly a
 * longitude/latitude inside China (then it is WGS84/CGCS2000 to within metres; GCJ-02 data would still be off,
 * which no file can tell us). Projected metres or coordinates elsewhere are refused.
 */
export function crsForMissingPrj(bbox: [number, number, number, number]): Crs {
  const [x0, y0, x1, y1] = bbox;
  const b = CHINA_BBOX;
  if (x0 >= b.minX && x1 <= b.maxX && y0 >= b.minY && y1 <= b.maxY) return { kind: 'lnglat', name: 'WGS84 (assumed: no .prj, lng/lat inside China)' };
  throw new AppError('UNSUPPORTED_CRS',
    `the shapefile has no .prj and its coordinates (${x0}, ${y0} … ${x1}, ${y1}) are not longitude/latitude inside China, so its coordinate system is unknown; add the .prj (${SUPPORTED_CRS_HINT})`,
    { crs: null, bbox });
}
