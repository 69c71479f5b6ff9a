import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { geometry, ltree } from './types.js';

/** Grid types (网格类型) with their duty list (网格工作清单) and admission list (网格事项准入). */
export const gridTypes = pgTable('grid_types', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  code: text('code').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  category: text('category').notNull(), // rural | urban | market_park | specialised
  color: text('color').notNull().default('#1677ff'),
  duties: jsonb('duties').$type<{ code: string; zh: string; en: string; frequency: string }[]>().notNull().default([]),
  admission: jsonb('admission').$type<string[]>().notNull().default([]),
});

/** A redraw of one community's grids that takes effect at a moment (社区网格重划). */
export const gridLayouts = pgTable('grid_layouts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  communityId: bigint('community_id', { mode: 'number' }).notNull(),
  effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
  note: text('note'),
  summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
  createdBy: bigint('created_by', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every territorial unit, from province to cell, in one tree. Grids and cells carry polygons;
 * `path` (ltree of ids) makes "everything under X" one indexed query.
 */
export const units = pgTable('units', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  parentId: bigint('parent_id', { mode: 'number' }),
  kind: text('kind').notNull(), // province | city | district | town | community | villager_group | grid | cell
  subkind: text('subkind'), // town|street ; village|urban|fishery|industrial_park
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  path: ltree('path').notNull(),
  gridKind: text('grid_kind'), // basic | dedicated (grids only)
  dedicatedType: text('dedicated_type'), // industrial_park | market | school | hospital | enterprise | other
  gridTypeId: bigint('grid_type_id', { mode: 'number' }).references(() => gridTypes.id),
  layoutId: bigint('layout_id', { mode: 'number' }).references(() => gridLayouts.id),
  geom: geometry('geom', 'MultiPolygon'),
  areaM2: doublePrecision('area_m2'),
  profile: jsonb('profile').$type<Record<string, unknown>>().notNull().default({}),
  validFrom: timestamp('valid_from', { withTimezone: true }).notNull().default(sql`'2000-01-01T00:00:00Z'`),
  validTo: timestamp('valid_to', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('units_path_gist').using('gist', t.path),
  index('units_parent_idx').on(t.parentId),
  index('units_kind_code_idx').on(t.kind, t.code),
  uniqueIndex('units_code_current_uq').on(t.kind, t.code).where(sql`valid_to IS NULL`),
  index('units_grid_geom_gist').using('gist', t.geom).where(sql`kind = 'grid'`),
  index('units_cell_geom_gist').using('gist', t.geom).where(sql`kind = 'cell'`),
  index('units_geom_gist').using('gist', t.geom),
]);

export const estates = pgTable('estates', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  path: ltree('path').notNull(),
  propertyCompany: text('property_company'),
  location: geometry('location', 'Point').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('estates_path_gist').using('gist', t.path), index('estates_loc_gist').using('gist', t.location)]);

export const buildings = pgTable('buildings', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  code: text('code'),
  name: text('name').notNull(),
  address: text('address'),
  estateId: bigint('estate_id', { mode: 'number' }).references(() => estates.id),
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  cellId: bigint('cell_id', { mode: 'number' }).references(() => units.id),
  path: ltree('path').notNull(),
  floors: integer('floors'),
  location: geometry('location', 'Point').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('buildings_path_gist').using('gist', t.path),
  index('buildings_grid_idx').on(t.gridId),
  index('buildings_loc_gist').using('gist', t.location),
]);

export const stairways = pgTable('stairways', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  buildingId: bigint('building_id', { mode: 'number' }).notNull().references(() => buildings.id),
  name: text('name').notNull(),
  leadPersonId: bigint('lead_person_id', { mode: 'number' }),
}, (t) => [index('stairways_building_idx').on(t.buildingId)]);

export const keySites = pgTable('key_sites', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(), // enterprise | school | hospital | market | hazard | reservoir | elderly_home | other
  gridId: bigint('grid_id', { mode: 'number' }).notNull().references(() => units.id),
  cellId: bigint('cell_id', { mode: 'number' }).references(() => units.id),
  path: ltree('path').notNull(),
  address: text('address'),
  location: geometry('location', 'Point').notNull(),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('key_sites_path_gist').using('gist', t.path),
  index('key_sites_grid_idx').on(t.gridId),
  index('key_sites_loc_gist').using('gist', t.location),
]);

/** Record of an object moved between grids by a redraw, so statistics stay attributable. */
export const gridMoves = pgTable('grid_moves', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  layoutId: bigint('layout_id', { mode: 'number' }).notNull().references(() => gridLayouts.id),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  fromGridId: bigint('from_grid_id', { mode: 'number' }),
  toGridId: bigint('to_grid_id', { mode: 'number' }),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('grid_moves_layout_idx').on(t.layoutId), index('grid_moves_from_idx').on(t.fromGridId)]);
