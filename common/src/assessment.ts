import { z } from 'zod';
import type { Label } from './people.js';

/**
 * Risk analysis (精准化风险研判, 未诉先办), periodic assessment (月调度 · 季通报 · 年考核), street ratings of departments
 * (街道评议部门) and background exports: every request and response shape. The server validates with these, the web
 * imports them. Rates come from the indicator definitions in indicators.ts (never recomputed differently here).
 *
 * Routes (all under /api; reads and exports need analytics.read and are limited to the caller's scope: out of scope → 404):
 *   GET  /analytics/risk?unitId=&asOf=YYYY-MM-DD&days=30                   → riskResponseSchema
 *   GET  /analytics/assessment/monthly?unitId=&month=YYYY-MM&format=       → monthlySheetSchema | .xlsx | .pdf
 *   GET  /analytics/assessment/quarterly?unitId=&quarter=YYYY-Qn&format=   → quarterlyBulletinSchema | .xlsx | .pdf
 *   GET  /analytics/assessment/annual?unitId=&year=YYYY&format=            → annualAssessmentSchema | .xlsx | .pdf
 *   GET  /analytics/assessment/weights?unitId=                             → assessmentWeightsSchema (district's, or the default)
 *   PUT  /analytics/assessment/weights        body putWeightsBody          → assessmentWeightsSchema (catalogue.manage)
 *   GET  /analytics/ratings?unitId=&quarter=                               → ratingListSchema
 *   POST /analytics/ratings                   body createRatingBody        → ratingSchema (201; one per street, department
 *                                                                           and quarter: a second POST replaces the score)
 *                                                                           (cases.supervise; the street must be in scope)
 *   POST /exports                             body createExportBody        → {id} (202)
 *   GET  /exports                                                          → exportListSchema (the caller's own jobs)
 *   GET  /exports/:id                                                      → exportJobSchema (progress)
 *   GET  /exports/:id/file                                                 → the file (only the job's creator; 409 until done)
 * `format` is json (default) | xlsx | pdf; files come with Content-Disposition and Chinese headers/titles.
 */

export const reportDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const reportMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
export const reportQuarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, 'expected YYYY-Qn');
export const reportFormatSchema = z.enum(['json', 'xlsx', 'pdf']);
export type ReportFormat = z.infer<typeof reportFormatSchema>;
const idString = z.string().regex(/^\d+$/, 'expected a numeric id');
const rate = z.number().min(0).max(1).nullable();

// ---- risk ----

export const RISK_REASON_KINDS = ['hotspot', 'repeat_address', 'repeat_building', 'rising_category', 'high_risk_open'] as const;
export type RiskReasonKind = (typeof RISK_REASON_KINDS)[number];
export const RISK_REASON_LABELS: Record<RiskReasonKind, Label> = {
  hotspot: { zh: '案件热点', en: 'Hot spot' },
  repeat_address: { zh: '重复地址', en: 'Repeat address' },
  repeat_building: { zh: '重复楼栋', en: 'Repeat building' },
  rising_category: { zh: '类别环比上升', en: 'Rising category' },
  high_risk_open: { zh: '高风险在办', en: 'Open high-risk matters' },
};
/**
 * Points per unit of each reason: a grid's score is the sum of its reasons' contributions, each = weight × count
 * (hot spot: cases of the grid inside clusters; repeats: cases beyond the first at the same address/building; rising:
 * increase this week over last week; high-risk: open cases of risk high). Documented so leaders can read a score.
 */
export const RISK_WEIGHTS: Record<RiskReasonKind, number> = {
  hotspot: 2, repeat_address: 3, repeat_building: 2, rising_category: 4, high_risk_open: 5,
};
/** Hot spots: ST_ClusterDBSCAN over the recent window's case points. */
export const HOTSPOT_EPS_METRES = 150;
export const HOTSPOT_MIN_POINTS = 4;
/** A location counts as repeated from this many cases in the window. */
export const REPEAT_MIN_CASES = 3;
/** A category is rising in a grid when this week ≥ this many and above last week. */
export const RISING_MIN_THIS_WEEK = 3;

