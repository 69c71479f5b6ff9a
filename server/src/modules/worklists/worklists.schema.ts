import { z } from 'zod';
import { CASE_STATES, CHANNELS, RISK_LEVELS } from '@gridgov/common';
import { idParam } from '../../lib/ids.js';

const csv = <T extends z.ZodTypeAny>(item: T, field: string) => z.string().trim().min(1).transform((s, ctx) => {
  const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
  const out: z.infer<T>[] = [];
  for (const p of parts) {
    const r = item.safeParse(p);
    if (!r.success) {
      ctx.addIssue({ code: 'custom', message: `${field}: ${p} is not one of the allowed values` });
      return z.NEVER;
    }
    out.push(r.data);
  }
  return out;
});
const dateOrTime = z.string().regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be a date (YYYY-MM-DD) or an ISO date-time')
  .refine((s) => !Number.isNaN(new Date(s.length === 10 ? `${s}T00:00:00+08:00` : s).getTime()), 'must be a real date');
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const listQuery = z.object({
  view: z.enum(['todo', 'all']).default('all'),
  state: csv(z.enum(CASE_STATES), 'state').optional(),
  /** A leaf code, or a group code for all its leaves. */
  category: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, 'must be a category code').optional(),
  unitId: idParam.optional(),
  overdue: bool.optional(),
  channel: csv(z.enum(CHANNELS), 'channel').optional(),
  risk: csv(z.enum(RISK_LEVELS), 'risk').optional(),
  from: dateOrTime.optional(),
  to: dateOrTime.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListQuery = z.infer<typeof listQuery>;

export const caseListItem = z.object({
  id: z.string(),
  trackingNo: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  categoryName: z.string().nullable(),
  channel: z.string(),
  state: z.string(),
  version: z.number(),
  riskLevel: z.string(),
  priority: z.number(),
  holder: z.string(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  address: z.string().nullable(),
  leadDepartment: z.string().nullable(),
  createdAt: z.string(),
  /** The most pressing deadline now: an open dispatch's 报到/handling deadline, else the case's own. */
  nextDueAt: z.string().nullable(),
  msLeft: z.number().nullable(),
  overdue: z.boolean(),
  warnLevel: z.string(),
});
export type CaseListItem = z.infer<typeof caseListItem>;
export const listResponse = z.object({ items: z.array(caseListItem), total: z.number(), page: z.number(), pageSize: z.number() });

export const countsQuery = z.object({ unitId: idParam.optional() });
export const countsResponse = z.object({
  total: z.number(), open: z.number(), overdue: z.number(), todo: z.number(),
  byState: z.record(z.string(), z.number()),
});

// A board column shows what fits on a screen (20 cards, most urgent first) and a count; the filtered list has the rest.
export const boardQuery = z.object({ unitId: idParam.optional(), limit: z.coerce.number().int().min(1).max(200).default(20) });
export const boardCard = caseListItem.extend({
  dispatches: z.array(z.object({
    id: z.string(), departmentId: z.string(), department: z.string(), role: z.string(), state: z.string(),
    ackDueAt: z.string(), handleDueAt: z.string(), acknowledgedAt: z.string().nullable(),
  })),
});
export type BoardCard = z.infer<typeof boardCard>;
export const BOARD_COLUMNS = ['toDispatch', 'waitingAck', 'inProgress', 'overdue'] as const;
export type BoardColumn = (typeof BOARD_COLUMNS)[number];
/** `count` stops at 1000; `capped` says there are more. */
const column = z.object({ count: z.number(), capped: z.boolean(), items: z.array(boardCard) });
export const boardResponse = z.object({
  now: z.string(),
  columns: z.object({ toDispatch: column, waitingAck: column, inProgress: column, overdue: column }),
});

export const bulkDispatchBody = z.object({
  caseIds: z.array(idParam).min(1).max(100),
  departments: z.array(z.object({
    departmentId: idParam,
    role: z.enum(['lead', 'assist']),
    instructions: z.string().max(2000).optional(),
  })).min(1).max(20),
  note: z.string().trim().min(1).max(4000).optional(),
});
export const bulkDispatchResponse = z.object({
  ok: z.number(), failed: z.number(),
  results: z.array(z.object({
    id: z.string(), ok: z.boolean(), state: z.string().optional(), version: z.number().optional(),
    error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).optional(),
  })),
});
