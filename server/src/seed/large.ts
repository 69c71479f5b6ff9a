import { sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../lib/context.js';
import type { Tx } from '../db/client.js';
import { queryRows } from '../db/sql.js';
import { audit, SYSTEM_ACTOR } from '../lib/audit.js';

/**
 * The `large` seed: 100,000 basic grids (4 cells each) for benchmarks, generated in SQL in one transaction.
 *
 * A synthetic province (code 99…, far from the demo's 江门 near 22.5°N 113°E) so it never touches demo units:
 *   province 990000000000 → city 990100000000 → 10 districts 9901DD000000 → 10 towns each (9901DDTTT000)
 *   → 25 communities each (9901DDTTTCCC) → 40 grids each (…GGG, 15 digits) → 4 cells each (…00Q, 18 digits).
 * Grids are 0.01° squares on a 400 × 250 lattice (111°E–115°E, 25.7°N down to 23.2°N); a community is 8 × 5
 * grids, numbered west→east, north→south; a town 5 × 5 communities; a district 2 × 5 towns; the city 5 × 2
 * districts. Every corner is computed from integer lattice indices (origin + index × step), so neighbours
 * share bit-identical edges and the tiling is exact. Ids are reserved from the sequence up front so ltree
 * paths are arithmetic, not looked up row by row.
 */
const STEP = 0.01; // degrees per grid side (≈ 1.0 km × 1.1 km here)
const LNG0 = 111.0; // west edge
const LAT0 = 25.7; // north edge
const GRID_COLS = 8; // grids per community, west→east
const GRID_ROWS = 5;
const COMM_COLS = 5; // communities per town
const COMM_ROWS = 5;
const TOWN_COLS = 2; // towns per district
const TOWN_ROWS = 5;
const DIST_COLS = 5; // districts in the city
const DIST_ROWS = 2;

const MAX_DIST = DIST_COLS * DIST_ROWS; // 10
const TOWNS_PER = TOWN_COLS * TOWN_ROWS; // 10
const COMMS_PER = COMM_COLS * COMM_ROWS; // 25
const GRIDS_PER = GRID_COLS * GRID_ROWS; // 40
const CELLS_PER = 4; // 2 × 2 quadrants

const PROVINCE_CODE = '990000000000';
const CITY_CODE = '990100000000';

/** How many of each level, and where each level starts inside the reserved id block. */
function plan(districts: number) {
  const nDist = districts;
  const nTown = nDist * TOWNS_PER; // 100
  const nComm = nTown * COMMS_PER; // 2,500
  const nGrid = nComm * GRIDS_PER; // 100,000
  const nCell = nGrid * CELLS_PER; // 400,000
  const offCity = 1;
  const offDist = 2;
  const offTown = offDist + nDist;
  const offComm = offTown + nTown;
  const offGrid = offComm + nComm;
  const offCell = offGrid + nGrid;
  return { nDist, nTown, nComm, nGrid, nCell, offCity, offDist, offTown, offComm, offGrid, offCell, total: offCell + nCell };
}

export const LARGE_SEED = {
  provinceCode: PROVINCE_CODE, grids: plan(MAX_DIST).nGrid, cells: plan(MAX_DIST).nCell,
  /** Lattice origin and step, for tests that recompute where a grid must be. */
  lng0: LNG0, lat0: LAT0, step: STEP,
  /** [west, south, east, north] of the full lattice in WGS84 degrees. */
  bbox: [LNG0, LAT0 - DIST_ROWS * TOWN_ROWS * COMM_ROWS * GRID_ROWS * STEP, LNG0 + DIST_COLS * TOWN_COLS * COMM_COLS * GRID_COLS * STEP, LAT0],
} as const;

const n = (v: number) => sql.raw(String(v));

/** Lattice envelope as MultiPolygon: columns [c0, c1), rows [r0, r1) counted from the north edge, in `step` units. */
function envelope(c0: SQL, r0: SQL, c1: SQL, r1: SQL, step: number = STEP): SQL {
  return sql`ST_Multi(ST_MakeEnvelope(
    ${n(LNG0)}::float8 + (${c0})::float8 * ${n(step)}::float8, ${n(LAT0)}::float8 - (${r1})::float8 * ${n(step)}::float8,
    ${n(LNG0)}::float8 + (${c1})::float8 * ${n(step)}::float8, ${n(LAT0)}::float8 - (${r0})::float8 * ${n(step)}::float8, 4326))`;
}

/** Zero-padded digits in SQL. */
const pad = (e: SQL, width: number) => sql`lpad((${e})::text, ${n(width)}, '0')`;

async function exec(tx: Tx, q: SQL) {
  await tx.execute(q);
}

/**
 * `opts.districts` (1–10, default 10) generates only the first districts of the lattice: tests use 1
 * (10,000 grids) to check the same SQL quickly.
 */
export async function seedLarge(ctx: AppContext, log: (m: string) => void, opts: { districts?: number } = {}): Promise<void> {
  const started = Date.now();
  const districts = opts.districts ?? MAX_DIST;
  if (!Number.isInteger(districts) || districts < 1 || districts > MAX_DIST) throw new Error(`districts must be 1–${MAX_DIST}`);
  const {
    nDist: N_DIST, nTown: N_TOWN, nComm: N_COMM, nGrid: N_GRID, nCell: N_CELL,
    offCity: OFF_CITY, offDist: OFF_DIST, offTown: OFF_TOWN, offComm: OFF_COMM, offGrid: OFF_GRID, total: TOTAL,
    offCell: OFF_CELL,
  } = plan(districts);
  const [existing] = await queryRows<{ n: number }>(ctx.db,
    sql`SELECT count(*)::int AS n FROM units WHERE kind = 'province' AND code = ${PROVINCE_CODE} AND valid_to IS NULL`);
  if (existing!.n > 0) {
    log('large seed: already present, skipped');
    return;
  }
  const step = (what: string, t0: number) => log(`large seed: ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  await ctx.db.transaction(async (tx) => {
    // Reserve TOTAL consecutive ids: base … base + TOTAL − 1.
    const [r] = await queryRows<{ base: string }>(tx, sql`
      WITH s AS (SELECT pg_get_serial_sequence('units', 'id') AS seq),
           b AS (SELECT nextval((SELECT seq FROM s)) AS base)
      SELECT (SELECT base FROM b)::text AS base, setval((SELECT seq FROM s), (SELECT base FROM b) + ${n(TOTAL - 1)})`);
    const base = Number(r!.base);
    const id = (off: number, idx: SQL | number = 0) => sql`(${n(base + off)}::bigint + (${typeof idx === 'number' ? n(idx) : idx})::bigint)`;
    const [gt] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM grid_types ORDER BY (category = 'rural') DESC, id LIMIT 1`);
    const gridTypeId = gt ? n(Number(gt.id)) : sql`NULL`;

    let t0 = Date.now();

    // Province and city: their outline is the union of the districts, set once those exist.
    await exec(tx, sql`
      INSERT INTO units (id, parent_id, kind, code, name, name_en, path)
      VALUES (${id(0)}, NULL, 'province', ${PROVINCE_CODE}, '基准测试省', 'Benchmark Province', ${id(0)}::text::ltree),
        (${id(OFF_CITY)}, ${id(0)}, 'city', ${CITY_CODE}, '基准市', 'Benchmark City', (${id(0)}::text || '.' || ${id(OFF_CITY)}::text)::ltree)`);

    // Districts d: lattice position (d % DIST_COLS, d / DIST_COLS) in district blocks.
    const dW = TOWN_COLS * COMM_COLS * GRID_COLS; // grid columns per district (80)
    const dH = TOWN_ROWS * COMM_ROWS * GRID_ROWS; // grid rows per district (125)
    await exec(tx, sql`
      INSERT INTO units (id, parent_id, kind, code, name, name_en, path, geom, area_m2)
      SELECT ${id(OFF_DIST, sql`d`)}, ${id(OFF_CITY)}, 'district', '9901' || ${pad(sql`d + 1`, 2)} || '000000',
        '基准' || (d + 1) || '区', 'Benchmark District ' || (d + 1),
        (${id(0)}::text || '.' || ${id(OFF_CITY)}::text || '.' || ${id(OFF_DIST, sql`d`)}::text)::ltree, g, ST_Area(g::geography)
      FROM (SELECT d, ${envelope(sql`(d % ${n(DIST_COLS)}) * ${n(dW)}`, sql`(d / ${n(DIST_COLS)}) * ${n(dH)}`,
        sql`(d % ${n(DIST_COLS)} + 1) * ${n(dW)}`, sql`(d / ${n(DIST_COLS)} + 1) * ${n(dH)}`)} AS g
        FROM generate_series(0, ${n(N_DIST - 1)}) d) x`);
    await exec(tx, sql`
      UPDATE units SET geom = u.g, area_m2 = ST_Area(u.g::geography)
      FROM (SELECT ST_Multi(ST_Union(geom)) AS g FROM units WHERE parent_id = ${id(OFF_CITY)}) u
      WHERE id IN (${id(0)}, ${id(OFF_CITY)})`);

    // Towns: global index t = d * TOWNS_PER + k.
    const tW = COMM_COLS * GRID_COLS; // 40
    const tH = COMM_ROWS * GRID_ROWS; // 25
    const townCol = sql`((t / ${n(TOWNS_PER)}) % ${n(DIST_COLS)}) * ${n(TOWN_COLS)} + (t % ${n(TOWNS_PER)}) % ${n(TOWN_COLS)}`;
    const townRow = sql`((t / ${n(TOWNS_PER)}) / ${n(DIST_COLS)}) * ${n(TOWN_ROWS)} + (t % ${n(TOWNS_PER)}) / ${n(TOWN_COLS)}`;
    await exec(tx, sql`
      INSERT INTO units (id, parent_id, kind, subkind, code, name, name_en, path, geom, area_m2)
      SELECT ${id(OFF_TOWN, sql`t`)}, ${id(OFF_DIST, sql`t / ${n(TOWNS_PER)}`)}, 'town',
        CASE WHEN t % 2 = 0 THEN 'street' ELSE 'town' END,
        '9901' || ${pad(sql`t / ${n(TOWNS_PER)} + 1`, 2)} || ${pad(sql`t % ${n(TOWNS_PER)} + 1`, 3)} || '000',
        '基准' || (t / ${n(TOWNS_PER)} + 1) || '区第' || (t % ${n(TOWNS_PER)} + 1) || (CASE WHEN t % 2 = 0 THEN '街道' ELSE '镇' END),
        'Benchmark Town ' || (t + 1),
        (${id(0)}::text || '.' || ${id(OFF_CITY)}::text || '.' || ${id(OFF_DIST, sql`t / ${n(TOWNS_PER)}`)}::text
          || '.' || ${id(OFF_TOWN, sql`t`)}::text)::ltree, g, ST_Area(g::geography)
      FROM (SELECT t, ${envelope(sql`(${townCol}) * ${n(tW)}`, sql`(${townRow}) * ${n(tH)}`,
        sql`(${townCol} + 1) * ${n(tW)}`, sql`(${townRow} + 1) * ${n(tH)}`)} AS g
        FROM generate_series(0, ${n(N_TOWN - 1)}) t) x`);
    step(`province, city, ${N_DIST} districts, ${N_TOWN} towns`, t0);

    // Communities: c = t * COMMS_PER + k. Lattice column/row in community units.
    t0 = Date.now();
    const commCol = (c: SQL) => sql`(((${c}) / ${n(COMMS_PER)} / ${n(TOWNS_PER)}) % ${n(DIST_COLS)} * ${n(TOWN_COLS)}
      + ((${c}) / ${n(COMMS_PER)} % ${n(TOWNS_PER)}) % ${n(TOWN_COLS)}) * ${n(COMM_COLS)} + ((${c}) % ${n(COMMS_PER)}) % ${n(COMM_COLS)}`;
    const commRow = (c: SQL) => sql`(((${c}) / ${n(COMMS_PER)} / ${n(TOWNS_PER)}) / ${n(DIST_COLS)} * ${n(TOWN_ROWS)}
      + ((${c}) / ${n(COMMS_PER)} % ${n(TOWNS_PER)}) / ${n(TOWN_COLS)}) * ${n(COMM_ROWS)} + ((${c}) % ${n(COMMS_PER)}) / ${n(COMM_COLS)}`;
    const commCode = (c: SQL) => sql`'9901' || ${pad(sql`(${c}) / ${n(COMMS_PER * TOWNS_PER)} + 1`, 2)}
      || ${pad(sql`(${c}) / ${n(COMMS_PER)} % ${n(TOWNS_PER)} + 1`, 3)} || ${pad(sql`(${c}) % ${n(COMMS_PER)} + 1`, 3)}`;
    const commPath = (c: SQL) => sql`(${id(0)}::text || '.' || ${id(OFF_CITY)}::text
      || '.' || ${id(OFF_DIST, sql`(${c}) / ${n(COMMS_PER * TOWNS_PER)}`)}::text
      || '.' || ${id(OFF_TOWN, sql`(${c}) / ${n(COMMS_PER)}`)}::text
      || '.' || ${id(OFF_COMM, c)}::text)`;
    await exec(tx, sql`
      INSERT INTO units (id, parent_id, kind, subkind, code, name, name_en, path, geom, area_m2)
      SELECT ${id(OFF_COMM, sql`c`)}, ${id(OFF_TOWN, sql`c / ${n(COMMS_PER)}`)}, 'community',
        CASE WHEN c % 5 = 0 THEN 'urban' ELSE 'village' END, ${commCode(sql`c`)},
        '基准' || (c + 1) || (CASE WHEN c % 5 = 0 THEN '社区' ELSE '村' END), 'Benchmark Community ' || (c + 1),
        ${commPath(sql`c`)}::ltree, g, ST_Area(g::geography)
      FROM (SELECT c, ${envelope(sql`(${commCol(sql`c`)}) * ${n(GRID_COLS)}`, sql`(${commRow(sql`c`)}) * ${n(GRID_ROWS)}`,
        sql`(${commCol(sql`c`)} + 1) * ${n(GRID_COLS)}`, sql`(${commRow(sql`c`)} + 1) * ${n(GRID_ROWS)}`)} AS g
        FROM generate_series(0, ${n(N_COMM - 1)}) c) x`);
    step(`${N_COMM} communities`, t0);

    // Grids: i = c * GRIDS_PER + k; k numbered west→east, north→south inside the community.
    const lattice = sql`SELECT i, i / ${n(GRIDS_PER)} AS c, i % ${n(GRIDS_PER)} AS k,
        (${commCol(sql`i / ${n(GRIDS_PER)}`)}) * ${n(GRID_COLS)} + (i % ${n(GRIDS_PER)}) % ${n(GRID_COLS)} AS gcol,
        (${commRow(sql`i / ${n(GRIDS_PER)}`)}) * ${n(GRID_ROWS)} + (i % ${n(GRIDS_PER)}) / ${n(GRID_COLS)} AS grow
      FROM generate_series(0, ${n(N_GRID - 1)}) i`;
    const gridCode = sql`${commCode(sql`c`)} || ${pad(sql`k + 1`, 3)}`;
    const gridName = sql`'基准' || (c + 1) || (CASE WHEN c % 5 = 0 THEN '社区' ELSE '村' END) || '第' || (k + 1) || '网格'`;
    const gridPath = sql`(${commPath(sql`c`)} || '.' || ${id(OFF_GRID, sql`i`)}::text)`;
    t0 = Date.now();
    await exec(tx, sql`
      INSERT INTO units (id, parent_id, kind, code, name, name_en, path, grid_kind, grid_type_id, geom, area_m2)
      SELECT ${id(OFF_GRID, sql`i`)}, ${id(OFF_COMM, sql`c`)}, 'grid', ${gridCode}, ${gridName}, 'Benchmark grid ' || (i + 1),
        ${gridPath}::ltree, 'basic', ${gridTypeId}, g, ST_Area(g::geography)
      FROM (SELECT l.*, ${envelope(sql`gcol`, sql`grow`, sql`gcol + 1`, sql`grow + 1`)} AS g FROM (${lattice}) l) x`);
    step(`${N_GRID} grids`, t0);

    // Cells: 2 × 2 quadrants of their grid on the half-step lattice (quadrant q: column q % 2, row q / 2).
    t0 = Date.now();
    await exec(tx, sql`
      INSERT INTO units (id, parent_id, kind, code, name, name_en, path, geom, area_m2)
      SELECT ${id(OFF_CELL, sql`j`)}, ${id(OFF_GRID, sql`i`)}, 'cell', ${gridCode} || ${pad(sql`q + 1`, 3)},
        ${gridName} || '单元' || (q + 1), 'Cell ' || (q + 1), (${gridPath} || '.' || ${id(OFF_CELL, sql`j`)}::text)::ltree,
        e, ST_Area(e::geography)
      FROM (SELECT l.*, q, i * ${n(CELLS_PER)} + q AS j,
              ${envelope(sql`2 * gcol + q % 2`, sql`2 * grow + q / 2`, sql`2 * gcol + q % 2 + 1`, sql`2 * grow + q / 2 + 1`, STEP / 2)} AS e
            FROM (${lattice}) l, generate_series(0, ${n(CELLS_PER - 1)}) q) x`);
    step(`${N_CELL} cells`, t0);

    await audit(tx, SYSTEM_ACTOR, {
      action: 'seed.large', entityType: 'unit', entityId: base, unitPath: String(base),
      after: { provinceCode: PROVINCE_CODE, districts: N_DIST, towns: N_TOWN, communities: N_COMM, grids: N_GRID, cells: N_CELL },
    });
  });
  // Fresh statistics so the planner uses the spatial indexes right away.
  const t0 = Date.now();
  await ctx.db.execute(sql`ANALYZE units`);
  step('analyze', t0);
  log(`large seed: ${N_GRID} grids and ${N_CELL} cells in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
