import type { CaseState, RiskLevel } from '@gridgov/common';
import { AppError } from '../../../lib/errors.js';
import { categoryFacts } from '../case.repo.js';
import { levelAllows, RESOLVE_LEVEL } from '../case.allowed.js';
import { assertGridAdmits } from './admission.js';
import type { ActionHandler, NotifyTarget } from './types.js';

/** 受理: sets the risk level (default: the category's); high risk alerts the unit leaders. */
export const accept: ActionHandler = async ({ tx, c, body, now }) => {
  const cat = await categoryFacts(tx, c.categoryCode);
  const risk = (body.riskLevel ?? cat?.defaultRisk ?? c.riskLevel ?? 'low') as RiskLevel;
  const notify: NotifyTarget[] = [{ holder: c.gridId ? 'grid' : 'street' }];
  if (risk === 'high') notify.push({ highRisk: true });
  return { set: { riskLevel: risk, acceptedAt: now }, after: { riskLevel: risk, note: body.note }, notify, notice: `已受理 ${c.trackingNo}` };
};

/** 不予受理: the reason is shown to the reporter. */
export const reject: ActionHandler = async ({ c, body, now }) => ({
  set: { rejectReason: body.reason, closedAt: now },
  after: { reason: body.reason },
  notice: `不予受理 ${c.trackingNo}`,
});

/** 网格处置: only categories the grid admits and whose lowest closing level is the grid (小事不出网格). */
export const handleInGrid: ActionHandler = async ({ tx, c, body }) => {
  if (!c.gridId) throw new AppError('CASE_INVALID_TRANSITION', 'The case is in no grid; route it to a grid first');
  const cat = await categoryFacts(tx, c.categoryCode);
  if (cat && cat.lowestLevel !== 'grid') {
    throw new AppError('CASE_INVALID_TRANSITION', `Category ${cat.code} must be handled at ${cat.lowestLevel} level, not in the grid`);
  }
  if (c.categoryCode) await assertGridAdmits(tx, c.gridId, c.categoryCode);
  return { after: { note: body.note }, notify: [{ holder: 'grid' }] };
};

/** 上报: grid → community → street, with the reason. */
export const escalate: ActionHandler = async ({ c, body, to }) => {
  const level = to === 'escalated_community' ? 'community' : 'street';
  return { after: { reason: body.reason, to: level }, notify: [{ holder: level }], notice: `上报待处置 ${c.trackingNo}` };
};

/** 办结 at grid, community or street level: allowed only at or above the category's lowest closing level. */
export const resolve: ActionHandler = async ({ tx, c, body, now }) => {
  const at = RESOLVE_LEVEL[c.state as CaseState] ?? 'department';
  const cat = await categoryFacts(tx, c.categoryCode);
  if (cat && !levelAllows(cat.lowestLevel, at)) {
    throw new AppError('CASE_INVALID_TRANSITION', `Category ${cat.code} cannot be closed at ${at} level (lowest: ${cat.lowestLevel})`);
  }
  if (at === 'grid' && c.gridId && c.categoryCode) await assertGridAdmits(tx, c.gridId, c.categoryCode);
  return { set: { resolution: body.note, handledAt: now }, after: { note: body.note, level: at }, notify: [{ holder: 'grid' }], notice: `待核查 ${c.trackingNo}` };
};
