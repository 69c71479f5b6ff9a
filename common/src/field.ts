import { z } from 'zod';
import { DUTY_FREQUENCIES, VISIT_PURPOSES, trackingPolicySchema } from './patrol.js';

/** The field app's own shapes beside patrols (common/src/patrol.ts): duty tasks, household visits, the offline bundle. */

const id = z.string();
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const instant = z.string(); // ISO 8601 with offset
const geometryJson = z.object({ type: z.string(), coordinates: z.array(z.any()) });

// ---- duty tasks (网格工作清单) ----

export const fieldTaskSchema = z.object({
  /** `${gridId}:${dutyCode}:${periodKey}`, stable for the period (use it in the complete/reopen URL). */
  id,
  gridId: id,
  dutyCode: z.string(),
  zh: z.string(),
  en: z.string(),
  frequency: z.enum(DUTY_FREQUENCIES),
  /** 2026-12-05 (daily, as_needed), 2026-W49 (weekly), 2026-12 (monthly). */
  periodKey: z.string(),
  periodStart: z.string(), // YYYY-MM-DD
  periodEnd: z.string(), // YYYY-MM-DD
  done: z.boolean(),
  completedAt: instant.nullable(),
  completedByName: z.string().nullable(),
  note: z.string().nullable(),
});
export type FieldTask = z.infer<typeof fieldTaskSchema>;
export const fieldTaskListSchema = z.object({ date: z.string(), items: z.array(fieldTaskSchema) });
export const fieldTaskCompleteBody = z.object({ note: z.string().max(1000).optional(), at: instant.optional() }).nullish();

// ---- household visits (走访) ----

export const householdVisitBody = z.object({
  householdId: id,
  purpose: z.enum(VISIT_PURPOSES).default('routine'),
  note: z.string().max(4000).default(''),
  patrolId: id.optional(),
  lat: lat.optional(),
  lng: lng.optional(),
  at: instant.optional(),
});
export type HouseholdVisitBody = z.input<typeof householdVisitBody>;
export const householdVisitSchema = z.object({
  id,
  householdId: id,
  householdAddress: z.string(),
  gridId: id,
  purpose: z.enum(VISIT_PURPOSES),
  note: z.string(),
  patrolId: id.nullable(),
  visitorName: z.string(),
  at: instant,
});
export type HouseholdVisit = z.infer<typeof householdVisitSchema>;
export const householdVisitListSchema = z.object({ items: z.array(householdVisitSchema), total: z.number().int() });

// ---- the offline bundle ----

export const fieldBundleCellSchema = z.object({ id, code: z.string(), name: z.string(), geometry: geometryJson.nullable() });
export const fieldBundleBuildingSchema = z.object({
  id,
  name: z.string(),
  address: z.string().nullable(),
  cellId: id.nullable(),
  floors: z.number().int().nullable(),
  lat: z.number(),
  lng: z.number(),
  stairways: z.array(z.object({ id, name: z.string() })),
});
/** Households for linking visits offline: addresses only, no resident data (residents are looked up online, masked). */
export const fieldBundleHouseholdSchema = z.object({
  id,
  buildingId: id.nullable(),
  stairwayId: id.nullable(),
  room: z.string().nullable(),
  address: z.string(),
});
export const fieldBundleKeySiteSchema = z.object({
  id,
  name: z.string(),
  kind: z.string(),
  cellId: id.nullable(),
  address: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
});
export const fieldBundleCaseSchema = z.object({
  id,
  code: z.string(),
  title: z.string(),
  state: z.string(),
  categoryCode: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  dueAt: instant.nullable(),
  /** Waiting for this grid's on-site verification. */
  toVerify: z.boolean(),
});
export const fieldBundleGridSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  gridType: z.object({ code: z.string(), zh: z.string(), en: z.string() }).nullable(),
  boundary: geometryJson.nullable(),
  /** [minLng, minLat, maxLng, maxLat] for centring the map before GPS answers. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  cells: z.array(fieldBundleCellSchema),
  buildings: z.array(fieldBundleBuildingSchema),
  households: z.array(fieldBundleHouseholdSchema),
  keySites: z.array(fieldBundleKeySiteSchema),
  openCases: z.array(fieldBundleCaseSchema),
  duties: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), frequency: z.string() })),
});
export const fieldBundleSchema = z.object({
  generatedAt: instant,
  grids: z.array(fieldBundleGridSchema),
  /** Today's duty tasks of those grids. */
  tasks: z.array(fieldTaskSchema),
  /** Effective policy of the worker's district. */
  policy: trackingPolicySchema,
  /** The worker's running/paused patrol, if any (resume after a reload). */
  activePatrolId: id.nullable(),
});
export type FieldBundle = z.infer<typeof fieldBundleSchema>;
