import { z } from 'zod';
import { caseStateSchema, channelSchema } from './cases.js';
import { INDICATOR_FORMATS, indicatorKeySchema } from './indicators.js';
import { coverageSchema } from './party.js';

/**
 * Analytics API shapes (issue 8). All routes need `analytics.read`; `unitId` defaults to the caller's own unit and
 * a unit outside the caller's scope answers 404. Figures are read from rollups (case_state_rollups,
 * case_daily_rollups, dispatch_daily_rollups) summed up the unit tree, never by scanning the case history.
 *
 *   GET /api/analytics/indicators?unitId=&from=YYYY-MM-DD&to=YYYY-MM-DD → indicatorsResponseSchema
 *   GET /api/analytics/cockpit?unitId=                                   → cockpitSchema
 *   GET /api/analytics/breakdown?unitId=&from=&to=                       → breakdownSchema (one row per child unit)
 *
 * Days are Asia/Shanghai calendar days, `from`..`to` inclusive; `from` ≤ `to`, at most 1,100 days apart.
 * Bad dates answer 400 VALIDATION_FAILED with details.field = 'from' | 'to'.
 */
const id = z.string();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** Longest period one request may cover (three years and a bit: an annual assessment with its comparison year). */
export const MAX_PERIOD_DAYS = 1100;
export const OVERDUE_LIST_LIMIT = 20;
export const GRID_ACTIVITY_LIMIT = 300;
export const MAP_POINTS_LIMIT = 2000;
export const MAP_POINTS_DAYS = 30;

export const indicatorsQuerySchema = z.object({
  unitId: z.string().regex(/^\d+$/).optional(),
  from: day,
  to: day,
});
export type IndicatorsQuery = z.infer<typeof indicatorsQuerySchema>;

export const indicatorValueSchema = z.object({
  key: indicatorKeySchema,
  /** A fraction 0..1 for ratios (null when the denominator is 0); the count for counts. */
  value: z.number().nullable(),
  numerator: z.number().int(),
  /** null for counts. */
  denominator: z.number().int().nullable(),
  format: z.enum(INDICATOR_FORMATS),
});
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;

export const indicatorsResponseSchema = z.object({
  unitId: id,
  from: day,
  to: day,
  indicators: z.array(indicatorValueSchema),
});
export type IndicatorsResponse = z.infer<typeof indicatorsResponseSchema>;

// ---- cockpit ----

export const cockpitQuerySchema = z.object({ unitId: z.string().regex(/^\d+$/).optional() });

const countRow = <K extends z.ZodTypeAny>(key: K) => z.object({ key, count: z.number().int() });

export const overdueItemSchema = z.object({
  id,
  trackingNo: z.string(),
  title: z.string(),
  state: caseStateSchema,
  categoryCode: z.string().nullable(),
  gridId: id.nullable(),
  dueAt: z.string(),
  /** Whole hours past the deadline. */
  overdueHours: z.number().int(),
});

export const departmentPerformanceSchema = z.object({
  departmentId: id,
  name: z.string(),
  /** English name (units and departments: null or '' when none was given; the web falls back to `name`). */
  nameEn: z.string().nullable(),
  /** Dispatches sent to it in the month. */
  received: z.number().int(),
  /** Dispatches it fed back in the month. */
  handled: z.number().int(),
  /** Of those, before their (extended) deadline. */
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
});

/** Plain counts per grid (DOMAIN.md §9: never a ranking of workers), ordered by grid code. */
export const gridActivitySchema = z.object({
  gridId: id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  /** Matters the grid's staff reported on patrol (channel field) this month. */
  fieldReports: z.number().int(),
  /** All matters received in the grid this month. */
  received: z.number().int(),
  /** Matters of the grid closed this month. */
  closed: z.number().int(),
  /** Matters of the grid open now. */
  open: z.number().int(),
});

export const mapPointSchema = z.object({
  id,
  lat: z.number(),
  lng: z.number(),
  state: caseStateSchema,
  categoryCode: z.string().nullable(),
});

/** As `activeEmergenciesAt` (server/src/modules/emergency/wartime.ts) returns them: level 1 (Ⅰ, most severe) … 4. */
export const activeEmergencySchema = z.object({
  id,
  level: z.number().int(),
  incidentType: z.string(),
  title: z.string(),
  unitId: id,
  unitName: z.string(),
  declaredAt: z.string(),
});

export const cockpitSchema = z.object({
  unitId: id,
  unitName: z.string(),
  unitNameEn: z.string().nullable(),
  unitKind: z.string(),
  /** The units above it, top first (breadcrumb names in both languages). */
  ancestors: z.array(z.object({ id, kind: z.string(), name: z.string(), nameEn: z.string().nullable() })),
  /** Asia/Shanghai day the figures are for, and the first day of its month. */
  today: day,
  monthStart: day,
  generatedAt: z.string(),
  /**
   * Month figures are the month's finished days, read at most a minute earlier, plus today read now
   * (server/src/modules/analytics/closed-days.ts): whatever happens today counts at once; a late change to an
   * earlier day (a first response, the current state of an earlier matter) shows within the minute.
   */
  indicators: z.object({ today: z.array(indicatorValueSchema), month: z.array(indicatorValueSchema) }),
  /**
   * Matters received this month, by their current state / channel / category (the 30 largest categories).
   * `openByState`: every matter open now, whenever received.
   */
  counts: z.object({
    byState: z.array(countRow(caseStateSchema)),
    byChannel: z.array(countRow(channelSchema)),
    byCategory: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), count: z.number().int() })),
    openByState: z.array(countRow(caseStateSchema)),
  }),
  /** The most overdue open matters (at most OVERDUE_LIST_LIMIT), most overdue first; `total` counts them all. */
  overdue: z.object({ total: z.number().int(), items: z.array(overdueItemSchema) }),
  departments: z.array(departmentPerformanceSchema),
  /** Current grids of the scope ordered by code, at most GRID_ACTIVITY_LIMIT (a city shows its first grids; drill down). */
  gridActivity: z.array(gridActivitySchema),
  /** null when the caller cannot read party data. */
  party: coverageSchema.nullable(),
  /** Active emergencies covering the unit or declared inside it: the web switches to the emergency board. */
  emergency: z.object({ active: z.array(activeEmergencySchema) }),
});
export type Cockpit = z.infer<typeof cockpitSchema>;

/**
 * GET /api/analytics/cockpit/points: open matters received in the last MAP_POINTS_DAYS days (at most MAP_POINTS_LIMIT,
 * newest first) for the cockpit map's heatmap and clusters. Its own request: the map layer is two thirds of what
 * the wall screen loads, and it can refresh on its own.
 */
export const cockpitPointsSchema = z.object({ unitId: id, items: z.array(mapPointSchema) });
export type CockpitPoints = z.infer<typeof cockpitPointsSchema>;

// ---- breakdown (drill-down) ----

export const breakdownQuerySchema = indicatorsQuerySchema;
export const breakdownRowSchema = z.object({
  unitId: id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.string(),
  /** false for leaves (grids): the web stops drilling there. */
  hasChildren: z.boolean(),
  indicators: z.array(indicatorValueSchema),
});
export const breakdownSchema = z.object({
  unitId: id,
  from: day,
  to: day,
  /** The unit itself (totals) and one row per current child unit, ordered by code. */
  total: breakdownRowSchema,
  rows: z.array(breakdownRowSchema),
});
export type Breakdown = z.infer<typeof breakdownSchema>;
