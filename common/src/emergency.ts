import { z } from 'zod';
import type { Label } from './people.js';

/**
 * 平战结合 — emergency mode (DOMAIN.md §4): vocabulary and every API shape of the emergency module. The web
 * imports these; the server validates requests and responses with them. Ids are strings; times ISO strings.
 *
 * Command (emergency.command: centre, street, admin) — respond (emergency.respond: community, grid leader/worker):
 *   GET  /api/emergency/plans?incidentType=          → planListSchema            (command|respond)
 *   GET  /api/emergency/plans/:id                    → planDetailSchema
 *   GET  /api/emergencies?state=active|ended|all&unitId= → emergencyListSchema    (in the caller's scope, or containing it)
 *   GET  /api/emergencies/active                     → activeListSchema (banner: active emergencies containing or inside the caller's scope)
 *   GET  /api/emergencies/:id                        → emergencySchema
 *   POST /api/emergencies                            → createdSchema (201)        body declareBody      (command)
 *   POST /api/emergencies/:id/level                  → emergencySchema            body levelBody        (command)
 *   POST /api/emergencies/:id/end                    → emergencySchema            body endBody (optional)
 *   POST /api/emergencies/:id/directives             → createdSchema (201)        body createDirectiveBody (command)
 *   GET  /api/emergencies/:id/directives             → directiveListSchema (with progress numbers)
 *   GET  /api/directives/mine                        → myDirectiveListSchema (grid rows of the caller's grids; field app)
 *   GET  /api/directives/:id                         → directiveSchema
 *   GET  /api/directives/:id/progress?unitId=        → progressSchema (byUnit = children of unitId, default the directive's area)
 *   POST /api/directives/:id/ack                     → directiveGridSchema        body ackBody    (respond, grid staff of that grid)
 *   POST /api/directives/:id/report                  → directiveGridSchema        body reportBody (respond, grid staff of that grid)
 *   POST /api/directives/:id/forward                 → createdSchema (201)        body forwardBody (command|respond, intermediate unit)
 *   POST /api/directives/:id/photos                  → photosAddedSchema (201)    multipart `gridId` + `photos` (grid staff; Idempotency-Key)
 *   GET  /api/directives/:id/photos?unitId=          → directivePhotoListSchema;  GET …/photos/:photoId[?thumb=1] → the image
 *   GET  /api/emergency/responders?unitId=&kind=     → responderListSchema;  POST /api/emergency/responders → responderSchema (201)
 *   POST /api/emergencies/:id/callups                → callupResultSchema (201)   body callupBody (command)
 *   GET  /api/emergencies/:id/mobilisation?unitId=   → mobilisationSchema (headcount per grid)
 *   GET  /api/mobilise/:token                        → mobiliseLinkSchema (public one-time link, no login)
 *   POST /api/mobilise/:token/confirm                → mobiliseLinkSchema         body confirmBody
 *   POST /api/mobilise/:token/check-in               → mobiliseLinkSchema         body checkInBody (position checked against the grid)
 *   POST /api/emergencies/:id/formations             → formationSchema (201)      body formationBody (temporary branch / commando team)
 *   POST /api/emergencies/:id/sitreps                → sitrepSchema (201)         body sitrepBody (respond, grid staff)
 *   GET  /api/emergencies/:id/sitreps/summary?unitId=&period= → sitrepSummarySchema (aggregated by template, missing grids)
 *   GET  /api/emergency/resources?unitId=&kind=      → resourceListSchema; POST → resourceSchema (201); PATCH /api/emergency/resources/:id
 *   GET  /api/emergencies/:id/review                 → reviewSchema (after-action report); /review.xlsx (Excel)
 * Live events on GET /api/events: `emergency.changed` {emergencyId, state, level} and `directive.progress`
 *   {directiveId, emergencyId, gridId, state} (to users whose scope contains the grid).
 */

const id = z.string();

// ---- vocabulary ----