export const riskQuerySchema = z.object({
  unitId: idString,
  asOf: reportDaySchema.optional(),
  days: z.coerce.number().int().min(7).max(366).default(30),
});

export const riskReasonSchema = z.object({
  kind: z.enum(RISK_REASON_KINDS),
  /** Points this reason adds to the grid's score. */
  contribution: z.number(),
  count: z.number().int(),
  zh: z.string(),
  en: z.string(),
  categoryCode: z.string().nullable(),
  ref: z.string().nullable(), // hot spot id, address text or building id
});
export type RiskReason = z.infer<typeof riskReasonSchema>;

/** English names of units and departments: null (or '') when none was given; the web then shows the Chinese name. */
const nameEn = z.string().nullable();

export const riskGridSchema = z.object({
  gridId: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn,
  score: z.number(),
  reasons: z.array(riskReasonSchema),
});

export const hotspotSchema = z.object({
  id: z.string(),
  caseCount: z.number().int(),
  lng: z.number(),
  lat: z.number(),
  /** Distance from the centroid to the farthest case, metres. */
  radiusM: z.number(),
  gridIds: z.array(z.string()),
  topCategoryCode: z.string().nullable(),
});

export const repeatLocationSchema = z.object({
  kind: z.enum(['address', 'building']),
  key: z.string(),
  label: z.string(),
  gridId: z.string().nullable(),
  caseCount: z.number().int(),
  lastAt: z.string(),
});

export const risingCategorySchema = z.object({
  gridId: z.string(),
  code: z.string(),
  categoryCode: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  thisWeek: z.number().int(),
  lastWeek: z.number().int(),
});

export const topProblemSchema = z.object({
  month: reportMonthSchema,
  categoryCode: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  caseCount: z.number().int(),
  gridCount: z.number().int(),
  /** Share of the month's cases in scope. */
  share: z.number().min(0).max(1),
  repeatLocations: z.number().int(),
  zh: z.string(),
  en: z.string(),
});

export const riskResponseSchema = z.object({
  unitId: z.string(),
  asOf: reportDaySchema,
  days: z.number().int(),
  /** Grids with a score > 0, highest first. */
  grids: z.array(riskGridSchema),
  hotspots: z.array(hotspotSchema),
  repeats: z.array(repeatLocationSchema),
  rising: z.array(risingCategorySchema),
  /** 每月一题: the category to tackle next month, or null when the month had no cases. */
  topProblem: topProblemSchema.nullable(),
});
export type RiskResponse = z.infer<typeof riskResponseSchema>;

// ---- assessment ----

export const ASSESSED_INDICATORS = ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeHandlingRate'] as const;
export type AssessedIndicator = (typeof ASSESSED_INDICATORS)[number];
export const indicatorValuesSchema = z.object({
  responseRate: rate, resolutionRate: rate, satisfactionRate: rate, onTimeHandlingRate: rate,
  casesReceived: z.number().int(), casesClosed: z.number().int(), overdueOpen: z.number().int(),
});
export type IndicatorValues = z.infer<typeof indicatorValuesSchema>;

export const weightsSchema = z.object({
  /** Share of governance (this system) in a street's annual assessment (旌阳: 50 %). */
  streetShare: z.number().min(0).max(1),
  /** Share of governance in a department's annual assessment (旌阳: 25 %). */
  departmentShare: z.number().min(0).max(1),
  /** Weights of the rates in a governance score; rates with no denominator are left out and the rest re-weighted. */
  indicatorWeights: z.object({
    responseRate: z.number().min(0), resolutionRate: z.number().min(0), satisfactionRate: z.number().min(0), onTimeHandlingRate: z.number().min(0),
  }),
  /** Within a department's governance score, the weight of the streets' ratings (the rest is its indicators). */
  departmentRatingWeight: z.number().min(0).max(1),
});
export type AssessmentWeights = z.infer<typeof weightsSchema>;
export const DEFAULT_WEIGHTS: AssessmentWeights = {
  streetShare: 0.5, departmentShare: 0.25,
  indicatorWeights: { responseRate: 0.25, resolutionRate: 0.25, satisfactionRate: 0.3, onTimeHandlingRate: 0.2 },
  departmentRatingWeight: 0.4,
};
export const assessmentWeightsSchema = z.object({
  unitId: z.string(),
  /** true when the district has not set its own and the default applies. */
  isDefault: z.boolean(),
  weights: weightsSchema,
  updatedAt: z.string().nullable(),
});
export const putWeightsBody = z.object({ unitId: idString, weights: weightsSchema });

