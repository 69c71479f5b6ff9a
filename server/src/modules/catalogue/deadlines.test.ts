import { describe, expect, it } from 'vitest';
import { ackDueAt, dueAt, EMPTY_CALENDAR, isWorkingDay, responseDueAt, shanghaiDay, type WorkCalendar } from './deadlines.js';
import { loadCalendarFile } from '../../seed/write-catalogue.js';

/** The seeded 2026 calendar (State Council notice), straight from the data file. */
const days = loadCalendarFile().days;
const cal: WorkCalendar = {
  holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
  workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
};
/** Shanghai wall time → instant. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('working calendar', () => {
  it('knows 2026 holidays, make-up workdays and plain weekends', () => {
    expect(isWorkingDay('2026-10-01', cal)).toBe(false); // 国庆 (Thursday)
    expect(isWorkingDay('2026-09-20', cal)).toBe(true); // make-up Sunday
    expect(isWorkingDay('2026-10-10', cal)).toBe(true); // make-up Saturday
    expect(isWorkingDay('2026-11-21', cal)).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2026-02-14', cal)).toBe(true); // 春节 make-up Saturday
    expect(isWorkingDay('2026-02-16', cal)).toBe(false); // 春节 Monday
    expect(isWorkingDay('2026-09-20', EMPTY_CALENDAR)).toBe(false);
  });

  it('every make-up workday in the data file is a Saturday or Sunday', () => {
    for (const d of days.filter((x) => x.kind === 'workday')) expect([0, 6], d.day).toContain(new Date(`${d.day}T00:00:00Z`).getUTCDay());
  });

  it('takes the calendar day in Asia/Shanghai, not UTC', () => {
    expect(shanghaiDay(new Date('2026-09-30T17:00:00Z'))).toBe('2026-10-01');
    expect(shanghaiDay(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
  });
});

describe('dueAt', () => {
  it('h2 and h24 run on calendar time, holidays or not', () => {
    expect(dueAt(sh('2026-10-01T23:30:00'), 'h2', cal)).toEqual(sh('2026-10-02T01:30:00'));
    expect(dueAt(sh('2026-10-03T09:00:00'), 'h24', cal)).toEqual(sh('2026-10-04T09:00:00'));
  });

  it('d7 from Friday 18 Sep 2026 counts the make-up Sunday 9.20, skips 中秋 9.25–27 and ends Tue 29 Sep', () => {
    expect(dueAt(sh('2026-09-18T10:15:00'), 'd7', cal)).toEqual(sh('2026-09-29T10:15:00'));
    // Without the calendar the count differs (Mon 21 … Tue 29) but lands on the same day: the make-up Sunday
    // and the three holiday days cancel out.
    expect(dueAt(sh('2026-09-18T10:15:00'), 'd7', EMPTY_CALENDAR)).toEqual(sh('2026-09-29T10:15:00'));
  });

  it('d7 across 国庆 counts the make-up Saturday 10.10 and skips the week of 10.1–10.7', () => {
    // 9.29 (1), 9.30 (2), 10.8 (3), 10.9 (4), 10.10 Sat make-up (5), 10.12 (6), 10.13 (7)
    expect(dueAt(sh('2026-09-28T16:00:00'), 'd7', cal)).toEqual(sh('2026-10-13T16:00:00'));
    expect(dueAt(sh('2026-09-28T16:00:00'), 'd7', EMPTY_CALENDAR)).toEqual(sh('2026-10-07T16:00:00'));
  });

  it('d7 over an ordinary weekend', () => {
    // Thu 19 Nov 2026 → Fri 20 (1), Mon 23 … Fri 27 (6), Mon 30 (7)
    expect(dueAt(sh('2026-11-19T08:00:00'), 'd7', cal)).toEqual(sh('2026-11-30T08:00:00'));
  });

  it('a report on a weekend starts counting from the next working day', () => {
    // Sat 21 Nov → Mon 23 (1) … Fri 27 (5), Mon 30 (6), Tue 1 Dec (7)
    expect(dueAt(sh('2026-11-21T22:00:00'), 'd7', cal)).toEqual(sh('2026-12-01T22:00:00'));
  });

  it('d15 over 春节 2026 (2.15–2.23 off, 2.14 and 2.28 worked)', () => {
    // Fri 13 Feb: 2.14 Sat make-up (1), 2.24–2.27 (2–5), 2.28 Sat make-up (6), 3.2–3.6 (7–11), 3.9–3.12 (12–15)
    expect(dueAt(sh('2026-02-13T09:00:00'), 'd15', cal)).toEqual(sh('2026-03-12T09:00:00'));
  });

  it('keeps the Shanghai clock time when the UTC date differs (late evening report)', () => {
    // 23:30 Shanghai on Wed 4 Nov is 15:30 UTC the same day; 7 working days → Fri 13 Nov 23:30 Shanghai.
    expect(dueAt(sh('2026-11-04T23:30:00'), 'd7', cal)).toEqual(sh('2026-11-13T23:30:00'));
    // 00:30 Shanghai on Thu 5 Nov is still Wed 4 Nov in UTC; counting uses the Shanghai day.
    expect(dueAt(sh('2026-11-05T00:30:00'), 'd7', cal)).toEqual(sh('2026-11-16T00:30:00'));
  });
});

describe('response and acknowledgement deadlines', () => {
  it('are calendar hours per class', () => {
    const t = sh('2026-10-01T10:00:00');
    expect(responseDueAt(t, 'h2')).toEqual(sh('2026-10-01T10:30:00'));
    expect(responseDueAt(t, 'd7')).toEqual(sh('2026-10-02T10:00:00'));
    expect(ackDueAt(t, 'h24')).toEqual(sh('2026-10-01T12:00:00'));
    expect(ackDueAt(t, 'd15')).toEqual(sh('2026-10-02T10:00:00'));
  });
});
