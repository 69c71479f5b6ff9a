import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * TRUST_PROXY, as Fastify's `trustProxy` takes it: off (default: the socket address is the client, X-Forwarded-For
 * is ignored, so nobody escapes the per-IP limits by sending one), a hop count, or a comma list of proxy addresses
 * or CIDR ranges (and proxy-addr's names loopback, linklocal, uniquelocal). `true` trusts every hop: only when the
 * server cannot be reached except through the proxy.
 */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
function isProxyAddress(s: string): boolean {
  if (PROXY_NAMES.includes(s)) return true;
  const [addr, bits, ...rest] = s.split('/');
  const v = isIP(addr ?? '');
  if (v === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (v === 4 ? 32 : 128);
}
const trustProxy = z.string().trim().optional().transform((raw, ctx): boolean | number | string[] => {
  const v = (raw ?? 'off').toLowerCase();
  if (v === 'off' || v === 'false' || v === '' || v === '0') return false;
  if (v === 'true' || v === 'on') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = list.filter((x) => !isProxyAddress(x));
  if (bad.length || list.length === 0) {
    ctx.addIssue({ code: 'custom', message: `off, true, a hop count, or proxy addresses/CIDR ranges separated by commas (bad: ${bad.join(', ') || raw})` });
    return z.NEVER;
  }
  return list;
});

/** The only reader of process.env. Fails fast, listing every bad variable. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  GRIDGOV_SECRET_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)').optional(),
  GRIDGOV_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  SEED_SIZE: z.enum(['none', 'tiny', 'demo', 'large']).default('demo'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_HOURS: z.coerce.number().positive().default(12),
  MAP_TILE_URL: z.string().url().optional(),
  MAP_TILE_CRS: z.enum(['gcj02', 'wgs84']).default('gcj02'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  /** Per-IP limits on the public (no-login) endpoints; `off` for benchmarks. */
  RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  TRUST_PROXY: trustProxy,
});

export type Config = z.infer<typeof schema> & { dataDir: string };

/**
 * Fastify's `trustProxy` from TRUST_PROXY. A hop count becomes proxy-addr's classic rule "trust the first n hops"
 * (Fastify 5 itself now reads a bare number as "trust nothing"): it cannot check who the nearest peer is, so use it
 * only when nothing reaches the server except through the proxies; addresses or ranges are the safer form.
 */
export function trustProxyOption(v: Config['TRUST_PROXY']): boolean | string[] | ((addr: string, hop: number) => boolean) {
  if (typeof v === 'number') return (_addr, hop) => hop < v;
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
