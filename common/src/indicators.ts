import { z } from 'zod';
import type { Label } from './people.js';

/**
 * Indicators (考核指标), defined ONCE (issue 8, DOMAIN.md §7–§9): the cockpit, the periodic reports and
 * `GET /api/analytics/indicators` all read these definitions. They count outcomes (matters answered, solved,
 * residents satisfied), never activity for its own sake (基层减负).
 *
 * Period rules: days are calendar days in Asia/Shanghai; `from`..`to` are inclusive. Each indicator names the
 * moment that puts a matter or dispatch into the period (`periodBy`). Ratios are fractions 0..1 and null when
 * the denominator is 0; counts have no denominator (null).
 */
export const INDICATOR_KEYS = [
  'responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeHandlingRate', 'casesReceived', 'casesClosed', 'overdueOpen',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];
export const indicatorKeySchema = z.enum(INDICATOR_KEYS);

export const INDICATOR_FORMATS = ['ratio', 'count'] as const;
export type IndicatorFormat = (typeof INDICATOR_FORMATS)[number];

export interface IndicatorDefinition {
  key: IndicatorKey;
  name: Label;
  /** Short label for tiles. */
  short: Label;
  format: IndicatorFormat;
  /** The formula as a sentence, shown next to the value. */
  formula: Label;
  description: Label;
  numerator: Label;
  /** null for counts. */
  denominator: Label | null;
  /** What places a matter in the period (Asia/Shanghai day), or 'now' for a figure of the present moment. */
  periodBy: 'received' | 'rated' | 'closed' | 'dispatchHandled' | 'now';
  /** Whether a higher value is better (colours on the cockpit, red/black lists). */
  better: 'higher' | 'lower' | 'neutral';
}

