import { sql } from 'drizzle-orm';
import { ACK_HOURS, DEADLINE_CLASSES, type DeadlineClass } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';

/**
 * Deadlines (DOMAIN.md §8): h2 and h24 run on calendar time; d7 and d15 on working days of the Asia/Shanghai
 * working calendar. China has no daylight saving time, so Shanghai local time is UTC+8 all year and plain
 * arithmetic on that offset is exact.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;

/** Exceptions to "Monday–Friday work, Saturday–Sunday rest": public holidays and make-up workdays (调休). */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

/** The Asia/Shanghai calendar day (YYYY-MM-DD) of an instant. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Is this calendar day (YYYY-MM-DD) a working day? */
export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The deadline of a matter started at `start`. Working-day classes end at the same Shanghai clock time on the
 * N-th working day after the start day (the start day itself never counts, so a Saturday report with d7 ends on
 * the 7th working day after it).
 */
export function dueAt(start: Date, cls: DeadlineClass, cal: WorkCalendar): Date {
  const c = DEADLINE_CLASSES[cls];
  if (c.calendar) return new Date(start.getTime() + c.hours * HOUR_MS);
  // Shift into "Shanghai wall time expressed as UTC", step whole days, shift back.
  let local = start.getTime() + SHANGHAI_OFFSET_MS;
  let left: number = c.workingDays;
  // A calendar has at most a few weeks of consecutive rest days; the bound only guards against a corrupt calendar.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    local += DAY_MS;
    if (isWorkingDay(new Date(local).toISOString().slice(0, 10), cal)) left -= 1;
  }
  return new Date(local - SHANGHAI_OFFSET_MS);
}

/** Time by which the matter must get its first response (acceptance), in calendar hours. */
export function responseDueAt(start: Date, cls: DeadlineClass): Date {
  return new Date(start.getTime() + DEADLINE_CLASSES[cls].responseHours * HOUR_MS);
}

/** Time by which a department must acknowledge (报到) a dispatch, in calendar hours. */
export function ackDueAt(start: Date, cls: DeadlineClass): Date {
  return new Date(start.getTime() + ACK_HOURS[cls] * HOUR_MS);
}

/**
 * Cached per process; edits through the API invalidate it at once. The short lifetime bounds how long another
 * server instance keeps an edited calendar.
 */
const CACHE_MS = 60_000;
let cached: { cal: WorkCalendar; at: number } | null = null;

export async function loadCalendar(tx: Tx): Promise<WorkCalendar> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.cal;
  const rows = await queryRows<{ day: string; kind: string }>(tx, sql`SELECT day::text AS day, kind FROM work_calendar`);
  const cal: WorkCalendar = {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
  };
  cached = { cal, at: Date.now() };
  return cal;
}

export function invalidateCalendar(): void {
  cached = null;
}
