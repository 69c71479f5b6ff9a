import { z } from 'zod';
import { RISK_LEVELS, SATISFACTION, type Actor, type CaseState } from '@gridgov/common';
import type { Tx } from '../../../db/client.js';
import type { cases } from '../../../db/schema/index.js';
import type { AppContext } from '../../../lib/context.js';
import type { SessionUser } from '../../../lib/scope.js';
import type { Recipients } from '../../notify/notify.js';

/** Who makes a move: a logged-in user acting in their role, or the `system` (jobs) / a `resident` (rating). */
export interface CaseActor {
  user: SessionUser | null;
  as: Actor;
  name: string;
}

const id = z.union([z.string().regex(/^\d{1,18}$/, 'must be a numeric id'), z.number().int().positive()]).transform(Number);
const text = (max: number) => z.string().trim().min(1).max(max);

/** Body of every move; each action reads only the fields it needs (CASE_TRANSITIONS.requires lists the musts). */
export const actionBodySchema = z.object({
  version: z.number().int().positive().optional(),
  reason: text(2000).optional(),
  note: text(4000).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  departments: z.array(z.object({
    departmentId: id,
    role: z.enum(['lead', 'assist']),
    instructions: z.string().max(2000).optional(),
  })).min(1).max(20).optional(),
  intoCaseId: id.optional(),
  gridId: id.optional(),
  rating: z.object({
    resolved: z.boolean(),
    satisfaction: z.enum(SATISFACTION),
    comment: z.string().max(2000).optional(),
  }).optional(),
  mediation: z.object({
    mediatorId: id.optional(),
    parties: z.array(z.object({ name: text(100), role: text(100) })).min(1).max(50),
  }).optional(),
  dispatchId: id.optional(),
  until: z.string().datetime({ offset: true }).optional(),
});
export type ActionBody = z.output<typeof actionBodySchema>;
export type ActionBodyInput = z.input<typeof actionBodySchema>;

export type CaseRow = typeof cases.$inferSelect;
export type CasePatch = Partial<typeof cases.$inferInsert>;
export type Holder = 'grid' | 'community' | 'street' | 'department' | 'mediator' | 'reporter' | 'none';

export interface ActionInput {
  ctx: AppContext;
  tx: Tx;
  by: CaseActor;
  c: CaseRow;
  body: ActionBody;
  action: string;
  /** The table's target: a state, or 'same' / 'previous'. */
  to: CaseState | 'same' | 'previous';
  now: Date;
}

/** Who to tell: a holder of the case (resolved from its territory) or explicit recipients. */
export type NotifyTarget = { holder: Holder } | { to: Recipients } | { highRisk: true };

export interface ActionResult {
  /** Final state when the handler decides it (e.g. a rating that reopens); defaults to the table's target. */
  state?: CaseState;
  set?: CasePatch;
  /** Defaults to the holder implied by the final state. */
  holder?: Holder;
  /** What the timeline shows for this move. */
  after?: Record<string, unknown>;
  /** Follow-on events in the same move (e.g. verify → close at once), written after the main one. */
  followUps?: { action: string; actor: 'system' | 'self'; after?: Record<string, unknown> }[];
  notify?: NotifyTarget[];
  /** Timeline action name when not `case.<action>` (dispatch moves use `dispatch.<action>`). */
  auditAction?: string;
  notice?: string;
}

export type ActionHandler = (i: ActionInput) => Promise<ActionResult>;
