import { z } from 'zod';
import type { Label } from './people.js';

/**
 * The grid worker's field app, server contract (issue 6; DOMAIN.md §9 binds every line: the app saves the worker
 * time, it does not police them). No route here ranks or compares workers by online time, points or counts.
 * Continuous tracking and check-ins are a per-district policy, OFF in peacetime by default, ON in wartime.
 *
 * Routes (all need login; patrol/visit/task writes need a field role, see FIELD_ROLES; ids are strings):
 *   POST /api/patrols                         body createPatrolBody  (Idempotency-Key optional)  → 201 createPatrolResponse {id}
 *   GET  /api/patrols?mine=1&gridId=&limit=    → patrolListSchema (own patrols; leaders see their grids')
 *   GET  /api/patrols/:id                      → patrolDetailSchema (with checkins, findings, pauses)
 *   GET  /api/patrols/:id/track                → patrolTrackSchema (segments + gaps: pauses and no-signal stretches)
 *   POST /api/patrols/:id/points   Idempotency-Key REQUIRED, body patrolPointsBody → patrolPointsResultSchema {accepted, rejected: [{index, code}]}
 *        Each bad point is rejected alone with its index and a POINT_REJECTIONS code, the rest stored. Replaying a
 *        key answers the first answer again (nothing stored twice); a point with the same `t` as a stored point of
 *        the patrol is DUPLICATE (so even a lost key never makes duplicates).
 *        A patrol stopped at S still takes late uploads of points with t ≤ S (taken offline while it ran).
 *   POST /api/patrols/:id/pause | /resume      body patrolEventBody (optional client `at`)  → patrolDetailSchema (repeat = no-op)
 *   POST /api/patrols/:id/stop                 body patrolEventBody                         → patrolDetailSchema (repeat = no-op)
 *   POST /api/patrols/:id/checkins             body patrolCheckinBody (Idempotency-Key optional)  → 201 patrolCheckinSchema
 *        422 GEOFENCE_TOO_FAR when farther than CHECKIN_RADIUS_M (message and details.distanceM give the distance);
 *        403 CHECKINS_OFF when the district policy has check-ins off.
 *   POST /api/patrols/:id/findings             body patrolFindingBody (Idempotency-Key optional)  → 201 patrolFindingSchema
 *   GET  /api/patrols/coverage?gridId=&week=YYYY-MM-DD (any day of the week; default this week)  → patrolCoverageSchema
 *        Cells visited this week (Asia/Shanghai, Monday start) by anyone, from findings, check-ins, visits and (when
 *        tracking is on) points. Per cell, never per worker.
 *   GET  /api/field/bundle                     → fieldBundleSchema (the worker's grid(s), for offline caching)
 *   GET  /api/field/policy?unitId=             → trackingPolicySchema (effective policy for a unit's district)
 *   PUT  /api/field/policy                     body trackingPolicyUpdateBody → trackingPolicySchema (district admin: admin or
 *        centre_operator whose scope holds the district; audited)
 *   GET  /api/field/tasks?gridId=&date=YYYY-MM-DD  → fieldTaskListSchema (duty list 网格工作清单 as recurring tasks)
 *   POST /api/field/tasks/:id/complete         body fieldTaskCompleteBody (Idempotency-Key optional) → fieldTaskSchema (repeat = no-op)
 *   POST /api/field/tasks/:id/reopen           → fieldTaskSchema (undo a completion by mistake)
 *   POST /api/visits                           body householdVisitBody (Idempotency-Key optional)    → 201 householdVisitSchema
 *   GET  /api/visits?householdId=&gridId=&limit=&offset=  → householdVisitListSchema
 */

// ---- rules ----

/** Check-in at a key site only within this distance (metres), measured on the server (geography). */
export const CHECKIN_RADIUS_M = 50;
/** A point with a worse horizontal accuracy (metres) is rejected. */
export const MAX_POINT_ACCURACY_M = 200;
/** Clock skew tolerated for "in the future" (ms): phones' clocks drift. */
export const FUTURE_SKEW_MS = 2 * 60_000;
/** Points are taken at most this long before the patrol start (ms), for a GPS fix just before "start". */
export const BEFORE_START_SKEW_MS = 2 * 60_000;
/** Between two points longer than this (ms) the track shows a gap (no signal, app in the background). */
export const TRACK_GAP_MS = 5 * 60_000;
/** At most this many points in one batch; the app sends ~50. */
export const MAX_POINTS_PER_BATCH = 1000;
/** Client times (`at`, `startedAt`) older than this are refused: an offline queue older than a week is stale. */
export const MAX_CLIENT_AGE_MS = 7 * 24 * 3600_000;