export const INCIDENT_TYPES = ['epidemic', 'flood', 'typhoon', 'fire', 'hazchem', 'earthquake'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export const incidentTypeSchema = z.enum(INCIDENT_TYPES);
export const INCIDENT_TYPE_LABELS: Record<IncidentType, Label> = {
  epidemic: { zh: '疫情防控', en: 'Epidemic' },
  flood: { zh: '强降雨/防汛', en: 'Heavy rain / flood' },
  typhoon: { zh: '台风/防风', en: 'Typhoon' },
  fire: { zh: '火灾', en: 'Fire' },
  hazchem: { zh: '危险化学品', en: 'Hazardous chemicals' },
  earthquake: { zh: '地震', en: 'Earthquake' },
};

/** 1 = most severe (特别重大), 4 = general (一般). */
export const EMERGENCY_LEVELS = [1, 2, 3, 4] as const;
export type EmergencyLevel = (typeof EMERGENCY_LEVELS)[number];
export const levelSchema = z.number().int().min(1).max(4);
export const LEVEL_LABELS: Record<EmergencyLevel, Label & { color: string; severity: Label }> = {
  1: { zh: 'Ⅰ级', en: 'Level I', color: '#cf1322', severity: { zh: '特别重大', en: 'Extremely severe' } },
  2: { zh: 'Ⅱ级', en: 'Level II', color: '#fa541c', severity: { zh: '重大', en: 'Severe' } },
  3: { zh: 'Ⅲ级', en: 'Level III', color: '#faad14', severity: { zh: '较大', en: 'Major' } },
  4: { zh: 'Ⅳ级', en: 'Level IV', color: '#1677ff', severity: { zh: '一般', en: 'General' } },
};
export function levelLabel(level: number, lang: 'zh' | 'en' = 'zh'): string {
  const l = LEVEL_LABELS[level as EmergencyLevel];
  return l ? l[lang] : String(level);
}

export const EMERGENCY_STATES = ['active', 'ended'] as const;
export const emergencyStateSchema = z.enum(EMERGENCY_STATES);

export const DIRECTIVE_GRID_STATES = ['pending', 'acknowledged', 'executed'] as const;
export const directiveGridStateSchema = z.enum(DIRECTIVE_GRID_STATES);
export const DIRECTIVE_GRID_STATE_LABELS: Record<(typeof DIRECTIVE_GRID_STATES)[number], Label> = {
  pending: { zh: '未签收', en: 'Not acknowledged' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  executed: { zh: '已反馈', en: 'Executed' },
};

export const RESPONDER_KINDS = ['sunk_cadre', 'party_member', 'volunteer', 'volunteer_police', 'rescue_team'] as const;
export type ResponderKind = (typeof RESPONDER_KINDS)[number];
export const responderKindSchema = z.enum(RESPONDER_KINDS);
export const RESPONDER_KIND_LABELS: Record<ResponderKind, Label> = {
  sunk_cadre: { zh: '下沉干部', en: 'Sunk cadre' },
  party_member: { zh: '党员', en: 'Party member' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  volunteer_police: { zh: '义警', en: 'Volunteer police' },
  rescue_team: { zh: '救援队', en: 'Rescue team' },
};

export const CALLUP_STATES = ['called', 'confirmed', 'declined', 'checked_in'] as const;
export const callupStateSchema = z.enum(CALLUP_STATES);

export const RESOURCE_KINDS = ['shelter', 'supply_point', 'equipment'] as const;
export const resourceKindSchema = z.enum(RESOURCE_KINDS);
export const RESOURCE_KIND_LABELS: Record<(typeof RESOURCE_KINDS)[number], Label> = {
  shelter: { zh: '避难场所', en: 'Shelter' },
  supply_point: { zh: '物资点', en: 'Supply point' },
  equipment: { zh: '救援装备', en: 'Rescue equipment' },
};

export const AGGREGATIONS = ['sum', 'max', 'latest'] as const;
export const aggregationSchema = z.enum(AGGREGATIONS);

export const FORMATION_KINDS = ['temporary_branch', 'commando'] as const;
export const formationKindSchema = z.enum(FORMATION_KINDS);

// ---- plans ----

export const reportFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'must be a short key'),
  zh: z.string().min(1).max(60),
  en: z.string().max(80).default(''),
  type: z.enum(['number', 'text', 'boolean']).default('number'),
  required: z.boolean().default(false),
});
export type ReportField = z.infer<typeof reportFieldSchema>;

export const sitrepFieldSchema = z.object({
  key: z.string(), zh: z.string(), en: z.string(), unit: z.string().default(''), aggregate: aggregationSchema,
});
export type SitrepField = z.infer<typeof sitrepFieldSchema>;

