import { beforeEach, describe, expect, it } from 'vitest';
import { CLOSED_DAYS_TTL_MS, closedDaysThenLive, forgetClosedDays, splitAtToday } from './closed-days.js';
import type { Period } from './indicators.service.js';

describe('splitAtToday', () => {
  it('keeps a past period whole, a period from today on live, and cuts one that spans today before it', () => {
    expect(splitAtToday({ from: '2026-03-01', to: '2026-03-30' }, '2026-03-31')).toEqual({ closed: { from: '2026-03-01', to: '2026-03-30' }, live: null });
    expect(splitAtToday({ from: '2026-03-31', to: '2026-03-31' }, '2026-03-31')).toEqual({ closed: null, live: { from: '2026-03-31', to: '2026-03-31' } });
    expect(splitAtToday({ from: '2026-04-01', to: '2026-04-30' }, '2026-03-31')).toEqual({ closed: null, live: { from: '2026-04-01', to: '2026-04-30' } });
    expect(splitAtToday({ from: '2026-03-01', to: '2026-04-30' }, '2026-03-31'))
      .toEqual({ closed: { from: '2026-03-01', to: '2026-03-30' }, live: { from: '2026-03-31', to: '2026-04-30' } });
    // Across a month and a leap day.
    expect(splitAtToday({ from: '2024-02-01', to: '2024-03-01' }, '2024-03-01').closed).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});

describe('closedDaysThenLive', () => {
  beforeEach(() => forgetClosedDays());
  const t0 = new Date('2026-03-31T04:00:00Z');
  const month: Period = { from: '2026-03-01', to: '2026-03-31' };

  function counter(values: Record<string, number>) {
    const reads: string[] = [];
    return {
      reads,
      read: async (p: Period) => { reads.push(`${p.from}..${p.to}`); return values[`${p.from}..${p.to}`] ?? 0; },
    };
  }
  const run = (c: ReturnType<typeof counter>, now: Date, key = 'k|1.2') =>
    closedDaysThenLive({ key, period: month, today: '2026-03-31', now, read: c.read, add: (a, b) => a + b });

  it('reads the finished days once per minute per key and today on every call, and adds them', async () => {
    const c = counter({ '2026-03-01..2026-03-30': 100, '2026-03-31..2026-03-31': 7 });
    expect(await run(c, t0)).toEqual({ closed: 100, live: 7, all: 107 });
    expect(await run(c, new Date(t0.getTime() + CLOSED_DAYS_TTL_MS - 1))).toMatchObject({ all: 107 });
    expect(c.reads).toEqual(['2026-03-01..2026-03-30', '2026-03-31..2026-03-31', '2026-03-31..2026-03-31']);
    await run(c, new Date(t0.getTime() + CLOSED_DAYS_TTL_MS));
    expect(c.reads.filter((r) => r.endsWith('03-30'))).toHaveLength(2);
    // Another scope is another key; a clock moved back before the entry was made does not trust it either.
    await run(c, t0, 'k|1.3');
    await run(c, new Date(t0.getTime() - 1000));
    expect(c.reads.filter((r) => r.endsWith('03-30'))).toHaveLength(4);
  });

  it('shares one read between concurrent requests and keeps no failed read', async () => {
    let calls = 0;
    let fail = true;
    const read = async (p: Period) => {
      if (p.to === '2026-03-30') {
        calls += 1;
        await new Promise((r) => setTimeout(r, 20));
        if (fail) throw new Error('database went away');
      }
      return 1;
    };
    const go = () => closedDaysThenLive({ key: 'f|1', period: month, today: '2026-03-31', now: t0, read, add: (a, b) => a + b });
    const results = await Promise.allSettled([go(), go(), go()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(calls).toBe(1);
    fail = false;
    expect((await go()).all).toBe(2);
    expect(calls).toBe(2);
  });
});
