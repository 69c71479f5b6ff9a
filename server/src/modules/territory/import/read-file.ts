import path from 'node:path';
import { AppError } from '../../../lib/errors.js';
import { readGeojson } from './read-geojson.js';
import { readShapefileZip } from './read-shapefile.js';
import type { ParsedFile } from './types.js';

export const GRID_FILE_TYPES = '.geojson, .json, or .zip holding a Shapefile (.shp, .shx, .dbf, .prj)';

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5);

/** Read an uploaded grid boundary file by its extension (content sniffed when the name says nothing). */
export async function readGridFile(fileName: string, data: Buffer): Promise<ParsedFile> {
  const ext = path.extname(fileName).toLowerCase();
  let parsed: ParsedFile;
  if (ext === '.zip' || (ext === '' && isZip(data))) parsed = await readShapefileZip(data, fileName);
  else if (ext === '.geojson' || ext === '.json' || (ext === '' && data.subarray(0, 64).toString('utf8').trimStart().startsWith('{'))) parsed = readGeojson(data, fileName);
  else throw new AppError('BAD_FILE', `${fileName || 'the file'} is not an accepted type; upload ${GRID_FILE_TYPES}`, { file: fileName, accepted: ['.geojson', '.json', '.zip'] });
  if (parsed.grids.length === 0) throw new AppError('BAD_FILE', `${fileName} contains no features`, { file: fileName });
  return parsed;
}
