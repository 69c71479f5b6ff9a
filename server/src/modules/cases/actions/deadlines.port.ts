import type { DeadlineClass } from '@gridgov/common';
import type { Tx } from '../../../db/client.js';
import { ackDueAt, dueAt, loadCalendar } from '../../catalogue/index.js';

/** Dispatch deadlines from the catalogue's rules: 报到 in calendar hours, handling by the deadline class. */
export async function dispatchDeadlines(tx: Tx, start: Date, cls: DeadlineClass): Promise<{ ackDueAt: Date; handleDueAt: Date }> {
  const cal = await loadCalendar(tx);
  return { ackDueAt: ackDueAt(start, cls), handleDueAt: dueAt(start, cls, cal) };
}