/** Roles that do field work (patrols, check-ins, findings, visits, duty tasks). */
export const FIELD_ROLES = ['grid_worker', 'grid_leader', 'community_cadre', 'police_officer', 'auxiliary_police', 'admin'] as const;
export const isFieldRole = (role: string): boolean => (FIELD_ROLES as readonly string[]).includes(role);
/** Roles that may set a district's tracking policy (their scope must contain the district). */
export const POLICY_ROLES = ['admin', 'centre_operator'] as const;

/** Why a point was rejected; each rejected point names one. */
export const POINT_REJECTIONS = [
  'OUT_OF_RANGE', // lat ∉ [-90, 90] or lng ∉ [-180, 180], or not a finite number
  'INVALID_TIME', // t is not an ISO 8601 instant
  'IN_FUTURE', // t later than server now + FUTURE_SKEW_MS
  'BEFORE_START', // t earlier than the patrol start − BEFORE_START_SKEW_MS
  'LOW_ACCURACY', // accuracy > MAX_POINT_ACCURACY_M (or negative / missing)
  'DURING_PAUSE', // t inside a recorded pause of the patrol
  'PATROL_STOPPED', // t after the patrol was stopped
  'NOT_YOUR_PATROL', // the patrol belongs to someone else
  'TRACKING_OFF', // the district policy has continuous tracking off (peacetime default)
  'DUPLICATE', // a point with this t is already stored for the patrol
] as const;
export type PointRejection = (typeof POINT_REJECTIONS)[number];
export const pointRejectionSchema = z.enum(POINT_REJECTIONS);
export const POINT_REJECTION_LABELS: Record<PointRejection, Label> = {
  OUT_OF_RANGE: { zh: '坐标超出范围', en: 'Coordinates out of range' },
  INVALID_TIME: { zh: '时间无效', en: 'Invalid time' },
  IN_FUTURE: { zh: '时间晚于当前', en: 'Time is in the future' },
  BEFORE_START: { zh: '早于巡查开始', en: 'Before the patrol started' },
  LOW_ACCURACY: { zh: '定位精度差于200米', en: 'Accuracy worse than 200 m' },
  DURING_PAUSE: { zh: '巡查暂停期间', en: 'While the patrol was paused' },
  PATROL_STOPPED: { zh: '巡查已结束', en: 'Patrol already stopped' },
  NOT_YOUR_PATROL: { zh: '不是本人的巡查', en: 'Not your patrol' },
  TRACKING_OFF: { zh: '本区未开启轨迹记录', en: 'Tracking is off in this district' },
  DUPLICATE: { zh: '重复的点', en: 'Duplicate point' },
};

export const PATROL_STATES = ['running', 'paused', 'stopped'] as const;
export type PatrolState = (typeof PATROL_STATES)[number];
export const patrolStateSchema = z.enum(PATROL_STATES);
export const PATROL_STATE_LABELS: Record<PatrolState, Label> = {
  running: { zh: '巡查中', en: 'Running' },
  paused: { zh: '已暂停', en: 'Paused' },
  stopped: { zh: '已结束', en: 'Stopped' },
};

