import path from 'node:path';
import AdmZip from 'adm-zip';
import * as shapefile from 'shapefile';
import { AppError } from '../../../lib/errors.js';
import { crsForMissingPrj, crsFromPrj, type Crs } from './crs.js';
import { bboxOf, isLngLatBox, shapeProblem, toWgs84, type PolygonalGeometry } from './geometry.js';
import { toParsedGrid } from './records.js';
import type { ImportProblem, ParsedFile, ParsedGrid } from './types.js';

/** Refuse archives that inflate beyond this (zip bombs); real grid layers are a few MB. */
const MAX_UNZIPPED = 512 * 1024 * 1024;

const bad = (message: string, details: Record<string, unknown> = {}) => new AppError('BAD_FILE', message, details);

/** .cpg labels → a TextDecoder label. GBK/GB2312/936 are read as GB18030, their superset. */
export function encodingFromCpg(cpg: string): string {
  const v = cpg.replace(/^\uFEFF/, '').trim().toUpperCase().replace(/^ANSI\s*/, '').replace(/[\s_]/g, '');
  if (['936', 'CP936', 'GBK', 'GB2312', 'GB18030', 'EUCCN', 'CP54936', '54936'].includes(v)) return 'gb18030';
  if (['UTF8', 'UTF-8', '65001', 'CP65001'].includes(v)) return 'utf-8';
  if (['950', 'CP950', 'BIG5'].includes(v)) return 'big5';
  if (['1252', 'CP1252', 'WINDOWS1252', 'LATIN1', 'ISO88591'].includes(v)) return 'windows-1252';
  throw bad(`the .cpg names encoding "${cpg.trim()}", which is not supported (use UTF-8 or GBK/GB18030)`, { field: 'cpg' });
}

/** The DBF's text bytes (field names and records), for the UTF-8 test. */
function dbfTextBytes(dbf: Buffer): { names: Buffer[]; records: Buffer } {
  if (dbf.length < 32) throw bad('the .dbf is too short to be a dBASE file');
  const headerLen = dbf.readUInt16LE(8);
  const names: Buffer[] = [];
  for (let o = 32; o + 32 <= headerLen && dbf[o] !== 0x0d; o += 32) {
    let end = o;
    while (end < o + 11 && dbf[end] !== 0) end++;
    names.push(dbf.subarray(o, end));
  }
  return { names, records: dbf.subarray(headerLen) };
}

