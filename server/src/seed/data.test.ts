import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeedData, SEED_DIR } from './data.js';

/** The demo data files themselves (no database): the figures the articles give, and internal consistency. */
const demo = loadSeedData('demo');
const tiny = loadSeedData('tiny');
const units = (kind: string) => demo.units.filter((u) => u.properties.kind === kind).map((u) => u.properties);
const catalogue = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'matter-categories.json'), 'utf8')) as { categories: { code: string }[] };

describe('demo data files', () => {
  it('新会区 has its 11 towns/streets, 199 villages, 37 communities, 11 fisheries/parks and 817 basic grids', () => {
    expect(units('town').filter((t) => t.code.startsWith('440705')).map((t) => t.name)).toEqual(
      ['会城街道', '大泽镇', '司前镇', '罗坑镇', '双水镇', '崖门镇', '沙堆镇', '古井镇', '三江镇', '睦洲镇', '大鳌镇']);
    const communities = units('community').filter((c) => c.code.startsWith('440705'));
    const by = (s: string[]) => communities.filter((c) => s.includes(c.subkind!)).length;
    expect([by(['village']), by(['urban']), by(['fishery', 'industrial_park'])]).toEqual([199, 37, 11]);
    expect(units('grid').filter((g) => g.gridKind === 'basic' && g.code.startsWith('440705'))).toHaveLength(817);
  });

  it('江海区 has 江南, 外海, 礼乐 streets, 190 basic grids, 2,590 cells and 383 full-time grid workers', () => {
    expect(units('town').filter((t) => t.code.startsWith('440704')).map((t) => t.name)).toEqual(['江南街道', '外海街道', '礼乐街道']);
    expect(units('grid').filter((g) => g.gridKind === 'basic' && g.code.startsWith('440704'))).toHaveLength(190);
    expect(units('cell').filter((c) => c.code.startsWith('440704'))).toHaveLength(2590);
    expect(demo.staff.filter((s) => s.role === 'grid_worker' && s.gridCode.startsWith('440704'))).toHaveLength(383);
  });

  it('has dedicated grids for an industrial park, a school and a market', () => {
    const types = units('grid').filter((g) => g.gridKind === 'dedicated').map((g) => g.dedicatedType);
    expect(types).toEqual(expect.arrayContaining(['industrial_park', 'school', 'market']));
  });

  it('grid types carry 10–20 duties and admit only codes of the matter catalogue (≥ 40 codes)', () => {
    const codes = new Set(catalogue.categories.map((c) => c.code));
    expect(codes.size).toBeGreaterThanOrEqual(40);
    expect(demo.gridTypes.map((t) => t.category).sort()).toEqual(['market_park', 'rural', 'specialised', 'urban']);
    for (const t of demo.gridTypes) {
      expect(t.duties.length).toBeGreaterThanOrEqual(10);
      expect(t.duties.length).toBeLessThanOrEqual(20);
      for (const a of t.admission) expect(codes.has(a), `${t.code} admits unknown ${a}`).toBe(true);
    }
    for (const g of units('grid')) expect(demo.gridTypes.some((t) => t.code === g.gridType), g.code).toBe(true);
  });

  it('every grid has leader, worker, police officer and auxiliary police; departments are unique per district', () => {
    const roles = new Map<string, Set<string>>();
    for (const s of demo.staff) roles.set(s.gridCode, (roles.get(s.gridCode) ?? new Set()).add(s.role));
    for (const g of units('grid')) {
      expect([...roles.get(g.code) ?? []], g.code).toEqual(expect.arrayContaining(['grid_leader', 'grid_worker', 'police_officer', 'auxiliary_police']));
    }
    expect(new Set(demo.departments.map((d) => d.code)).size).toBe(demo.departments.length);
    for (const d of ['440705000000', '440704000000']) expect(demo.departments.filter((x) => x.district === d)).toHaveLength(10);
  });

  it('a few thousand residents, none with an ID or phone number in the file', () => {
    const persons = demo.residents.households.flatMap((h) => h.members);
    expect(persons.length).toBeGreaterThan(2000);
    expect(persons.length).toBeLessThan(10000);
    const raw = fs.readFileSync(path.join(SEED_DIR, 'residents.json'), 'utf8');
    // An 18-character ID or an 11-digit mobile as a whole value, or a field that could hold one.
    expect(raw).not.toMatch(/"\d{17}[\dX]"|"1[3-9]\d{9}"|"(idNumber|phone|mobile)":/);
  });

  it('tiny is a closed subset: its rows only name tiny units and buildings', () => {
    const codes = new Set(tiny.units.map((u) => u.properties.code));
    for (const u of tiny.units) if (u.properties.parentCode) expect(codes.has(u.properties.parentCode), u.properties.code).toBe(true);
    const buildings = new Set(tiny.places.buildings.map((b) => b.code));
    for (const h of tiny.residents.households) expect(buildings.has(h.buildingCode)).toBe(true);
    for (const b of tiny.places.buildings) expect(codes.has(b.gridCode)).toBe(true);
    for (const s of tiny.staff) expect(codes.has(s.gridCode)).toBe(true);
    for (const a of tiny.accounts) if (a.homeUnitCode) expect(codes.has(a.homeUnitCode), a.username).toBe(true);
  });
});