export const directiveTemplateSchema = z.object({
  key: z.string(), title: z.string(), body: z.string(),
  ackMinutes: z.number().int(), dueMinutes: z.number().int(), reportFields: z.array(reportFieldSchema),
});
export const mobiliseItemSchema = z.object({
  kind: responderKindSchema, team: z.string().nullable().default(null), zh: z.string(), en: z.string(), perGrid: z.number().int().default(0),
});
export const planSummarySchema = z.object({ id, code: z.string(), incidentType: incidentTypeSchema, level: levelSchema, name: z.string(), nameEn: z.string() });
export const planListSchema = z.object({ items: z.array(planSummarySchema) });
export const planDetailSchema = planSummarySchema.extend({
  summary: z.string(),
  timers: z.object({ ackMinutes: z.number().int(), executeMinutes: z.number().int(), streetAfterMinutes: z.number().int() }),
  directiveTemplates: z.array(directiveTemplateSchema),
  mobilise: z.array(mobiliseItemSchema),
  checklist: z.array(z.object({ zh: z.string(), en: z.string() })),
  sitrep: z.object({ everyMinutes: z.number().int(), fields: z.array(sitrepFieldSchema) }),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;

// ---- emergencies ----

export const declareBody = z.object({
  planId: z.string().regex(/^\d{1,18}$/, 'must be a numeric id'),
  unitId: z.string().regex(/^\d{1,18}$/, 'must be a numeric id'),
  level: levelSchema,
  title: z.string().trim().min(2).max(120),
  note: z.string().max(2000).optional(),
});
export type DeclareBody = z.infer<typeof declareBody>;
export const levelBody = z.object({ level: levelSchema, reason: z.string().max(500).optional() });
export const endBody = z.object({ summary: z.string().max(4000).optional() }).optional();
export const createdSchema = z.object({ id });

export const wartimeEmergencySchema = z.object({
  id, level: levelSchema, incidentType: incidentTypeSchema, title: z.string(), unitId: id, unitName: z.string(), declaredAt: z.string(),
});
export type WartimeEmergency = z.infer<typeof wartimeEmergencySchema>;
export const activeListSchema = z.object({ wartime: z.boolean(), items: z.array(wartimeEmergencySchema) });

export const emergencySchema = wartimeEmergencySchema.extend({
  planId: id, planName: z.string(), state: emergencyStateSchema, endedAt: z.string().nullable(), note: z.string().nullable(),
  declaredBy: z.string().nullable(), sitrepEveryMinutes: z.number().int(),
  formations: z.array(z.object({ kind: formationKindSchema, name: z.string(), partyOrgId: id.nullable(), partyPostId: id.nullable() })),
  directives: z.number().int(),
});
export type Emergency = z.infer<typeof emergencySchema>;
export const emergencyListSchema = z.object({ items: z.array(emergencySchema) });

// ---- directives ----

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time');
export const attachmentSchema = z.object({ name: z.string().min(1).max(200), url: z.string().min(1).max(1000) });
export const createDirectiveBody = z.object({
  title: z.string().trim().min(2).max(120),
  body: z.string().trim().min(1).max(8000),
  targetUnitIds: z.array(z.string().regex(/^\d{1,18}$/, 'must be a numeric id')).min(1).max(500),
  dueAt: isoTime,
  /** Defaults to the plan's acknowledgement timer from now. */
  ackDueAt: isoTime.optional(),
  reportFields: z.array(reportFieldSchema).max(30).optional(),
  attachments: z.array(attachmentSchema).max(20).optional(),
  templateKey: z.string().max(60).optional(),
});
export type CreateDirectiveBody = z.infer<typeof createDirectiveBody>;

export const additionSchema = z.object({ id, unitId: id, unitName: z.string(), note: z.string(), reportFields: z.array(reportFieldSchema), at: z.string(), by: z.string().nullable() });
export const directiveSchema = z.object({
  id, emergencyId: id, emergencyTitle: z.string(), level: levelSchema, title: z.string(), body: z.string(),
  targetUnitIds: z.array(id), dueAt: z.string(), ackDueAt: z.string(), issuedAt: z.string(), issuedBy: z.string().nullable(),
  reportFields: z.array(reportFieldSchema), attachments: z.array(attachmentSchema), additions: z.array(additionSchema),
  total: z.number().int(), acknowledged: z.number().int(), executed: z.number().int(),
});
export type Directive = z.infer<typeof directiveSchema>;
export const directiveListSchema = z.object({ items: z.array(directiveSchema) });

export const directiveGridSchema = z.object({
  directiveId: id, gridId: id, gridName: z.string(), state: directiveGridStateSchema,
  ackedAt: z.string().nullable(), reportedAt: z.string().nullable(), escalation: z.number().int(),
  report: z.record(z.string(), z.unknown()).nullable(),
});
export const myDirectiveSchema = directiveSchema.omit({ total: true, acknowledged: true, executed: true }).extend({ grid: directiveGridSchema });
export const myDirectiveListSchema = z.object({ items: z.array(myDirectiveSchema) });

const gridIdField = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
export const ackBody = z.object({ gridId: gridIdField });
export const reportBody = z.object({
  gridId: gridIdField,
  fields: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean()])).default({}),
  counts: z.record(z.string(), z.number().int().min(0)).default({}),
  /** Ids of photos uploaded for this directive and grid (POST /api/directives/:id/photos). */
  photos: z.array(z.string().regex(/^\d{1,18}$/, 'must be a photo id from POST /api/directives/:id/photos')).max(9).default([]),
  note: z.string().max(2000).optional(),
});
export type ReportBody = z.infer<typeof reportBody>;
export const directivePhotoSchema = z.object({
  id, gridId: id, gridName: z.string(), url: z.string(), thumbUrl: z.string(), at: z.string(), by: z.string().nullable(),
});
export type DirectivePhoto = z.infer<typeof directivePhotoSchema>;
export const directivePhotoListSchema = z.object({ items: z.array(directivePhotoSchema), total: z.number().int() });
export const photosAddedSchema = z.object({ directiveId: id, gridId: id, photos: z.array(directivePhotoSchema) });
export const forwardBody = z.object({
  unitId: gridIdField,
  note: z.string().trim().min(1).max(4000),
  reportFields: z.array(reportFieldSchema).max(10).optional(),
});

