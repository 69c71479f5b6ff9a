import { chance, pick, randInt, type Rng } from '../factories.js';
import type { UnitFeature } from '../types.js';
import { blockArea, Lattice, partition, quadsOf, type Block } from './lattice.js';
import { CITY, DEDICATED, type DistrictPlan, type TownPlan } from './plan.js';
import { gridProfile } from './profiles.js';

export type CommunitySubkind = 'urban' | 'village' | 'fishery' | 'industrial_park';

export interface GenCell { code: string; name: string; i: number; j: number }
export interface GenGrid {
  code: string; name: string; nameEn: string; seq: number; block: Block; gridKind: 'basic' | 'dedicated';
  gridType: string; dedicatedType: string | null; site?: { name: string; kind: string };
  cells: GenCell[]; community: GenCommunity; population: number; households: number;
}
export interface GenCommunity {
  code: string; name: string; nameEn: string; subkind: CommunitySubkind; block: Block; gridCount: number;
  grids: GenGrid[]; dedicated: GenGrid[]; town: GenTown; villagerGroups: string[];
}
export interface GenTown { code: string; plan: TownPlan; communities: GenCommunity[]; district: GenDistrict }
export interface GenDistrict { code: string; plan: DistrictPlan; lattice: Lattice; towns: GenTown[] }

const GRID_TYPE: Record<CommunitySubkind, string> = { urban: 'urban', village: 'rural', fishery: 'rural', industrial_park: 'market_park' };
const CN_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

interface Parts { villagePrefixes: [string, string][]; villageSuffixes: [string, string][]; huichengCommunities: [string, string][]; hamlets: string[] }

/** Lays out one district: communities per town, grid counts, blocks, codes. */
export function buildDistrict(plan: DistrictPlan, rng: Rng, parts: Parts, usedNames: Set<string>, forcedGrids: Record<string, number[]>): GenDistrict {
  const l = plan.lattice;
  const lattice = new Lattice(l.lon0, l.latTop, l.sx, l.sy, l.nx, l.ny, rng);
  const district: GenDistrict = { code: `${plan.code6}000000`, plan, lattice, towns: [] };
  const aspect = (l.sx * Math.cos((l.latTop * Math.PI) / 180)) / l.sy;

  // 1. Communities per town with their grid counts.
  const all: GenCommunity[] = [];
  for (const tp of plan.towns) {
    const town: GenTown = { code: `${plan.code6}${tp.code3}000`, plan: tp, communities: [], district };
    const urbanNames = tp.urbanNames.length ? tp.urbanNames : parts.huichengCommunities;
    const mk = (seq: number, name: string, nameEn: string, subkind: CommunitySubkind): GenCommunity => {
      const [lo, hi] = plan.gridRange[subkind];
      return {
        code: `${plan.code6}${tp.code3}${String(seq).padStart(3, '0')}`, name, nameEn, subkind, block: { i0: 0, j0: 0, i1: 0, j1: 0 },
        gridCount: randInt(rng, lo, hi), grids: [], dedicated: [], town, villagerGroups: [],
      };
    };
    for (let k = 0; k < tp.urbanCount; k++) {
      const [zh, py] = urbanNames[k]!;
      town.communities.push(mk(1 + k, `${zh}社区`, `${py} Community`, 'urban'));
    }
    for (let k = 0; k < tp.villageCount; k++) {
      const [zh, py] = tp.villageNames?.[k] ?? villageName(rng, parts, usedNames);
      town.communities.push(mk(201 + k, `${zh}村`, `${py} Village`, 'village'));
    }
    tp.special.forEach((s, k) => town.communities.push(mk(401 + k, s.name, s.nameEn, s.subkind)));
    const forced = forcedGrids[town.code] ?? [];
    forced.forEach((n, k) => { town.communities[k]!.gridCount = n; });
    district.towns.push(town);
    all.push(...town.communities.filter((_, k) => k >= forced.length));
  }
  // Hit the district's exact grid count by nudging random (unforced) communities within their ranges.
  let total = district.towns.flatMap((t) => t.communities).reduce((s, c) => s + c.gridCount, 0);
  while (total !== plan.targetGrids) {
    const c = pick(rng, all);
    const [lo, hi] = plan.gridRange[c.subkind];
    if (total > plan.targetGrids && c.gridCount > lo) { c.gridCount -= 1; total -= 1; }
    if (total < plan.targetGrids && c.gridCount < hi) { c.gridCount += 1; total += 1; }
  }

  // 2. Blocks: communities inside each town, grids inside each community.
  for (const town of district.towns) {
    const cs = town.communities;
    const blocks = partition(town.plan.block, cs.map((c) => c.gridCount * plan.areaFactor[c.subkind]),
      cs.map((c) => c.gridCount * plan.minQuadsPerGrid), aspect);
    cs.forEach((c, k) => { c.block = blocks[k]!; });
    for (const c of cs) {
      const gb = partition(c.block, Array(c.gridCount).fill(1), Array(c.gridCount).fill(plan.minQuadsPerGrid), aspect);
      // Numbered west→east, north→south: by the block's top row, then its west column.
      gb.sort((a, b) => a.j0 - b.j0 || a.i0 - b.i0);
      c.grids = gb.map((block, k) => makeGrid(plan, c, block, k + 1, 'basic', GRID_TYPE[c.subkind], null, rng));
    }
  }
  return district;
}

