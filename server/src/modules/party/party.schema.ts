import { z } from 'zod';
import {
  cadreKindSchema, courseModeSchema, memberClassSchema, memberStatusSchema, memberUnitKindSchema, orgRatingSchema,
  orgTypeSchema, pointEntryStatusSchema, postKindSchema, recruitActionSchema, recruitStageSchema, recruitStepSchema,
  secretaryGradeSchema,
} from '@gridgov/common';
import { idParam } from '../../lib/ids.js';

/** Request schemas of /api/party (responses live in common/src/party.ts). */

export const params = z.object({ id: idParam });
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
const page = {
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
};
const noDigits = (s: string) => !/\d{7,}/.test(s);

export const unitQuery = z.object({ unitId: idParam.optional() });
export const yearQuery = z.object({ unitId: idParam.optional(), orgId: idParam.optional(), year: z.coerce.number().int().min(2000).max(2100).optional(), ...page });

export const listOrgsQuery = z.object({
  unitId: idParam.optional(), type: orgTypeSchema.optional(), q: z.string().trim().max(50).optional(), ...page,
});

const committee = z.array(z.object({ name: text(64), role: text(32), memberId: idParam.nullable().optional() })).max(30);
export const createOrgBody = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only').optional(),
  name: text(100),
  type: orgTypeSchema,
  parentId: idParam.nullable().optional(),
  unitId: idParam.optional(),
  estateId: idParam.optional(),
  buildingId: idParam.optional(),
  industry: text(64).optional(),
  secretaryName: text(64).nullable().optional(),
  secretaryMemberId: idParam.nullable().optional(),
  secretaryGrade: secretaryGradeSchema.nullable().optional(),
  rating: orgRatingSchema.nullable().optional(),
  committee: committee.optional(),
}).refine((b) => b.unitId || b.estateId || b.buildingId, { message: 'give unitId, estateId or buildingId (industry orgs: the unit they sit in)', path: ['unitId'] });
export type CreateOrgBody = z.infer<typeof createOrgBody>;

export const updateOrgBody = z.object({
  name: text(100).optional(),
  secretaryName: text(64).nullable().optional(),
  secretaryMemberId: idParam.nullable().optional(),
  secretaryGrade: secretaryGradeSchema.nullable().optional(),
  rating: orgRatingSchema.nullable().optional(),
  committee: committee.optional(),
  active: z.boolean().optional(),
});
export type UpdateOrgBody = z.infer<typeof updateOrgBody>;

export const memberUnitBody = z.object({
  name: text(100), kind: memberUnitKindSchema, contact: text(64).refine(noDigits, 'no phone numbers here; name a contact person').nullable().optional(),
  joinedOn: date.nullable().optional(),
});

export const listMembersQuery = z.object({
  orgId: idParam.optional(),
  unitId: idParam.optional(),
  /** true = only the organisation itself, not its sub-organisations */
  direct: z.enum(['true', 'false']).optional(),
  /** members living in this grid (融网进格), whatever organisation they belong to in your scope */
  homeGridId: idParam.optional(),
  class: memberClassSchema.optional(),
  status: memberStatusSchema.optional(),
  q: z.string().trim().max(50).refine(noDigits, 'search ID or phone numbers with POST /api/people/persons/search, not in the URL').optional(),
  ...page,
});

export const createMemberBody = z.object({
  orgId: idParam,
  idNumber: z.string().trim().min(1).max(32),
  name: text(64),
  phone: z.string().trim().max(32).nullable().optional(),
  memberClass: memberClassSchema,
  status: memberStatusSchema.default('full'),
  joinedOn: date.nullable().optional(),
  homeGridId: idParam.nullable().optional(),
  workUnit: text(100).nullable().optional(),
});
export type CreateMemberBody = z.infer<typeof createMemberBody>;

