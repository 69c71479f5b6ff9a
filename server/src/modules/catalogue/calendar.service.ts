import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import { invalidateCalendar } from './deadlines.js';

export interface CalendarDay { day: string; kind: 'holiday' | 'workday'; name: string }

export async function listYear(db: Db, year: number): Promise<CalendarDay[]> {
  return queryRows<CalendarDay>(db, sql`
    SELECT day::text AS day, kind, name FROM work_calendar
    WHERE day >= ${`${year}-01-01`}::date AND day < ${`${year + 1}-01-01`}::date ORDER BY day`);
}

/** A real calendar date (2026-02-30 is not). */
function checkDay(day: string): number {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
    throw new AppError('VALIDATION_FAILED', `day: ${day} is not a calendar date`, { field: 'day' });
  }
  return d.getUTCDay();
}

/** Sets a holiday or a make-up workday (调休). A make-up workday is only meaningful on a Saturday or Sunday. */
export async function setDay(db: Db, actor: Actor, day: string, input: { kind: 'holiday' | 'workday'; name: string }): Promise<CalendarDay> {
  const dow = checkDay(day);
  if (input.kind === 'workday' && dow !== 0 && dow !== 6) {
    throw new AppError('VALIDATION_FAILED', `kind: ${day} is a weekday, already a working day; a make-up workday must be a Saturday or Sunday`, { field: 'kind' });
  }
  const saved = await db.transaction(async (tx) => {
    const [before] = await queryRows<CalendarDay>(tx, sql`SELECT day::text AS day, kind, name FROM work_calendar WHERE day = ${day}::date FOR UPDATE`);
    const [after] = await queryRows<CalendarDay>(tx, sql`
      INSERT INTO work_calendar (day, kind, name) VALUES (${day}::date, ${input.kind}, ${input.name})
      ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name
      RETURNING day::text AS day, kind, name`);
    await audit(tx, actor, { action: 'calendar.set', entityType: 'work_calendar', entityId: day, before: before ?? null, after });
    return after!;
  });
  invalidateCalendar();
  return saved;
}

/** Removes an exception: the day goes back to the weekday rule. */
export async function deleteDay(db: Db, actor: Actor, day: string): Promise<void> {
  checkDay(day);
  await db.transaction(async (tx) => {
    const [before] = await queryRows<CalendarDay>(tx, sql`DELETE FROM work_calendar WHERE day = ${day}::date RETURNING day::text AS day, kind, name`);
    if (!before) throw notFound('Calendar exception on', day);
    await audit(tx, actor, { action: 'calendar.delete', entityType: 'work_calendar', entityId: day, before });
  });
  invalidateCalendar();
}
