import { sql } from 'drizzle-orm';
import { isOpenState, type CaseState } from '@gridgov/common';
import { audit } from '../../../lib/audit.js';
import { AppError } from '../../../lib/errors.js';
import { queryRows } from '../../../db/sql.js';
import { lockCase, updateCase } from '../case.repo.js';
import type { ActionHandler } from './types.js';

/**
 * 合并 a duplicate into an open case of the same category. Every reporter of the merged case is copied to the
 * target so they get its updates (they keep their own tracking numbers); open dispatches of the duplicate end.
 */
export const merge: ActionHandler = async ({ tx, c, by, body, now }) => {
  const intoId = body.intoCaseId!;
  if (intoId === c.id) throw new AppError('VALIDATION_FAILED', 'A case cannot be merged into itself', { field: 'intoCaseId' });
  const target = await lockCase(tx, by.user, intoId);
  if (!target) throw new AppError('NOT_FOUND', `Case ${intoId} not found`, { field: 'intoCaseId', id: String(intoId) });
  if (!isOpenState(target.state as CaseState)) {
    throw new AppError('CONFLICT', `Case ${target.trackingNo} is ${target.state}; merge into an open case`, { field: 'intoCaseId', state: target.state });
  }
  if (target.categoryCode !== c.categoryCode) {
    throw new AppError('VALIDATION_FAILED', `Case ${target.trackingNo} has another category (${target.categoryCode})`, { field: 'intoCaseId' });
  }
  await tx.execute(sql`
    INSERT INTO case_reporters (case_id, tracking_no, channel, name_enc, phone_enc, phone_bidx, phone_masked, anonymous, resident, created_at)
    SELECT ${intoId}, tracking_no, channel, name_enc, phone_enc, phone_bidx, phone_masked, anonymous, resident, created_at
    FROM case_reporters WHERE case_id = ${c.id}`);
  const [n] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM case_reporters WHERE case_id = ${c.id}`);
  await tx.execute(sql`UPDATE case_dispatches SET state = 'cancelled' WHERE case_id = ${c.id} AND state IN ('sent', 'acknowledged')`);
  await updateCase(tx, intoId, {
    version: target.version + 1, updatedAt: now, hasResidentReporter: target.hasResidentReporter || c.hasResidentReporter,
  });
  await audit(tx, { id: by.user?.id ?? null, name: by.name }, {
    action: 'case.merge_in', entityType: 'case', entityId: intoId, unitPath: target.path, at: now,
    after: { fromCaseId: String(c.id), fromTrackingNo: c.trackingNo, reporters: n?.n ?? 0 },
  });
  return {
    holder: 'none', set: { mergedIntoId: intoId, closedAt: now },
    after: { intoCaseId: String(intoId), intoTrackingNo: target.trackingNo, reason: body.reason },
  };
};
