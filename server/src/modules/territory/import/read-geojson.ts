import { AppError } from '../../../lib/errors.js';
import { crsFromGeojsonMember, type Crs } from './crs.js';
import { bboxOf, isLngLatBox, shapeProblem, toWgs84, type PolygonalGeometry } from './geometry.js';
import { toParsedGrid } from './records.js';
import type { ImportProblem, ParsedFile } from './types.js';

/** A GeoJSON FeatureCollection (or single Feature) of grid polygons. RFC 7946 says WGS84 unless `crs` says otherwise. */
export function readGeojson(data: Buffer, fileName: string): ParsedFile {
  let doc: { type?: unknown; features?: unknown; crs?: unknown };
  try {
    doc = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('BAD_FILE', `${fileName} is not valid JSON: ${(e as Error).message}`, { file: fileName });
  }
  const features = doc?.type === 'FeatureCollection' ? doc.features : doc?.type === 'Feature' ? [doc] : null;
  if (!Array.isArray(features)) {
    throw new AppError('BAD_FILE', `${fileName} is not a GeoJSON FeatureCollection or Feature (type is ${JSON.stringify(doc?.type)})`, { file: fileName });
  }
  const crs: Crs = doc.crs ? crsFromGeojsonMember(doc.crs) : { kind: 'lnglat', name: 'WGS84' };
  const problems: ImportProblem[] = [];
  const reasons = features.map((f: { geometry?: unknown }) => shapeProblem(f?.geometry));
  const good = features.filter((_f, i) => !reasons[i]).map((f: { geometry: PolygonalGeometry }) => f.geometry);
  const box = bboxOf(good);
  if (crs.kind === 'lnglat' && box && !isLngLatBox(box)) {
    throw new AppError('UNSUPPORTED_CRS',
      `${fileName} declares no projected CRS but its coordinates (${box[0]}, ${box[1]} … ${box[2]}, ${box[3]}) are not longitude/latitude; export it as WGS84 or name the CRS (e.g. "crs": {"type": "name", "properties": {"name": "EPSG:4527"}})`,
      { crs: crs.name, bbox: box });
  }
  const grids = features.map((f: { geometry?: PolygonalGeometry; properties?: Record<string, unknown> }, i) =>
    toParsedGrid(i + 1, f?.properties, reasons[i] ? null : toWgs84(f.geometry!, crs), problems));
  grids.forEach((g, i) => {
    const why = reasons[i];
    if (why) problems.push({ code: 'INVALID_GEOMETRY', gridCodes: g.code ? [g.code] : [], feature: i + 1, message: `${g.code ? `grid ${g.code}` : `feature ${i + 1}`}: ${why}` });
  });
  return { format: 'geojson', crs: crs.name, grids, problems };
}
