import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/sql.js';
import { AppError } from '../../../lib/errors.js';
import { categoryFacts } from '../case.repo.js';
import type { ActionHandler, NotifyTarget } from './types.js';

/** 先行调解: only for dispute categories (矛盾纠纷); parties and a mediator (人民调解员). */
export const startMediation: ActionHandler = async ({ tx, c, by, body, now }) => {
  const cat = await categoryFacts(tx, c.categoryCode);
  if (!cat?.dispute) throw new AppError('CASE_INVALID_TRANSITION', `Category ${c.categoryCode ?? '(none)'} is not a dispute; mediation is for disputes`);
  const m = body.mediation!;
  let mediatorId: number | null = null;
  let mediatorName = by.user?.role === 'mediator' ? by.user.displayName : '';
  if (by.user?.role === 'mediator') mediatorId = by.user.id;
  if (m.mediatorId != null) {
    const [u] = await queryRows<{ id: string; display_name: string }>(tx, sql`
      SELECT id::text, display_name FROM users WHERE id = ${m.mediatorId} AND active`);
    if (!u) throw new AppError('NOT_FOUND', `Mediator ${m.mediatorId} not found`, { field: 'mediation.mediatorId', id: String(m.mediatorId) });
    mediatorId = Number(u.id);
    mediatorName = u.display_name;
  }
  await tx.execute(sql`UPDATE case_mediations SET state = 'failed', ended_at = ${now}, failure_reason = coalesce(failure_reason, 'superseded')
    WHERE case_id = ${c.id} AND state = 'open'`);
  await tx.execute(sql`
    INSERT INTO case_mediations (case_id, mediator_id, mediator_name, parties, state, started_at)
    VALUES (${c.id}, ${mediatorId}, ${mediatorName}, ${JSON.stringify(m.parties)}::jsonb, 'open', ${now})`);
  const notify: NotifyTarget[] = mediatorId ? [{ to: { userIds: [mediatorId] } }] : [{ holder: 'mediator' }];
  return {
    after: { mediatorId: mediatorId == null ? null : String(mediatorId), mediatorName, parties: m.parties, note: body.note },
    notify, notice: `调解任务 ${c.trackingNo}`,
  };
};

async function openMediation(tx: Parameters<ActionHandler>[0]['tx'], caseId: number) {
  const [m] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM case_mediations WHERE case_id = ${caseId} AND state = 'open' ORDER BY id DESC LIMIT 1`);
  if (!m) throw new AppError('CASE_INVALID_TRANSITION', 'The case has no open mediation');
  return Number(m.id);
}

/** 调解成功: the agreement text is recorded (printable as 人民调解协议书); the grid then verifies on site. */
export const mediationAgreed: ActionHandler = async ({ tx, c, body, now }) => {
  const id = await openMediation(tx, c.id);
  await tx.execute(sql`UPDATE case_mediations SET state = 'agreed', agreement = ${body.note!}, ended_at = ${now} WHERE id = ${id}`);
  return {
    set: { resolution: body.note, handledAt: now }, after: { mediationId: String(id), agreement: body.note },
    notify: [{ holder: 'grid' }], notice: `调解达成协议，待核查 ${c.trackingNo}`,
  };
};

/** 调解不成: routed on to the street centre with the reason. */
export const mediationFailed: ActionHandler = async ({ tx, c, body, now }) => {
  const id = await openMediation(tx, c.id);
  await tx.execute(sql`UPDATE case_mediations SET state = 'failed', failure_reason = ${body.reason!}, ended_at = ${now} WHERE id = ${id}`);
  return { after: { mediationId: String(id), reason: body.reason }, notify: [{ holder: 'street' }], notice: `调解未成，转街道 ${c.trackingNo}` };
};
