import type { HouseholdItem, PersonItem } from '@gridgov/common';
import type { PersonRow } from './persons.repo.js';
import type { HouseholdRow } from './households.repo.js';

export function presentPerson(r: PersonRow): PersonItem {
  return {
    id: r.id, name: r.name, gender: (r.gender as PersonItem['gender']) ?? null, birthDate: r.birth_date,
    age: r.age == null ? null : Number(r.age), category: r.category as PersonItem['category'], tags: r.tags ?? [],
    idNumber: r.id_masked, phone: r.phone_masked, householdId: r.household_id, address: r.address,
    gridId: r.grid_id, gridName: r.grid_name, overseasChineseFamily: r.overseas_chinese_family,
    overseasRelatives: r.overseas_relatives,
  };
}

export function presentHousehold(h: HouseholdRow): HouseholdItem {
  return {
    id: h.id, address: h.address, room: h.room, buildingId: h.building_id, buildingCode: h.building_code,
    buildingName: h.building_name, stairwayId: h.stairway_id, gridId: h.grid_id, gridName: h.grid_name,
    headPersonId: h.head_person_id, headName: h.head_name, memberCount: Number(h.member_count),
  };
}
