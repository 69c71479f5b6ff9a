import path from 'node:path';
import { z } from 'zod';

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
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