/** 红榜: top entries at or above RED_LIST_MIN; 黑榜: bottom entries below BLACK_LIST_BELOW (scores 0–100). */
export const RED_LIST_SIZE = 3;
export const RED_LIST_MIN = 85;
export const BLACK_LIST_SIZE = 3;
export const BLACK_LIST_BELOW = 60;

export const monthlyQuerySchema = z.object({ unitId: idString, month: reportMonthSchema, format: reportFormatSchema.default('json') });
export const quarterlyQuerySchema = z.object({ unitId: idString, quarter: reportQuarterSchema, format: reportFormatSchema.default('json') });
export const annualQuerySchema = z.object({ unitId: idString, year: z.coerce.number().int().min(2000).max(2100), format: reportFormatSchema.default('json') });

export const monthlyItemSchema = z.object({
  caseId: z.string(), trackingNo: z.string(), title: z.string(), state: z.string(),
  createdAt: z.string(), dueAt: z.string().nullable(), overdue: z.boolean(),
});
export const monthlyRowSchema = z.object({
  /** The child unit (town, community or grid one level below the requested unit) the items lie in. */
  unitId: z.string(), unitName: z.string(), unitNameEn: nameEn,
  /** Who holds the items: a department, or the level (grid/community/street/…). */
  ownerKind: z.enum(['department', 'level']),
  ownerId: z.string(), ownerName: z.string(), ownerNameEn: nameEn,
  open: z.number().int(), overdue: z.number().int(), red: z.number().int(),
  oldestDays: z.number().int(),
  /** The oldest open items of this row (at most 20). */
  items: z.array(monthlyItemSchema),
});
export const monthlySheetSchema = z.object({
  /** Chinese title (files are named after it) and its English version for the English UI. */
  title: z.string(), titleEn: z.string(), unitId: z.string(), unitName: z.string(), unitNameEn: nameEn, month: reportMonthSchema, generatedAt: z.string(),
  /** Indicators of the month for the whole unit. */
  indicators: indicatorValuesSchema,
  rows: z.array(monthlyRowSchema),
  totals: z.object({ open: z.number().int(), overdue: z.number().int(), red: z.number().int() }),
});
export type MonthlySheet = z.infer<typeof monthlySheetSchema>;

export const rankedUnitSchema = z.object({
  rank: z.number().int(), unitId: z.string(), code: z.string(), name: z.string(), nameEn,
  indicators: indicatorValuesSchema,
  /** 0–100 governance score from the weighted rates; null when no rate had a denominator. */
  score: z.number().nullable(),
});
export const rankedDepartmentSchema = z.object({
  rank: z.number().int(), departmentId: z.string(), name: z.string(), nameEn,
  indicators: indicatorValuesSchema,
  /** Average street rating of the quarter (0–100), null when no street rated it. */
  rating: z.number().nullable(),
  ratingCount: z.number().int(),
  score: z.number().nullable(),
});
export const listEntrySchema = z.object({
  kind: z.enum(['town', 'department']), id: z.string(), name: z.string(), nameEn, score: z.number(), zh: z.string(), en: z.string(),
});
export const quarterlyBulletinSchema = z.object({
  title: z.string(), titleEn: z.string(), unitId: z.string(), unitName: z.string(), unitNameEn: nameEn, quarter: reportQuarterSchema, from: reportDaySchema, to: reportDaySchema,
  generatedAt: z.string(),
  weights: weightsSchema,
  indicators: indicatorValuesSchema,
  towns: z.array(rankedUnitSchema),
  departments: z.array(rankedDepartmentSchema),
  redList: z.array(listEntrySchema),
  blackList: z.array(listEntrySchema),
});
export type QuarterlyBulletin = z.infer<typeof quarterlyBulletinSchema>;

