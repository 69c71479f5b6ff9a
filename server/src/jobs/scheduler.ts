import type { AppContext } from '../lib/context.js';

/**
 * A job runs every `everyMs` in every server instance. Jobs must be safe to run concurrently across instances:
 * they claim their rows with `FOR UPDATE SKIP LOCKED` (or an advisory transaction lock), never in memory.
 */
export interface Job {
  id: string;
  everyMs: number;
  /** Returns how many items it handled (for the log). */
  run(ctx: AppContext): Promise<number>;
}

export interface Scheduler {
  /** Run every job once now (tests, CLIs). */
  runAll(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** Starts an in-process timer per job; a job never overlaps itself within one process. */
export function startScheduler(ctx: AppContext, jobs: Job[], log: (msg: string, err?: unknown) => void = () => {}): Scheduler {
  const running = new Map<string, Promise<number>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  const runOne = (job: Job): Promise<number> => {
    const busy = running.get(job.id);
    if (busy) return busy;
    const p = job.run(ctx)
      .then((n) => {
        if (n > 0) log(`job ${job.id}: ${n} handled`);
        return n;
      })
      .catch((err) => {
        log(`job ${job.id} failed`, err);
        return 0;
      })
      .finally(() => running.delete(job.id));
    running.set(job.id, p);
    return p;
  };

  for (const job of jobs) {
    const t = setInterval(() => {
      if (!stopped && ctx.ready) void runOne(job);
    }, job.everyMs);
    t.unref(); // never keeps the process alive on its own
    timers.push(t);
  }

  return {
    async runAll() {
      const out: Record<string, number> = {};
      for (const job of jobs) out[job.id] = await runOne(job);
      return out;
    },
    async stop() {
      stopped = true;
      timers.forEach(clearInterval);
      await Promise.all([...running.values()]);
    },
  };
}
