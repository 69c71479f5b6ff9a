import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { audit, SYSTEM_ACTOR, type Actor } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import * as territory from './territory.repo.js';
import * as grids from './grid.repo.js';
import * as repo from './redraw.repo.js';
import type { LayoutSummary, RedrawInput } from './redraw.schema.js';
import { validateLayout } from './redraw.validate.js';
import { insertUnit } from './unit.writer.js';

const iso = (v: string | Date) => new Date(v).toISOString();

/** PostgreSQL unique_violation, however the driver wraps it. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i += 1) {
    if (e.code === '23505') return true;
  }
  return false;
}
const ref = (g: { id: string | number; code: string; name: string }) => ({ id: String(g.id), code: g.code, name: g.name });

export function presentLayout(l: repo.LayoutRow) {
  return {
    id: l.id, communityId: l.community_id, state: stateOf(l.summary), effectiveAt: iso(l.effective_at), note: l.note,
    createdBy: l.created_by, createdAt: iso(l.created_at), summary: l.summary,
  };
}

const stateOf = (s: Record<string, unknown>) => (s?.state === 'pending' ? 'pending' as const : 'applied' as const);

/** A community the user may see, or 404; any other kind of unit is a bad id for this route. */
async function communityInScope(db: Db, user: SessionUser, id: number) {
  const u = await territory.getUnit(db, user, id);
  if (!u) throw notFound('Community', id);
  if (u.kind !== 'community') throw new AppError('VALIDATION_FAILED', `unit ${id} is a ${u.kind}, not a community`, { field: 'id' });
  return u;
}

/**
 * Redraw a community's basic grids (社区网格重划). Validates the whole layout first (nothing written on any
 * problem), then in one transaction: records the layout, closes the old grids and their cells at effectiveAt,
 * inserts the new grids valid from effectiveAt, and — if effectiveAt has come — moves everything on the old
 * grids. A future layout waits for the scheduler job (applyDueLayouts) so rows move only when it takes effect.
 */
export async function redraw(db: Db, user: SessionUser, actor: Actor, communityId: number, input: RedrawInput, now = new Date()) {
  if (!input.effectiveAt) {
    throw new AppError('VALIDATION_FAILED', 'effectiveAt is required (body member or query parameter)', { field: 'effectiveAt' });
  }
  const effectiveAt = new Date(input.effectiveAt);
  const community = await communityInScope(db, user, communityId);
  if (community.valid_to) throw new AppError('CONFLICT', `community ${community.code} is retired`, { id: String(communityId) });

  const kept = await repo.currentGrids(db, communityId, 'dedicated');
  const problems = await validateLayout(db, { id: communityId, code: community.code, hasGeometry: !!community.geometry }, input.grids, kept.map((g) => g.code));
  if (problems.length) {
    throw new AppError('IMPORT_REJECTED', `layout rejected: ${problems.length} problem(s): ${problems.slice(0, 5).map((p) => p.message).join('; ')}${problems.length > 5 ? '; …' : ''}`, { problems });
  }

  return db.transaction(async (tx) => {
    const c = await repo.lockCommunity(tx, communityId);
    if (!c || c.valid_to) throw notFound('Community', communityId);
    const pending = await repo.pendingLayout(tx, communityId);
    if (pending) {
      throw new AppError('CONFLICT', `community ${c.code} already has a layout waiting to take effect at ${iso(pending.effective_at)}`, { layoutId: pending.id });
    }
    const old = await repo.currentGrids(tx, communityId, 'basic');
    const latestStart = old.reduce((m, g) => Math.max(m, new Date(g.valid_from).getTime()), 0);
    if (effectiveAt.getTime() <= latestStart) {
      throw new AppError('VALIDATION_FAILED', `effectiveAt must be after the current grids took effect (${new Date(latestStart).toISOString()})`, { field: 'effectiveAt' });
    }

    const base: LayoutSummary = {
      state: 'pending', appliedAt: null, oldGrids: old.map(ref), newGrids: [], closedCells: 0, moved: {}, closedCasesKept: 0,
    };
    const layoutId = await repo.insertLayout(tx, { communityId, effectiveAt, note: input.note ?? null, createdBy: actor.id, summary: base });
    // Close first: the unique index on codes covers current rows only, so new grids may reuse old codes.
    base.closedCells = await repo.closeGridsAndCells(tx, old.map((g) => Number(g.id)), effectiveAt);
    for (const g of input.grids) {
      const u = await insertUnit(tx, {
        kind: 'grid', gridKind: 'basic', code: g.code, name: g.name, parentId: communityId,
        gridTypeId: g.gridTypeId ? Number(g.gridTypeId) : null, layoutId, geometry: g.geometry, profile: g.profile, validFrom: effectiveAt,
      }).catch((err: unknown) => {
        // Only a grid created by someone else since validation can still take a code.
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', `grid code ${g.code} was taken meanwhile`, { field: 'code', code: g.code });
        throw err;
      });
      base.newGrids.push({ id: String(u.id), code: g.code, name: g.name });
    }

    let summary = base;
    if (effectiveAt.getTime() <= now.getTime()) {
      summary = await applyLayout(tx, actor, { id: layoutId, communityPath: c.path, effectiveAt, summary: base }, now);
    }
    await repo.setLayoutSummary(tx, layoutId, summary);
    await audit(tx, actor, {
      action: summary.state === 'applied' ? 'grid_layout.redraw' : 'grid_layout.schedule',
      entityType: 'grid_layout', entityId: layoutId, unitPath: c.path,
      after: { communityId: String(communityId), effectiveAt: effectiveAt.toISOString(), note: input.note ?? null, ...summary },
    });
    const row = (await repo.layoutById(tx, layoutId))!;
    return { layout: presentLayout(row), grids: summary.newGrids };
  });
}