export const INDICATORS: Record<IndicatorKey, IndicatorDefinition> = {
  responseRate: {
    key: 'responseRate', format: 'ratio', periodBy: 'received', better: 'higher',
    name: { zh: '响应率', en: 'Response rate' },
    short: { zh: '响应率', en: 'Response' },
    formula: {
      zh: '期内受理的诉求中，在所属时限类别的响应时限内首次响应（受理或联系反映人）的件数 ÷ 期内受理件数',
      en: 'Matters received in the period whose first response (acceptance or contact with the reporter) came within their class\'s response time ÷ matters received in the period',
    },
    description: {
      zh: '接诉即办“三率”之一：群众反映后是否被及时接住。2小时类0.5小时、24小时类2小时、7/15个工作日类24小时内响应。',
      en: 'One of the three 12345 rates: was the matter picked up in time? Response time is 0.5 h for 2-hour matters, 2 h for 24-hour matters, 24 h for 7- and 15-working-day matters.',
    },
    numerator: { zh: '按时首次响应的件数', en: 'Matters first answered on time' },
    denominator: { zh: '期内受理件数', en: 'Matters received in the period' },
  },
  resolutionRate: {
    key: 'resolutionRate', format: 'ratio', periodBy: 'rated', better: 'higher',
    name: { zh: '解决率', en: 'Resolution rate' },
    short: { zh: '解决率', en: 'Resolved' },
    formula: {
      zh: '期内评价的诉求中，反映人答复“已解决”的件数 ÷ 期内评价件数',
      en: 'Matters rated in the period whose reporter answered "solved" ÷ matters rated in the period',
    },
    description: {
      zh: '接诉即办“三率”之一：由反映人本人判断问题是否解决；未评价（逾期自动结案）的不计入。',
      en: 'One of the three 12345 rates: the reporter judges whether the problem is solved; matters closed unrated are left out.',
    },
    numerator: { zh: '评价为已解决的件数', en: 'Rated matters answered "solved"' },
    denominator: { zh: '期内评价件数', en: 'Matters rated in the period' },
  },
  satisfactionRate: {
    key: 'satisfactionRate', format: 'ratio', periodBy: 'rated', better: 'higher',
    name: { zh: '满意率', en: 'Satisfaction rate' },
    short: { zh: '满意率', en: 'Satisfied' },
    formula: {
      zh: '期内评价的诉求中，评价为“满意”或“基本满意”的件数 ÷ 期内评价件数（未评价的不计入）',
      en: 'Matters rated in the period as satisfied or basically satisfied ÷ matters rated in the period (unrated excluded)',
    },
    description: {
      zh: '接诉即办“三率”之一：反映人对办理结果的满意程度。',
      en: 'One of the three 12345 rates: how satisfied reporters are with the outcome.',
    },
    numerator: { zh: '满意和基本满意的件数', en: 'Rated satisfied or basically satisfied' },
    denominator: { zh: '期内评价件数', en: 'Matters rated in the period' },
  },
  onTimeHandlingRate: {
    key: 'onTimeHandlingRate', format: 'ratio', periodBy: 'dispatchHandled', better: 'higher',
    name: { zh: '按时办结率', en: 'On-time handling rate' },
    short: { zh: '按时办结', en: 'On time' },
    formula: {
      zh: '期内办结的派单中，在办理时限（含批准的延期）之前办结的件数 ÷ 期内办结的派单件数',
      en: 'Dispatches handled in the period before their handling deadline (approved extensions included) ÷ dispatches handled in the period',
    },
    description: {
      zh: '部门报到后按时反馈办理结果的比例（“部门报到”的考核）。',
      en: 'Share of dispatches a department answered before the deadline (how departments respond to the whistle).',
    },
    numerator: { zh: '按时办结的派单', en: 'Dispatches handled on time' },
    denominator: { zh: '期内办结的派单', en: 'Dispatches handled in the period' },
  },
  casesReceived: {
    key: 'casesReceived', format: 'count', periodBy: 'received', better: 'neutral',
    name: { zh: '受理件数', en: 'Matters received' },
    short: { zh: '受理', en: 'Received' },
    formula: { zh: '期内登记的诉求件数（各渠道，含后来合并或不予受理的）', en: 'Matters registered in the period (every channel, including those later merged or rejected)' },
    description: { zh: '期内进入系统的诉求总量。', en: 'How many matters came in during the period.' },
    numerator: { zh: '受理件数', en: 'Matters received' },
    denominator: null,
  },
  casesClosed: {
    key: 'casesClosed', format: 'count', periodBy: 'closed', better: 'neutral',
    name: { zh: '结案件数', en: 'Matters closed' },
    short: { zh: '结案', en: 'Closed' },
    formula: { zh: '期内结案且目前仍为结案状态的诉求件数（重启的不计）', en: 'Matters closed in the period and still closed (reopened ones do not count)' },
    description: { zh: '期内完成闭环的诉求量。', en: 'How many matters completed the loop in the period.' },
    numerator: { zh: '结案件数', en: 'Matters closed' },
    denominator: null,
  },
  overdueOpen: {
    key: 'overdueOpen', format: 'count', periodBy: 'now', better: 'lower',
    name: { zh: '超期未办结', en: 'Open and overdue' },
    short: { zh: '超期', en: 'Overdue' },
    formula: {
      zh: '此刻仍在办理（未办结、未挂起、未结案）且已超过办理时限的诉求件数',
      en: 'Matters still being worked on now (not handled, not suspended, not finished) whose handling deadline has passed',
    },
    description: { zh: '当前需要督办的存量，与所选时段无关。', en: 'The current backlog that needs supervision, whatever the period.' },
    numerator: { zh: '超期件数', en: 'Overdue matters' },
    denominator: null,
  },
};

/** States in which a matter is still being worked on and its handling deadline runs (overdueOpen, overdue list). */
export const WORKING_STATES = [
  'reported', 'accepted', 'in_grid', 'escalated_community', 'escalated_street', 'mediation', 'dispatched', 'returned', 'reopened',
] as const;

/** A ratio from its parts: null when nothing is in the denominator. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Satisfaction answers that count as satisfied. */
export const SATISFIED_ANSWERS = ['satisfied', 'basic'] as const;
