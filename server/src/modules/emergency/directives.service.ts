import { sql } from 'drizzle-orm';
import type { CreateDirectiveBody, Directive, ReportBody, ReportField } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { pgArray, queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { publish } from '../notify/index.js';
import { emergencyVisibleOrFail, invalid, logEvent, notFound, requireActive, unitInScopeOrFail, within } from './common.js';
import { presentDirective, directiveSelect, type DirectiveRow } from './directives.present.js';

/** Roles that act for a grid (签收/反馈): only its own grid staff. */
const GRID_ROLES = new Set(['grid_leader', 'grid_worker']);

/**
 * Issues a directive and fans it out to every current basic grid under the targets, in ONE INSERT … SELECT (the
 * large territory has 100,000 grids). Targets must lie inside the emergency's area and the issuer's scope.
 */
export async function createDirective(db: Db, user: SessionUser, actor: Actor, emergencyId: number, b: CreateDirectiveBody): Promise<{ id: string; total: number }> {
  const e = await emergencyVisibleOrFail(db, user, emergencyId);
  requireActive(e);
  const now = clock.now();
  const dueAt = new Date(b.dueAt);
  if (dueAt <= now) throw invalid('dueAt', 'must be in the future');
  const ackDueAt = b.ackDueAt ? new Date(b.ackDueAt) : new Date(Math.min(now.getTime() + e.timers.ackMinutes * 60_000, dueAt.getTime()));
  if (ackDueAt <= now || ackDueAt > dueAt) throw invalid('ackDueAt', 'must be in the future and not after dueAt');
  const paths: string[] = [];
  for (const [k, tid] of b.targetUnitIds.entries()) {
    const u = await unitInScopeOrFail(db, user, Number(tid), `targetUnitIds.${k}`);
    if (!(u.path === e.path || u.path.startsWith(`${e.path}.`))) throw invalid(`targetUnitIds.${k}`, 'is outside the emergency area', { id: tid });
    paths.push(u.path);
  }
  return db.transaction(async (tx) => {
    const [d] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO directives (emergency_id, title, body, target_unit_ids, path, report_fields, attachments, issued_at, issued_by, ack_due_at, due_at, street_after_minutes)
      VALUES (${emergencyId}, ${b.title}, ${b.body}, ${JSON.stringify(b.targetUnitIds)}::jsonb, ${e.path}::ltree, ${JSON.stringify(b.reportFields ?? [])}::jsonb,
        ${JSON.stringify(b.attachments ?? [])}::jsonb, ${now}, ${user.id}, ${ackDueAt}, ${dueAt}, ${e.timers.streetAfterMinutes})
      RETURNING id::text`);
    const id = Number(d!.id);
    const [f] = await queryRows<{ total: number }>(tx, sql`
      WITH ins AS (
        INSERT INTO directive_grids (directive_id, grid_id, path)
        SELECT ${id}, u.id, u.path FROM units u
        WHERE u.kind = 'grid' AND u.grid_kind = 'basic' AND u.valid_to IS NULL AND u.valid_from <= ${now}
          AND u.path <@ ANY(${pgArray(paths)}::ltree[])
        RETURNING 1)
      UPDATE directives SET total = (SELECT count(*) FROM ins) WHERE id = ${id} RETURNING total`);
    const total = f!.total;
    if (total === 0) throw invalid('targetUnitIds', 'no current basic grid lies under these units');
    // Inbox rows for every grid's staff in one statement (no per-user events: the field app listens to directive.issued).
    await tx.execute(sql`
      INSERT INTO notifications (user_id, kind, title, body, created_at)
      SELECT DISTINCT s.user_id, 'emergency.directive', ${`【指令】${b.title}`}::text, ${b.body.slice(0, 500)}::text, ${now}::timestamptz
      FROM directive_grids dg JOIN grid_staff s ON s.grid_id = dg.grid_id AND s.active AND s.user_id IS NOT NULL
      WHERE dg.directive_id = ${id}`);
    await logEvent(tx, emergencyId, now, 'directive', `下达指令「${b.title}」至${total}个网格`, actor.name, { directiveId: String(id), total });
    await audit(tx, actor, { action: 'emergency.directive.create', entityType: 'directive', entityId: id, unitPath: e.path, after: { ...b, total } });
    await publish(tx, paths.map((p) => ({
      type: 'scoped' as const, event: 'directive.issued', path: p, around: true, data: { directiveId: String(id), emergencyId: e.id, title: b.title },
    })));
    return { id: String(id), total };
  });
}

/** A directive the user may see: issued in an area inside their scope, or reaching a grid inside it. Else 404. */
export async function directiveVisibleOrFail(tx: Tx, user: SessionUser, id: number): Promise<DirectiveRow> {
  const [d] = await queryRows<DirectiveRow>(tx, sql`${directiveSelect()}
    WHERE d.id = ${id} AND (${within(user, sql`d.path`)}
      OR EXISTS (SELECT 1 FROM directive_grids g WHERE g.directive_id = d.id AND ${within(user, sql`g.path`)}))`);
  if (!d) throw notFound('directive', id);
  return d;
}

export async function getDirective(tx: Tx, user: SessionUser, id: number): Promise<Directive> {
  const d = await directiveVisibleOrFail(tx, user, id);
  return (await presentDirective(tx, [d], user))[0]!;
}

export async function listForEmergency(tx: Tx, user: SessionUser, emergencyId: number) {
  await emergencyVisibleOrFail(tx, user, emergencyId);
  const rows = await queryRows<DirectiveRow>(tx, sql`${directiveSelect()}
    WHERE d.emergency_id = ${emergencyId} AND (${within(user, sql`d.path`)}
      OR EXISTS (SELECT 1 FROM directive_grids g WHERE g.directive_id = d.id AND ${within(user, sql`g.path`)}))
    ORDER BY d.issued_at DESC, d.id DESC`);
  return { items: await presentDirective(tx, rows, user) };
}

interface GridRow { directive_id: string; grid_id: string; grid_name: string; path: string; state: string; acked_at: Date | null; reported_at: Date | null; escalation: number; report: Record<string, unknown> | null; emergency_id: string; emergency_state: string }

/** The directive's row for one grid, visible to the user, else 404 (another area's directive looks absent). */
export async function gridRowOrFail(tx: Tx, user: SessionUser, directiveId: number, gridId: number): Promise<GridRow> {
  const [r] = await queryRows<GridRow>(tx, sql`
    SELECT dg.directive_id::text, dg.grid_id::text, u.name AS grid_name, dg.path::text AS path, dg.state, dg.acked_at, dg.reported_at,
      dg.escalation, dg.report, d.emergency_id::text, e.state AS emergency_state
    FROM directive_grids dg JOIN directives d ON d.id = dg.directive_id JOIN emergencies e ON e.id = d.emergency_id
    JOIN units u ON u.id = dg.grid_id
    WHERE dg.directive_id = ${directiveId} AND dg.grid_id = ${gridId} AND ${within(user, sql`dg.path`)}`);
  if (!r) throw notFound('directive', directiveId);
  return r;
}

/** Only the grid's own staff act for it: a grid role whose home unit is the grid, or listed in grid_staff for it. */
export async function requireGridStaff(tx: Tx, user: SessionUser, gridId: number): Promise<void> {
  if (!GRID_ROLES.has(user.role)) throw new AppError('FORBIDDEN', 'Only the grid\'s own staff acknowledge and report', { role: user.role, field: 'gridId' });
  if (user.homeUnitId === gridId) return;
  const [s] = await queryRows<{ ok: number }>(tx, sql`SELECT 1 AS ok FROM grid_staff WHERE grid_id = ${gridId} AND user_id = ${user.id} AND active LIMIT 1`);
  if (!s) throw new AppError('FORBIDDEN', 'You are not staff of this grid', { field: 'gridId' });
}

export function presentGrid(r: GridRow) {
  return {
    directiveId: r.directive_id, gridId: r.grid_id, gridName: r.grid_name, state: r.state as 'pending' | 'acknowledged' | 'executed',
    ackedAt: r.acked_at ? new Date(r.acked_at).toISOString() : null, reportedAt: r.reported_at ? new Date(r.reported_at).toISOString() : null,
    escalation: Number(r.escalation), report: r.report,
  };
}

async function publishProgress(tx: Tx, r: GridRow, state: string) {
  await publish(tx, { type: 'scoped', event: 'directive.progress', path: r.path, data: { directiveId: r.directive_id, emergencyId: r.emergency_id, gridId: r.grid_id, state } });
}

/** 签收. Idempotent: a second acknowledgement answers the current state. */
export async function acknowledge(db: Db, user: SessionUser, actor: Actor, directiveId: number, gridId: number) {
  const r = await gridRowOrFail(db, user, directiveId, gridId);
  await requireGridStaff(db, user, gridId);
  if (r.state !== 'pending') return presentGrid(r);
  if (r.emergency_state !== 'active') throw new AppError('CONFLICT', 'the emergency has ended', { id: r.emergency_id });
  return db.transaction(async (tx) => {
    const now = clock.now();
    const upd = await queryRows<{ n: number }>(tx, sql`
      UPDATE directive_grids SET state = 'acknowledged', acked_at = ${now}, acked_by = ${user.id}
      WHERE directive_id = ${directiveId} AND grid_id = ${gridId} AND state = 'pending' RETURNING 1 AS n`);
    if (upd.length) {
      await audit(tx, actor, { action: 'emergency.directive.ack', entityType: 'directive', entityId: directiveId, unitPath: r.path, after: { gridId: String(gridId) } });
      await publishProgress(tx, r, 'acknowledged');
    }
    return presentGrid(await gridRowOrFail(tx, user, directiveId, gridId));
  });
}

/** Required report fields: the directive's own plus those added by the units above this grid that forwarded it. */
async function fieldsFor(tx: Tx, directiveId: number, gridPath: string): Promise<ReportField[]> {
  const rows = await queryRows<{ f: ReportField[] }>(tx, sql`
    SELECT report_fields AS f FROM directives WHERE id = ${directiveId}
    UNION ALL SELECT report_fields FROM directive_additions WHERE directive_id = ${directiveId} AND path @> ${gridPath}::ltree`);
  return rows.flatMap((r) => r.f ?? []);
}

export function checkReport(fields: ReportField[], b: ReportBody): void {
  for (const f of fields) {
    const v = b.fields[f.key] ?? b.counts[f.key];
    if (v === undefined || v === '') {
      if (f.required) throw invalid(`fields.${f.key}`, `${f.zh} is required`);
      continue;
    }
    if (f.type === 'number' && (typeof v !== 'number' || !Number.isFinite(v))) throw invalid(`fields.${f.key}`, 'must be a number');
    if (f.type === 'boolean' && typeof v !== 'boolean') throw invalid(`fields.${f.key}`, 'must be true or false');
  }
}

/** A report names only photos uploaded for the same directive and grid (else 400 naming `photos.N`). */
async function checkReportPhotos(tx: Tx, directiveId: number, gridId: number, photoIds: string[]): Promise<void> {
  if (!photoIds.length) return;
  const rows = await queryRows<{ id: string }>(tx, sql`
    SELECT id::text FROM directive_photos WHERE directive_id = ${directiveId} AND grid_id = ${gridId}
      AND id = ANY(${pgArray(photoIds)}::bigint[])`);
  const known = new Set(rows.map((r) => r.id));
  const k = photoIds.findIndex((p) => !known.has(p));
  if (k >= 0) throw invalid(`photos.${k}`, 'is not a photo uploaded for this directive and grid', { id: photoIds[k] });
}

/** 反馈: fields, counts, photos. Acknowledges on the way if the grid had not yet. A later report replaces the earlier one. */
export async function report(db: Db, user: SessionUser, actor: Actor, directiveId: number, b: ReportBody) {
  const gridId = Number(b.gridId);
  const r = await gridRowOrFail(db, user, directiveId, gridId);
  await requireGridStaff(db, user, gridId);
  if (r.emergency_state !== 'active') throw new AppError('CONFLICT', 'the emergency has ended', { id: r.emergency_id });
  checkReport(await fieldsFor(db, directiveId, r.path), b);
  await checkReportPhotos(db, directiveId, gridId, b.photos);
  return db.transaction(async (tx) => {
    const now = clock.now();
    const body = { fields: b.fields, counts: b.counts, photos: b.photos, note: b.note ?? null };
    await tx.execute(sql`
      UPDATE directive_grids SET state = 'executed', report = ${JSON.stringify(body)}::jsonb, reported_at = ${now}, reported_by = ${user.id},
        acked_at = COALESCE(acked_at, ${now}), acked_by = COALESCE(acked_by, ${user.id})
      WHERE directive_id = ${directiveId} AND grid_id = ${gridId}`);
    await audit(tx, actor, { action: 'emergency.directive.report', entityType: 'directive', entityId: directiveId, unitPath: r.path, before: { state: r.state }, after: { gridId: String(gridId), ...body } });
    await publishProgress(tx, r, 'executed');
    return presentGrid(await gridRowOrFail(tx, user, directiveId, gridId));
  });
}

/**
 * A grid answers every field asked of it by key (fieldsFor), so an added field may not reuse a key the directive, or
 * another level whose grids overlap this unit's, already asks for, nor one added twice here: 400 naming the field.
 */
async function checkAddedKeys(db: Db, directiveId: number, unitPath: string, fields: ReportField[]): Promise<void> {
  if (!fields.length) return;
  const rows = await queryRows<{ key: string }>(db, sql`
    SELECT f->>'key' AS key FROM directives d, jsonb_array_elements(d.report_fields) f WHERE d.id = ${directiveId}
    UNION SELECT f->>'key' FROM directive_additions a, jsonb_array_elements(a.report_fields) f
    WHERE a.directive_id = ${directiveId} AND (a.path @> ${unitPath}::ltree OR a.path <@ ${unitPath}::ltree)`);
  const taken = new Set(rows.map((r) => r.key));
  fields.forEach((f, i) => {
    if (taken.has(f.key)) throw invalid(`reportFields.${i}.key`, `${f.key} is already asked for by this directive`);
    taken.add(f.key);
  });
}

/** 转发: an intermediate unit (town, community) passes the directive down with its own additions. */
export async function forward(db: Db, user: SessionUser, actor: Actor, directiveId: number, b: { unitId: string; note: string; reportFields?: ReportField[] }) {
  const d = await directiveVisibleOrFail(db, user, directiveId);
  const unit = await unitInScopeOrFail(db, user, Number(b.unitId), 'unitId');
  if (unit.kind === 'grid' || unit.kind === 'cell') throw invalid('unitId', 'forward from a town, community or other unit above grids');
  const [reach] = await queryRows<{ n: number }>(db, sql`
    SELECT count(*)::int AS n FROM directive_grids WHERE directive_id = ${directiveId} AND path <@ ${unit.path}::ltree`);
  if (!reach!.n) throw invalid('unitId', 'the directive reaches no grid under this unit');
  await checkAddedKeys(db, directiveId, unit.path, b.reportFields ?? []);
  return db.transaction(async (tx) => {
    const now = clock.now();
    const [a] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO directive_additions (directive_id, unit_id, path, note, report_fields, added_by, added_at)
      VALUES (${directiveId}, ${Number(unit.id)}, ${unit.path}::ltree, ${b.note}, ${JSON.stringify(b.reportFields ?? [])}::jsonb, ${user.id}, ${now})
      RETURNING id::text`);
    await tx.execute(sql`
      INSERT INTO notifications (user_id, kind, title, body, created_at)
      SELECT DISTINCT s.user_id, 'emergency.directive', ${`【转发】${d.title}(${unit.name})`}::text, ${b.note.slice(0, 500)}::text, ${now}::timestamptz
      FROM directive_grids dg JOIN grid_staff s ON s.grid_id = dg.grid_id AND s.active AND s.user_id IS NOT NULL
      WHERE dg.directive_id = ${directiveId} AND dg.path <@ ${unit.path}::ltree`);
    await logEvent(tx, d.emergency_id, now, 'forward', `${unit.name}转发指令「${d.title}」并补充要求`, actor.name, { directiveId: String(directiveId), unitId: unit.id });
    await audit(tx, actor, { action: 'emergency.directive.forward', entityType: 'directive', entityId: directiveId, unitPath: unit.path, after: { ...b, grids: reach!.n } });
    await publish(tx, { type: 'scoped', event: 'directive.issued', path: unit.path, around: true, data: { directiveId: String(directiveId), emergencyId: d.emergency_id, title: d.title } });
    return { id: a!.id };
  });
}

