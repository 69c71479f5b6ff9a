import { sql } from 'drizzle-orm';
import { CASE_STATE_LABELS, normalisePhone, type CaseState, type Label } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { AppContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import { applyCaseAction } from '../cases/workflow.js';

export type Lang = 'zh' | 'en';

/** What a resident sees of each step: no staff names, no phones, no internal notes. Unlisted actions are left out. */
const PUBLIC_STEPS: Record<string, Label> = {
  'case.create': { zh: '已登记', en: 'Reported' },
  'case.accept': { zh: '已受理', en: 'Accepted' },
  'case.reject': { zh: '不予受理', en: 'Not accepted' },
  'case.handle_in_grid': { zh: '网格员处置中', en: 'Being handled by the grid worker' },
  'case.escalate': { zh: '已提交上级处理', en: 'Passed up for handling' },
  'case.reroute': { zh: '已转至负责网格', en: 'Passed to the responsible grid' },
  'case.start_mediation': { zh: '进入调解', en: 'Mediation started' },
  'case.mediation_agreed': { zh: '调解达成协议', en: 'Mediation reached an agreement' },
  'case.mediation_failed': { zh: '调解未成，转交办理', en: 'Mediation failed; passed on for handling' },
  'case.dispatch': { zh: '已派单至职能部门', en: 'Sent to the responsible department' },
  'dispatch.acknowledge': { zh: '职能部门已签收', en: 'The department has taken it on' },
  'dispatch.feedback': { zh: '职能部门已反馈办理结果', en: 'The department has reported back' },
  'dispatch.return': { zh: '重新分派中', en: 'Being reassigned' },
  'case.resolve': { zh: '已办结', en: 'Handled' },
  'case.verify': { zh: '已现场核查', en: 'Checked on site' },
  'case.verify_failed': { zh: '核查未通过，重新办理', en: 'On-site check failed; handling again' },
  'case.rate': { zh: '已评价', en: 'Rated' },
  'case.close': { zh: '已结案', en: 'Closed' },
  'case.close_unrated': { zh: '已结案（未评价）', en: 'Closed (not rated)' },
  'case.reopen': { zh: '已重新办理', en: 'Reopened' },
  'case.approve_suspension': { zh: '暂缓办理', en: 'On hold' },
  'case.resume': { zh: '恢复办理', en: 'Resumed' },
  'case.merge': { zh: '与同一事项合并办理', en: 'Merged with another report of the same matter' },
};

export interface TrackResult {
  trackingNo: string;
  state: CaseState;
  stateLabel: string;
  category: { code: string; name: string; nameEn: string } | null;
  categoryCode: string | null;
  createdAt: string;
  /** Shown to the reporter when the matter was not accepted (issue 4 §6). */
  rejectReason: string | null;
  /** Steps in order; `label` in the caller's language, `labelEn` always English. */
  timeline: { at: string; action: string; label: string; labelEn: string; note?: string }[];
  canRate: boolean;
  rating: { resolved: boolean; satisfaction: string; comment: string | null; at: string } | null;
}

interface Found { caseId: number; ownCaseId: number; trackingNo: string; resident: boolean; mergedFrom: number[] }

/**
 * The case a (tracking number, phone) pair opens, following merges to the case that carries on the work. Any
 * mismatch is null, so an unknown number and a wrong phone look the same from outside.
 */
export async function findReported(tx: Tx, ctx: AppContext, trackingNo: string, phone: string): Promise<Found | null> {
  const p = normalisePhone(phone);
  if (!/^\d{5,15}$/.test(p)) return null;
  const [r] = await queryRows<{ case_id: string; resident: boolean }>(tx, sql`
    SELECT case_id::text, resident FROM case_reporters
    WHERE tracking_no = ${trackingNo} AND phone_bidx = ${ctx.crypto.blindIndex(p)} ORDER BY id LIMIT 1`);
  if (!r) return null;
  const own = Number(r.case_id);
  let id = own;
  const chain: number[] = [];
  for (let hops = 0; hops < 10; hops++) {
    const [c] = await queryRows<{ merged_into_id: string | null; state: string }>(tx, sql`SELECT merged_into_id::text, state FROM cases WHERE id = ${id}`);
    if (!c || c.state !== 'merged' || !c.merged_into_id) break;
    chain.push(id);
    id = Number(c.merged_into_id);
  }
  return { caseId: id, ownCaseId: own, trackingNo, resident: r.resident, mergedFrom: chain };
}

export async function track(ctx: AppContext, trackingNo: string, phone: string, lang: Lang): Promise<TrackResult> {
  const f = await findReported(ctx.db, ctx, trackingNo, phone);
  if (!f) throw notFoundPair();
  const [c] = await queryRows<{ category_code: string | null; name_zh: string | null; name_en: string | null; created_at: string | Date }>(ctx.db, sql`
    SELECT c.category_code, k.name_zh, k.name_en, c.created_at
    FROM cases c LEFT JOIN case_categories k ON k.code = c.category_code WHERE c.id = ${f.ownCaseId}`);
  const [target] = await queryRows<{ state: CaseState; reject_reason: string | null; resolved: boolean | null; satisfaction: string | null; rating_comment: string | null; rated_at: string | Date | null }>(ctx.db, sql`
    SELECT state, reject_reason, resolved, satisfaction, rating_comment, rated_at FROM cases WHERE id = ${f.caseId}`);
  const ids = [...new Set([f.ownCaseId, ...f.mergedFrom, f.caseId])];
  const events = await queryRows<{ at: string | Date; action: string; entity_id: string; after: Record<string, unknown> | null }>(ctx.db, sql`
    SELECT at, action, entity_id, after FROM audit_events
    WHERE entity_type = 'case' AND entity_id IN (${sql.join(ids.map((i) => sql`${String(i)}`), sql`, `)})
    ORDER BY at, id`);
  const timeline: TrackResult['timeline'] = [];
  for (const e of events) {
    const label = PUBLIC_STEPS[e.action];
    // The case this one was merged into has its own "reported" step; the resident's own report is the one shown.
    if (!label || (e.action === 'case.create' && Number(e.entity_id) !== f.ownCaseId)) continue;
    const step: TrackResult['timeline'][number] = { at: new Date(e.at).toISOString(), action: e.action, label: label[lang], labelEn: label.en };
    // A rejection's reason is shown to the reporter (issue 4 §6); nothing else staff write is.
    if (e.action === 'case.reject' && typeof e.after?.reason === 'string') step.note = e.after.reason;
    timeline.push(step);
  }
  const state = target!.state;
  return {
    trackingNo: f.trackingNo,
    state,
    stateLabel: CASE_STATE_LABELS[state]?.[lang] ?? state,
    category: c!.category_code ? { code: c!.category_code, name: c!.name_zh ?? c!.category_code, nameEn: c!.name_en ?? c!.category_code } : null,
    categoryCode: c!.category_code,
    createdAt: new Date(c!.created_at).toISOString(),
    rejectReason: target!.state === 'rejected' ? target!.reject_reason : null,
    timeline,
    canRate: f.resident && state === 'verified',
    rating: target!.satisfaction && target!.rated_at
      ? { resolved: !!target!.resolved, satisfaction: target!.satisfaction, comment: target!.rating_comment, at: new Date(target!.rated_at).toISOString() }
      : null,
  };
}

/** A resident's rating (resolved? satisfied?) through the workflow's `rate` move, acting as 'resident'. */
export async function rate(ctx: AppContext, trackingNo: string, body: { phone: string; resolved: boolean; satisfaction: 'satisfied' | 'basic' | 'unsatisfied'; comment?: string }, lang: Lang) {
  const f = await findReported(ctx.db, ctx, trackingNo, body.phone);
  if (!f) throw notFoundPair();
  if (!f.resident) {
    throw new AppError('CASE_INVALID_TRANSITION', 'This report is not awaiting a rating', { action: 'rate', allowed: [] });
  }
  const r = await applyCaseAction(ctx, { user: null, as: 'resident', name: 'resident' }, f.caseId, 'rate', {
    rating: { resolved: body.resolved, satisfaction: body.satisfaction, ...(body.comment ? { comment: body.comment } : {}) },
  });
  return { trackingNo, state: r.state, stateLabel: CASE_STATE_LABELS[r.state]?.[lang] ?? r.state };
}

const notFoundPair = () => new AppError('NOT_FOUND', 'No report matches this tracking number and phone number');
