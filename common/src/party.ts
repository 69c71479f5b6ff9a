import { z } from 'zod';
import type { Label } from './people.js';

/**
 * Party organisation overlay (党建引领, DOMAIN.md §5): vocabulary, the recruitment transition table and every
 * API response shape of /api/party. The web imports these; the server validates its responses with them.
 *
 * Routes (all under /api/party; GET needs party.read, writes party.write, approvals/settings party.manage):
 *   GET  /coverage?unitId=                      → coverageSchema
 *   GET  /dashboard?unitId=                     → dashboardSchema
 *   GET  /orgs?unitId=&type=&q=                 → orgListSchema (flat, ordered by tree; parentId gives the tree)
 *   GET  /orgs/:id                              → orgDetailSchema
 *   POST /orgs                                  → orgDetailSchema (201)     body createOrgBody
 *   PATCH /orgs/:id                             → orgDetailSchema           body updateOrgBody (secretary, committee, grade, rating …)
 *   POST /orgs/:id/member-units                 → memberUnitSchema (201)
 *   GET  /one-shoulder?unitId=                  → oneShoulderListSchema (grids where grid leader ≠ branch secretary)
 *   GET  /members?orgId=&unitId=&homeGridId=&class=&status=&direct=&q=&limit=&offset= → memberListSchema (masked)
 *   GET  /members/:id                           → memberDetailSchema (masked, with transfers)
 *   POST /members                               → memberDetailSchema (201)  body createMemberBody (reuses the person by ID number)
 *   PATCH /members/:id                          → memberDetailSchema        body updateMemberBody
 *   GET  /members/:id/record                    → memberRecordSchema        (双报到, activities, points ledger, trainings)
 *   POST /members/:id/transfer                  → memberDetailSchema        body transferBody
 *   POST /members/:id/unmask                    → memberUnmaskSchema        (residents.unmask or party.manage; audited)
 *   POST /members/import (multipart .xlsx)      → partyImportResultSchema (200) | 422 with row errors, nothing written
 *   GET  /members/export.xlsx?orgId=&unitId=    → .xlsx, Chinese headers PARTY_MEMBER_IMPORT_HEADERS, masked
 *   GET  /recruits?orgId=&unitId=&stage=        → recruitListSchema
 *   POST /recruits                              → recruitSchema (201)       body createRecruitBody
 *   POST /recruits/:id/steps                    → recruitSchema             body { step, doneOn }
 *   POST /recruits/:id/transition               → recruitSchema             body { action, on, memberClass? }
 *   GET  /cadres?unitId=&kind=                  → cadreListSchema;  POST /cadres → cadreSchema (201) body personId, or idNumber + name
 *   GET  /dual-registrations?unitId=            → dualRegistrationListSchema; POST /dual-registrations → dualRegistrationSchema (201)
 *   GET  /activities?unitId=                    → activityListSchema; POST /activities → activitySchema (201)
 *   GET  /activities/:id/signups                → signupListSchema (masked phones)
 *   POST /activities/:id/signups                → signupSchema (201)        body { memberId }
 *   POST /signups/:id/check-in                  → signupSchema
 *   POST /signups/:id/hours                     → signupSchema              body { hours }
 *   GET  /service-stats?unitId=                 → serviceStatsSchema (per organ and per member)
 *   GET  /point-rules?unitId=; POST /point-rules → pointRuleSchema (201); PATCH /point-rules/:id
 *   GET  /points?orgId=&unitId=&status=         → pointEntryListSchema; POST /points → pointEntrySchema (201)
 *   POST /points/:id/decide                     → pointEntrySchema          body { decision: approved|rejected } (party.manage)
 *   GET  /points/totals?unitId=                 → pointTotalsSchema (per organisation, approved only)
 *   GET  /points/ranking?unitId=                → pointRankingSchema; 403 FORBIDDEN unless the district turned rankings on
 *   GET  /settings?unitId=; PUT /settings       → partySettingsSchema       (party.manage; rankings per district, off by default)
 *   GET  /posts?unitId=&kind=; POST /posts → postSchema (201); POST /posts/:id/members body { memberId }
 *   GET  /contact-groups?unitId=; POST /contact-groups → contactGroupSchema (201); POST /contact-groups/:id/visits → visitSchema (201)
 *   GET  /courses; POST /courses → courseSchema (201)
 *   GET  /sessions?unitId=; POST /sessions → sessionSchema (201); POST /sessions/:id/attendance body { memberIds } → sessionSchema
 *   GET  /training/coverage?unitId=&year=       → trainingCoverageSchema (per organisation)
 *   GET  /training/untrained?orgId=&unitId=&year= → memberListSchema
 */

