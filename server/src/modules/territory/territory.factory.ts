import type { Tx } from '../../db/client.js';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/sql.js';
import { insertUnit } from './unit.writer.js';

/** Axis-aligned rectangle as a GeoJSON polygon. */
export function rect(x0: number, y0: number, x1: number, y1: number) {
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

/** The test city for a 4-digit prefix: created once, shared by every test that needs it (safe under concurrency). */
export async function cityFor(tx: Tx, code: string, n: string) {
  const find = async () => (await queryRows<{ id: string; path: string }>(tx, sql`
    SELECT id::text, path::text FROM units WHERE kind = 'city' AND code = ${code} AND valid_to IS NULL`))[0];
  const found = await find();
  if (found) return { id: Number(found.id), path: found.path };
  try {
    return await insertUnit(tx, { kind: 'city', code, name: `测试市${n}` });
  } catch (err) {
    const raced = await find(); // another test file created it between our look-up and insert
    if (raced) return { id: Number(raced.id), path: raced.path };
    throw err;
  }
}

/** A six-digit district code `<lead>NNNNN` no other test uses, drawn from the units id sequence. */
export async function uniqueDistrictCode(tx: Tx, lead: string): Promise<string> {
  const [s] = await queryRows<{ n: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('units', 'id'))::text AS n`);
  return `${lead}${String(Number(s!.n) % 100000).padStart(5, '0')}`;
}

/**
 * Builds city → district → town → community and a row of `cols` × `rows` rectangular basic grids of `size`
 * degrees starting at (x0, y0). District codes come from the units id sequence, so they are unique even when
 * many test files share one PostgreSQL database.
 */
export async function buildCommunityWithGrids(tx: Tx, opts: { x0: number; y0: number; cols: number; rows?: number; size?: number; districtCode?: string }) {
  const rows = opts.rows ?? 1;
  const size = opts.size ?? 0.01;
  const d = opts.districtCode ?? await uniqueDistrictCode(tx, '9');
  const n = d.slice(1);
  const city = await cityFor(tx, `${d.slice(0, 4)}00000000`, n);
  const district = await insertUnit(tx, { kind: 'district', code: `${d}000000`, name: `测试区${n}`, parentId: city.id });
  const town = await insertUnit(tx, { kind: 'town', subkind: 'street', code: `${d}001000`, name: `测试街道${n}`, parentId: district.id });
  const bbox = rect(opts.x0, opts.y0, opts.x0 + opts.cols * size, opts.y0 + rows * size);
  const community = await insertUnit(tx, { kind: 'community', subkind: 'urban', code: `${d}001001`, name: `测试社区${n}`, parentId: town.id, geometry: bbox });
  const grids: { id: number; code: string; path: string }[] = [];
  let k = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < opts.cols; c++) {
      k += 1;
      const code = `${d}001001${String(k).padStart(3, '0')}`;
      const x = opts.x0 + c * size;
      const y = opts.y0 + (rows - 1 - r) * size; // numbered west→east, north→south
      const g = await insertUnit(tx, { kind: 'grid', gridKind: 'basic', code, name: `第${k}网格`, parentId: community.id, geometry: rect(x, y, x + size, y + size) });
      grids.push({ ...g, code });
    }
  }
  return { city, district, town, community, grids, districtCode: d };
}
