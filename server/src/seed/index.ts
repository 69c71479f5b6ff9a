import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../lib/context.js';
import { queryRows } from '../db/sql.js';
import { users } from '../db/schema/index.js';
import { hashPassword } from '../modules/auth/index.js';
import { audit, SYSTEM_ACTOR } from '../lib/audit.js';

export type SeedSize = 'tiny' | 'demo' | 'large';

/** Seeds a database that has no units yet. Prints the generated admin password once. */
export async function seedIfEmpty(ctx: AppContext, opts: { size: SeedSize; log: (m: string) => void }) {
  const [r] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM users`);
  if (r!.n > 0) return;
  await seed(ctx, opts);
}

export async function seed(ctx: AppContext, opts: { size: SeedSize; log: (m: string) => void }) {
  const generated = !ctx.config.GRIDGOV_ADMIN_PASSWORD;
  const password = ctx.config.GRIDGOV_ADMIN_PASSWORD ?? crypto.randomBytes(9).toString('base64url') + '7a';
  await ctx.db.transaction(async (tx) => {
    const [admin] = await tx.insert(users).values({
      username: 'admin', displayName: '系统管理员', role: 'admin', passwordHash: await hashPassword(password),
    }).returning({ id: users.id });
    await audit(tx, SYSTEM_ACTOR, { action: 'user.create', entityType: 'user', entityId: admin!.id, after: { username: 'admin', role: 'admin' } });
  });
  if (generated) opts.log(`admin password: ${password}`);
}
