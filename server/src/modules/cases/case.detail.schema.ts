import { z } from 'zod';
import { CASE_STATES } from '@gridgov/common';

const ts = z.string();
const label = z.object({ zh: z.string(), en: z.string() });

export const caseDetailSchema = z.object({
  id: z.string(), trackingNo: z.string(), title: z.string(), description: z.string(),
  category: z.object({ code: z.string(), name: z.string(), nameEn: z.string(), lowestLevel: z.string().nullable(), dispute: z.boolean() }).nullable(),
  categoryCode: z.string().nullable(), categoryName: z.string().nullable(), categoryNameEn: z.string().nullable(),
  channel: z.string(), state: z.enum(CASE_STATES), stateLabel: label, stateBefore: z.string().nullable(),
  version: z.number().int(), riskLevel: z.string(), priority: z.number(), deadlineClass: z.string(), holder: z.string(),
  gridId: z.string().nullable(), gridName: z.string().nullable(), gridCode: z.string().nullable(), cellId: z.string().nullable(), cellName: z.string().nullable(),
  ownerUnitId: z.string().nullable(), path: z.string().nullable(),
  lat: z.number().nullable(), lng: z.number().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(), address: z.string().nullable(),
  leadDepartmentId: z.string().nullable(), leadDepartmentName: z.string().nullable(),
  hasResidentReporter: z.boolean(), extra: z.record(z.string(), z.unknown()), mergedIntoId: z.string().nullable(),
  rejectReason: z.string().nullable(), resolution: z.string().nullable(),
  suspensionRequested: z.object({ reason: z.string(), at: z.string() }).nullable(),
  createdAt: ts, updatedAt: ts, acceptedAt: ts.nullable(), firstResponseAt: ts.nullable(), responseDueAt: ts.nullable(), dueAt: ts.nullable(),
  warnLevel: z.string(), handledAt: ts.nullable(), verifiedAt: ts.nullable(), ratedAt: ts.nullable(), closedAt: ts.nullable(),
  resolved: z.boolean().nullable(), satisfaction: z.string().nullable(), ratingComment: z.string().nullable(), unrated: z.boolean(), reopenCount: z.number().int(),
  /** The deadline that matters now and the time left (negative = overdue). */
  countdown: z.object({ dueAt: ts.nullable(), remainingMs: z.number().nullable(), overdue: z.boolean() }),
  allowedActions: z.array(z.string()),
  dispatches: z.array(z.object({
    id: z.string(), departmentId: z.string(), departmentName: z.string(), role: z.string(), state: z.string(), instructions: z.string().nullable(),
    ackDueAt: ts, handleDueAt: ts, ackRemainingMs: z.number().nullable(), handleRemainingMs: z.number().nullable(), overdue: z.boolean(),
    ackWarn: z.string(), handleWarn: z.string(), acknowledgedAt: ts.nullable(), handledAt: ts.nullable(), feedback: z.string().nullable(),
    returnedAt: ts.nullable(), returnReason: z.string().nullable(),
    extension: z.object({ until: z.string(), reason: z.string(), state: z.string() }).passthrough().nullable(), createdAt: ts,
  })),
  photos: z.array(z.object({ id: z.string(), purpose: z.string(), mime: z.string(), bytes: z.number(), url: z.string(), thumbUrl: z.string(), createdAt: ts })),
  mediation: z.object({
    id: z.string(), mediatorId: z.string().nullable(), mediatorName: z.string(), parties: z.array(z.object({ name: z.string(), role: z.string() }).passthrough()),
    state: z.string(), agreement: z.string().nullable(), failureReason: z.string().nullable(), startedAt: ts, endedAt: ts.nullable(),
    sessions: z.array(z.object({ id: z.string(), heldAt: ts, place: z.string().nullable(), notes: z.string() })), agreementUrl: z.string().nullable(),
  }).nullable(),
  reporters: z.array(z.object({ trackingNo: z.string(), channel: z.string(), phone: z.string().nullable(), anonymous: z.boolean(), resident: z.boolean(), name: z.string().nullable() })),
  timeline: z.array(z.object({ id: z.string(), at: ts, action: z.string(), actorId: z.string().nullable(), actorName: z.string(), details: z.record(z.string(), z.unknown()) })),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;
