import { LRUCache } from 'lru-cache';
import type { Period } from './indicators.service.js';

/**
 * Figures of days that are over (before today, Asia/Shanghai) are read at most once per CLOSED_DAYS_TTL_MS per
 * scope and period; today's are always read live and added to them.
 *
 * Why: a month-to-date figure summed up the unit tree reads about one rollup row per matter of the month (matters
 * are spread over a thousand grids and a hundred categories), so without this the cockpit costs five times more on
 * the 31st than on the 6th, on every refresh of every wall screen. The rows of finished days hardly move: received,
 * rated, closed, sent and handled are counted on the day they happen. What does move is a late first response
 * (counted on the day received) and the current state of earlier matters (the month's "by state"); those show at
 * most a minute late, while everything that happens today, and every figure of the present (open, overdue), is
 * live. Reports (assessment, exports) read the rollups directly and are never served from here.
 *
 * The age is measured on the workflow clock (tests move it), and an entry "from the future" is stale too.
 * Concurrent requests for the same key share one read.
 */
export const CLOSED_DAYS_TTL_MS = 60_000;

const cache = new LRUCache<string, { at: number; value: Promise<unknown> }>({ max: 2000 });

const DAY_MS = 86_400_000;
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

/** The period's finished days (before `today`) and the rest (today and later), either possibly empty. */
export function splitAtToday(p: Period, today: string): { closed: Period | null; live: Period | null } {
  if (p.to < today) return { closed: p, live: null };
  if (p.from >= today) return { closed: null, live: p };
  return { closed: { from: p.from, to: dayBefore(today) }, live: { from: today, to: p.to } };
}

function closedRead<T>(key: string, now: Date, read: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  const age = hit ? now.getTime() - hit.at : -1;
  if (hit && age >= 0 && age < CLOSED_DAYS_TTL_MS) return hit.value as Promise<T>;
  const value = read();
  cache.set(key, { at: now.getTime(), value });
  // A failed read is not kept: the next request tries again.
  value.catch(() => { if (cache.get(key)?.value === value) cache.delete(key); });
  return value;
}

export interface SplitRead<T> {
  /** What is read (e.g. `case-sums|1.2`); the closed period is appended. */
  key: string;
  period: Period;
  today: string;
  now: Date;
  read: (p: Period) => Promise<T>;
  add: (closed: T, live: T) => T;
}

/** `read(period)`, its finished days from the cache, today and later live, added together. */
export async function closedDaysThenLive<T>(s: SplitRead<T>): Promise<{ closed: T | null; live: T | null; all: T }> {
  const { closed, live } = splitAtToday(s.period, s.today);
  const [c, l] = await Promise.all([
    closed ? closedRead(`${s.key}|${closed.from}|${closed.to}`, s.now, () => s.read(closed)) : null,
    live ? s.read(live) : null,
  ]);
  return { closed: c, live: l, all: c !== null && l !== null ? s.add(c, l) : (c ?? l)! };
}

/** Tests only: forget every cached figure. */
export function forgetClosedDays(): void {
  cache.clear();
}
