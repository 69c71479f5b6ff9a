import { describe, expect, it } from 'vitest';
import type { AppContext } from '../lib/context.js';
import { startScheduler, type Job } from './scheduler.js';

const ctx = { ready: true } as AppContext;

describe('scheduler', () => {
  it('runs jobs on their interval, never overlapping itself, and stops', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const job: Job = {
      id: 'slow', everyMs: 5,
      run: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 30));
        running -= 1;
        runs += 1;
        return 1;
      },
    };
    const s = startScheduler(ctx, [job]);
    await new Promise((r) => setTimeout(r, 120));
    await s.stop();
    const after = runs;
    expect(after).toBeGreaterThanOrEqual(2);
    expect(maxRunning).toBe(1);
    await new Promise((r) => setTimeout(r, 40));
    expect(runs).toBe(after);
  });

  it('keeps going after a failing run and reports counts from runAll', async () => {
    const errors: string[] = [];
    let n = 0;
    const flaky: Job = { id: 'flaky', everyMs: 60_000, run: async () => { n += 1; if (n === 1) throw new Error('boom'); return 3; } };
    const s = startScheduler(ctx, [flaky], (msg, err) => { if (err) errors.push(msg); });
    expect(await s.runAll()).toEqual({ flaky: 0 });
    expect(await s.runAll()).toEqual({ flaky: 3 });
    expect(errors).toEqual(['job flaky failed']);
    await s.stop();
  });
});