// ---- vocabulary ----

export const ORG_TYPES = [
  'big_working_committee', 'big_party_committee', 'general_branch', 'branch', 'group', 'temporary_branch',
  'industry_committee', 'industry_chain_committee',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const orgTypeSchema = z.enum(ORG_TYPES);
export const ORG_TYPE_LABELS: Record<OrgType, Label> = {
  big_working_committee: { zh: '大工委', en: 'Big working committee' },
  big_party_committee: { zh: '大党委', en: 'Big party committee' },
  general_branch: { zh: '党总支', en: 'General branch' },
  branch: { zh: '党支部', en: 'Branch' },
  group: { zh: '党小组', en: 'Party group' },
  temporary_branch: { zh: '临时党支部', en: 'Temporary branch' },
  industry_committee: { zh: '行业党委', en: 'Industry committee' },
  industry_chain_committee: { zh: '产业链党委', en: 'Industry-chain committee' },
};
/** What an organisation covers: a territorial unit (grid, community, town), an estate, a building, or an industry. */
export const ORG_COVERS = ['unit', 'estate', 'building', 'industry'] as const;
export type OrgCover = (typeof ORG_COVERS)[number];

export const MEMBER_CLASSES = ['in_service', 'two_new', 'retired', 'no_post', 'mobile', 'hardship'] as const;
export type MemberClass = (typeof MEMBER_CLASSES)[number];
export const memberClassSchema = z.enum(MEMBER_CLASSES);
export const MEMBER_CLASS_LABELS: Record<MemberClass, Label> = {
  in_service: { zh: '在职党员', en: 'In service' },
  two_new: { zh: '两新组织党员', en: 'Two-new organisations' },
  retired: { zh: '离退休党员', en: 'Retired' },
  no_post: { zh: '无职党员', en: 'No post' },
  mobile: { zh: '流动党员', en: 'Mobile' },
  hardship: { zh: '困难党员', en: 'In hardship' },
};

export const MEMBER_STATUSES = ['probationary', 'full'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const memberStatusSchema = z.enum(MEMBER_STATUSES);
export const MEMBER_STATUS_LABELS: Record<MemberStatus, Label> = {
  probationary: { zh: '预备党员', en: 'Probationary' },
  full: { zh: '正式党员', en: 'Full member' },
};

/** 书记分级分类 */
export const SECRETARY_GRADES = ['a', 'b', 'c', 'd'] as const;
export type SecretaryGrade = (typeof SECRETARY_GRADES)[number];
export const secretaryGradeSchema = z.enum(SECRETARY_GRADES);
export const SECRETARY_GRADE_LABELS: Record<SecretaryGrade, Label> = {
  a: { zh: '优秀', en: 'Excellent' }, b: { zh: '良好', en: 'Good' }, c: { zh: '一般', en: 'Fair' }, d: { zh: '较差', en: 'Weak' },
};
/** 星级党支部 branch rating */
export const ORG_RATINGS = ['five_star', 'four_star', 'three_star', 'two_star', 'one_star'] as const;
export type OrgRating = (typeof ORG_RATINGS)[number];
export const orgRatingSchema = z.enum(ORG_RATINGS);
export const ORG_RATING_LABELS: Record<OrgRating, Label> = {
  five_star: { zh: '五星', en: 'Five stars' }, four_star: { zh: '四星', en: 'Four stars' }, three_star: { zh: '三星', en: 'Three stars' },
  two_star: { zh: '二星', en: 'Two stars' }, one_star: { zh: '一星', en: 'One star' },
};

export const MEMBER_UNIT_KINDS = ['organ', 'enterprise', 'institution', 'school', 'hospital', 'social_org', 'other'] as const;
export const memberUnitKindSchema = z.enum(MEMBER_UNIT_KINDS);
export const MEMBER_UNIT_KIND_LABELS: Record<(typeof MEMBER_UNIT_KINDS)[number], Label> = {
  organ: { zh: '机关单位', en: 'Government organ' }, enterprise: { zh: '企业', en: 'Enterprise' },
  institution: { zh: '事业单位', en: 'Public institution' }, school: { zh: '学校', en: 'School' },
  hospital: { zh: '医院', en: 'Hospital' }, social_org: { zh: '社会组织', en: 'Social organisation' }, other: { zh: '其他', en: 'Other' },
};

export const CADRE_KINDS = ['reserve_cadre', 'village_reserve', 'first_secretary'] as const;
export const cadreKindSchema = z.enum(CADRE_KINDS);
export const CADRE_KIND_LABELS: Record<(typeof CADRE_KINDS)[number], Label> = {
  reserve_cadre: { zh: '后备干部', en: 'Reserve cadre' },
  village_reserve: { zh: '村级储备干部', en: 'Village reserve cadre' },
  first_secretary: { zh: '第一书记', en: 'First secretary' },
};

/** `commando` teams and `temporary_branch` orgs are reused by the emergency module. */
export const POST_KINDS = ['responsibility_post', 'pioneer_post', 'commando'] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const postKindSchema = z.enum(POST_KINDS);
export const POST_KIND_LABELS: Record<PostKind, Label> = {
  responsibility_post: { zh: '党员责任岗', en: 'Responsibility post' },
  pioneer_post: { zh: '党员先锋岗', en: 'Pioneer post' },
  commando: { zh: '党员突击队', en: 'Commando team' },
};

export const COURSE_MODES = ['online', 'offline'] as const;
export const courseModeSchema = z.enum(COURSE_MODES);
export const POINT_ENTRY_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const pointEntryStatusSchema = z.enum(POINT_ENTRY_STATUSES);

// ---- recruitment: one transition table ----

export const RECRUIT_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full', 'dropped'] as const;
export type RecruitStage = (typeof RECRUIT_STAGES)[number];
export const recruitStageSchema = z.enum(RECRUIT_STAGES);
export const RECRUIT_STAGE_LABELS: Record<RecruitStage, Label> = {
  applicant: { zh: '入党申请人', en: 'Applicant' },
  activist: { zh: '入党积极分子', en: 'Activist' },
  candidate: { zh: '发展对象', en: 'Development candidate' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
  full: { zh: '正式党员', en: 'Full member' },
  dropped: { zh: '终止培养', en: 'Dropped' },
};

export const RECRUIT_STEPS = [
  'application_letter', 'talk', 'recommendation', 'committee_decision', 'training_course', 'political_review',
  'sponsors', 'branch_vote', 'higher_approval', 'oath', 'probation_review',
] as const;
export type RecruitStep = (typeof RECRUIT_STEPS)[number];
export const recruitStepSchema = z.enum(RECRUIT_STEPS);
export const RECRUIT_STEP_LABELS: Record<RecruitStep, Label> = {
  application_letter: { zh: '递交入党申请书', en: 'Application letter' },
  talk: { zh: '党组织派人谈话', en: 'Talk with the organisation' },
  recommendation: { zh: '推荐（党员推荐/群团推优）', en: 'Recommendation' },
  committee_decision: { zh: '支委会研究确定', en: 'Committee decision' },
  training_course: { zh: '短期集中培训', en: 'Training course' },
  political_review: { zh: '政治审查', en: 'Political review' },
  sponsors: { zh: '确定入党介绍人', en: 'Two sponsors' },
  branch_vote: { zh: '支部大会讨论表决', en: 'Branch meeting vote' },
  higher_approval: { zh: '上级党委审批', en: 'Higher committee approval' },
  oath: { zh: '入党宣誓', en: 'Oath' },
  probation_review: { zh: '预备期考察', en: 'Probation review' },
};

export const RECRUIT_ACTIONS = ['make_activist', 'make_candidate', 'admit', 'confirm', 'drop'] as const;
export type RecruitAction = (typeof RECRUIT_ACTIONS)[number];
export const recruitActionSchema = z.enum(RECRUIT_ACTIONS);

export interface RecruitTransition {
  from: readonly RecruitStage[];
  action: RecruitAction;
  to: RecruitStage;
  /** Steps that must be recorded as done before the move. */
  requires: readonly RecruitStep[];
  /** Minimum months since entering the current stage (活动分子培养一年以上, 预备期一年). */
  minMonths: number;
}
export const RECRUIT_TRANSITIONS: readonly RecruitTransition[] = [
  { from: ['applicant'], action: 'make_activist', to: 'activist', requires: ['application_letter', 'talk', 'recommendation', 'committee_decision'], minMonths: 0 },
  { from: ['activist'], action: 'make_candidate', to: 'candidate', requires: ['training_course'], minMonths: 12 },
  { from: ['candidate'], action: 'admit', to: 'probationary', requires: ['political_review', 'sponsors', 'branch_vote', 'higher_approval'], minMonths: 0 },
  { from: ['probationary'], action: 'confirm', to: 'full', requires: ['oath', 'probation_review'], minMonths: 12 },
  { from: ['applicant', 'activist', 'candidate'], action: 'drop', to: 'dropped', requires: [], minMonths: 0 },
];

/** The transition for (stage, action), or null when the move is not allowed from that stage. */
export function recruitTransition(stage: RecruitStage, action: RecruitAction): RecruitTransition | null {
  return RECRUIT_TRANSITIONS.find((t) => t.action === action && t.from.includes(stage)) ?? null;
}

/** Whole months between two YYYY-MM-DD dates (b ≥ a). */
export function monthsBetween(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
  const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
  return (yb - ya) * 12 + (mb - ma) - (db < da ? 1 : 0);
}

/** Excel headers of the members import/export, in order. 党组织编码 names the organisation. */
export const PARTY_MEMBER_IMPORT_HEADERS = [
  '姓名', '身份证号', '手机号', '党组织编码', '党员类别', '党员状态', '入党日期', '所在网格编码', '工作单位',
] as const;

// ---- API shapes ----

const id = z.string();
const rate = z.number().min(0).max(1);
export const membersByClassSchema = z.object({
  in_service: z.number().int(), two_new: z.number().int(), retired: z.number().int(),
  no_post: z.number().int(), mobile: z.number().int(), hardship: z.number().int(),
});
export type MembersByClass = z.infer<typeof membersByClassSchema>;

export const coverageSchema = z.object({
  grids: z.number().int(),
  gridsWithOrg: z.number().int(),
  estates: z.number().int(),
  estatesWithOrg: z.number().int(),
  members: z.number().int(),
  membersByClass: membersByClassSchema,
  /** in-service members registered with their home community / in-service members */
  dualReportRate: rate,
  /** members with at least one attended session this year / members */
  trainingCoverage: rate,
});
export type Coverage = z.infer<typeof coverageSchema>;

export const committeeMemberSchema = z.object({ name: z.string(), role: z.string(), memberId: id.nullable().optional() });
export const memberUnitSchema = z.object({
  id, orgId: id, name: z.string(), kind: memberUnitKindSchema, contact: z.string().nullable(), joinedOn: z.string().nullable(),
});

export const orgItemSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  type: orgTypeSchema,
  parentId: id.nullable(),
  depth: z.number().int(),
  covers: z.enum(ORG_COVERS),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  unitKind: z.string().nullable(),
  estateId: id.nullable(),
  buildingId: id.nullable(),
  industry: z.string().nullable(),
  secretaryName: z.string().nullable(),
  secretaryMemberId: id.nullable(),
  secretaryGrade: secretaryGradeSchema.nullable(),
  rating: orgRatingSchema.nullable(),
  memberCount: z.number().int(),
  active: z.boolean(),
});
export type OrgItem = z.infer<typeof orgItemSchema>;
export const orgListSchema = z.object({ items: z.array(orgItemSchema), total: z.number().int() });
export const orgDetailSchema = orgItemSchema.extend({
  committee: z.array(committeeMemberSchema),
  memberUnits: z.array(memberUnitSchema),
  children: z.array(orgItemSchema),
  membersByClass: membersByClassSchema,
});
export type OrgDetail = z.infer<typeof orgDetailSchema>;

/** A grid where the "一肩挑" rule fails: grid leader and branch secretary are not the same person (or one is missing). */
export const oneShoulderItemSchema = z.object({
  gridId: id, gridCode: z.string(), gridName: z.string(),
  orgId: id.nullable(), orgName: z.string().nullable(),
  gridLeaderName: z.string().nullable(), secretaryName: z.string().nullable(),
  reason: z.enum(['no_org', 'no_secretary', 'no_grid_leader', 'different_person']),
});
export const oneShoulderListSchema = z.object({ items: z.array(oneShoulderItemSchema), total: z.number().int(), gridsChecked: z.number().int() });

export const transferSchema = z.object({
  id, fromOrgId: id.nullable(), fromOrgName: z.string().nullable(), toOrgId: id, toOrgName: z.string(), on: z.string(), reason: z.string().nullable(),
});
export const memberItemSchema = z.object({
  id,
  personId: id,
  name: z.string(),
  gender: z.string().nullable(),
  /** Always masked (440705********1234). */
  idNumber: z.string().nullable(),
  /** Always masked (138****5678). */
  phone: z.string().nullable(),
  orgId: id,
  orgName: z.string(),
  memberClass: memberClassSchema,
  status: memberStatusSchema,
  joinedOn: z.string().nullable(),
  homeGridId: id.nullable(),
  homeGridName: z.string().nullable(),
  workUnit: z.string().nullable(),
  dualRegistered: z.boolean(),
});
export type MemberItem = z.infer<typeof memberItemSchema>;
export const memberListSchema = z.object({ items: z.array(memberItemSchema), total: z.number().int() });
export const memberDetailSchema = memberItemSchema.extend({
  transfers: z.array(transferSchema),
  serviceHours: z.number(),
  points: z.number(),
  trainedThisYear: z.boolean(),
});
export type MemberDetail = z.infer<typeof memberDetailSchema>;
/** One member's service record (服务档案): everything they did, newest first. */
export const memberRecordSchema = z.object({
  memberId: id,
  dualRegistration: z.object({ communityId: id, communityName: z.string(), registeredOn: z.string() }).nullable(),
  serviceHours: z.number(),
  activities: z.array(z.object({
    signupId: id, activityId: id, title: z.string(), communityName: z.string(), startsAt: z.string(),
    signedUpAt: z.string(), checkedInAt: z.string().nullable(), hours: z.number(),
  })),
  /** Approved points only; pending and rejected entries are listed with their status. */
  points: z.number(),
  pointEntries: z.array(z.object({
    id, ruleName: z.string().nullable(), points: z.number(), reason: z.string().nullable(), occurredOn: z.string(), status: pointEntryStatusSchema,
  })),
  trainings: z.array(z.object({ sessionId: id, courseTitle: z.string(), mode: courseModeSchema, orgName: z.string(), heldOn: z.string(), hours: z.number() })),
  trainingHours: z.number(),
});
export type MemberRecord = z.infer<typeof memberRecordSchema>;
export const memberUnmaskSchema = z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() });

