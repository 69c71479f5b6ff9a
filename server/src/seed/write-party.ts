import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { maskIdNumber, maskPhone, type MemberClass } from '@gridgov/common';
import type { Tx } from '../db/client.js';
import { queryRows } from '../db/sql.js';
import type { Crypto } from '../lib/secrets.js';
import { allocIds, insertRows } from './bulk.js';
import { SEED_DIR } from './data.js';
import { IdNumberIssuer, MobileIssuer, chance, mulberry32, personName, pick, pickWeighted, randInt, type NameParts } from './factories.js';

/**
 * Party overlay demo data, written from what the seed already put in the database (territory, places, residents,
 * grid staff): org tree (大工委 → 大党委 → grid branches on ~95 % of grids → estate branches → building groups),
 * industry committees, member units, members in six classes (residents tagged 党员 first, then generated persons
 * with valid ID numbers), 双报到 registrations, service activities with hours, points, posts and commando teams,
 * contact groups, training, a recruitment pipeline and cadres. Deterministic and bulk-inserted.
 */
interface PartyFile {
  membersTarget: { demo: number; tiny: number }; gridOrgShare: number; oneShoulderShare: number;
  classWeights: [MemberClass, number][]; organs: string[]; twoNewEmployers: string[]; memberUnitKinds: [string, number][];
  memberUnitNames: string[]; industries: [string, string, string][]; pointRules: [string, string, number][];
  courses: [string, string, number][]; activityTemplates: [string, string][]; postNames: Record<string, string[]>;
}
const ltree = { type: 'text', expr: 'r.path::ltree' };
const YEAR = 2026;

interface U { id: number; code: string; name: string; kind: string; subkind: string | null; grid_kind: string | null; path: string; parent_id: number | null }
/** Members born in the neighbouring counties (蓬江, 台山, 开平, 鹤山, 恩平): prefixes the residents file does not use, so IDs never collide. */
const MEMBER_ID_PREFIXES = ['440703', '440781', '440783', '440784', '440785'];