export const progressRowSchema = z.object({
  unitId: id, name: z.string(), kind: z.string(), total: z.number().int(), acknowledged: z.number().int(), executed: z.number().int(),
  ackPct: z.number(), execPct: z.number(),
});
export const laggardSchema = z.object({
  gridId: id, gridName: z.string(), communityName: z.string().nullable(), townName: z.string().nullable(),
  state: directiveGridStateSchema, escalation: z.number().int(), lon: z.number().nullable(), lat: z.number().nullable(),
});
export const progressSchema = z.object({
  directiveId: id, unitId: id, total: z.number().int(), acknowledged: z.number().int(), executed: z.number().int(),
  ackPct: z.number(), execPct: z.number(),
  byUnit: z.array(progressRowSchema), laggards: z.array(laggardSchema), laggardsTotal: z.number().int(),
});
export type Progress = z.infer<typeof progressSchema>;

// ---- mobilisation ----

export const responderSchema = z.object({
  id, kind: responderKindSchema, name: z.string(), phoneMasked: z.string().nullable(), team: z.string().nullable(), role: z.string().nullable(),
  homeGridId: id, homeGridName: z.string(), hasAccount: z.boolean(),
});
export const responderListSchema = z.object({ items: z.array(responderSchema), total: z.number().int() });
export const createResponderBody = z.object({
  kind: responderKindSchema, name: z.string().trim().min(1).max(60),
  phone: z.string().regex(/^1\d{10}$/, 'must be an 11-digit mobile number').optional(),
  team: z.string().max(60).optional(), role: z.string().max(60).optional(), homeGridId: gridIdField,
});
export const callupBody = z.object({
  kinds: z.array(responderKindSchema).min(1).optional(),
  teams: z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
  /** Area inside the emergency; defaults to the whole emergency area. */
  unitId: gridIdField.optional(),
  /** Also call the party members living in the area (from the party overlay, by home grid). */
  includePartyMembers: z.boolean().default(false),
  message: z.string().max(500).optional(),
});
export const callupResultSchema = z.object({ called: z.number().int(), alreadyCalled: z.number().int() });
export const mobilisationSchema = z.object({
  called: z.number().int(), confirmed: z.number().int(), declined: z.number().int(), checkedIn: z.number().int(),
  byGrid: z.array(z.object({ gridId: id, gridName: z.string(), called: z.number().int(), confirmed: z.number().int(), checkedIn: z.number().int() })),
  byKind: z.array(z.object({ kind: responderKindSchema, called: z.number().int(), checkedIn: z.number().int() })),
});
export const mobiliseLinkSchema = z.object({
  emergencyTitle: z.string(), level: levelSchema, incidentType: incidentTypeSchema, gridName: z.string(), name: z.string(), state: callupStateSchema,
  /** Town, community and grid names (where to report); `meetingPoint` a point inside the grid, `note` the grid's own meeting-point text. */
  address: z.string(), meetingPoint: z.object({ lon: z.number(), lat: z.number(), note: z.string().nullable() }).nullable(),
  checkedInAt: z.string().nullable(), distanceM: z.number().nullable(),
});
export const confirmBody = z.object({ accept: z.boolean() });
export const checkInBody = z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90), accuracyM: z.number().min(0).optional() });
export const formationBody = z.object({
  kind: formationKindSchema, name: z.string().trim().min(2).max(80), unitId: gridIdField,
  memberIds: z.array(z.string().regex(/^\d{1,18}$/)).max(200).default([]),
});
export const formationSchema = z.object({ id, kind: formationKindSchema, name: z.string(), partyOrgId: id.nullable(), partyPostId: id.nullable(), members: z.number().int() });

