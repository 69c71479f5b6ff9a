import { chance, pick, pickWeighted, personName, randInt, type NameParts, type Rng } from '../factories.js';
import type { BuildingRec, HouseholdRec, PersonRec } from '../types.js';
import type { GenDistrict, GenGrid } from './territory.js';

/** Demo residents: a few households per basic grid, living in that grid's buildings. */

const YEAR = 2026;
// Where floating residents' ID numbers come from (county codes in Guangxi, Hunan, Sichuan, Guizhou, Guangdong).
const ORIGIN_PREFIXES = ['450881', '450921', '431121', '430524', '511623', '513922', '522427', '441523', '440882', '441781'];
const OVERSEAS = ['香港: 兄长', '香港: 姐姐', '澳门: 舅父', '美国旧金山: 叔父', '美国纽约: 堂兄', '加拿大温哥华: 女儿', '加拿大多伦多: 儿子',
  '澳大利亚悉尼: 侄子', '新西兰奥克兰: 姑母', '秘鲁利马: 伯父', '英国伦敦: 外甥', '新加坡: 表妹', '马来西亚吉隆坡: 伯父', '台湾: 舅父'];
const FOREIGN_SPOUSES = ['阮氏兰', '黎氏香', '陈氏梅', '范氏秋', '武氏霞'];