export const updateMemberBody = z.object({
  memberClass: memberClassSchema.optional(),
  status: memberStatusSchema.optional(),
  joinedOn: date.nullable().optional(),
  homeGridId: idParam.nullable().optional(),
  workUnit: text(100).nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateMemberBody = z.infer<typeof updateMemberBody>;

export const transferBody = z.object({ toOrgId: idParam, on: date.optional(), reason: text(200).nullable().optional() });
export const unmaskBody = z.object({ reason: text(200).optional() }).optional();
export const exportQuery = z.object({ orgId: idParam.optional(), unitId: idParam.optional() });

export const listRecruitsQuery = z.object({ orgId: idParam.optional(), unitId: idParam.optional(), stage: recruitStageSchema.optional(), ...page });
export const createRecruitBody = z.object({
  orgId: idParam, personId: idParam.optional(), idNumber: z.string().trim().max(32).optional(), name: text(64).optional(),
  appliedOn: date,
}).refine((b) => b.personId || (b.idNumber && b.name), { message: 'give personId, or idNumber and name', path: ['personId'] });
export const stepBody = z.object({ step: recruitStepSchema, doneOn: date });
export const transitionBody = z.object({ action: recruitActionSchema, on: date, memberClass: memberClassSchema.optional() });

export const listCadresQuery = z.object({ unitId: idParam.optional(), kind: cadreKindSchema.optional(), ...page });
/** The person by id, or by ID number + name (found by the number, created when new: one ID number, one person). */
export const createCadreBody = z.object({
  kind: cadreKindSchema, personId: idParam.optional(), idNumber: z.string().trim().max(32).optional(), name: text(64).optional(),
  unitId: idParam, fromOrgan: text(100).nullable().optional(),
  since: date.nullable().optional(), until: date.nullable().optional(), note: text(500).nullable().optional(),
}).refine((b) => b.personId || (b.idNumber && b.name), { message: 'give personId, or idNumber and name', path: ['personId'] });
export type CreateCadreBody = z.infer<typeof createCadreBody>;

export const createDualBody = z.object({
  kind: z.enum(['organ', 'member']), communityId: idParam, organName: text(100).optional(), memberId: idParam.optional(),
  registeredOn: date.optional(),
}).refine((b) => (b.kind === 'organ' ? !!b.organName : !!b.memberId), { message: 'organ needs organName, member needs memberId', path: ['kind'] });

export const createActivityBody = z.object({
  communityId: idParam, title: text(100), category: text(32).nullable().optional(), place: text(100).nullable().optional(),
  startsAt: z.string().datetime({ offset: true }), endsAt: z.string().datetime({ offset: true }).nullable().optional(),
  capacity: z.number().int().min(1).max(10000).nullable().optional(), plannedHours: z.number().min(0).max(24).default(2),
});
export const signupBody = z.object({ memberId: idParam });
export const hoursBody = z.object({ hours: z.number().min(0).max(24) });

export const pointRuleBody = z.object({ code: z.string().trim().regex(/^[a-z0-9_]{1,40}$/), name: text(100), points: z.number().min(-100).max(100), unitId: idParam.nullable().optional() });
export const updatePointRuleBody = z.object({ name: text(100).optional(), points: z.number().min(-100).max(100).optional(), active: z.boolean().optional() });
export const listPointsQuery = z.object({ orgId: idParam.optional(), unitId: idParam.optional(), status: pointEntryStatusSchema.optional(), ...page });
export const createPointBody = z.object({
  memberId: idParam, ruleId: idParam.optional(), points: z.number().min(-100).max(100).optional(), reason: text(200).nullable().optional(),
  occurredOn: date.optional(),
}).refine((b) => b.ruleId || b.points !== undefined, { message: 'give ruleId or points', path: ['ruleId'] });
export const decideBody = z.object({ decision: z.enum(['approved', 'rejected']) });
export const settingsBody = z.object({ unitId: idParam, rankingsEnabled: z.boolean() });

export const listPostsQuery = z.object({ unitId: idParam.optional(), kind: postKindSchema.optional(), ...page });
export const createPostBody = z.object({
  kind: postKindSchema, name: text(100), orgId: idParam.nullable().optional(), gridId: idParam.nullable().optional(), duty: text(500).nullable().optional(),
}).refine((b) => b.orgId || b.gridId, { message: 'give orgId or gridId', path: ['gridId'] });
export const postMemberBody = z.object({ memberId: idParam });
export const createGroupBody = z.object({ name: text(100), memberId: idParam, gridId: idParam, householdIds: z.array(idParam).max(200).default([]) });
export const visitBody = z.object({ householdId: idParam, visitedOn: date.optional(), note: text(500).nullable().optional() });

export const createCourseBody = z.object({ title: text(100), mode: courseModeSchema, materialUrl: z.string().url().nullable().optional(), hours: z.number().min(0).max(100).default(1) });
export const createSessionBody = z.object({ courseId: idParam, orgId: idParam, heldOn: date, place: text(100).nullable().optional() });
export const attendanceBody = z.object({ memberIds: z.array(idParam).min(1).max(2000) });
