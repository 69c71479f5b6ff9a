import type { ActionHandler } from './types.js';

/**
 * The reporter's rating (or the centre recording it from a return visit). Unsolved or unsatisfied reopens the
 * case ("closed but not fixed" is the complaint we design against); otherwise it is rated and closed at once.
 */
export const rate: ActionHandler = async ({ c, body, now }) => {
  const r = body.rating!;
  const set = { resolved: r.resolved, satisfaction: r.satisfaction, ratingComment: r.comment ?? null, ratedAt: now };
  const after = { resolved: r.resolved, satisfaction: r.satisfaction, comment: r.comment };
  if (!r.resolved || r.satisfaction === 'unsatisfied') {
    return {
      state: 'reopened', set: { ...set, reopenCount: c.reopenCount + 1 }, after,
      followUps: [{ action: 'case.reopen', actor: 'system', after: { reason: r.resolved ? 'unsatisfied' : 'not resolved' } }],
      notify: [{ holder: 'grid' }, { holder: 'street' }], notice: `群众评价未解决，已重启 ${c.trackingNo}`,
    };
  }
  return {
    state: 'closed', holder: 'none', set: { ...set, closedAt: now }, after,
    followUps: [{ action: 'case.close', actor: 'system', after: { reason: 'rated' } }],
  };
};
