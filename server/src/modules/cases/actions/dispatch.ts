import { sql } from 'drizzle-orm';
import type { DeadlineClass } from '@gridgov/common';
import { queryRows } from '../../../db/sql.js';
import { AppError } from '../../../lib/errors.js';
import { dispatchDeadlines } from './deadlines.port.js';
import type { ActionHandler, NotifyTarget } from './types.js';

const bad = (message: string) => new AppError('VALIDATION_FAILED', message, { field: 'departments' });

/**
 * 吹哨派单: one dispatch per department, each with its own state and deadlines. The first dispatch names exactly
 * one lead; afterwards the lead stays the first department that received it (首接负责) unless that department
 * returned it, so re-dispatching adds assisting departments (or replaces a lead that handed it back).
 */
export const dispatch: ActionHandler = async ({ tx, c, by, body, now }) => {
  const list = body.departments!;
  const ids = list.map((d) => d.departmentId);
  if (new Set(ids).size !== ids.length) throw bad('A department appears twice');
  // serves: the case lies in the department's own unit subtree or in a unit it is declared to serve.
  const depts = await queryRows<{ id: string; name_zh: string; serves: boolean }>(tx, sql`
    SELECT d.id::text, d.name_zh, (${c.path}::ltree IS NULL OR ${c.path}::ltree <@ d.path OR EXISTS (
      SELECT 1 FROM department_serves s JOIN units u ON u.id = s.unit_id WHERE s.department_id = d.id AND ${c.path}::ltree <@ u.path)) AS serves
    FROM departments d WHERE d.id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  const names = new Map(depts.map((d) => [Number(d.id), d.name_zh]));
  const missing = ids.find((i) => !names.has(i));
  if (missing != null) throw new AppError('NOT_FOUND', `Department ${missing} not found`, { field: 'departments', id: String(missing) });
  const away = depts.find((d) => !d.serves);
  if (away) throw bad(`${away.name_zh} does not serve the area of this case`);

  const existing = await queryRows<{ department_id: string; role: string; state: string }>(tx, sql`
    SELECT department_id::text, role, state FROM case_dispatches WHERE case_id = ${c.id} ORDER BY id`);
  const open = new Set(existing.filter((e) => e.state === 'sent' || e.state === 'acknowledged').map((e) => Number(e.department_id)));
  const busy = ids.find((i) => open.has(i));
  if (busy != null) throw bad(`${names.get(busy)} already has this case open`);

  const leads = list.filter((d) => d.role === 'lead');
  let leadId = c.leadDepartmentId;
  const leadActive = leadId != null && existing.some((e) => Number(e.department_id) === leadId && e.role === 'lead' && e.state !== 'returned' && e.state !== 'cancelled');
  if (leadId == null) {
    if (leads.length !== 1) throw bad('The first dispatch names exactly one lead department');
    leadId = leads[0]!.departmentId;
  } else if (leads.length > 1) {
    throw bad('Only one lead department');
  } else if (leads.length === 1 && leads[0]!.departmentId !== leadId) {
    if (leadActive) throw bad(`The lead stays the first department that received the case (首接负责)`);
    leadId = leads[0]!.departmentId;
  }

  const { ackDueAt, handleDueAt } = await dispatchDeadlines(tx, now, c.deadlineClass as DeadlineClass);
  const notify: NotifyTarget[] = [];
  for (const d of list) {
    await tx.execute(sql`
      INSERT INTO case_dispatches (case_id, department_id, role, state, instructions, ack_due_at, handle_due_at, created_by, created_at)
      VALUES (${c.id}, ${d.departmentId}, ${d.departmentId === leadId ? 'lead' : 'assist'}, 'sent', ${d.instructions ?? null},
        ${ackDueAt}, ${handleDueAt}, ${by.user?.id ?? null}, ${now})`);
    notify.push({ to: { departmentId: d.departmentId } });
  }
  return {
    set: { leadDepartmentId: leadId },
    after: {
      departments: list.map((d) => ({ departmentId: String(d.departmentId), name: names.get(d.departmentId), role: d.departmentId === leadId ? 'lead' : 'assist' })),
      ackDueAt: ackDueAt.toISOString(), handleDueAt: handleDueAt.toISOString(), note: body.note,
    },
    notify, notice: `派单待报到 ${c.trackingNo}`,
  };
};
