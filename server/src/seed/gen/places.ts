import { chance, pick, randInt, type Rng } from '../factories.js';
import type { BuildingRec, EstateRec, KeySiteRec, Pos } from '../types.js';
import { quadsOf } from './lattice.js';
import type { GenCommunity, GenDistrict, GenGrid } from './territory.js';

interface Parts {
  estatePrefixes: string[]; estateSuffixes: string[]; propertyCompanies: string[]; streets: string[]; hamlets: string[];
  enterpriseNames: string[];
}

export const townShort = (name: string) => name.replace(/(街道|镇)$/, '');

/** Where a grid's things go: a random quad of the grid, its point, and (江海) its cell. */
function spot(d: GenDistrict, g: GenGrid, rng: Rng, within = g): { point: Pos; cellCode: string | null } {
  const quads = quadsOf(within.block);
  const [i, j] = quads[Math.floor(rng() * quads.length)]!;
  const point = d.lattice.pointInQuad(i, j, rng);
  const basic = within.gridKind === 'basic' ? within : g;
  const cell = basic.cells.find((c) => c.i === i && c.j === j) ?? null;
  return { point, cellCode: cell?.code ?? null };
}

/** The basic grid under a dedicated grid's quad: dedicated grids overlay basic ones. */
function basicUnder(c: GenCommunity, i: number, j: number): GenGrid {
  return c.grids.find((g) => i >= g.block.i0 && i < g.block.i1 && j >= g.block.j0 && j < g.block.j1)!;
}

const areaPrefix = (d: GenDistrict, c: GenCommunity) => `江门市${d.plan.name}${c.town.plan.name}${c.name}`;

export function buildPlaces(districts: GenDistrict[], rng: Rng, parts: Parts) {
  const estates: EstateRec[] = [];
  const buildings: BuildingRec[] = [];
  const usedEstateNames = new Set<string>();
  for (const d of districts) {
    for (const c of d.towns.flatMap((t) => t.communities)) {
      for (const g of c.grids) {
        let seq = 0;
        const add = (name: string, address: string, floors: number, stairways: number, estateKey: string | null) => {
          seq += 1;
          const { point, cellCode } = spot(d, g, rng);
          buildings.push({
            code: `${g.code}${String(seq).padStart(4, '0')}`, name, address, estateKey, gridCode: g.code, cellCode, floors,
            stairways: Array.from({ length: stairways }, (_, k) => `${k + 1}梯`), point,
          });
        };
        if (g.gridType === 'urban') {
          const street = pick(rng, parts.streets);
          if (chance(rng, 0.85)) {
            let name = '';
            do name = pick(rng, parts.estatePrefixes) + pick(rng, parts.estateSuffixes); while (usedEstateNames.has(name) && usedEstateNames.size < 300);
            usedEstateNames.add(name);
            const key = `E${estates.length + 1}`;
            const { point } = spot(d, g, rng);
            estates.push({ key, name, gridCode: g.code, propertyCompany: pick(rng, parts.propertyCompanies), point });
            const no = randInt(rng, 1, 300);
            const n = randInt(rng, 3, 7);
            for (let k = 1; k <= n; k++) {
              const floors = chance(rng, 0.5) ? randInt(rng, 6, 9) : randInt(rng, 11, 33);
              add(`${name}${k}栋`, `${areaPrefix(d, c)}${street}${no}号${name}${k}栋`, floors, floors > 10 ? randInt(rng, 1, 2) : randInt(rng, 1, 3), key);
            }
          }
          for (let k = randInt(rng, 1, 2); k > 0; k--) {
            const no = randInt(rng, 1, 400);
            add(`${street}${no}号`, `${areaPrefix(d, c)}${street}${no}号`, randInt(rng, 3, 8), 1, null);
          }
        } else if (g.gridType === 'market_park') {
          for (let k = randInt(rng, 1, 3); k > 0; k--) {
            const firm = pick(rng, parts.enterpriseNames).replace(/有限公司$/, '');
            add(`${firm}员工宿舍${k}号楼`, `${areaPrefix(d, c)}${firm}员工宿舍${k}号楼`, randInt(rng, 4, 7), randInt(rng, 1, 2), null);
          }
        } else {
          const fishery = c.subkind === 'fishery';
          for (let k = randInt(rng, 1, 3); k > 0; k--) {
            const lane = fishery ? '渔民新村' : `${pick(rng, parts.hamlets)}巷`;
            const no = randInt(rng, 1, 60);
            add(`${c.name}${lane}${no}号`, `${areaPrefix(d, c)}${lane}${no}号`, randInt(rng, 2, 4), 1, null);
          }
        }
      }
    }
  }
  return { estates, buildings, keySites: keySites(districts, rng, parts) };
}

