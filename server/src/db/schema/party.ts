import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, date, doublePrecision, index, jsonb, pgTable, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { ltree } from './types.js';
import { buildings, estates, units } from './territory.js';
import { households, persons, users } from './people.js';

/**
 * Party organisation overlay (DOMAIN.md §5). Every row carries `path`: the ltree path of the territorial unit it
 * belongs to, so scope is one `path <@ user.scopePath` in SQL like everywhere else. Organisations also have
 * their own tree (`parent_id`, `org_path` of org ids).
 */
export const partyOrgs = pgTable('party_orgs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  type: text('type').notNull(), // ORG_TYPES
  parentId: bigint('parent_id', { mode: 'number' }),
  orgPath: ltree('org_path').notNull(),
  /** The territorial unit covered (grid, community, town) or, for estate/building/industry orgs, the unit they sit in. */
  unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
  estateId: bigint('estate_id', { mode: 'number' }).references(() => estates.id),
  buildingId: bigint('building_id', { mode: 'number' }).references(() => buildings.id),
  industry: text('industry'),
  path: ltree('path').notNull(),
  secretaryName: text('secretary_name'),
  secretaryMemberId: bigint('secretary_member_id', { mode: 'number' }),
  secretaryGrade: text('secretary_grade'),
  rating: text('rating'),
  committee: jsonb('committee').$type<{ name: string; role: string; memberId?: string | null }[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('party_orgs_code_uq').on(t.code),
  index('party_orgs_path_gist').using('gist', t.path),
  index('party_orgs_org_path_gist').using('gist', t.orgPath),
  index('party_orgs_unit_idx').on(t.unitId),
  index('party_orgs_estate_idx').on(t.estateId),
  index('party_orgs_building_idx').on(t.buildingId),
]);

/** 成员单位 joined to a big committee. */
export const partyMemberUnits = pgTable('party_member_units', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => partyOrgs.id),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  contact: text('contact'),
  joinedOn: date('joined_on'),
}, (t) => [index('party_member_units_org_idx').on(t.orgId)]);

/** One member per person (one ID number, one person, one membership). `path` = the organisation's path. */
export const partyMembers = pgTable('party_members', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  personId: bigint('person_id', { mode: 'number' }).notNull().references(() => persons.id),
  orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => partyOrgs.id),
  path: ltree('path').notNull(),
  memberClass: text('member_class').notNull(),
  status: text('status').notNull().default('full'),
  joinedOn: date('joined_on'),
  homeGridId: bigint('home_grid_id', { mode: 'number' }).references(() => units.id),
  workUnit: text('work_unit'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('party_members_person_uq').on(t.personId),
  index('party_members_org_idx').on(t.orgId),
  index('party_members_path_gist').using('gist', t.path),
  index('party_members_home_grid_idx').on(t.homeGridId),
]);

export const partyTransfers = pgTable('party_transfers', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => partyMembers.id),
  fromOrgId: bigint('from_org_id', { mode: 'number' }).references(() => partyOrgs.id),
  toOrgId: bigint('to_org_id', { mode: 'number' }).notNull().references(() => partyOrgs.id),
  on: date('on').notNull(),
  reason: text('reason'),
  actorId: bigint('actor_id', { mode: 'number' }).references(() => users.id),
}, (t) => [index('party_transfers_member_idx').on(t.memberId)]);

export const partyRecruits = pgTable('party_recruits', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  personId: bigint('person_id', { mode: 'number' }).notNull().references(() => persons.id),
  orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => partyOrgs.id),
  path: ltree('path').notNull(),
  stage: text('stage').notNull(),
  stageDates: jsonb('stage_dates').$type<Record<string, string>>().notNull().default({}),
  steps: jsonb('steps').$type<Record<string, string>>().notNull().default({}),
  memberId: bigint('member_id', { mode: 'number' }).references(() => partyMembers.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('party_recruits_path_gist').using('gist', t.path), index('party_recruits_org_idx').on(t.orgId)]);

/** Reserve cadres (后备干部/村级储备干部) and first secretaries (第一书记) sent to a village. */
export const partyCadres = pgTable('party_cadres', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  personId: bigint('person_id', { mode: 'number' }).notNull().references(() => persons.id),
  unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  fromOrgan: text('from_organ'),
  since: date('since'),
  until: date('until'),
  note: text('note'),
}, (t) => [index('party_cadres_path_gist').using('gist', t.path)]);

/** 双报到: an organ (kind organ) or an in-service member (kind member) registered with a community. */
export const partyDualRegistrations = pgTable('party_dual_registrations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  organName: text('organ_name'),
  memberId: bigint('member_id', { mode: 'number' }).references(() => partyMembers.id),
  registeredOn: date('registered_on').notNull(),
}, (t) => [
  index('party_dual_path_gist').using('gist', t.path),
  uniqueIndex('party_dual_member_uq').on(t.memberId).where(sql`member_id IS NOT NULL`),
]);