export async function writeParty(tx: Tx, crypto: Crypto, size: 'tiny' | 'demo' | 'large'): Promise<Record<string, number>> {
  const cfg = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'party.json'), 'utf8')) as PartyFile;
  const parts = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'name-parts.json'), 'utf8')) as NameParts;
  const rng = mulberry32(19210701);
  const units = (await queryRows<U>(tx, sql`SELECT id::int AS id, code, name, kind, subkind, grid_kind, path::text AS path, parent_id::int AS parent_id
    FROM units WHERE valid_to IS NULL AND kind IN ('district', 'town', 'community', 'grid') ORDER BY path`));
  const byId = new Map(units.map((u) => [u.id, u]));
  const leaders = new Map((await queryRows<{ grid_id: number; name: string }>(tx, sql`
    SELECT DISTINCT ON (grid_id) grid_id::int AS grid_id, name FROM grid_staff WHERE role = 'grid_leader' ORDER BY grid_id, id`)).map((r) => [r.grid_id, r.name]));
  const estates = await queryRows<{ id: number; name: string; grid_id: number; path: string }>(tx, sql`SELECT id::int AS id, name, grid_id::int AS grid_id, path::text AS path FROM estates ORDER BY id`);
  const buildings = await queryRows<{ id: number; name: string; estate_id: number; grid_id: number; path: string }>(tx, sql`
    SELECT id::int AS id, name, estate_id::int AS estate_id, grid_id::int AS grid_id, path::text AS path FROM buildings WHERE estate_id IS NOT NULL ORDER BY id`);

  // ---- organisations ----
  type Org = { id: number; code: string; name: string; type: string; parent_id: number | null; org_path: string; unit_id: number;
    estate_id: number | null; building_id: number | null; industry: string | null; path: string; secretary_name: string | null;
    secretary_grade: string | null; rating: string | null; committee: unknown[] };
  const orgs: Org[] = [];
  const towns = units.filter((u) => u.kind === 'town');
  const communities = units.filter((u) => u.kind === 'community');
  const grids = units.filter((u) => u.kind === 'grid' && u.grid_kind === 'basic');
  const districts = units.filter((u) => u.kind === 'district');
  const nOrgs = towns.length + communities.length + grids.length + estates.length + buildings.length + districts.length * cfg.industries.length;
  const orgIds = await allocIds(tx, 'party_orgs', nOrgs);
  let k = 0;
  const grade = () => pickWeighted(rng, [['a', 3], ['b', 4], ['c', 2], ['d', 1]] as const);
  const rating = () => pickWeighted(rng, [['five_star', 2], ['four_star', 4], ['three_star', 3], ['two_star', 1]] as const);
  const secretary = () => personName(rng, parts, chance(rng, 0.7) ? 'male' : 'female', randInt(rng, 1960, 1990));
  const add = (o: Omit<Org, 'id' | 'org_path' | 'code' | 'committee'> & { code?: string }, parentPath: string | null) => {
    const id = orgIds[k++]!;
    const org: Org = { ...o, id, code: o.code ?? `PO${id}`, org_path: parentPath ? `${parentPath}.${id}` : String(id), committee: [] };
    if (org.secretary_name) org.committee = [{ name: org.secretary_name, role: '书记' }, { name: secretary(), role: '组织委员' }, { name: secretary(), role: '宣传委员' }];
    orgs.push(org);
    return org;
  };
  const orgOfTown = new Map<number, Org>();
  for (const t of towns) orgOfTown.set(t.id, add({ name: `${t.name}大工委`, type: 'big_working_committee', parent_id: null, unit_id: t.id, estate_id: null, building_id: null, industry: null, path: t.path, secretary_name: secretary(), secretary_grade: grade(), rating: null, code: `DGW${t.code}` }, null));
  const orgOfCommunity = new Map<number, Org>();
  for (const c of communities) {
    const p = orgOfTown.get(c.parent_id!)!;
    orgOfCommunity.set(c.id, add({ name: `${c.name}大党委`, type: 'big_party_committee', parent_id: p.id, unit_id: c.id, estate_id: null, building_id: null, industry: null, path: c.path, secretary_name: secretary(), secretary_grade: grade(), rating: rating(), code: `DDW${c.code}` }, p.org_path));
  }
  const orgOfGrid = new Map<number, Org>();
  for (const g of grids) {
    // About 5 % of grids still lack a branch (the coverage page lists them); tiny keeps every grid covered but one.
    if (!chance(rng, cfg.gridOrgShare)) continue;
    const p = orgOfCommunity.get(g.parent_id!)!;
    const sec = leaders.has(g.id) && chance(rng, cfg.oneShoulderShare) ? leaders.get(g.id)! : secretary();
    orgOfGrid.set(g.id, add({ name: `${g.name}党支部`, type: 'branch', parent_id: p.id, unit_id: g.id, estate_id: null, building_id: null, industry: null, path: g.path, secretary_name: sec, secretary_grade: grade(), rating: rating(), code: `ZB${g.code}` }, p.org_path));
  }
  const orgOfEstate = new Map<number, Org>();
  for (const e of estates) {
    const p = orgOfGrid.get(e.grid_id) ?? orgOfCommunity.get(byId.get(e.grid_id)!.parent_id!)!;
    orgOfEstate.set(e.id, add({ name: `${e.name}党支部`, type: 'branch', parent_id: p.id, unit_id: e.grid_id, estate_id: e.id, building_id: null, industry: null, path: e.path, secretary_name: secretary(), secretary_grade: grade(), rating: rating() }, p.org_path));
  }
  for (const b of buildings) {
    const p = orgOfEstate.get(b.estate_id)!;
    add({ name: `${b.name}党小组`, type: 'group', parent_id: p.id, unit_id: b.grid_id, estate_id: b.estate_id, building_id: b.id, industry: null, path: b.path, secretary_name: secretary(), secretary_grade: null, rating: null }, p.org_path);
  }
  for (const d of districts) {
    for (const [type, name, industry] of cfg.industries) add({ name, type, parent_id: null, unit_id: d.id, estate_id: null, building_id: null, industry, path: d.path, secretary_name: secretary(), secretary_grade: grade(), rating: null }, null);
  }
  await insertRows(tx, 'party_orgs', [
    { name: 'id', type: 'bigint' }, { name: 'code', type: 'text' }, { name: 'name', type: 'text' }, { name: 'type', type: 'text' },
    { name: 'parent_id', type: 'bigint' }, { name: 'org_path', type: 'text', expr: 'r.org_path::ltree' }, { name: 'unit_id', type: 'bigint' },
    { name: 'estate_id', type: 'bigint' }, { name: 'building_id', type: 'bigint' }, { name: 'industry', type: 'text' }, { name: 'path', ...ltree },
    { name: 'secretary_name', type: 'text' }, { name: 'secretary_grade', type: 'text' }, { name: 'rating', type: 'text' }, { name: 'committee', type: 'jsonb' },
  ], orgs.slice(0, k));
  const memberUnits = [...orgOfCommunity.values()].flatMap((o) => Array.from({ length: randInt(rng, 2, 5) }, () => ({
    org_id: o.id, name: pick(rng, cfg.memberUnitNames), kind: pickWeighted(rng, cfg.memberUnitKinds), contact: secretary(), joined_on: `${randInt(rng, 2019, 2025)}-0${randInt(rng, 1, 9)}-01`,
  })));
  await insertRows(tx, 'party_member_units', [{ name: 'org_id', type: 'bigint' }, { name: 'name', type: 'text' }, { name: 'kind', type: 'text' },
    { name: 'contact', type: 'text' }, { name: 'joined_on', type: 'date' }], memberUnits);

  // ---- members: residents tagged 党员 first, then generated persons living in the grids ----
  const tagged = await queryRows<{ id: number; grid_id: number | null }>(tx, sql`SELECT id::int AS id, grid_id::int AS grid_id FROM persons
    WHERE tags @> '["party_member"]'::jsonb AND grid_id IS NOT NULL ORDER BY id`);
  const target = Math.max(cfg.membersTarget[size === 'tiny' ? 'tiny' : 'demo'], tagged.length);
  if (size === 'tiny') {
    // tiny is every test's template: no extra persons there, adult residents join instead (and get the 党员 tag).
    const adults = await queryRows<{ id: number; grid_id: number }>(tx, sql`SELECT id::int AS id, grid_id::int AS grid_id FROM persons
      WHERE grid_id IS NOT NULL AND birth_date < DATE '2000-01-01' AND NOT tags @> '["party_member"]'::jsonb ORDER BY id LIMIT ${target - tagged.length}`);
    await tx.execute(sql`UPDATE persons SET tags = tags || '["party_member"]'::jsonb
      WHERE id IN (${sql.join([0, ...adults.map((a) => a.id)].map((i) => sql`${i}`), sql`, `)})`);
    tagged.push(...adults);
  }
  const extra = Math.max(0, target - tagged.length);
  const newPersonIds = await allocIds(tx, 'persons', extra);
  const ids = new IdNumberIssuer();
  const phones = new MobileIssuer(mulberry32(7101921));
  const newPersons: Record<string, unknown>[] = [];
  const gridIds = grids.map((g) => g.id);
  const memberSeeds: { personId: number; gridId: number; birthYear: number }[] = tagged.map((p) => ({ personId: p.id, gridId: p.grid_id!, birthYear: 0 }));
  for (let i = 0; i < extra; i++) {
    const g = byId.get(pick(rng, gridIds))!;
    const gender = chance(rng, 0.55) ? 'male' : 'female';
    const by = randInt(rng, 1940, 2002);
    const birth = `${by}-${String(randInt(rng, 1, 12)).padStart(2, '0')}-${String(randInt(rng, 1, 28)).padStart(2, '0')}`;
    const idNumber = ids.issue(pick(rng, MEMBER_ID_PREFIXES), birth, gender);
    const phone = phones.issue();
    newPersons.push({
      id: newPersonIds[i], name: personName(rng, parts, gender, by), gender, birth_date: birth, grid_id: g.id, path: g.path, tags: ['party_member'],
      id_enc: crypto.encrypt(idNumber), id_bidx: crypto.blindIndex(idNumber), id_masked: maskIdNumber(idNumber),
      phone_enc: crypto.encrypt(phone), phone_bidx: crypto.blindIndex(phone), phone_masked: maskPhone(phone), note: '党员（党建数据生成）',
    });
    memberSeeds.push({ personId: newPersonIds[i]!, gridId: g.id, birthYear: by });
  }
  await insertRows(tx, 'persons', [
    { name: 'id', type: 'bigint' }, { name: 'name', type: 'text' }, { name: 'gender', type: 'text' }, { name: 'birth_date', type: 'date' },
    { name: 'grid_id', type: 'bigint' }, { name: 'path', ...ltree }, { name: 'tags', type: 'jsonb' }, { name: 'id_enc', type: 'text' },
    { name: 'id_bidx', type: 'text' }, { name: 'id_masked', type: 'text' }, { name: 'phone_enc', type: 'text' }, { name: 'phone_bidx', type: 'text' },
    { name: 'phone_masked', type: 'text' }, { name: 'note', type: 'text' },
  ], newPersons);

  const memberIds = await allocIds(tx, 'party_members', memberSeeds.length);
  const members = memberSeeds.map((s, i) => {
    const g = byId.get(s.gridId)!;
    const org = orgOfGrid.get(g.id) ?? orgOfCommunity.get(g.parent_id!)!;
    // Class by weight, but every class appears even in tiny (the first six members cycle through them).
    const cls = i < cfg.classWeights.length ? cfg.classWeights[i]![0] : pickWeighted(rng, cfg.classWeights);
    const workUnit = cls === 'in_service' ? pick(rng, cfg.organs) : cls === 'two_new' ? pick(rng, cfg.twoNewEmployers) : null;
    return {
      id: memberIds[i], person_id: s.personId, org_id: org.id, path: org.path, member_class: cls, status: chance(rng, 0.05) ? 'probationary' : 'full',
      joined_on: `${randInt(rng, 1975, 2025)}-07-01`, home_grid_id: g.id, work_unit: workUnit, community_id: g.parent_id,
    };
  });
  await insertRows(tx, 'party_members', [
    { name: 'id', type: 'bigint' }, { name: 'person_id', type: 'bigint' }, { name: 'org_id', type: 'bigint' }, { name: 'path', ...ltree },
    { name: 'member_class', type: 'text' }, { name: 'status', type: 'text' }, { name: 'joined_on', type: 'date' }, { name: 'home_grid_id', type: 'bigint' },
    { name: 'work_unit', type: 'text' },
  ], members);
  await tx.execute(sql`INSERT INTO party_transfers (member_id, from_org_id, to_org_id, "on", reason)
    SELECT id, NULL, org_id, COALESCE(joined_on, DATE '2020-01-01'), '登记' FROM party_members WHERE id >= ${memberIds[0] ?? 0}`);

  // ---- 双报到: ~75 % of in-service members and every organ register with a community ----
  const inService = members.filter((m) => m.member_class === 'in_service');
  const dual: { kind: string; community_id: number; path: string; organ_name: string | null; member_id: number | null; registered_on: string }[] = inService.filter(() => chance(rng, 0.75)).map((m) => {
    const c = byId.get(m.community_id!)!;
    return { kind: 'member', community_id: c.id, path: c.path, organ_name: null, member_id: m.id!, registered_on: `${YEAR - randInt(rng, 0, 3)}-03-0${randInt(rng, 1, 9)}` };
  });
  for (const organ of cfg.organs) {
    const c = pick(rng, communities);
    dual.push({ kind: 'organ', community_id: c.id, path: c.path, organ_name: organ, member_id: null, registered_on: `${YEAR - 1}-02-15` });
  }
  await insertRows(tx, 'party_dual_registrations', [{ name: 'kind', type: 'text' }, { name: 'community_id', type: 'bigint' }, { name: 'path', ...ltree },
    { name: 'organ_name', type: 'text' }, { name: 'member_id', type: 'bigint' }, { name: 'registered_on', type: 'date' }], dual);

  // ---- service activities in communities with registered members; sign-ups, check-ins, hours ----
  const dualByCommunity = new Map<number, number[]>();
  for (const d of dual) if (d.member_id) dualByCommunity.set(d.community_id, [...(dualByCommunity.get(d.community_id) ?? []), d.member_id]);
  const activityIds = await allocIds(tx, 'party_activities', [...dualByCommunity.keys()].length * 2);
  const activities: Record<string, unknown>[] = [];
  const signups: Record<string, unknown>[] = [];
  let a = 0;
  for (const [cid, mids] of dualByCommunity) {
    const c = byId.get(cid)!;
    for (let j = 0; j < 2; j++) {
      const [title, category] = pick(rng, cfg.activityTemplates);
      const month = randInt(rng, 1, 10);
      const id = activityIds[a++]!;
      activities.push({ id, community_id: cid, path: c.path, title, category, place: `${c.name}党群服务中心`,
        starts_at: `${YEAR}-${String(month).padStart(2, '0')}-${String(randInt(rng, 1, 28)).padStart(2, '0')}T01:30:00Z`, capacity: 30, planned_hours: 2 });
      for (const mid of mids) {
        if (!chance(rng, 0.6)) continue;
        const done = chance(rng, 0.85);
        signups.push({ activity_id: id, member_id: mid, checked_in_at: done ? `${YEAR}-${String(month).padStart(2, '0')}-28T02:00:00Z` : null, hours: done ? pick(rng, [1.5, 2, 2, 3]) : 0 });
      }
    }
  }
  await insertRows(tx, 'party_activities', [{ name: 'id', type: 'bigint' }, { name: 'community_id', type: 'bigint' }, { name: 'path', ...ltree },
    { name: 'title', type: 'text' }, { name: 'category', type: 'text' }, { name: 'place', type: 'text' }, { name: 'starts_at', type: 'timestamptz' },
    { name: 'capacity', type: 'bigint' }, { name: 'planned_hours', type: 'float8' }], activities);
  await insertRows(tx, 'party_signups', [{ name: 'activity_id', type: 'bigint' }, { name: 'member_id', type: 'bigint' },
    { name: 'checked_in_at', type: 'timestamptz' }, { name: 'hours', type: 'float8' }], signups);

  // ---- points: global rules, approved and pending entries ----
  const ruleIds = await allocIds(tx, 'party_point_rules', cfg.pointRules.length);
  await insertRows(tx, 'party_point_rules', [{ name: 'id', type: 'bigint' }, { name: 'code', type: 'text' }, { name: 'name', type: 'text' }, { name: 'points', type: 'float8' }],
    cfg.pointRules.map(([code, name, points], i) => ({ id: ruleIds[i], code, name, points })));
  const entries: Record<string, unknown>[] = [];
  for (const m of members) {
    for (let j = randInt(rng, 0, 3); j > 0; j--) {
      const r = randInt(rng, 0, cfg.pointRules.length - 2);
      entries.push({ member_id: m.id, org_id: m.org_id, path: m.path, rule_id: ruleIds[r], points: cfg.pointRules[r]![2], reason: cfg.pointRules[r]![1],
        occurred_on: `${YEAR}-${String(randInt(rng, 1, 10)).padStart(2, '0')}-15`, status: chance(rng, 0.8) ? 'approved' : 'pending' });
    }
  }
  await insertRows(tx, 'party_point_entries', [{ name: 'member_id', type: 'bigint' }, { name: 'org_id', type: 'bigint' }, { name: 'path', ...ltree },
    { name: 'rule_id', type: 'bigint' }, { name: 'points', type: 'float8' }, { name: 'reason', type: 'text' }, { name: 'occurred_on', type: 'date' },
    { name: 'status', type: 'text' }], entries);

  // ---- training: courses; one session per community committee this year, attended by ~85 % of its members ----
  const courseIds = await allocIds(tx, 'party_courses', cfg.courses.length);
  await insertRows(tx, 'party_courses', [{ name: 'id', type: 'bigint' }, { name: 'title', type: 'text' }, { name: 'mode', type: 'text' }, { name: 'hours', type: 'float8' }],
    cfg.courses.map(([title, mode, hours], i) => ({ id: courseIds[i], title, mode, hours, material_url: null })));
  const membersByCommunity = new Map<number, typeof members>();
  for (const m of members) membersByCommunity.set(m.community_id!, [...(membersByCommunity.get(m.community_id!) ?? []), m]);
  const sessionIds = await allocIds(tx, 'party_sessions', membersByCommunity.size);
  const sessions: Record<string, unknown>[] = [];
  const attendance: Record<string, unknown>[] = [];
  let s = 0;
  for (const [cid, ms] of membersByCommunity) {
    const org = orgOfCommunity.get(cid)!;
    const held = `${YEAR}-${String(randInt(rng, 3, 9)).padStart(2, '0')}-${String(randInt(rng, 1, 28)).padStart(2, '0')}`;
    const id = sessionIds[s++]!;
    sessions.push({ id, course_id: pick(rng, courseIds), org_id: org.id, path: org.path, held_on: held, place: '党群服务中心' });
    for (const m of ms) if (chance(rng, 0.85)) attendance.push({ session_id: id, member_id: m.id, held_on: held });
  }
  await insertRows(tx, 'party_sessions', [{ name: 'id', type: 'bigint' }, { name: 'course_id', type: 'bigint' }, { name: 'org_id', type: 'bigint' },
    { name: 'path', ...ltree }, { name: 'held_on', type: 'date' }, { name: 'place', type: 'text' }], sessions);
  await insertRows(tx, 'party_attendance', [{ name: 'session_id', type: 'bigint' }, { name: 'member_id', type: 'bigint' }, { name: 'held_on', type: 'date' }], attendance);

  // ---- posts on grids (责任岗 / 先锋岗), one commando team per community, contact groups with visits ----
  const membersByGrid = new Map<number, typeof members>();
  for (const m of members) membersByGrid.set(m.home_grid_id, [...(membersByGrid.get(m.home_grid_id) ?? []), m]);
  const posts: { id?: number; kind: string; name: string; org_id: number | null; grid_id: number | null; path: string; duty: string | null; members: number[] }[] = [];
  for (const [gid, ms] of membersByGrid) {
    const g = byId.get(gid)!;
    if (chance(rng, 0.3)) posts.push({ kind: 'responsibility_post', name: pick(rng, cfg.postNames.responsibility_post!), org_id: orgOfGrid.get(gid)?.id ?? null, grid_id: gid, path: g.path, duty: null, members: ms.slice(0, 2).map((m) => m.id!) });
    if (chance(rng, 0.2)) posts.push({ kind: 'pioneer_post', name: pick(rng, cfg.postNames.pioneer_post!), org_id: orgOfGrid.get(gid)?.id ?? null, grid_id: gid, path: g.path, duty: null, members: ms.slice(-1).map((m) => m.id!) });
  }
  for (const [cid, ms] of membersByCommunity) {
    const c = byId.get(cid)!;
    const young = ms.filter((m) => m.member_class !== 'retired' && m.member_class !== 'hardship').slice(0, 8);
    posts.push({ kind: 'commando', name: `${c.name}${pick(rng, cfg.postNames.commando!)}`, org_id: orgOfCommunity.get(cid)!.id, grid_id: null, path: c.path, duty: '急难险重任务', members: young.map((m) => m.id!) });
  }
  const postIds = await allocIds(tx, 'party_posts', posts.length);
  posts.forEach((p, i) => { p.id = postIds[i]; });
  await insertRows(tx, 'party_posts', [{ name: 'id', type: 'bigint' }, { name: 'kind', type: 'text' }, { name: 'name', type: 'text' }, { name: 'org_id', type: 'bigint' },
    { name: 'grid_id', type: 'bigint' }, { name: 'path', ...ltree }, { name: 'duty', type: 'text' }], posts);
  await insertRows(tx, 'party_post_members', [{ name: 'post_id', type: 'bigint' }, { name: 'member_id', type: 'bigint' }],
    posts.flatMap((p) => [...new Set(p.members)].map((m) => ({ post_id: p.id, member_id: m }))));

  const households = await queryRows<{ id: number; grid_id: number }>(tx, sql`SELECT id::int AS id, grid_id::int AS grid_id FROM households ORDER BY id`);
  const hhByGrid = new Map<number, number[]>();
  for (const h of households) hhByGrid.set(h.grid_id, [...(hhByGrid.get(h.grid_id) ?? []), h.id]);
  const groups: Record<string, unknown>[] = [];
  const visits: Record<string, unknown>[] = [];
  const groupIds = await allocIds(tx, 'party_contact_groups', [...membersByGrid.keys()].filter((g) => hhByGrid.has(g)).length);
  let gi = 0;
  for (const [gid, ms] of membersByGrid) {
    const hh = hhByGrid.get(gid);
    if (!hh) continue;
    const id = groupIds[gi++]!;
    const list = hh.slice(0, 10);
    const lead = ms[0]!;
    groups.push({ id, name: `联系户${gi}组`, member_id: lead.id, grid_id: gid, path: byId.get(gid)!.path, household_ids: list });
    for (const h of list.slice(0, 3)) visits.push({ group_id: id, household_id: h, member_id: lead.id, visited_on: `${YEAR}-${String(randInt(rng, 1, 10)).padStart(2, '0')}-10`, note: '入户走访，了解需求' });
  }
  await insertRows(tx, 'party_contact_groups', [{ name: 'id', type: 'bigint' }, { name: 'name', type: 'text' }, { name: 'member_id', type: 'bigint' },
    { name: 'grid_id', type: 'bigint' }, { name: 'path', ...ltree }, { name: 'household_ids', type: 'jsonb' }], groups);
  await insertRows(tx, 'party_visits', [{ name: 'group_id', type: 'bigint' }, { name: 'household_id', type: 'bigint' }, { name: 'member_id', type: 'bigint' },
    { name: 'visited_on', type: 'date' }, { name: 'note', type: 'text' }], visits);

  // ---- recruitment pipeline from young residents; reserve cadres; first secretaries in villages ----
  const young = await queryRows<{ id: number; grid_id: number }>(tx, sql`SELECT p.id::int AS id, p.grid_id::int AS grid_id FROM persons p
    WHERE p.birth_date BETWEEN DATE '1988-01-01' AND DATE '2006-01-01' AND p.grid_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM party_members m WHERE m.person_id = p.id) ORDER BY p.id LIMIT ${size === 'tiny' ? 6 : 120}`);
  const stages = ['applicant', 'activist', 'activist', 'candidate', 'probationary', 'applicant'] as const;
  const recruits = young.map((p, i) => {
    const g = byId.get(p.grid_id)!;
    const org = orgOfGrid.get(g.id) ?? orgOfCommunity.get(g.parent_id!)!;
    const stage = stages[i % stages.length]!;
    const dates: Record<string, string> = { applicant: `${YEAR - 3}-03-01` };
    const steps: Record<string, string> = { application_letter: `${YEAR - 3}-03-01` };
    if (stage !== 'applicant') { Object.assign(dates, { activist: `${YEAR - 2}-04-01` }); Object.assign(steps, { talk: `${YEAR - 3}-03-20`, recommendation: `${YEAR - 3}-03-25`, committee_decision: `${YEAR - 2}-03-30` }); }
    if (stage === 'candidate' || stage === 'probationary') { Object.assign(dates, { candidate: `${YEAR - 1}-05-01` }); Object.assign(steps, { training_course: `${YEAR - 2}-10-01` }); }
    if (stage === 'probationary') { Object.assign(dates, { probationary: `${YEAR}-07-01` }); Object.assign(steps, { political_review: `${YEAR}-05-01`, sponsors: `${YEAR}-05-01`, branch_vote: `${YEAR}-06-20`, higher_approval: `${YEAR}-06-28` }); }
    return { person_id: p.id, org_id: org.id, path: org.path, stage, stage_dates: dates, steps };
  });
  await insertRows(tx, 'party_recruits', [{ name: 'person_id', type: 'bigint' }, { name: 'org_id', type: 'bigint' }, { name: 'path', ...ltree },
    { name: 'stage', type: 'text' }, { name: 'stage_dates', type: 'jsonb' }, { name: 'steps', type: 'jsonb' }], recruits);
  const cadres: Record<string, unknown>[] = [];
  for (const c of communities) {
    const ms = membersByCommunity.get(c.id) ?? [];
    const cand = ms.find((m) => m.member_class === 'no_post' || m.member_class === 'two_new');
    if (cand) cadres.push({ kind: c.subkind === 'village' ? 'village_reserve' : 'reserve_cadre', person_id: cand.person_id, unit_id: c.id, path: c.path, from_organ: null, since: `${YEAR - 1}-09-01` });
    const organMember = inService[cadres.length % Math.max(1, inService.length)];
    if (c.subkind === 'village' && chance(rng, 0.25) && organMember) {
      cadres.push({ kind: 'first_secretary', person_id: organMember.person_id, unit_id: c.id, path: c.path, from_organ: organMember.work_unit, since: `${YEAR - 1}-03-01` });
    }
  }
  await insertRows(tx, 'party_cadres', [{ name: 'kind', type: 'text' }, { name: 'person_id', type: 'bigint' }, { name: 'unit_id', type: 'bigint' },
    { name: 'path', ...ltree }, { name: 'from_organ', type: 'text' }, { name: 'since', type: 'date' }], cadres);

  return { party_org: k, party_member: members.length, party_person: newPersons.length, party_activity: activities.length, party_session: sessions.length, party_recruit: recruits.length };
}
