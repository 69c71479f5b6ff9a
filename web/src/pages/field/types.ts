import type { z } from 'zod';
import type { fieldBundleSchema, fieldTaskSchema, householdDetailSchema, patrolCheckinSchema, patrolDetailSchema } from '@gridgov/common';

/** Shapes of the field API (common/src/patrol.ts is the contract). */
export type FieldBundle = z.infer<typeof fieldBundleSchema>;
export type BundleGrid = FieldBundle['grids'][number];
export type BundleCase = BundleGrid['openCases'][number];
export type BundleBuilding = BundleGrid['buildings'][number];
export type BundleKeySite = BundleGrid['keySites'][number];
export type BundleHousehold = BundleGrid['households'][number];
export type FieldTask = z.infer<typeof fieldTaskSchema>;
export type PatrolDetail = z.infer<typeof patrolDetailSchema>;
export type PatrolCheckin = z.infer<typeof patrolCheckinSchema>;
export type HouseholdDetailLike = z.infer<typeof householdDetailSchema>;
