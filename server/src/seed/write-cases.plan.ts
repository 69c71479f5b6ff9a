import { DEADLINE_CLASSES, type CaseState, type DeadlineClass } from '@gridgov/common';
import { ackDueAt, dueAt, type WorkCalendar } from '../modules/catalogue/deadlines.js';
import { chance, pick, pickWeighted, randInt, type Rng } from './factories.js';
import type { CategoryRec } from './write-catalogue.js';

/**
 * One demo case simulated from its report to "now": the whole path is planned with realistic step times, then
 * cut at now, so recent cases are naturally still open (in the grid, waiting for 报到, overdue …) and older
 * ones closed. Every step is a row of CASE_TRANSITIONS / DISPATCH_TRANSITIONS.
 */
const H = 3600_000;

export type Level = 'grid' | 'community' | 'street' | 'department' | 'mediator' | 'resident' | 'system';
export interface PlanEvent { action: string; state: CaseState; at: Date; by: Level; after: Record<string, unknown>; dispatch?: number }
export interface PlanDispatch {
  deptKey: string; role: 'lead' | 'assist'; createdAt: Date; ackDueAt: Date; handleDueAt: Date;
  ackAt: Date | null; handledAt: Date | null; returnedAt: Date | null; returnReason: string | null; feedback: string | null;
}
export interface CasePlan {
  created: Date; cls: DeadlineClass; resident: boolean; events: PlanEvent[]; dispatches: PlanDispatch[];
  mediation: { agreedAt: Date | null; startedAt: Date } | null;
  rating: { resolved: boolean; satisfaction: 'satisfied' | 'basic' | 'unsatisfied'; comment: string | null } | null;
}

const SATISFIED_COMMENTS = ['处理很及时，谢谢网格员', '问题已解决，满意', '部门响应快', null, null, null];
const BASIC_COMMENTS = ['解决了，但是时间有点长', '基本解决，希望加强日常巡查', null];

/**
 * `deptKeys`: the lead and assisting department keys available for this case's district (already filtered to
 * departments that exist there).
 */