function birth(rng: Rng, age: number): string {
  const y = YEAR - age;
  const m = randInt(rng, 1, 12);
  const d = randInt(rng, 1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface Ctx { rng: Rng; parts: NameParts; prefix: string; overseasRate: number }

function person(c: Ctx, o: { age: number; gender: 'male' | 'female'; relation: string; surname?: string; category?: PersonRec['category']; tags?: string[] }): PersonRec {
  const category = o.category ?? 'registered';
  const tags = [...(o.tags ?? [])];
  if (o.age >= 18 && chance(c.rng, 0.02)) tags.push('disabled');
  if (o.gender === 'male' && o.age >= 40 && o.age <= 80 && chance(c.rng, 0.05)) tags.push('veteran');
  if (o.age >= 22 && chance(c.rng, 0.06)) tags.push('party_member');
  return {
    name: personName(c.rng, c.parts, o.gender, YEAR - o.age, o.surname),
    gender: o.gender,
    birthDate: birth(c.rng, o.age),
    ethnicity: category === 'floating' && chance(c.rng, 0.15) ? pick(c.rng, ['壮族', '瑶族', '苗族', '土家族']) : '汉族',
    relation: o.relation,
    category,
    tags,
    overseasChineseFamily: false,
    overseasRelatives: null,
    idPrefix: category === 'foreign' ? null : category === 'floating' ? pick(c.rng, ORIGIN_PREFIXES) : c.prefix,
    hasPhone: o.age >= 16 && (o.age < 80 || chance(c.rng, 0.5)),
    note: null,
  };
}

const anyGender = (rng: Rng): 'male' | 'female' => (chance(rng, 0.5) ? 'male' : 'female');

type Kind = 'family' | 'three_gen' | 'elderly_alone' | 'elderly_couple' | 'left_behind' | 'renters' | 'young_couple' | 'hmt';

function household(c: Ctx, kind: Kind): PersonRec[] {
  const { rng } = c;
  const s = pickWeighted(rng, c.parts.surnames);
  switch (kind) {
    case 'elderly_alone':
      return [person(c, { age: randInt(rng, 68, 92), gender: anyGender(rng), relation: 'head', tags: ['elderly_living_alone'] })];
    case 'elderly_couple': {
      const age = randInt(rng, 62, 85);
      return [person(c, { age, gender: 'male', relation: 'head', surname: s, tags: ['empty_nest_elderly'] }),
        person(c, { age: age - randInt(rng, 0, 5), gender: 'female', relation: 'spouse', tags: ['empty_nest_elderly'] })];
    }
    case 'left_behind': {
      const age = randInt(rng, 58, 76);
      const out = [person(c, { age, gender: 'male', relation: 'head', surname: s, tags: ['left_behind_elderly'] }),
        person(c, { age: age - randInt(rng, 0, 4), gender: 'female', relation: 'spouse', tags: ['left_behind_elderly'] })];
      for (let k = randInt(rng, 1, 2); k > 0; k--) out.push(person(c, { age: randInt(rng, 4, 14), gender: anyGender(rng), relation: 'grandchild', surname: s, tags: ['left_behind_child'] }));
      return out;
    }
    case 'renters': {
      const out = [person(c, { age: randInt(rng, 20, 45), gender: anyGender(rng), relation: 'head', category: 'floating' })];
      for (let k = randInt(rng, 0, 2); k > 0; k--) out.push(person(c, { age: randInt(rng, 19, 45), gender: anyGender(rng), relation: 'tenant', category: 'floating' }));
      return out;
    }
    case 'young_couple': {
      const age = randInt(rng, 25, 34);
      const out = [person(c, { age, gender: 'male', relation: 'head', surname: s }), person(c, { age: age - randInt(rng, 0, 3), gender: 'female', relation: 'spouse' })];
      if (chance(rng, 0.5)) out.push(person(c, { age: randInt(rng, 0, 4), gender: anyGender(rng), relation: 'child', surname: s }));
      return out;
    }
    case 'hmt': {
      const p = person(c, { age: randInt(rng, 30, 70), gender: anyGender(rng), relation: 'head', category: 'registered' });
      // 港澳居民居住证 numbers have the same 18-digit shape, area code 810000 (Hong Kong) or 820000 (Macao).
      return [{ ...p, category: 'hmt', idPrefix: chance(rng, 0.7) ? '810000' : '820000', note: '港澳居民居住证' }];
    }
    default: {
      const age = randInt(rng, 35, 58);
      const out = [person(c, { age, gender: 'male', relation: 'head', surname: s })];
      const foreign = kind === 'family' && c.prefix === '440705' && chance(rng, 0.02);
      const spouse = person(c, { age: age - randInt(rng, 0, 5), gender: 'female', relation: 'spouse', category: foreign ? 'foreign' : 'registered' });
      if (foreign) { spouse.name = pick(rng, FOREIGN_SPOUSES); spouse.note = '越南籍，持外国人居留许可'; }
      out.push(spouse);
      for (let k = randInt(rng, 1, 2); k > 0; k--) out.push(person(c, { age: randInt(rng, 3, Math.min(28, age - 20)), gender: anyGender(rng), relation: 'child', surname: s }));
      if (kind === 'three_gen') {
        const pa = age + randInt(rng, 24, 32);
        out.push(person(c, { age: pa, gender: 'male', relation: 'parent', surname: s }));
        if (chance(rng, 0.7)) out.push(person(c, { age: pa - randInt(rng, 0, 5), gender: 'female', relation: 'parent' }));
      }
      if (chance(rng, 0.04)) out[0]!.tags.push('low_income');
      return out;
    }
  }
}

const KINDS: Record<string, [Kind, number][]> = {
  urban: [['family', 30], ['three_gen', 10], ['elderly_alone', 8], ['elderly_couple', 10], ['renters', 20], ['young_couple', 14], ['hmt', 2]],
  rural: [['family', 20], ['three_gen', 25], ['elderly_alone', 14], ['elderly_couple', 14], ['left_behind', 18], ['renters', 4], ['young_couple', 5]],
  market_park: [['renters', 70], ['family', 15], ['young_couple', 15]],
};

export function buildResidents(districts: GenDistrict[], byGrid: Map<string, BuildingRec[]>, rng: Rng, parts: NameParts,
  minPeople: Map<string, number>): HouseholdRec[] {
  const out: HouseholdRec[] = [];
  for (const d of districts) {
    const prefix = d.plan.code6;
    for (const c of d.towns.flatMap((t) => t.communities)) {
      for (const g of c.grids) {
        const bs = byGrid.get(g.code) ?? [];
        if (!bs.length) continue;
        const ctx: Ctx = { rng, parts, prefix, overseasRate: prefix === '440705' ? (g.gridType === 'rural' ? 0.3 : 0.12) : 0.08 };
        const want = minPeople.get(g.code);
        const n = g.gridType === 'urban' ? randInt(rng, 2, 3) : g.gridType === 'rural' ? randInt(rng, 1, 3) : randInt(rng, 1, 2);
        let people = 0;
        for (let k = 0; want ? people < want : k < n; k++) {
          // The first households of a grid that must hold many residents cover every care group once.
          const forced: Kind[] = ['elderly_alone', 'left_behind', 'renters', 'three_gen', 'hmt'];
          const kind = want && k < forced.length ? forced[k]! : pickWeighted(rng, KINDS[g.gridType]!);
          const members = household(ctx, kind);
          if (chance(rng, ctx.overseasRate) || (want && k === 3)) {
            for (const m of members) if (m.category === 'registered') m.overseasChineseFamily = true;
            members[0]!.overseasRelatives = pick(rng, OVERSEAS);
          }
          const b = bs[k % bs.length]!;
          const stairway = Math.floor(rng() * b.stairways.length);
          const room = b.floors > 4 ? `${randInt(rng, 1, b.floors)}0${randInt(rng, 1, 4)}` : '';
          out.push({
            buildingCode: b.code, stairway, room, gridCode: g.code, members,
            address: room ? `${b.address}${b.stairways[stairway]}${room}房` : b.address,
          });
          people += members.length;
        }
      }
    }
  }
  return out;
}

/** Names for grid staff and the like. */
export function staffName(rng: Rng, parts: NameParts): string {
  const gender = anyGender(rng);
  return personName(rng, parts, gender, randInt(rng, 1965, 1998));
}

export type { GenGrid };