function makeGrid(plan: DistrictPlan, c: GenCommunity, block: Block, seq: number, gridKind: 'basic' | 'dedicated',
  gridType: string, dedicatedType: string | null, rng: Rng, name?: string, nameEn?: string): GenGrid {
  const code = `${c.code}${String(seq).padStart(3, '0')}`;
  const g: GenGrid = {
    code, seq, block, gridKind, gridType, dedicatedType, cells: [], community: c, population: 0, households: 0,
    name: name ?? `${c.name}第${seq}网格`, nameEn: nameEn ?? `${c.nameEn} Grid ${seq}`,
  };
  if (plan.withCells && gridKind === 'basic') {
    g.cells = quadsOf(block).map(([i, j], k) => ({ code: `${code}${String(k + 1).padStart(3, '0')}`, name: `${g.name}${k + 1}号单元`, i, j }));
  }
  const people = gridType === 'urban' ? randInt(rng, 1800, 4200) : gridType === 'rural' ? randInt(rng, 700, 2100) : randInt(rng, 300, 1500);
  g.population = people;
  g.households = Math.round(people / (gridType === 'urban' ? 2.7 : 3.1));
  return g;
}

function villageName(rng: Rng, parts: Parts, used: Set<string>): [string, string] {
  for (;;) {
    const [a, pa] = pick(rng, parts.villagePrefixes);
    const [b, pb] = pick(rng, parts.villageSuffixes);
    if (a === b || used.has(a + b)) continue;
    used.add(a + b);
    return [a + b, pa + pb];
  }
}

/** Dedicated grids: a 2×2 (or smaller) block of quads in the middle of their community. */
export function addDedicatedGrids(districts: GenDistrict[], rng: Rng) {
  for (const d of DEDICATED) {
    const district = districts.find((x) => x.plan.code6 === d.district)!;
    const town = district.towns.find((t) => t.plan.code3 === d.town)!;
    const c = d.community >= 0 ? town.communities[d.community]! : town.communities.find((x) => x.subkind === 'industrial_park')!;
    const b = c.block;
    const w = Math.min(2, b.i1 - b.i0);
    const h = Math.min(2, b.j1 - b.j0);
    const i0 = b.i0 + Math.floor((b.i1 - b.i0 - w) / 2);
    const j0 = b.j0 + Math.floor((b.j1 - b.j0 - h) / 2);
    const g = makeGrid(district.plan, c, { i0, j0, i1: i0 + w, j1: j0 + h }, 901 + c.dedicated.length, 'dedicated', 'specialised', d.type, rng, d.name, d.nameEn);
    g.site = { name: d.site, kind: d.siteKind };
    g.population = randInt(rng, 800, 4000);
    g.households = 0;
    c.dedicated.push(g);
  }
}

