import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.js';

/**
 * Per-IP token buckets for the no-login endpoints: a burst of `capacity` requests, refilled at `perMinute`.
 * In-process on purpose (no Redis): behind several instances each keeps its own buckets, which only loosens the
 * limit by the instance count. Switched off with RATE_LIMIT=off (benchmarks), read on every request.
 */
export interface Bucket { tokens: number; at: number }

export function tokenBucket(opts: { capacity: number; perMinute: number; enabled: () => boolean; now?: () => number }) {
  const buckets = new Map<string, Bucket>();
  const now = opts.now ?? Date.now;
  const rate = opts.perMinute / 60_000;

  function take(ip: string): { ok: boolean; retryAfterS: number } {
    const t = now();
    const b = buckets.get(ip) ?? { tokens: opts.capacity, at: t };
    b.tokens = Math.min(opts.capacity, b.tokens + (t - b.at) * rate);
    b.at = t;
    if (buckets.size > 50_000) prune(t);
    buckets.set(ip, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true, retryAfterS: 0 };
    }
    return { ok: false, retryAfterS: Math.ceil((1 - b.tokens) / rate / 1000) };
  }

  // Full buckets carry no information: forget them so the map stays small.
  function prune(t: number) {
    for (const [k, b] of buckets) if (b.tokens + (t - b.at) * rate >= opts.capacity) buckets.delete(k);
  }

  /** A preHandler: 429 RATE_LIMITED with Retry-After when the caller's bucket is empty. */
  return async function limit(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!opts.enabled()) return;
    const r = take(req.ip);
    if (!r.ok) {
      reply.header('retry-after', String(r.retryAfterS));
      throw new AppError('RATE_LIMITED', `Too many requests; try again in ${r.retryAfterS} s`, { retryAfterSeconds: r.retryAfterS });
    }
  };
}
