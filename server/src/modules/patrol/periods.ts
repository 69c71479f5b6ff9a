import type { DutyFrequency } from '@gridgov/common';

/**
 * Duty periods on the Asia/Shanghai calendar (UTC+8 all year, no daylight saving): a daily duty is due each local
 * day, a weekly one each ISO week (Monday–Sunday), a monthly one each month; an as-needed duty is logged per day.
 */
const DAY = 86_400_000;
const SH = 8 * 3_600_000;

export const localDate = (at: Date): string => new Date(at.getTime() + SH).toISOString().slice(0, 10);
const dayMs = (ymd: string): number => Date.parse(`${ymd}T00:00:00Z`);
const ymdOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The instant a Shanghai local day starts. */
export const localDayStart = (ymd: string): Date => new Date(dayMs(ymd) - SH);

/** Monday of the ISO week holding `ymd`. */
export function mondayOf(ymd: string): string {
  const ms = dayMs(ymd);
  const dow = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  return ymdOf(ms - dow * DAY);
}

/** ISO 8601 week key, e.g. 2026-W49 (the week's Thursday decides the year). */
export function isoWeekKey(ymd: string): string {
  const thursday = dayMs(mondayOf(ymd)) + 3 * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = dayMs(mondayOf(ymdOf(jan4)));
  const week = Math.floor((thursday - week1Monday) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface Period { key: string; start: string; end: string }

export function periodOf(freq: DutyFrequency, ymd: string): Period {
  if (freq === 'weekly') {
    const start = mondayOf(ymd);
    return { key: isoWeekKey(ymd), start, end: ymdOf(dayMs(start) + 6 * DAY) };
  }
  if (freq === 'monthly') {
    const [y, m] = ymd.split('-').map(Number) as [number, number];
    return { key: ymd.slice(0, 7), start: `${ymd.slice(0, 7)}-01`, end: ymdOf(Date.UTC(y, m, 0)) };
  }
  return { key: ymd, start: ymd, end: ymd };
}

/** The period a key names, or null when the key does not fit the frequency. */
export function periodOfKey(freq: DutyFrequency, key: string): Period | null {
  if (freq === 'weekly') {
    const m = /^(\d{4})-W(\d{2})$/.exec(key);
    if (!m) return null;
    const jan4 = Date.UTC(Number(m[1]), 0, 4);
    const monday = dayMs(mondayOf(ymdOf(jan4))) + (Number(m[2]) - 1) * 7 * DAY;
    const p = periodOf('weekly', ymdOf(monday));
    return p.key === key ? p : null;
  }
  if (freq === 'monthly') {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) return null;
    return periodOf('monthly', `${key}-01`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key) || !Number.isFinite(dayMs(key)) || ymdOf(dayMs(key)) !== key) return null;
  return periodOf(freq, key);
}

export const taskId = (gridId: number | string, dutyCode: string, periodKey: string): string => `${gridId}:${dutyCode}:${periodKey}`;

export function parseTaskId(id: string): { gridId: number; dutyCode: string; periodKey: string } | null {
  const m = /^(\d{1,18}):([a-z0-9_]{1,64}):([0-9W-]{7,10})$/.exec(id);
  return m ? { gridId: Number(m[1]), dutyCode: m[2]!, periodKey: m[3]! } : null;
}
