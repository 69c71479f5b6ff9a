import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../lib/context.js';
import { queryRows } from '../db/sql.js';
import { hashPassword } from '../modules/auth/index.js';
import { audit, SYSTEM_ACTOR } from '../lib/audit.js';
import { loadSeedData } from './data.js';
import { seedLarge } from './large.js';
import { writePlaces, writeStairways } from './write-places.js';
import { phoneIssuer, planResidents, writeGridStaff, writeUsers } from './write-people.js';
import { writeDepartments, writeGridTypes, writeUnits } from './write-territory.js';
import { writeCatalogue } from './write-catalogue.js';
import { writeParty } from './write-party.js';
import { writeEmergencyPlans } from '../modules/emergency/index.js';
import { writeCases } from './write-cases.js';
import { clock } from '../lib/clock.js';

export type SeedSize = 'tiny' | 'demo' | 'large';

const SEEDED_TABLES = ['units', 'grid_types', 'departments', 'users', 'grid_staff', 'estates', 'buildings', 'stairways', 'key_sites',
  'households', 'persons', 'case_categories', 'work_calendar', 'cases', 'case_dispatches'];

export interface SeedResult {
  size: SeedSize;
  counts: Record<string, number>;
  ms: number;
}

/** Seeds a database that has no users yet. Prints the generated admin password once. */
export async function seedIfEmpty(ctx: AppContext, opts: { size: SeedSize; log: (m: string) => void }): Promise<SeedResult | null> {
  const [r] = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM users`);
  if (r!.n > 0) return null;
  return seed(ctx, opts);
}

/**
 * Writes the demo data (server/seed/*.json, tiny = the rows marked `tiny`) in one transaction, with one
 * summary audit event per kind of row. `large` adds seedLarge's generated grids after the demo data.
 */
export async function seed(ctx: AppContext, opts: { size: SeedSize; log: (m: string) => void }): Promise<SeedResult> {
  const started = Date.now();
  const data = loadSeedData(opts.size === 'tiny' ? 'tiny' : 'demo');
  const generated = !ctx.config.GRIDGOV_ADMIN_PASSWORD;
  const adminPassword = ctx.config.GRIDGOV_ADMIN_PASSWORD ?? crypto.randomBytes(9).toString('base64url') + '7a';
  // argon2 is slow by design: hash each distinct password once (every demo account shares one).
  const hashes = new Map<string, Promise<string>>();
  const hashOf = (p: string) => hashes.get(p) ?? hashes.set(p, hashPassword(p)).get(p)!;
  const accounts = await Promise.all(data.accounts.map(async (a) => ({ ...a, passwordHash: await hashOf(a.password ?? adminPassword) })));
  const counts: Record<string, number> = {};

  await ctx.db.transaction(async (tx) => {
    const gridTypeIds = await writeGridTypes(tx, data.gridTypes);
    counts.grid_type = data.gridTypes.length;
    const units = await writeUnits(tx, data.units, gridTypeIds);
    for (const f of data.units) counts[f.properties.kind] = (counts[f.properties.kind] ?? 0) + 1;
    const departments = await writeDepartments(tx, data.departments, units);
    counts.department = departments.size;
    const catalogue = await writeCatalogue(tx);
    Object.assign(counts, { case_category: catalogue.categories, calendar_day: catalogue.calendarDays });
    const phones = phoneIssuer();
    const users = await writeUsers(tx, accounts, units, departments, ctx.crypto, phones);
    counts.user = users.size;
    counts.grid_staff = await writeGridStaff(tx, data.staff, units, users, ctx.crypto, phones);
    const places = await writePlaces(tx, data.places, units);
    const residents = await planResidents(tx, data.residents, places, ctx.crypto, phones);
    await writeStairways(tx, data.places, places, residents.leads);
    const people = await residents.write(tx);
    if (opts.size !== 'tiny') counts.case = await writeCases(tx, ctx.crypto, clock.now());
    Object.assign(counts, {
      estate: places.counts.estates, building: places.counts.buildings, stairway: places.counts.stairways,
      key_site: places.counts.keySites, household: people.households, person: people.persons,
    });
    Object.assign(counts, await writeParty(tx, ctx.crypto, opts.size));
    counts.emergency_plan = await writeEmergencyPlans(tx);
    for (const [kind, count] of Object.entries(counts)) {
      const unitKind = data.units.some((f) => f.properties.kind === kind);
      await audit(tx, SYSTEM_ACTOR, {
        action: 'seed.create', entityType: unitKind ? 'unit' : kind,
        after: { size: opts.size, ...(unitKind ? { kind } : {}), count, ...(kind === 'user' ? { usernames: accounts.map((a) => a.username) } : {}) },
      });
    }
  });
  // Fresh statistics so the first locate and list queries get good plans.
  await ctx.db.execute(sql.raw(`ANALYZE ${SEEDED_TABLES.join(', ')}`));
  if (opts.size === 'large') await seedLarge(ctx, opts.log);
  const ms = Date.now() - started;
  opts.log(`seeded ${opts.size} data in ${(ms / 1000).toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (generated) opts.log(`admin password: ${adminPassword}`);
  return { size: opts.size, counts, ms };
}
