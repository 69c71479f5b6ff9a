import type { Role } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { hashPassword } from '../auth/index.js';

/** Password of factory-built users unless one is given. */
export const FACTORY_PASSWORD = 'Factory2026';

let seq = 0;
// argon2 is deliberately slow; tests build many users with the same password, so hash it once.
let defaultHash: Promise<string> | null = null;

/**
 * A user for tests and seeds. Staff roles normally get a home unit (their scope); admin without one is global.
 * Returns the plain password so tests can log in.
 */
export async function buildUser(tx: Tx, opts: {
  role: Role; homeUnitId?: number | null; username?: string; password?: string; displayName?: string;
  departmentId?: number | null; active?: boolean; mustChangePassword?: boolean;
}) {
  seq += 1;
  const username = opts.username ?? `${opts.role.replace(/_/g, '')}${process.pid % 1000}${Date.now() % 1e7}${seq}`;
  const password = opts.password ?? FACTORY_PASSWORD;
  const passwordHash = opts.password ? await hashPassword(opts.password) : await (defaultHash ??= hashPassword(FACTORY_PASSWORD));
  const [u] = await tx.insert(users).values({
    username, displayName: opts.displayName ?? username, role: opts.role, passwordHash,
    homeUnitId: opts.homeUnitId ?? null, departmentId: opts.departmentId ?? null,
    active: opts.active ?? true, mustChangePassword: opts.mustChangePassword ?? false,
  }).returning({ id: users.id });
  return { id: u!.id, username, password, role: opts.role, homeUnitId: opts.homeUnitId ?? null };
}