export const partyActivities = pgTable('party_activities', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  communityId: bigint('community_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  title: text('title').notNull(),
  category: text('category'),
  place: text('place'),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }),
  capacity: bigint('capacity', { mode: 'number' }),
  plannedHours: doublePrecision('planned_hours').notNull().default(2),
}, (t) => [index('party_activities_path_gist').using('gist', t.path)]);

export const partySignups = pgTable('party_signups', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  activityId: bigint('activity_id', { mode: 'number' }).notNull().references(() => partyActivities.id),
  memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => partyMembers.id),
  signedUpAt: timestamp('signed_up_at', { withTimezone: true }).notNull().defaultNow(),
  checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
  hours: doublePrecision('hours').notNull().default(0),
}, (t) => [uniqueIndex('party_signups_uq').on(t.activityId, t.memberId), index('party_signups_member_idx').on(t.memberId)]);

/** Point rules; unit_id null = everywhere, else the unit (district …) whose subtree uses it. */
export const partyPointRules = pgTable('party_point_rules', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  points: doublePrecision('points').notNull(),
  unitId: bigint('unit_id', { mode: 'number' }).references(() => units.id),
  active: boolean('active').notNull().default(true),
});

export const partyPointEntries = pgTable('party_point_entries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => partyMembers.id),
  orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => partyOrgs.id),
  path: ltree('path').notNull(),
  ruleId: bigint('rule_id', { mode: 'number' }).references(() => partyPointRules.id),
  points: doublePrecision('points').notNull(),
  reason: text('reason'),
  occurredOn: date('occurred_on').notNull(),
  status: text('status').notNull().default('pending'),
  createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id),
  decidedBy: bigint('decided_by', { mode: 'number' }).references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
}, (t) => [index('party_points_path_gist').using('gist', t.path), index('party_points_member_idx').on(t.memberId)]);

/** 党员责任岗 / 先锋岗 / 突击队 (commando teams are reused by the emergency module). */
export const partyPosts = pgTable('party_posts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  orgId: bigint('org_id', { mode: 'number' }).references(() => partyOrgs.id),
  gridId: bigint('grid_id', { mode: 'number' }).references(() => units.id),
  path: ltree('path').notNull(),
  duty: text('duty'),
}, (t) => [index('party_posts_path_gist').using('gist', t.path)]);

export const partyPostMembers = pgTable('party_post_members', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  postId: bigint('post_id', { mode: 'number' }).notNull().references(() => partyPosts.id),
  memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => partyMembers.id),
}, (t) => [uniqueIndex('party_post_members_uq').on(t.postId, t.memberId)]);

/** 联系户: a member looks after a group of households in a grid, and records visits. */
export const partyContactGroups = pgTable('party_contact_groups', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => partyMembers.id),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  householdIds: jsonb('household_ids').$type<number[]>().notNull().default([]),
}, (t) => [index('party_contact_groups_path_gist').using('gist', t.path)]);

export const partyVisits = pgTable('party_visits', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  groupId: bigint('group_id', { mode: 'number' }).notNull().references(() => partyContactGroups.id),
  householdId: bigint('household_id', { mode: 'number' }).notNull().references(() => households.id),
  memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => partyMembers.id),
  visitedOn: date('visited_on').notNull(),
  note: text('note'),
}, (t) => [index('party_visits_group_idx').on(t.groupId)]);

export const partyCourses = pgTable('party_courses', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  title: text('title').notNull(),
  mode: text('mode').notNull(),
  materialUrl: text('material_url'),
  hours: doublePrecision('hours').notNull().default(1),
});

export const partySessions = pgTable('party_sessions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  courseId: bigint('course_id', { mode: 'number' }).notNull().references(() => partyCourses.id),
  orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => partyOrgs.id),
  path: ltree('path').notNull(),
  heldOn: date('held_on').notNull(),
  place: text('place'),
}, (t) => [index('party_sessions_path_gist').using('gist', t.path)]);

export const partyAttendance = pgTable('party_attendance', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  sessionId: bigint('session_id', { mode: 'number' }).notNull().references(() => partySessions.id),
  memberId: bigint('member_id', { mode: 'number' }).notNull().references(() => partyMembers.id),
  heldOn: date('held_on').notNull(),
}, (t) => [uniqueIndex('party_attendance_uq').on(t.sessionId, t.memberId), index('party_attendance_member_idx').on(t.memberId, t.heldOn)]);