// ---- situation reports ----

export const sitrepBody = z.object({ gridId: gridIdField, values: z.record(z.string(), z.union([z.number(), z.string().max(500)])) });
export const sitrepSchema = z.object({ id, gridId: id, period: z.string(), reportedAt: z.string() });
export const sitrepSummarySchema = z.object({
  period: z.string(), fields: z.array(sitrepFieldSchema),
  totals: z.record(z.string(), z.union([z.number(), z.string()]).nullable()),
  byUnit: z.array(z.object({ unitId: id, name: z.string(), expected: z.number().int(), reported: z.number().int(), values: z.record(z.string(), z.union([z.number(), z.string()]).nullable()) })),
  missing: z.array(z.object({ gridId: id, gridName: z.string() })), missingTotal: z.number().int(),
});

// ---- resources ----

export const resourceSchema = z.object({
  id, kind: resourceKindSchema, name: z.string(), unitId: id, unitName: z.string(), capacity: z.number().int(), occupancy: z.number().int(),
  lon: z.number(), lat: z.number(), note: z.string().nullable(), updatedAt: z.string(),
});
export const resourceListSchema = z.object({ items: z.array(resourceSchema) });
/** Position: lon and lat together, or neither (then a point inside the unit); it must lie within 1 km of the unit. */
export const createResourceBody = z.object({
  kind: resourceKindSchema, name: z.string().trim().min(1).max(120), unitId: gridIdField,
  capacity: z.number().int().min(0).max(1_000_000), occupancy: z.number().int().min(0).max(1_000_000).default(0),
  lon: z.number().min(-180).max(180).optional(), lat: z.number().min(-90).max(90).optional(), note: z.string().max(500).optional(),
});
export type CreateResourceBody = z.infer<typeof createResourceBody>;
export const updateResourceBody = z.object({
  capacity: z.number().int().min(0).max(1_000_000).optional(), occupancy: z.number().int().min(0).max(1_000_000).optional(), note: z.string().max(500).optional(),
});

// ---- after-action report ----

export const reviewSchema = z.object({
  emergency: emergencySchema,
  timeline: z.array(z.object({ at: z.string(), kind: z.string(), text: z.string(), actor: z.string().nullable() })),
  directives: z.array(z.object({
    id, title: z.string(), issuedAt: z.string(), dueAt: z.string(), total: z.number().int(), acknowledged: z.number().int(), executed: z.number().int(),
    onTime: z.number().int(), escalated: z.number().int(), medianAckMinutes: z.number().nullable(),
  })),
  mobilisation: mobilisationSchema.pick({ called: true, confirmed: true, declined: true, checkedIn: true, byKind: true }),
  cases: z.object({ total: z.number().int(), closed: z.number().int(), byCategory: z.array(z.object({ category: z.string(), count: z.number().int() })) }),
  resources: z.array(resourceSchema),
  /**
   * 反馈 photos of the emergency's directives in the reader's scope, oldest first, at most REVIEW_PHOTO_LIMIT
   * (the exports embed their thumbnails); `photoTotal` counts them all.
   */
  photos: z.array(z.object({
    id, directiveId: id, directiveTitle: z.string(), gridName: z.string(), at: z.string(), by: z.string().nullable(), url: z.string(), thumbUrl: z.string(),
  })),
  photoTotal: z.number().int(),
});
export type Review = z.infer<typeof reviewSchema>;

/** Photos listed (and embedded in the exports) by the after-action report. */
export const REVIEW_PHOTO_LIMIT = 60;