/** Honour a .cpg; otherwise UTF-8 if every text byte decodes as UTF-8, else GB18030 (what Chinese GIS tools write). */
export function dbfEncoding(dbf: Buffer, cpg?: string): string {
  if (cpg !== undefined && cpg.trim() !== '') return encodingFromCpg(cpg);
  const { names, records } = dbfTextBytes(dbf);
  try {
    // Field names are cut at 10 bytes, often mid-character: a trailing partial sequence is not evidence
    // against UTF-8 (stream mode leaves it pending instead of failing).
    for (const n of names) new TextDecoder('utf-8', { fatal: true }).decode(n, { stream: true });
    new TextDecoder('utf-8', { fatal: true }).decode(records);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

interface Layer { base: string; shp: Buffer; dbf?: Buffer; prj?: string; cpg?: string }

/** Find the layers (same-named .shp/.dbf/.prj/.cpg) inside a zip. */
export function layersOfZip(data: Buffer, fileName: string): Layer[] {
  let zip: AdmZip;
  try {
    zip = new AdmZip(data);
  } catch (e) {
    throw bad(`${fileName} is not a valid zip archive (${(e as Error).message}); upload a .zip holding .shp, .shx, .dbf and .prj`, { file: fileName });
  }
  const entries = zip.getEntries().filter((e) => !e.isDirectory && !e.entryName.startsWith('__MACOSX/') && !path.basename(e.entryName).startsWith('._'));
  const total = entries.reduce((s, e) => s + (e.header.size ?? 0), 0);
  if (total > MAX_UNZIPPED) throw new AppError('PAYLOAD_TOO_LARGE', `${fileName} unpacks to ${Math.round(total / 1048576)} MB, over the ${MAX_UNZIPPED / 1048576} MB limit`);
  const byExt = new Map<string, Map<string, AdmZip.IZipEntry>>();
  for (const e of entries) {
    const ext = path.extname(e.entryName).toLowerCase();
    const base = e.entryName.slice(0, e.entryName.length - ext.length).toLowerCase();
    if (!byExt.has(ext)) byExt.set(ext, new Map());
    byExt.get(ext)!.set(base, e);
  }
  const shps = [...(byExt.get('.shp') ?? new Map()).entries()];
  if (shps.length === 0) {
    const found = entries.map((e) => e.entryName).slice(0, 10).join(', ') || 'nothing';
    throw bad(`${fileName} holds no .shp file (found: ${found}); a zipped Shapefile needs .shp, .shx, .dbf and .prj`, { file: fileName });
  }
  const read = (e: AdmZip.IZipEntry) => {
    try { return e.getData(); } catch (err) { throw bad(`${e.entryName} in ${fileName} cannot be unpacked: ${(err as Error).message}`); }
  };
  return shps.map(([base, shp]) => {
    const dbf = byExt.get('.dbf')?.get(base);
    const prj = byExt.get('.prj')?.get(base);
    const cpg = byExt.get('.cpg')?.get(base);
    if (!dbf) throw bad(`${shp.entryName} has no matching .dbf; grid codes and names are read from it`, { file: shp.entryName });
    return {
      base: shp.entryName, shp: read(shp), dbf: read(dbf),
      prj: prj ? read(prj).toString('utf8') : undefined,
      cpg: cpg ? read(cpg).toString('latin1') : undefined,
    };
  });
}

/** Shapefile header bounding box [minX, minY, maxX, maxY]. */
function shpBbox(shp: Buffer): [number, number, number, number] {
  if (shp.length < 100 || shp.readInt32BE(0) !== 9994) throw bad('the .shp is not a shapefile (bad file code)');
  return [shp.readDoubleLE(36), shp.readDoubleLE(44), shp.readDoubleLE(52), shp.readDoubleLE(60)];
}

async function readLayer(layer: Layer, first: number, problems: ImportProblem[]): Promise<{ crs: Crs; grids: ParsedGrid[] }> {
  const box = shpBbox(layer.shp);
  const crs = layer.prj !== undefined && layer.prj.trim() !== '' ? crsFromPrj(layer.prj) : crsForMissingPrj(box);
  if (crs.kind === 'lnglat' && !isLngLatBox(box)) {
    throw new AppError('UNSUPPORTED_CRS', `${layer.base}: the .prj says ${crs.name} but the coordinates (${box.join(', ')}) are not longitude/latitude`, { crs: crs.name });
  }
  const encoding = dbfEncoding(layer.dbf!, layer.cpg);
  const grids: ParsedGrid[] = [];
  let source: Awaited<ReturnType<typeof shapefile.open>>;
  try {
    source = await shapefile.open(new Uint8Array(layer.shp), new Uint8Array(layer.dbf!), { encoding });
    for (let n = first; ; n++) {
      const r = await source.read();
      if (r.done) break;
      const geom = r.value.geometry as unknown;
      const why = shapeProblem(geom);
      const g = toParsedGrid(n, r.value.properties, why ? null : toWgs84(geom as PolygonalGeometry, crs), problems);
      if (why) problems.push({ code: 'INVALID_GEOMETRY', gridCodes: g.code ? [g.code] : [], feature: n, message: `${g.code ? `grid ${g.code}` : `record ${n}`}: ${why}` });
      grids.push(g);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw bad(`${layer.base} cannot be read: ${(e as Error).message}`, { file: layer.base });
  }
  return { crs, grids };
}

/** A zipped Shapefile (one or more layers) of grid polygons, reprojected to WGS84. */
export async function readShapefileZip(data: Buffer, fileName: string): Promise<ParsedFile> {
  const layers = layersOfZip(data, fileName);
  const problems: ImportProblem[] = [];
  const grids: ParsedGrid[] = [];
  const crsNames = new Set<string>();
  for (const layer of layers) {
    const r = await readLayer(layer, grids.length + 1, problems);
    grids.push(...r.grids);
    crsNames.add(r.crs.name);
  }
  const box = bboxOf(grids.map((g) => g.geometry).filter((g): g is PolygonalGeometry => g !== null));
  if (box && !isLngLatBox(box)) throw new AppError('UNSUPPORTED_CRS', `${fileName}: reprojected coordinates fall outside longitude/latitude range; check the .prj`, { crs: [...crsNames].join(', ') });
  return { format: 'shapefile', crs: [...crsNames].join(', '), grids, problems };
}
