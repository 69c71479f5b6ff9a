/**
 * Generates the demo data files under server/seed/ from the plan (plan.ts) and name parts
 * (server/seed/name-parts.json). Deterministic: the same code writes byte-identical files.
 * Run: npm run seed:gen -w server
 */
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32, type NameParts } from '../factories.js';
import { compactPerson, SEED_DIR } from '../data.js';
import type { BuildingRec, UnitFeature } from '../types.js';
import { DEDICATED, JIANGHAI, XINHUI } from './plan.js';
import { buildPlaces } from './places.js';
import { buildResidents } from './residents.js';
import { buildAccounts, buildStaff } from './staff.js';
import { addDedicatedGrids, addVillagerGroups, areaFeatures, buildDistrict, cellFeatures, gridFeatures } from './territory.js';

const parts = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'name-parts.json'), 'utf8')) as NameParts & Parameters<typeof buildPlaces>[2]
  & Parameters<typeof buildDistrict>[2];

const used = new Set<string>();
// 会城 community 1 (grid A, B …) has 4 grids, community 2 has 3; 江南 community 1 has 2: the tiny seed takes them whole.
const xinhui = buildDistrict(XINHUI, mulberry32(440705), parts, used, { '440705001000': [4, 3] });
const jianghai = buildDistrict(JIANGHAI, mulberry32(440704), parts, used, { '440704001000': [2] });
const districts = [xinhui, jianghai];
addDedicatedGrids(districts, mulberry32(901));
addVillagerGroups(districts, mulberry32(15), parts);

const huicheng = xinhui.towns[0]!;
const demoCommunity = huicheng.communities[0]!;
const jiangnan1 = jianghai.towns[0]!.communities[0]!;
const tinyCommunities = [demoCommunity, huicheng.communities[1]!, jiangnan1];
const schoolGrid = demoCommunity.dedicated.find((g) => g.dedicatedType === DEDICATED[0]!.type)!;
const tiny = new Set<string>([huicheng.code, jianghai.towns[0]!.code, schoolGrid.code,
  ...tinyCommunities.flatMap((c) => [c.code, ...c.grids.map((g) => g.code)])]);
const isTiny = (code: string) => tiny.has(code);

// ---- territory ----
const areas = areaFeatures(districts, isTiny);
for (const c of districts.flatMap((d) => d.towns).flatMap((t) => t.communities)) {
  c.villagerGroups.forEach((name, k) => areas.push({
    type: 'Feature', geometry: null,
    properties: { code: `${c.code}${String(k + 1).padStart(3, '0')}`, kind: 'villager_group', name, nameEn: `${c.nameEn} Group ${k + 1}`, parentCode: c.code },
  }));
}
const grids = gridFeatures(districts, mulberry32(7), isTiny);
const cells = cellFeatures(districts, isTiny);

// ---- places and people ----
const places = buildPlaces(districts, mulberry32(31000), parts);
const byGrid = new Map<string, BuildingRec[]>();
for (const b of places.buildings) byGrid.set(b.gridCode, [...(byGrid.get(b.gridCode) ?? []), b]);
const [gridA, gridB] = demoCommunity.grids;
const households = buildResidents(districts, byGrid, mulberry32(2015), parts, new Map([[gridA!.code, 20], [gridB!.code, 20]]));
const staff = buildStaff(districts, mulberry32(383), parts, demoCommunity);
const accounts = buildAccounts(xinhui, jianghai, demoCommunity, staff);

// ---- the tiny subset ----
for (const h of households) if (h.gridCode === gridA!.code || h.gridCode === gridB!.code) h.tiny = true;
const tinyBuildings = new Set(households.filter((h) => h.tiny).map((h) => h.buildingCode));
for (const g of tinyCommunities.flatMap((c) => c.grids)) {
  const first = byGrid.get(g.code)?.[0];
  if (first && g !== gridA && g !== gridB) tinyBuildings.add(first.code);
}
for (const b of places.buildings) if (tinyBuildings.has(b.code)) b.tiny = true;
const tinyEstates = new Set(places.buildings.filter((b) => b.tiny && b.estateKey).map((b) => b.estateKey));
for (const e of places.estates) if (tinyEstates.has(e.key)) e.tiny = true;
for (const k of places.keySites) if (tiny.has(k.gridCode)) k.tiny = true;
for (const s of staff) if (tiny.has(s.gridCode)) s.tiny = true;

// ---- write ----
const rows = (xs: unknown[]) => `[\n${xs.map((x) => JSON.stringify(x)).join(',\n')}\n]`;
const fc = (fs_: UnitFeature[]) => `{"type":"FeatureCollection","features":${rows(fs_)}}\n`;
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(SEED_DIR, file)), { recursive: true });
  fs.writeFileSync(path.join(SEED_DIR, file), text);
  console.log(`${file}: ${(text.length / 1024).toFixed(0)} KiB`);
};
write('territory/areas.geojson', fc(areas));
write('territory/grids.geojson', fc(grids));
write('territory/cells.geojson', fc(cells));
write('places.json', `{"estates":${rows(places.estates)},\n"buildings":${rows(places.buildings)},\n"keySites":${rows(places.keySites)}}\n`);
write('residents.json', `{"households":${rows(households.map((h) => ({ ...h, members: h.members.map(compactPerson) })))}}\n`);
write('grid-staff.json', `${rows(staff)}\n`);
write('accounts.json', `${JSON.stringify(accounts, null, 1)}\n`);
write('ACCOUNTS.md', accountsTable());

const count = (f: (x: UnitFeature) => boolean) => [...areas, ...grids, ...cells].filter(f).length;
console.log({
  communities: count((f) => f.properties.kind === 'community'),
  basicGrids: count((f) => f.properties.gridKind === 'basic'),
  xinhuiGrids: count((f) => f.properties.gridKind === 'basic' && f.properties.code.startsWith('440705')),
  jianghaiGrids: count((f) => f.properties.gridKind === 'basic' && f.properties.code.startsWith('440704')),
  dedicated: count((f) => f.properties.gridKind === 'dedicated'),
  cells: cells.length,
  villagerGroups: count((f) => f.properties.kind === 'villager_group'),
  estates: places.estates.length,
  buildings: places.buildings.length,
  stairways: places.buildings.reduce((s, b) => s + b.stairways.length, 0),
  keySites: places.keySites.length,
  households: households.length,
  persons: households.reduce((s, h) => s + h.members.length, 0),
  staff: staff.length,
  jianghaiWorkers: staff.filter((s) => s.role === 'grid_worker' && s.gridCode.startsWith('440704')).length,
  tiny: {
    grids: grids.filter((g) => g.properties.tiny).length,
    buildings: places.buildings.filter((b) => b.tiny).length,
    persons: households.filter((h) => h.tiny).reduce((s, h) => s + h.members.length, 0),
  },
});

function accountsTable(): string {
  const lines = ['| username | password | role | home unit | notes |', '|---|---|---|---|---|'];
  for (const a of accounts) {
    lines.push(`| \`${a.username}\` | ${a.password ? `\`${a.password}\`` : 'printed at first start'} | ${a.role} | ${a.homeUnitName ?? '—'}${a.homeUnitCode ? ` (${a.homeUnitCode})` : ''} | ${a.note} |`);
  }
  return `${lines.join('\n')}\n`;
}