export function planCase(rng: Rng, o: {
  created: Date; now: Date; cat: CategoryRec; channel: string; cal: WorkCalendar; lead: string | null; assist: string[]; otherKeys: string[];
}): CasePlan {
  const { created, cat, cal } = o;
  const cls = cat.deadlineClass as DeadlineClass;
  const resident = o.channel !== 'field' && o.channel !== 'external';
  const events: PlanEvent[] = [];
  const dispatches: PlanDispatch[] = [];
  let t = created.getTime();
  const urgent = DEADLINE_CLASSES[cls].calendar;
  // Hours scaled to the class: an h2 matter moves in minutes, a d15 one over days.
  const scale = cls === 'h2' ? 0.15 : cls === 'h24' ? 0.5 : cls === 'd7' ? 1 : 1.6;
  const step = (action: string, state: CaseState, hours: number, by: Level, after: Record<string, unknown> = {}, dispatch?: number) => {
    t += Math.max(0.05, hours) * H;
    events.push({ action, state, at: new Date(t), by, after: { state, ...after }, dispatch });
  };
  const hrs = (lo: number, hi: number) => (lo + rng() * (hi - lo)) * scale;

  let mediation: CasePlan['mediation'] = null;
  let rating: CasePlan['rating'] = null;

  // 4 % are not matters for us at all (rejected with a reason shown to the reporter).
  if (chance(rng, 0.04)) {
    step('case.reject', 'rejected', hrs(0.3, 6), o.channel === 'field' ? 'community' : 'street', { reason: '不属于受理范围，已告知反映人向相关单位咨询' });
    return { created, cls, resident, events, dispatches, mediation, rating };
  }
  const triageByCentre = o.channel === 'hotline' || o.channel === 'petition';
  step('case.accept', 'accepted', urgent ? 0.1 + rng() * 0.3 : hrs(0.2, 8), triageByCentre ? 'street' : 'grid', { riskLevel: cat.defaultRisk });

  const level = cat.lowestLevel;
  const mediate = cat.dispute && chance(rng, 0.6);
  if (mediate) {
    step('case.start_mediation', 'mediation', hrs(2, 24), 'community', { mediator: '人民调解员', parties: 2 });
    const startedAt = new Date(t);
    if (chance(rng, 0.85) || !o.otherKeys.length) {
      step('case.mediation_agreed', 'handled', hrs(24, 96), 'mediator', { note: '双方达成调解协议，已签字确认' });
      mediation = { startedAt, agreedAt: new Date(t) };
    } else {
      step('case.mediation_failed', 'escalated_street', hrs(24, 96), 'mediator', { reason: '一方不同意调解方案，转街道分流处理' });
      mediation = { startedAt, agreedAt: null };
      dispatchPath();
    }
  } else if (level === 'grid' && !triageByCentre) {
    step('case.handle_in_grid', 'in_grid', hrs(0.1, 2), 'grid');
    step('case.resolve', 'handled', hrs(2, 40), 'grid', { note: '网格员现场处置完毕' });
  } else if ((level === 'community' && !triageByCentre) || (!o.lead && !o.otherKeys.length)) {
    step('case.escalate', 'escalated_community', hrs(1, 12), 'grid', { reason: '网格内无法解决，提请社区协调' });
    step('case.resolve', 'handled', hrs(8, 72), 'community', { note: '社区协调相关方处理完毕' });
  } else {
    if (!triageByCentre) {
      step('case.escalate', 'escalated_community', hrs(0.5, 8), 'grid', { reason: '需职能部门处置，上报社区' });
      step('case.escalate', 'escalated_street', hrs(1, 12), 'community', { reason: '社区无执法权限，提请街道吹哨' });
    }
    dispatchPath();
  }

  // Verification on site, then the resident's rating (or closing at verification when no resident reported it).
  step('case.verify', 'verified', hrs(2, 24), 'grid', { note: '网格员现场核查，问题已解决' });
  if (!resident) {
    step('case.close', 'closed', 0.1, 'system');
  } else if (chance(rng, 0.12)) {
    step('case.close_unrated', 'closed', 7 * 24, 'system', { unrated: true });
  } else {
    const satisfaction = pickWeighted(rng, [['satisfied', 78], ['basic', 16], ['unsatisfied', 6]] as const);
    const resolved = satisfaction !== 'unsatisfied';
    const comment = satisfaction === 'satisfied' ? pick(rng, SATISFIED_COMMENTS) : satisfaction === 'basic' ? pick(rng, BASIC_COMMENTS) : '问题没有真正解决';
    rating = { resolved, satisfaction, comment };
    step('case.rate', 'rated', hrs(2, 60), 'resident', { resolved, satisfaction, comment });
    if (resolved) {
      step('case.close', 'closed', 0.05, 'system');
    } else {
      // 群众说没解决: reopened, handled again in the grid, verified and closed.
      step('case.reopen', 'reopened', 0.05, 'system', { reason: '群众评价未解决' });
      step('case.handle_in_grid', 'in_grid', hrs(0.5, 4), 'grid');
      step('case.resolve', 'handled', hrs(8, 48), 'grid', { note: '再次上门处置，问题已解决' });
      step('case.verify', 'verified', hrs(2, 24), 'grid', { note: '复核通过' });
      step('case.close', 'closed', hrs(24, 72), 'street', { note: '回访确认已解决' });
    }
  }
  return { created, cls, resident, events, dispatches, mediation, rating };

  /** 吹哨派单 to the lead and assisting departments; 报到, 反馈 (sometimes late); a lead may hand it back once. */
  function dispatchPath() {
    const lead = o.lead ?? pick(rng, o.otherKeys);
    const send = (keys: string[], leadKey: string) => {
      // Now and then the centre sits on it (a busy day, a question to settle first): the board's "to dispatch" column.
      step('case.dispatch', 'dispatched', chance(rng, 0.1) ? hrs(12, 96) : hrs(0.3, 6), 'street', { departments: keys.map((k) => ({ key: k, role: k === leadKey ? 'lead' : 'assist' })) });
      const at = new Date(t);
      return keys.map((k) => {
        const d: PlanDispatch = {
          deptKey: k, role: k === leadKey ? 'lead' : 'assist', createdAt: at, ackDueAt: ackDueAt(at, cls), handleDueAt: dueAt(at, cls, cal),
          ackAt: null, handledAt: null, returnedAt: null, returnReason: null, feedback: null,
        };
        dispatches.push(d);
        return d;
      });
    };
    const assists = o.assist.filter(() => chance(rng, 0.5)).slice(0, 2);
    let round = send([lead, ...assists], lead);
    if (chance(rng, 0.06) && o.otherKeys.length) {
      // 退回: the lead says it is not theirs; the centre re-dispatches to another department.
      const d = round[0]!;
      const reason = '经核查不属于本部门职责范围，请中心重新派单';
      d.returnedAt = new Date(t + hrs(1, 12) * H);
      d.returnReason = reason;
      t = d.returnedAt.getTime();
      events.push({ action: 'dispatch.return', state: 'returned', at: d.returnedAt, by: 'department', after: { state: 'returned', reason, department: d.deptKey }, dispatch: dispatches.indexOf(d) });
      const next = pick(rng, o.otherKeys.filter((k) => k !== lead)) ?? lead;
      round = [...send([next], next), ...round.slice(1)];
    }
    const lateAck = chance(rng, 0.15);
    let last = t;
    const start = t;
    for (const d of round) {
      if (d.returnedAt) continue;
      const ackSpan = d.ackDueAt.getTime() - d.createdAt.getTime();
      const ack = Math.max(start, d.createdAt.getTime()) + ackSpan * (lateAck ? 1.1 + rng() * 0.8 : 0.1 + rng() * 0.7);
      d.ackAt = new Date(ack);
      events.push({ action: 'dispatch.acknowledge', state: 'dispatched', at: d.ackAt, by: 'department', after: { state: 'dispatched', department: d.deptKey, role: d.role }, dispatch: dispatches.indexOf(d) });
      const span = d.handleDueAt.getTime() - d.createdAt.getTime();
      const late = chance(rng, 0.2);
      d.handledAt = new Date(d.createdAt.getTime() + span * (late ? 1.05 + rng() * 0.9 : 0.2 + rng() * 0.75));
      if (d.handledAt <= d.ackAt) d.handledAt = new Date(d.ackAt.getTime() + 0.5 * H);
      d.feedback = d.role === 'lead' ? '已到现场依法处置完毕，现场已整改' : '已配合牵头部门完成处置';
      last = Math.max(last, d.handledAt.getTime());
    }
    const open = round.filter((d) => !d.returnedAt).sort((a, b) => a.handledAt!.getTime() - b.handledAt!.getTime());
    open.forEach((d, k) => {
      const lastOne = k === open.length - 1;
      events.push({
        action: 'dispatch.feedback', state: lastOne ? 'handled' : 'dispatched', at: d.handledAt!, by: 'department',
        after: { state: lastOne ? 'handled' : 'dispatched', department: d.deptKey, role: d.role, note: d.feedback }, dispatch: dispatches.indexOf(d),
      });
    });
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    t = last;
  }
}

/** A created time over the last `days` days, more of them recent (the demo shows live work), in working hours mostly. */
export function createdAt(rng: Rng, now: Date, days: number): Date {
  const ago = Math.pow(rng(), 1.8) * days * 24 * H;
  const d = new Date(now.getTime() - ago);
  // Pull most reports into 08:00–20:00 Shanghai time.
  const hourSh = (d.getUTCHours() + 8) % 24;
  if ((hourSh < 8 || hourSh >= 20) && chance(rng, 0.8)) d.setTime(d.getTime() - ((hourSh + 24 - randInt(rng, 9, 18)) % 24) * H);
  return d.getTime() > now.getTime() - 10 * 60_000 ? new Date(now.getTime() - randInt(rng, 10, 120) * 60_000) : d;
}
