import { z } from 'zod';
import { CHANNELS, DEADLINE_CLASS_KEYS, LEVELS, RISK_LEVELS } from '@gridgov/common';

const deadlineClass = z.enum(DEADLINE_CLASS_KEYS as [string, ...string[]]);
const deptKey = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, 'must be a department key such as chengguan');
export const requiredField = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'must be a field key such as area'),
  zh: z.string().min(1).max(60),
  en: z.string().min(1).max(60),
  type: z.enum(['text', 'number', 'date']),
});
export const guidance = z.object({
  channels: z.array(z.enum(CHANNELS)).min(1),
  zh: z.string().min(1).max(300),
  en: z.string().min(1).max(300),
});

/** A category as the API shows it. The tree is two levels deep: groups, then leaves (whose `children` is empty). */
export const nodeBase = z.object({
  code: z.string(), name: z.string(), nameEn: z.string(), kind: z.enum(['group', 'leaf']),
  deadlineClass: z.string(), lowestLevel: z.string(),
  leadDepartment: z.string().nullable(), assistDepartments: z.array(z.string()),
  requiredFields: z.array(requiredField), urgent: z.boolean(), dispute: z.boolean(),
  guidance: guidance.nullable(), defaultRisk: z.string(), active: z.boolean(),
});
export const leafNode = nodeBase.extend({ children: z.array(z.any()).max(0) });
export const categoryNode = nodeBase.extend({ children: z.array(leafNode) });
export type CategoryNode = z.infer<typeof categoryNode>;
export type CategoryItem = z.infer<typeof nodeBase>;
export const catalogueResponse = z.object({ categories: z.array(categoryNode) });
export const catalogueQuery = z.object({
  /** Managers see retired categories too. */
  all: z.enum(['0', '1', 'true', 'false']).optional(),
});

export const categoryParams = z.object({ code: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, 'must be a category code') });
export const categoryPatch = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  nameEn: z.string().trim().min(1).max(120).optional(),
  lowestLevel: z.enum(LEVELS).optional(),
  deadlineClass: deadlineClass.optional(),
  leadDepartment: deptKey.nullable().optional(),
  assistDepartments: z.array(deptKey).max(8).optional(),
  requiredFields: z.array(requiredField).max(8).optional(),
  urgent: z.boolean().optional(),
  dispute: z.boolean().optional(),
  guidance: guidance.nullable().optional(),
  defaultRisk: z.enum(RISK_LEVELS).optional(),
  active: z.boolean().optional(),
}).strict();
export type CategoryPatch = z.infer<typeof categoryPatch>;

export const dayParam = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD') });
export const calendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const calendarDay = z.object({ day: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() });
export const calendarResponse = z.object({ year: z.number(), days: z.array(calendarDay) });
export const calendarDayBody = z.object({ kind: z.enum(['holiday', 'workday']), name: z.string().trim().min(1).max(40) });