export const annualStreetSchema = rankedUnitSchema.extend({
  /** score × streetShare: the points governance contributes to the street's annual assessment. */
  weighted: z.number().nullable(),
});
export const annualDepartmentSchema = rankedDepartmentSchema.extend({
  /** Indicator part and rating part of the department's governance score, and score × departmentShare. */
  indicatorScore: z.number().nullable(),
  weighted: z.number().nullable(),
});
export const annualAssessmentSchema = z.object({
  title: z.string(), titleEn: z.string(), unitId: z.string(), unitName: z.string(), unitNameEn: nameEn, year: z.number().int(), from: reportDaySchema, to: reportDaySchema,
  generatedAt: z.string(),
  weights: weightsSchema,
  streets: z.array(annualStreetSchema),
  departments: z.array(annualDepartmentSchema),
});
export type AnnualAssessment = z.infer<typeof annualAssessmentSchema>;

// ---- street ratings of departments ----

export const createRatingBody = z.object({
  /** The rating street (town of subkind street, or any town in scope). */
  unitId: idString,
  departmentId: idString,
  quarter: reportQuarterSchema,
  score: z.number().min(0).max(100),
  comment: z.string().max(2000).optional(),
});
export const ratingSchema = z.object({
  id: z.string(), unitId: z.string(), unitName: z.string(), unitNameEn: nameEn,
  departmentId: z.string(), departmentName: z.string(), departmentNameEn: nameEn,
  quarter: reportQuarterSchema, score: z.number(), comment: z.string().nullable(),
  ratedBy: z.string(), ratedAt: z.string(),
});
export const ratingQuerySchema = z.object({ unitId: idString, quarter: reportQuarterSchema });
export const ratingListSchema = z.object({
  ratings: z.array(ratingSchema),
  averages: z.array(z.object({ departmentId: z.string(), departmentName: z.string(), departmentNameEn: nameEn, average: z.number(), count: z.number().int() })),
});

// ---- exports ----

export const EXPORT_TABLES = ['cases', 'dispatches', 'supervision', 'ratings'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
export const EXPORT_TABLE_LABELS: Record<ExportTable, Label> = {
  cases: { zh: '案件', en: 'Cases' },
  dispatches: { zh: '派单', en: 'Dispatches' },
  supervision: { zh: '督办', en: 'Supervision items' },
  ratings: { zh: '街道评议部门', en: 'Street ratings of departments' },
};
export const EXPORT_STATES = ['queued', 'running', 'done', 'failed'] as const;
export const createExportBody = z.object({
  table: z.enum(EXPORT_TABLES),
  unitId: idString,
  /** Inclusive days in Asia/Shanghai on the row's creation time. */
  from: reportDaySchema,
  to: reportDaySchema,
  format: z.enum(['xlsx', 'csv']),
});
export type CreateExportBody = z.infer<typeof createExportBody>;
export const exportJobSchema = z.object({
  id: z.string(), table: z.enum(EXPORT_TABLES), unitId: z.string(), from: reportDaySchema, to: reportDaySchema, format: z.enum(['xlsx', 'csv']),
  state: z.enum(EXPORT_STATES),
  rowsDone: z.number().int(), rowsTotal: z.number().int().nullable(),
  /** 0..1 */
  progress: z.number().min(0).max(1),
  error: z.string().nullable(),
  fileName: z.string().nullable(),
  /** Set when done: GET it with the session cookie. */
  downloadUrl: z.string().nullable(),
  createdAt: z.string(), finishedAt: z.string().nullable(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;
export const exportListSchema = z.object({ jobs: z.array(exportJobSchema) });
