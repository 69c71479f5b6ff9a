/**
 * The one source of "now" for workflow rules (deadlines, warnings, auto-close). Tests move it with setNow();
 * production never does. Services pass clock.now() into SQL instead of relying on the database's now().
 */
let offsetMs = 0;
let fixed: Date | null = null;

export const clock = {
  now(): Date {
    return fixed ? new Date(fixed) : new Date(Date.now() + offsetMs);
  },
};

/** Tests only: freeze the clock at `at` (or unfreeze with null). */
export function setNow(at: Date | null): void {
  fixed = at;
}

/** Tests only: move the running clock forward by `ms`. */
export function advance(ms: number): void {
  if (fixed) fixed = new Date(fixed.getTime() + ms);
  else offsetMs += ms;
}
