import { z } from 'zod';
import { courseModeSchema, pointEntryStatusSchema, postKindSchema } from './party.js';

/** Party service shapes split from common/src/party.ts: 双报到双服务, points, posts and teams, training. */

const id = z.string();
const rate = z.number().min(0).max(1);

export const dualRegistrationSchema = z.object({
  id, kind: z.enum(['organ', 'member']), communityId: id, communityName: z.string(),
  organName: z.string().nullable(), memberId: id.nullable(), memberName: z.string().nullable(), registeredOn: z.string(),
});
export const dualRegistrationListSchema = z.object({ items: z.array(dualRegistrationSchema), total: z.number().int() });

export const activitySchema = z.object({
  id, communityId: id, communityName: z.string(), title: z.string(), category: z.string().nullable(), place: z.string().nullable(),
  startsAt: z.string(), endsAt: z.string().nullable(), capacity: z.number().int().nullable(), plannedHours: z.number(),
  signups: z.number().int(), checkedIn: z.number().int(), hours: z.number(),
});
export const activityListSchema = z.object({ items: z.array(activitySchema), total: z.number().int() });
export const signupSchema = z.object({
  id, activityId: id, memberId: id, memberName: z.string(), signedUpAt: z.string(), checkedInAt: z.string().nullable(), hours: z.number(),
});
/** A sign-up as listed on its activity: the member's phone is always masked (138****5678); full numbers only via unmask. */
export const signupItemSchema = signupSchema.extend({ memberPhone: z.string().nullable(), memberOrgName: z.string() });
export const signupListSchema = z.object({ items: z.array(signupItemSchema), total: z.number().int() });
export const serviceStatsSchema = z.object({
  byOrgan: z.array(z.object({ organName: z.string(), members: z.number().int(), registered: z.number().int(), activities: z.number().int(), hours: z.number() })),
  byMember: z.array(z.object({ memberId: id, name: z.string(), workUnit: z.string().nullable(), activities: z.number().int(), hours: z.number() })),
});

export const pointRuleSchema = z.object({
  id, code: z.string(), name: z.string(), points: z.number(), unitId: id.nullable(), active: z.boolean(),
});
export const pointRuleListSchema = z.object({ items: z.array(pointRuleSchema) });
export const pointEntrySchema = z.object({
  id, memberId: id, memberName: z.string(), orgId: id, ruleId: id.nullable(), ruleName: z.string().nullable(), points: z.number(),
  reason: z.string().nullable(), occurredOn: z.string(), status: pointEntryStatusSchema, decidedAt: z.string().nullable(),
});
export const pointEntryListSchema = z.object({ items: z.array(pointEntrySchema), total: z.number().int() });
export const pointTotalsSchema = z.object({
  items: z.array(z.object({ orgId: id, orgName: z.string(), members: z.number().int(), points: z.number(), pending: z.number().int() })),
});
export const pointRankingSchema = z.object({
  items: z.array(z.object({ rank: z.number().int(), memberId: id, name: z.string(), orgName: z.string(), points: z.number() })),
});
export const partySettingsSchema = z.object({ districtId: id, rankingsEnabled: z.boolean() });

export const postSchema = z.object({
  id, kind: postKindSchema, name: z.string(), orgId: id.nullable(), gridId: id.nullable(), gridName: z.string().nullable(),
  duty: z.string().nullable(), members: z.array(z.object({ memberId: id, name: z.string() })),
});
export const postListSchema = z.object({ items: z.array(postSchema), total: z.number().int() });
export const contactGroupSchema = z.object({
  id, name: z.string(), memberId: id, memberName: z.string(), gridId: id, gridName: z.string().nullable(),
  householdIds: z.array(id), households: z.number().int(), visits: z.number().int(), lastVisitOn: z.string().nullable(),
  /** The households as labels: address (room) and the head's name masked (张*明); never their numbers. */
  householdList: z.array(z.object({ id, address: z.string(), headName: z.string().nullable() })),
});
export const contactGroupListSchema = z.object({ items: z.array(contactGroupSchema), total: z.number().int() });
export const visitSchema = z.object({
  id, groupId: id, householdId: id, memberId: id, visitedOn: z.string(), note: z.string().nullable(),
});

export const courseSchema = z.object({
  id, title: z.string(), mode: courseModeSchema, materialUrl: z.string().nullable(), hours: z.number(), sessions: z.number().int(),
});
export const courseListSchema = z.object({ items: z.array(courseSchema) });
export const sessionSchema = z.object({
  id, courseId: id, courseTitle: z.string(), orgId: id, orgName: z.string(), heldOn: z.string(), place: z.string().nullable(), attended: z.number().int(),
});
export const sessionListSchema = z.object({ items: z.array(sessionSchema), total: z.number().int() });
export const trainingCoverageSchema = z.object({
  year: z.number().int(),
  items: z.array(z.object({ orgId: id, orgName: z.string(), members: z.number().int(), trained: z.number().int(), coverage: rate })),
});
