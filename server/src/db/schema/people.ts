import {
  bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { ltree } from './types.js';
import { buildings, stairways, units } from './territory.js';

/** Functional departments (城管, 公安, 住建 ...) serving a district. */
export const departments = pgTable('departments', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  code: text('code').notNull().unique(),
  /** What the matter catalogue names as lead/assisting department: chengguan, gongan, zhujian … */
  key: text('key'),
  shortName: text('short_name'),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  unitId: bigint('unit_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  phone: text('phone'),
});

export const users = pgTable('users', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  homeUnitId: bigint('home_unit_id', { mode: 'number' }).references(() => units.id),
  departmentId: bigint('department_id', { mode: 'number' }).references(() => departments.id),
  personId: bigint('person_id', { mode: 'number' }),
  phoneEnc: text('phone_enc'),
  phoneMasked: text('phone_masked'),
  active: boolean('active').notNull().default(true),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_username_uq').on(t.username), index('users_home_unit_idx').on(t.homeUnitId)]);

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(), // sha256 of the cookie token; the token itself is never stored
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/** People working in a grid (grid leader, workers, police, ...), most of them without an account. */
export const gridStaff = pgTable('grid_staff', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  role: text('role').notNull(),
  name: text('name').notNull(),
  userId: bigint('user_id', { mode: 'number' }).references(() => users.id),
  phoneEnc: text('phone_enc'),
  phoneMasked: text('phone_masked'),
  active: boolean('active').notNull().default(true),
  since: date('since'),
}, (t) => [index('grid_staff_grid_idx').on(t.gridId), index('grid_staff_path_gist').using('gist', t.path)]);

export const households = pgTable('households', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  buildingId: bigint('building_id', { mode: 'number' }).references(() => buildings.id),
  stairwayId: bigint('stairway_id', { mode: 'number' }).references(() => stairways.id),
  room: text('room'),
  address: text('address').notNull(),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  headPersonId: bigint('head_person_id', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('households_path_gist').using('gist', t.path), index('households_building_idx').on(t.buildingId)]);

/**
 * Residents registry (GB/T 31000 person base data). ID and phone are AES-256-GCM ciphertext,
 * searchable through an HMAC blind index, with a pre-masked form for lists.
 */
export const persons = pgTable('persons', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  gender: text('gender'), // male | female
  birthDate: date('birth_date'),
  ethnicity: text('ethnicity'),
  householdId: bigint('household_id', { mode: 'number' }).references(() => households.id),
  relationToHead: text('relation_to_head'),
  gridId: bigint('grid_id', { mode: 'number' }).references(() => units.id),
  path: ltree('path'),
  category: text('category').notNull().default('registered'), // registered | floating | foreign | hmt
  tags: jsonb('tags').$type<string[]>().notNull().default([]),
  overseasChineseFamily: boolean('overseas_chinese_family').notNull().default(false), // 侨眷
  overseasRelatives: text('overseas_relatives'), // 港澳台/海外亲属
  idEnc: text('id_enc'),
  idBidx: text('id_bidx'),
  idMasked: text('id_masked'),
  phoneEnc: text('phone_enc'),
  phoneBidx: text('phone_bidx'),
  phoneMasked: text('phone_masked'),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('persons_path_gist').using('gist', t.path),
  index('persons_household_idx').on(t.householdId),
  uniqueIndex('persons_id_bidx_uq').on(t.idBidx),
  index('persons_phone_bidx_idx').on(t.phoneBidx),
  index('persons_name_idx').on(t.name),
]);
