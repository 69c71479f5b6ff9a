import { sql } from 'drizzle-orm';
import type { SitrepField } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { pgArray, queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { publish } from '../notify/index.js';
import { emergencyVisibleOrFail, invalid, requireActive, unitInScopeOrFail, within } from './common.js';
import { requireGridStaff } from './directives.service.js';
import { getPlan } from './plans.js';

const MISSING = 100;

/** Reporting periods start at the declaration and last sitrep_every_minutes: the slot containing `at`. */
export function periodStart(declaredAt: Date, everyMinutes: number, at: Date): Date {
  const every = everyMinutes * 60_000;
  const k = Math.max(0, Math.floor((at.getTime() - declaredAt.getTime()) / every));
  return new Date(declaredAt.getTime() + k * every);
}

async function context(tx: Tx, user: SessionUser, emergencyId: number) {
  const e = await emergencyVisibleOrFail(tx, user, emergencyId);
  const [x] = await queryRows<{ declared_at: Date }>(tx, sql`SELECT declared_at FROM emergencies WHERE id = ${emergencyId}`);
  const plan = await getPlan(tx, Number(e.plan_id));
  return { e, declaredAt: new Date(x!.declared_at), fields: plan.sitrep.fields };
}

/** One report per grid and period (a second one in the same period replaces the first). */
export async function submit(db: Db, user: SessionUser, actor: Actor, emergencyId: number, b: { gridId: string; values: Record<string, number | string> }) {
  const { e, declaredAt, fields } = await context(db, user, emergencyId);
  requireActive(e);
  const grid = await unitInScopeOrFail(db, user, Number(b.gridId), 'gridId');
  if (grid.kind !== 'grid' || !(grid.path.startsWith(`${e.path}.`) || grid.path === e.path)) throw invalid('gridId', 'must be a grid inside the emergency area');
  await requireGridStaff(db, user, Number(grid.id));
  const known = new Map(fields.map((f) => [f.key, f]));
  for (const [k, v] of Object.entries(b.values)) {
    if (!known.has(k)) throw invalid(`values.${k}`, 'is not a field of this plan\'s report template');
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw invalid(`values.${k}`, 'must be a number ≥ 0');
  }
  const now = clock.now();
  const period = periodStart(declaredAt, e.sitrep_every_minutes, now);
  return db.transaction(async (tx) => {
    const [r] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO emergency_sitreps (emergency_id, grid_id, path, period, values, reported_at, reported_by)
      VALUES (${emergencyId}, ${Number(grid.id)}, ${grid.path}::ltree, ${period}, ${JSON.stringify(b.values)}::jsonb, ${now}, ${user.id})
      ON CONFLICT (emergency_id, grid_id, period) DO UPDATE SET values = EXCLUDED.values, reported_at = EXCLUDED.reported_at, reported_by = EXCLUDED.reported_by
      RETURNING id::text`);
    await audit(tx, actor, { action: 'emergency.sitrep', entityType: 'emergency_sitrep', entityId: r!.id, unitPath: grid.path, after: { ...b, period: period.toISOString() } });
    await publish(tx, { type: 'scoped', event: 'sitrep.changed', path: grid.path, data: { emergencyId: e.id, gridId: grid.id, period: period.toISOString() } });
    return { id: r!.id, gridId: grid.id, period: period.toISOString(), reportedAt: now.toISOString() };
  });
}

type Vals = Record<string, number | null>;

/**
 * Aggregates one period upward by the template: `sum` adds the grids' values of the period, `max` takes the
 * largest, `latest` takes each grid's most recent value (any period up to this one) and adds those up — a
 * standing figure such as people in shelters. Rows per child unit of `root`; missing grids listed.
 */
export function aggregate(fields: SitrepField[], inPeriod: Record<string, unknown>[], latestPerGrid: Record<string, unknown>[]): Vals {
  const out: Vals = {};
  for (const f of fields) {
    const src = f.aggregate === 'latest' ? latestPerGrid : inPeriod;
    const nums = src.map((v) => v[f.key]).filter((v): v is number => typeof v === 'number');
    out[f.key] = nums.length === 0 ? null : f.aggregate === 'max' ? Math.max(...nums) : nums.reduce((s, n) => s + n, 0);
  }
  return out;
}

export async function summary(tx: Tx, user: SessionUser, emergencyId: number, q: { unitId?: string; period?: string }) {
  const { e, declaredAt, fields } = await context(tx, user, emergencyId);
  const at = q.period ? new Date(q.period) : clock.now();
  if (Number.isNaN(at.getTime())) throw invalid('period', 'must be an ISO date-time');
  const period = periodStart(declaredAt, e.sitrep_every_minutes, at);
  let root = e.path;
  if (q.unitId) root = (await unitInScopeOrFail(tx, user, Number(q.unitId), 'unitId')).path;
  else if (user.scopePath && !(e.path === user.scopePath || e.path.startsWith(`${user.scopePath}.`))) root = user.scopePath;
  if (!(root === e.path || root.startsWith(`${e.path}.`) || e.path.startsWith(`${root}.`))) throw new AppError('NOT_FOUND', 'unit outside the emergency area', { field: 'unitId' });
  const scope = sql`path <@ ${root}::ltree AND path <@ ${e.path}::ltree AND ${within(user, sql`path`)}`;
  const nlevel = sql`nlevel(${root}::ltree)`;
  const child = sql`CASE WHEN nlevel(path) > ${nlevel} THEN subpath(path, ${nlevel}, 1)::text ELSE subpath(path, nlevel(path) - 1, 1)::text END`;
  const grids = await queryRows<{ id: string; name: string; child: string }>(tx, sql`
    SELECT id::text, name, ${child} AS child FROM units
    WHERE kind = 'grid' AND grid_kind = 'basic' AND valid_to IS NULL AND ${scope} ORDER BY code`);
  const reports = await queryRows<{ grid_id: string; values: Record<string, unknown>; child: string }>(tx, sql`
    SELECT grid_id::text, values, ${child} AS child FROM emergency_sitreps WHERE emergency_id = ${emergencyId} AND period = ${period} AND ${scope}`);
  const latest = await queryRows<{ grid_id: string; values: Record<string, unknown>; child: string }>(tx, sql`
    SELECT DISTINCT ON (grid_id) grid_id::text, values, ${child} AS child FROM emergency_sitreps
    WHERE emergency_id = ${emergencyId} AND period <= ${period} AND ${scope} ORDER BY grid_id, period DESC`);
  const reported = new Set(reports.map((r) => r.grid_id));
  const children = [...new Set(grids.map((g) => g.child))];
  const names = children.length ? await queryRows<{ id: string; name: string }>(tx, sql`SELECT id::text, name FROM units WHERE id = ANY(${pgArray(children)}::bigint[])`) : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const missing = grids.filter((g) => !reported.has(g.id));
  return {
    period: period.toISOString(), fields,
    totals: aggregate(fields, reports.map((r) => r.values), latest.map((r) => r.values)),
    byUnit: children.map((c) => ({
      unitId: c, name: nameOf.get(c) ?? c, expected: grids.filter((g) => g.child === c).length, reported: reports.filter((r) => r.child === c).length,
      values: aggregate(fields, reports.filter((r) => r.child === c).map((r) => r.values), latest.filter((r) => r.child === c).map((r) => r.values)),
    })),
    missing: missing.slice(0, MISSING).map((g) => ({ gridId: g.id, gridName: g.name })), missingTotal: missing.length,
  };
}