/** The field view: the caller's grids' rows of directives of active emergencies (newest first). */
export async function mine(tx: Tx, user: SessionUser, gridId?: number) {
  const grids = await queryRows<{ id: string }>(tx, sql`
    SELECT DISTINCT g::text AS id FROM (
      SELECT home_unit_id AS g FROM users WHERE id = ${user.id}
      UNION SELECT grid_id FROM grid_staff WHERE user_id = ${user.id} AND active) x
    WHERE g IS NOT NULL`);
  const ids = grids.map((g) => Number(g.id)).filter((g) => !gridId || g === gridId);
  if (!ids.length) return { items: [] };
  const rows = await queryRows<DirectiveRow & { g_grid_id: string }>(tx, sql`${directiveSelect(sql`, dg.grid_id::text AS g_grid_id`)}
    JOIN directive_grids dg ON dg.directive_id = d.id
    WHERE dg.grid_id = ANY(${pgArray(ids)}::bigint[]) AND e.state = 'active'
    ORDER BY d.issued_at DESC, d.id DESC LIMIT 100`);
  const out = [];
  for (const d of rows) {
    const [full] = await presentDirective(tx, [d], user, d.g_grid_id);
    const g = await gridRowOrFail(tx, { ...user, scopePath: null }, Number(d.id), Number(d.g_grid_id));
    const { total: _t, acknowledged: _a, executed: _e, ...rest } = full!;
    out.push({ ...rest, grid: presentGrid(g) });
  }
  return { items: out };
}