export const partyImportResultSchema = z.object({
  read: z.number().int(), written: z.number().int(), rejected: z.number().int(), personsCreated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});

export const recruitSchema = z.object({
  id, personId: id, name: z.string(), orgId: id, orgName: z.string(), stage: recruitStageSchema,
  /** Date each stage was entered (YYYY-MM-DD), keyed by stage. */
  stageDates: z.record(z.string(), z.string()),
  /** Steps done, with the date. */
  steps: z.record(z.string(), z.string()),
  memberId: id.nullable(),
  /** Actions possible now from this stage, with the steps still missing for each. */
  next: z.array(z.object({ action: recruitActionSchema, to: recruitStageSchema, missingSteps: z.array(recruitStepSchema), earliestOn: z.string().nullable() })),
});
export type Recruit = z.infer<typeof recruitSchema>;
export const recruitListSchema = z.object({ items: z.array(recruitSchema), total: z.number().int(), byStage: z.record(z.string(), z.number().int()) });

export const cadreSchema = z.object({
  id, kind: cadreKindSchema, personId: id, name: z.string(), unitId: id, unitName: z.string(),
  fromOrgan: z.string().nullable(), since: z.string().nullable(), until: z.string().nullable(), note: z.string().nullable(),
});
export const cadreListSchema = z.object({ items: z.array(cadreSchema), total: z.number().int() });

export const dashboardSchema = z.object({
  coverage: coverageSchema,
  buildings: z.number().int(),
  buildingsWithOrg: z.number().int(),
  recruitment: z.record(z.string(), z.number().int()),
  /** Per current basic grid: its org (if any) and a point to draw it on the map. */
  grids: z.array(z.object({
    gridId: id, code: z.string(), name: z.string(), hasOrg: z.boolean(), orgId: id.nullable(), members: z.number().int(),
    lon: z.number().nullable(), lat: z.number().nullable(),
  })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
