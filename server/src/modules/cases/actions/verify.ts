import type { ActionHandler } from './types.js';

/** 核查 on site. A case with no resident reporter has nobody to rate it, so it closes at once (as the system). */
export const verify: ActionHandler = async ({ c, body, now }) => {
  if (!c.hasResidentReporter) {
    return {
      state: 'closed', holder: 'none', set: { verifiedAt: now, closedAt: now },
      after: { note: body.note }, followUps: [{ action: 'case.close', actor: 'system', after: { reason: 'no resident reporter' } }],
    };
  }
  return { set: { verifiedAt: now }, after: { note: body.note } };
};

/** 核查不通过: back to the grid, counted as a reopening. */
export const verifyFailed: ActionHandler = async ({ c, body }) => ({
  set: { reopenCount: c.reopenCount + 1 }, after: { reason: body.reason },
  notify: [{ holder: 'grid' }, { holder: 'street' }], notice: `核查未通过 ${c.trackingNo}`,
});

export const close: ActionHandler = async ({ body, now }) => ({ set: { closedAt: now }, after: { note: body.note } });

/** Unrated 7 days after verification: closed and left out of the satisfaction rate. */
export const closeUnrated: ActionHandler = async ({ now }) => ({ set: { closedAt: now, unrated: true }, after: { unrated: true } });

export const reopen: ActionHandler = async ({ c, body }) => ({
  set: { reopenCount: c.reopenCount + 1, closedAt: null }, after: { reason: body.reason },
  notify: [{ holder: 'grid' }, { holder: 'street' }], notice: `已重启 ${c.trackingNo}`,
});
