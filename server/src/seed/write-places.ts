import type { Tx } from '../db/client.js';
import { allocIds, insertRows, point } from './bulk.js';
import type { PlacesFile } from './types.js';
import type { UnitMap } from './write-territory.js';

export interface PlaceRefs {
  /** building code → id, grid id and path, stairway ids in order */
  buildings: Map<string, { id: number; gridId: number; path: string; stairways: number[] }>;
  counts: { estates: number; buildings: number; stairways: number; keySites: number };
}

const ltree = { type: 'text', expr: 'r.path::ltree' };

/** Estates, buildings, key sites; stairways are returned for the residents step (their leads are residents). */
export async function writePlaces(tx: Tx, places: PlacesFile, units: UnitMap): Promise<PlaceRefs> {
  const grid = (code: string) => {
    const g = units.get(code);
    if (!g || g.kind !== 'grid') throw new Error(`seed data: unknown grid ${code}`);
    return g;
  };
  const cell = (code: string | null) => (code ? units.get(code)?.id ?? null : null);

  const estateIds = await allocIds(tx, 'estates', places.estates.length);
  const estateByKey = new Map(places.estates.map((e, k) => [e.key, estateIds[k]!]));
  await insertRows(tx, 'estates', [
    { name: 'id', type: 'bigint' }, { name: 'name', type: 'text' }, { name: 'grid_id', type: 'bigint' }, { name: 'path', ...ltree },
    { name: 'property_company', type: 'text' }, point('location'),
  ], places.estates.map((e, k) => {
    const g = grid(e.gridCode);
    return { id: estateIds[k], name: e.name, grid_id: g.id, path: g.path, property_company: e.propertyCompany, location: e.point };
  }));

  const buildingIds = await allocIds(tx, 'buildings', places.buildings.length);
  const stairwayCount = places.buildings.reduce((s, b) => s + b.stairways.length, 0);
  const stairwayIds = await allocIds(tx, 'stairways', stairwayCount);
  const buildings: PlaceRefs['buildings'] = new Map();
  let s = 0;
  await insertRows(tx, 'buildings', [
    { name: 'id', type: 'bigint' }, { name: 'code', type: 'text' }, { name: 'name', type: 'text' }, { name: 'address', type: 'text' },
    { name: 'estate_id', type: 'bigint' }, { name: 'grid_id', type: 'bigint' }, { name: 'cell_id', type: 'bigint' },
    { name: 'path', ...ltree }, { name: 'floors', type: 'int' }, point('location'),
  ], places.buildings.map((b, k) => {
    const g = grid(b.gridCode);
    const id = buildingIds[k]!;
    buildings.set(b.code, { id, gridId: g.id, path: g.path, stairways: b.stairways.map(() => stairwayIds[s++]!) });
    return {
      id, code: b.code, name: b.name, address: b.address, estate_id: b.estateKey ? estateByKey.get(b.estateKey) ?? null : null,
      grid_id: g.id, cell_id: cell(b.cellCode), path: g.path, floors: b.floors, location: b.point,
    };
  }));

  await insertRows(tx, 'key_sites', [
    { name: 'name', type: 'text' }, { name: 'kind', type: 'text' }, { name: 'grid_id', type: 'bigint' }, { name: 'cell_id', type: 'bigint' },
    { name: 'path', ...ltree }, { name: 'address', type: 'text' }, point('location'), { name: 'note', type: 'text' },
  ], places.keySites.map((x) => {
    const g = grid(x.gridCode);
    return { name: x.name, kind: x.kind, grid_id: g.id, cell_id: cell(x.cellCode), path: g.path, address: x.address, location: x.point, note: x.note };
  }));

  return {
    buildings,
    counts: { estates: places.estates.length, buildings: places.buildings.length, stairways: stairwayCount, keySites: places.keySites.length },
  };
}

/** Stairways go in after residents so each can name its 楼组长 (stairway lead) among them. */
export async function writeStairways(tx: Tx, places: PlacesFile, refs: PlaceRefs, leads: Map<number, number>): Promise<void> {
  const rows = places.buildings.flatMap((b) => {
    const ref = refs.buildings.get(b.code)!;
    return b.stairways.map((name, k) => ({ id: ref.stairways[k], building_id: ref.id, name, lead_person_id: leads.get(ref.stairways[k]!) ?? null }));
  });
  await insertRows(tx, 'stairways', [
    { name: 'id', type: 'bigint' }, { name: 'building_id', type: 'bigint' }, { name: 'name', type: 'text' }, { name: 'lead_person_id', type: 'bigint' },
  ], rows);
}
