import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  AccountRec, DepartmentRec, FeatureCollection, GridStaffRec, GridTypeRec, PersonRec, PlacesFile, ResidentsFile, UnitFeature,
} from './types.js';

/** server/seed: the demo data files. */
export const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seed');

const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(SEED_DIR, file), 'utf8')) as T;

export interface SeedData {
  units: UnitFeature[];
  gridTypes: GridTypeRec[];
  departments: DepartmentRec[];
  places: PlacesFile;
  residents: ResidentsFile;
  staff: GridStaffRec[];
  accounts: AccountRec[];
}

/** Reads every data file; `tiny` keeps only the rows marked for the tiny size. */
export function loadSeedData(size: 'tiny' | 'demo'): SeedData {
  const keep = <T extends { tiny?: boolean }>(xs: T[]) => (size === 'tiny' ? xs.filter((x) => x.tiny) : xs);
  const fc = (f: string) => read<FeatureCollection>(f).features;
  const units = [...fc('territory/areas.geojson'), ...fc('territory/grids.geojson'), ...fc('territory/cells.geojson')]
    .filter((f) => size !== 'tiny' || f.properties.tiny);
  const places = read<PlacesFile>('places.json');
  return {
    units,
    gridTypes: read<{ types: GridTypeRec[] }>('grid-types.json').types,
    departments: read<{ departments: DepartmentRec[] }>('departments.json').departments,
    places: { estates: keep(places.estates), buildings: keep(places.buildings), keySites: keep(places.keySites) },
    residents: { households: keep(read<ResidentsFile>('residents.json').households).map((h) => ({ ...h, members: h.members.map(expandPerson) })) },
    staff: keep(read<GridStaffRec[]>('grid-staff.json')),
    accounts: read<AccountRec[]>('accounts.json'),
  };
}

/** Person fields at their usual value are left out of residents.json to keep it small. */
const PERSON_DEFAULTS: Partial<PersonRec> = {
  ethnicity: '汉族', category: 'registered', tags: [], overseasChineseFamily: false, overseasRelatives: null, note: null,
};

export function compactPerson(p: PersonRec): Partial<PersonRec> {
  return Object.fromEntries(Object.entries(p).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(PERSON_DEFAULTS[k as keyof PersonRec])));
}

function expandPerson(p: Partial<PersonRec>): PersonRec {
  return { ...PERSON_DEFAULTS, ...p } as PersonRec;
}