/** Villager groups (村民小组) under the first two villages of every town, named after hamlets. */
export function addVillagerGroups(districts: GenDistrict[], rng: Rng, parts: Parts) {
  for (const t of districts.flatMap((d) => d.towns)) {
    for (const v of t.communities.filter((c) => c.subkind === 'village').slice(0, 2)) {
      const n = randInt(rng, 4, 8);
      const names = new Set<string>();
      while (names.size < n) names.add(chance(rng, 0.5) ? pick(rng, parts.hamlets) : `第${CN_DIGITS[names.size]}`);
      v.villagerGroups = [...names].map((x) => `${x}村民小组`);
    }
  }
}

// ---- GeoJSON features ----

const poly = (l: Lattice, corners: [number, number][]) => ({ type: 'Polygon' as const, coordinates: [l.ring(corners)] });
const rectCorners = (b: Block): [number, number][] => [[b.i0, b.j0], [b.i1, b.j0], [b.i1, b.j1], [b.i0, b.j1]];

export function areaFeatures(districts: GenDistrict[], isTiny: (code: string) => boolean): UnitFeature[] {
  const out: UnitFeature[] = [];
  const districtPolys = districts.map((d) => poly(d.lattice, d.plan.outline));
  out.push({
    type: 'Feature',
    properties: { code: CITY.code, kind: 'city', name: CITY.name, nameEn: CITY.nameEn, parentCode: null, tiny: true },
    geometry: { type: 'MultiPolygon', coordinates: districtPolys.map((p) => p.coordinates) },
  });
  districts.forEach((d, k) => {
    out.push({ type: 'Feature', properties: { code: d.code, kind: 'district', name: d.plan.name, nameEn: d.plan.nameEn, parentCode: CITY.code, tiny: true }, geometry: districtPolys[k]! });
    for (const t of d.towns) {
      const cs = t.communities;
      const pop = cs.flatMap((c) => c.grids).reduce((s, g) => s + g.population, 0);
      out.push({
        type: 'Feature',
        properties: { code: t.code, kind: 'town', subkind: t.plan.subkind, name: t.plan.name, nameEn: t.plan.nameEn, parentCode: d.code,
          profile: { population: pop, communities: cs.length, grids: cs.reduce((s, c) => s + c.grids.length, 0) }, tiny: isTiny(t.code) },
        geometry: poly(d.lattice, rectCorners(t.plan.block)),
      });
      for (const c of cs) {
        const population = c.grids.reduce((s, g) => s + g.population, 0);
        const households = c.grids.reduce((s, g) => s + g.households, 0);
        out.push({
          type: 'Feature',
          properties: { code: c.code, kind: 'community', subkind: c.subkind, name: c.name, nameEn: c.nameEn, parentCode: t.code,
            profile: { population, households, grids: c.grids.length, areaQuads: blockArea(c.block) }, tiny: isTiny(c.code) },
          geometry: poly(d.lattice, rectCorners(c.block)),
        });
      }
    }
  });
  return out;
}

export function gridFeatures(districts: GenDistrict[], rng: Rng, isTiny: (code: string) => boolean): UnitFeature[] {
  const out: UnitFeature[] = [];
  for (const d of districts) {
    for (const c of d.towns.flatMap((t) => t.communities)) {
      for (const g of [...c.grids, ...c.dedicated]) {
        out.push({
          type: 'Feature',
          properties: { code: g.code, kind: 'grid', name: g.name, nameEn: g.nameEn, parentCode: c.code, gridKind: g.gridKind,
            dedicatedType: g.dedicatedType, gridType: g.gridType, profile: gridProfile(g, rng), tiny: isTiny(g.code) },
          geometry: poly(d.lattice, rectCorners(g.block)),
        });
      }
    }
  }
  return out;
}

export function cellFeatures(districts: GenDistrict[], isTiny: (code: string) => boolean): UnitFeature[] {
  const out: UnitFeature[] = [];
  for (const d of districts) {
    for (const g of d.towns.flatMap((t) => t.communities).flatMap((c) => c.grids)) {
      g.cells.forEach((cell, k) => out.push({
        type: 'Feature',
        properties: { code: cell.code, kind: 'cell', name: cell.name, nameEn: `${g.nameEn} Unit ${k + 1}`, parentCode: g.code, tiny: isTiny(g.code) },
        geometry: poly(d.lattice, rectCorners({ i0: cell.i, j0: cell.j, i1: cell.i + 1, j1: cell.j + 1 })),
      }));
    }
  }
  return out;
}