const sqlOpenCases = sql`x.state NOT IN (${sql.join(repo.FINISHED_CASE_STATES.map((s) => sql`${s}`), sql`, `)})`;
const sqlActive = sql`x.active`;
/** Staff keep no location: they go to the new grid that overlaps their old one most. */
const sqlBest = sql`m.new_id`;

/**
 * Move everything on the layout's old grids to its new grids, recording each move in grid_moves:
 * located objects by their point, households/persons after their building/household, staff and users by
 * best overlap. Closed, merged and rejected cases stay where they were handled.
 */
async function applyLayout(tx: Tx, actor: Actor, l: { id: number; communityPath: string; effectiveAt: Date; summary: LayoutSummary }, now: Date): Promise<LayoutSummary> {
  const oldIds = l.summary.oldGrids.map((g) => Number(g.id));
  const map = oldIds.length ? await repo.bestOverlap(tx, oldIds, l.id) : [];
  const move = (spec: Parameters<typeof repo.moveRows>[4]) => repo.moveRows(tx, l.id, l.effectiveAt, map, spec);
  const loc = repo.byLocation(l.id);

  const buildings = await move({ table: 'buildings', entityType: 'building', target: loc, clearCell: true });
  const keySites = await move({ table: 'key_sites', entityType: 'key_site', target: loc, clearCell: true });
  const estates = await move({ table: 'estates', entityType: 'estate', target: loc });
  const households = await move({ table: 'households', entityType: 'household', target: repo.following('buildings', 'building_id', l.id) });
  const persons = await move({ table: 'persons', entityType: 'person', target: repo.following('households', 'household_id', l.id) });
  const cases = await move({
    table: 'cases', entityType: 'case', target: loc, clearCell: true,
    filter: sqlOpenCases,
  });
  const staff = await move({ table: 'grid_staff', entityType: 'grid_staff', target: sqlBest, filter: sqlActive });
  const users = await repo.moveUsers(tx, l.id, l.effectiveAt, map);

  for (const s of staff) {
    await audit(tx, actor, {
      action: 'grid_staff.reassign', entityType: 'grid_staff', entityId: s.id, unitPath: l.communityPath,
      before: { gridId: s.from_id }, after: { gridId: s.to_id, layoutId: String(l.id) },
    });
  }
  for (const u of users) {
    await audit(tx, actor, {
      action: 'user.reassign', entityType: 'user', entityId: u.id, unitPath: l.communityPath,
      before: { homeUnitId: u.prev_id }, after: { homeUnitId: u.to_id, layoutId: String(l.id) },
    });
  }
  return {
    ...l.summary,
    state: 'applied',
    appliedAt: now.toISOString(),
    moved: {
      buildings: buildings.length, keySites: keySites.length, estates: estates.length, households: households.length,
      persons: persons.length, cases: cases.length, staff: staff.length, users: users.length,
    },
    closedCasesKept: await repo.finishedCasesOn(tx, oldIds),
  };
}

/**
 * Apply every pending layout whose time has come, one transaction each. Safe with several server instances:
 * the layout row is taken with FOR UPDATE SKIP LOCKED and its state re-read under the lock.
 */
export async function applyDueLayouts(db: Db, now = new Date(), max = 50): Promise<number> {
  let applied = 0;
  while (applied < max) {
    const done = await db.transaction(async (tx) => {
      const row = await repo.nextDueLayout(tx, now);
      if (!row) return false;
      const communityPath = await territory.unitPathById(tx, Number(row.community_id));
      const summary = await applyLayout(tx, SYSTEM_ACTOR, {
        id: Number(row.id), communityPath: communityPath ?? '', effectiveAt: new Date(row.effective_at),
        summary: row.summary as unknown as LayoutSummary,
      }, now);
      await repo.setLayoutSummary(tx, Number(row.id), summary);
      await audit(tx, SYSTEM_ACTOR, {
        action: 'grid_layout.apply', entityType: 'grid_layout', entityId: row.id, unitPath: communityPath,
        before: { state: 'pending' }, after: summary,
      });
      return true;
    });
    if (!done) break;
    applied += 1;
  }
  return applied;
}

export async function listLayouts(db: Db, user: SessionUser, communityId: number) {
  await communityInScope(db, user, communityId);
  const rows = await grids.layoutsOfCommunity(db, communityId);
  return rows.map((l) => ({ id: l.id, state: stateOf(l.summary), effectiveAt: iso(l.effective_at), note: l.note, summary: l.summary ?? {}, grids: l.grids }));
}

export async function layoutDetail(db: Db, user: SessionUser, id: number) {
  const row = await repo.layoutById(db, id);
  // Out of scope answers like missing: the layout is visible only with its community.
  if (!row || !(await territory.getUnit(db, user, Number(row.community_id)))) throw notFound('Layout', id);
  const moves = await repo.movesOfLayout(db, id);
  const byEntity: Record<string, number> = {};
  for (const m of moves) byEntity[m.entity_type] = (byEntity[m.entity_type] ?? 0) + m.n;
  return {
    layout: presentLayout(row),
    moves: {
      byEntity,
      byGrid: moves.map((m) => ({
        entityType: m.entity_type,
        from: m.from_id ? { id: m.from_id, code: m.from_code ?? '', name: m.from_name ?? '' } : null,
        to: m.to_id ? { id: m.to_id, code: m.to_code ?? '', name: m.to_name ?? '' } : null,
        count: m.n,
      })),
    },
  };
}