const RESERVOIRS: Record<string, string> = {
  '大泽镇': '大泽水库', '司前镇': '石乔水库', '罗坑镇': '大隆洞水库', '双水镇': '沙路水库', '崖门镇': '古兜水库', '古井镇': '官冲水库',
};

function keySites(districts: GenDistrict[], rng: Rng, parts: Parts): KeySiteRec[] {
  const out: KeySiteRec[] = [];
  const place = (d: GenDistrict, c: GenCommunity, name: string, kind: string, note: string | null, g?: GenGrid) => {
    const grid = g ?? pick(rng, c.grids);
    const { point, cellCode } = spot(d, grid, rng);
    out.push({ name, kind, gridCode: grid.code, cellCode, address: `${areaPrefix(d, c)}`, point, note });
  };
  for (const d of districts) {
    for (const t of d.towns) {
      const short = townShort(t.plan.name);
      const [first, second] = t.communities;
      const huicheng = t.plan.name === '会城街道';
      // Sites inside dedicated grids sit in the dedicated polygon, attributed to the basic grid beneath.
      for (const c of t.communities) {
        for (const dg of c.dedicated) {
          const [i, j] = quadsOf(dg.block)[0]!;
          const base = basicUnder(c, i, j);
          const point = d.lattice.pointInQuad(i, j, rng);
          const cellCode = base.cells.find((x) => x.i === i && x.j === j)?.code ?? null;
          out.push({ name: dg.site!.name, kind: dg.site!.kind, gridCode: base.code, cellCode, address: areaPrefix(d, c), point, note: `专属网格：${dg.name}` });
        }
      }
      if (!huicheng) {
        place(d, first!, `${short}中心小学`, 'school', null);
        place(d, first!, `${short}卫生院`, 'hospital', null);
        place(d, first!, `${short}墟市场`, 'market', '农贸市场');
      }
      place(d, huicheng ? second! : first!, huicheng ? '新会区社会福利院' : `${short}敬老院`, 'elderly_home', '集中供养老人');
      place(d, first!, `中国石化${short}加油站`, 'hazard', '成品油储存');
      if (chance(rng, 0.6)) place(d, pick(rng, t.communities), `${short}液化石油气储配站`, 'hazard', '燃气储罐');
      const rural = t.communities.filter((c) => c.subkind === 'village');
      if (RESERVOIRS[t.plan.name] && rural.length) place(d, pick(rng, rural), RESERVOIRS[t.plan.name]!, 'reservoir', '小(一)型水库，汛期重点巡查');
      if (rural.length) place(d, pick(rng, rural), `${pick(rng, rural).name}祠堂`, 'other', '宗族活动场所');
    }
  }
  // Enterprises go to the town their name mentions (its park if it has one), else to 会城's park.
  const towns = districts.flatMap((d) => d.towns.map((t) => ({ d, t })));
  for (const firm of parts.enterpriseNames) {
    const hit = towns.find(({ t }) => firm.includes(townShort(t.plan.name)))
      ?? (/江海|外海|滘头|江南|安全应急/.test(firm) ? towns.find(({ t }) => t.plan.name === (/外海/.test(firm) ? '外海街道' : /安全应急|礼乐/.test(firm) ? '礼乐街道' : '江南街道')) : undefined)
      ?? towns.find(({ t }) => t.plan.name === '会城街道')!;
    const c = hit.t.communities.find((x) => x.subkind === 'industrial_park') ?? hit.t.communities[0]!;
    place(hit.d, c, firm, 'enterprise', chance(rng, 0.3) ? '规上企业' : null);
  }
  return out;
}