/** What a finding says: all clear (a cell looked at, nothing wrong) or a problem (optionally reported as a case). */
export const FINDING_KINDS = ['all_clear', 'problem', 'note'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const findingKindSchema = z.enum(FINDING_KINDS);
export const FINDING_KIND_LABELS: Record<FindingKind, Label> = {
  all_clear: { zh: '正常', en: 'All clear' },
  problem: { zh: '发现问题', en: 'Problem' },
  note: { zh: '备注', en: 'Note' },
};

export const DUTY_FREQUENCIES = ['daily', 'weekly', 'monthly', 'as_needed'] as const;
export type DutyFrequency = (typeof DUTY_FREQUENCIES)[number];
export const DUTY_FREQUENCY_LABELS: Record<DutyFrequency, Label> = {
  daily: { zh: '每日', en: 'Daily' },
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
  as_needed: { zh: '按需', en: 'As needed' },
};

export const VISIT_PURPOSES = ['routine', 'care', 'dispute', 'information', 'return_visit', 'other'] as const;
export type HouseholdVisitPurpose = (typeof VISIT_PURPOSES)[number];
export const VISIT_PURPOSE_LABELS: Record<HouseholdVisitPurpose, Label> = {
  routine: { zh: '日常走访', en: 'Routine visit' },
  care: { zh: '关爱帮扶', en: 'Care and support' },
  dispute: { zh: '矛盾调解', en: 'Dispute' },
  information: { zh: '信息采集', en: 'Information update' },
  return_visit: { zh: '回访', en: 'Return visit' },
  other: { zh: '其他', en: 'Other' },
};

// ---- shared pure helpers (the app draws the same gaps offline) ----

export interface PatrolTrackPoint { t: string; lat: number; lng: number; accuracy: number }
export interface PatrolTimeSpan { from: string; to: string | null }
export interface PatrolTrackGap { from: string; to: string; reason: 'pause' | 'no_signal' }

/**
 * Splits an ordered track into segments: a new segment starts after a pause or after more than `gapMs` without a
 * point. Gaps are returned so the map shows them as gaps, never as straight lines across.
 */
export function splitTrack(points: readonly PatrolTrackPoint[], pauses: readonly PatrolTimeSpan[], gapMs = TRACK_GAP_MS): { segments: PatrolTrackPoint[][]; gaps: PatrolTrackGap[] } {
  const segments: PatrolTrackPoint[][] = [];
  const gaps: PatrolTrackGap[] = [];
  const pauseMs = pauses.map((p) => ({ from: Date.parse(p.from), to: p.to === null ? Infinity : Date.parse(p.to), raw: p }));
  let current: PatrolTrackPoint[] = [];
  let prev: PatrolTrackPoint | null = null;
  for (const p of points) {
    if (prev) {
      const a = Date.parse(prev.t);
      const b = Date.parse(p.t);
      const pause = pauseMs.find((q) => q.from >= a && q.from <= b);
      if (pause) gaps.push({ from: prev.t, to: p.t, reason: 'pause' });
      else if (b - a > gapMs) gaps.push({ from: prev.t, to: p.t, reason: 'no_signal' });
      if (pause || b - a > gapMs) {
        segments.push(current);
        current = [];
      }
    }
    current.push(p);
    prev = p;
  }
  if (current.length) segments.push(current);
  return { segments, gaps };
}

// ---- API shapes ----

const id = z.string();
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const instant = z.string(); // ISO 8601 with offset

export const trackingPolicySchema = z.object({
  /** The district whose policy this is (null: no district above the unit → defaults). */
  districtId: id.nullable(),
  /** Continuous GPS tracking on patrols (effective: the district's setting, or on when wartime). */
  tracking: z.boolean(),
  /** Check-ins at key sites (effective, as above). */
  checkins: z.boolean(),
  /** An emergency covering the unit is active (emergency mode). */
  wartime: z.boolean(),
  /** What the district chose for peacetime (both default false). */
  peacetime: z.object({ tracking: z.boolean(), checkins: z.boolean() }),
  /** Whether wartime switches tracking/check-ins on (default true, "when the rules allow it"). */
  wartimeOn: z.boolean(),
});
export type TrackingPolicy = z.infer<typeof trackingPolicySchema>;
export const trackingPolicyUpdateBody = z.object({
  districtId: id,
  peacetime: z.object({ tracking: z.boolean(), checkins: z.boolean() }),
  wartimeOn: z.boolean().optional(),
});
export type TrackingPolicyUpdateBody = z.infer<typeof trackingPolicyUpdateBody>;

export const createPatrolBody = z.object({
  /** Defaults to the worker's own grid (home unit). */
  gridId: id.optional(),
  /** Client start time (offline start); default server now. */
  startedAt: instant.optional(),
  note: z.string().max(500).optional(),
});
export type CreatePatrolBody = z.infer<typeof createPatrolBody>;
export const createPatrolResponse = z.object({ id });

export const patrolPointSchema = z.object({
  /** ISO 8601 instant the fix was taken (the phone's time). */
  t: z.string(),
  lat: z.number(),
  lng: z.number(),
  /** Horizontal accuracy in metres (GeolocationCoordinates.accuracy). */
  accuracy: z.number(),
});
export type PatrolPoint = z.infer<typeof patrolPointSchema>;
/** Point values are checked one by one (a bad point is rejected alone), so the body only checks their shape. */
export const patrolPointsBody = z.object({ points: z.array(patrolPointSchema).min(1).max(MAX_POINTS_PER_BATCH) });
export type PatrolPointsBody = z.infer<typeof patrolPointsBody>;
export const patrolPointsResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), code: pointRejectionSchema })),
});
export type PatrolPointsResult = z.infer<typeof patrolPointsResultSchema>;

// nullish: a bare POST (no body) is fine.
export const patrolEventBody = z.object({ at: instant.optional() }).nullish();
export type PatrolEventBody = z.infer<typeof patrolEventBody>;

export const patrolCheckinBody = z.object({
  keySiteId: id,
  lat,
  lng,
  accuracy: z.number().min(0).optional(),
  at: instant.optional(),
});
export type PatrolCheckinBody = z.infer<typeof patrolCheckinBody>;
export const patrolCheckinSchema = z.object({
  id,
  patrolId: id,
  keySiteId: id,
  keySiteName: z.string(),
  distanceM: z.number(),
  at: instant,
});
export type PatrolCheckin = z.infer<typeof patrolCheckinSchema>;

export const patrolFindingBody = z.object({
  kind: findingKindSchema,
  cellId: id.optional(),
  keySiteId: id.optional(),
  note: z.string().max(2000).default(''),
  lat: lat.optional(),
  lng: lng.optional(),
  /** A case reported from this finding (POST /api/cases first, then link it here). */
  caseId: id.optional(),
  at: instant.optional(),
});
export type PatrolFindingBody = z.input<typeof patrolFindingBody>;
export const patrolFindingSchema = z.object({
  id,
  patrolId: id,
  kind: findingKindSchema,
  cellId: id.nullable(),
  cellName: z.string().nullable(),
  keySiteId: id.nullable(),
  keySiteName: z.string().nullable(),
  note: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  caseId: id.nullable(),
  at: instant,
});
export type PatrolFinding = z.infer<typeof patrolFindingSchema>;

export const patrolPauseSchema = z.object({ from: instant, to: instant.nullable() });
export const patrolSummarySchema = z.object({
  id,
  gridId: id,
  gridName: z.string(),
  userId: id,
  userName: z.string(),
  state: patrolStateSchema,
  startedAt: instant,
  stoppedAt: instant.nullable(),
  note: z.string().nullable(),
  /** Stored points (0 whenever tracking was off). */
  pointCount: z.number().int(),
});
export type PatrolSummary = z.infer<typeof patrolSummarySchema>;
export const patrolListSchema = z.object({ items: z.array(patrolSummarySchema) });
export const patrolDetailSchema = patrolSummarySchema.extend({
  pauses: z.array(patrolPauseSchema),
  checkins: z.array(patrolCheckinSchema),
  findings: z.array(patrolFindingSchema),
  /** Whether this patrol's district takes points right now (the app starts GPS only when true). */
  policy: trackingPolicySchema,
});
export type PatrolDetail = z.infer<typeof patrolDetailSchema>;

export const patrolTrackSchema = z.object({
  patrolId: id,
  segments: z.array(z.array(patrolPointSchema)),
  gaps: z.array(z.object({ from: instant, to: instant, reason: z.enum(['pause', 'no_signal']) })),
});
export type PatrolTrack = z.infer<typeof patrolTrackSchema>;

export const patrolCoverageCellSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  visited: z.boolean(),
  lastVisitAt: instant.nullable(),
  /** Where the visit is known from (never who: coverage is per cell). */
  sources: z.array(z.enum(['points', 'findings', 'checkins', 'visits'])),
});
export const patrolCoverageSchema = z.object({
  gridId: id,
  weekStart: z.string(), // YYYY-MM-DD (Monday, Asia/Shanghai)
  weekEnd: z.string(), // YYYY-MM-DD (Sunday)
  total: z.number().int(),
  visited: z.number().int(),
  cells: z.array(patrolCoverageCellSchema),
});
export type PatrolCoverage = z.infer<typeof patrolCoverageSchema>;
