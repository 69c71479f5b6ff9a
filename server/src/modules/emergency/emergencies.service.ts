import { sql } from 'drizzle-orm';
import type { DeclareBody, Emergency } from '@gridgov/common';
import { emergencySchema, levelLabel } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import {
  areaVisible, emergencyCommandedOrFail, emergencyVisibleOrFail, iso, logEvent, num, publishEmergencyChanged, requireActive, unitInScopeOrFail,
} from './common.js';
import { getPlan } from './plans.js';
import { activeEmergenciesAt } from './wartime.js';

interface Row {
  id: string; plan_id: string; plan_name: string; incident_type: string; level: number; title: string; unit_id: string; unit_name: string;
  state: string; declared_at: Date; ended_at: Date | null; note: string | null; declared_by: string | null; sitrep_every_minutes: number;
  formations: Emergency['formations']; directives: number | string;
}

const SELECT = sql`
  SELECT e.id::text, e.plan_id::text, p.name AS plan_name, e.incident_type, e.level, e.title, e.unit_id::text, u.name AS unit_name,
    e.state, e.declared_at, e.ended_at, e.note, du.display_name AS declared_by, e.sitrep_every_minutes, e.formations,
    (SELECT count(*) FROM directives d WHERE d.emergency_id = e.id) AS directives
  FROM emergencies e JOIN emergency_plans p ON p.id = e.plan_id JOIN units u ON u.id = e.unit_id
  LEFT JOIN users du ON du.id = e.declared_by`;

function present(r: Row): Emergency {
  return emergencySchema.parse({
    id: r.id, planId: r.plan_id, planName: r.plan_name, incidentType: r.incident_type, level: r.level, title: r.title,
    unitId: r.unit_id, unitName: r.unit_name, declaredAt: iso(r.declared_at), state: r.state, endedAt: iso(r.ended_at), note: r.note,
    declaredBy: r.declared_by, sitrepEveryMinutes: r.sitrep_every_minutes, formations: r.formations ?? [], directives: num(r.directives),
  });
}

export async function getEmergency(tx: Tx, user: SessionUser, id: number): Promise<Emergency> {
  await emergencyVisibleOrFail(tx, user, id);
  const [r] = await queryRows<Row>(tx, sql`${SELECT} WHERE e.id = ${id}`);
  return present(r!);
}

export async function listEmergencies(tx: Tx, user: SessionUser, f: { state: 'active' | 'ended' | 'all'; unitPath: string | null }) {
  const rows = await queryRows<Row>(tx, sql`${SELECT}
    WHERE ${areaVisible(user, sql`e.path`)}
      ${f.state === 'all' ? sql`` : sql`AND e.state = ${f.state}`}
      ${f.unitPath ? sql`AND (e.path <@ ${f.unitPath}::ltree OR e.path @> ${f.unitPath}::ltree)` : sql``}
    ORDER BY (e.state = 'active') DESC, e.declared_at DESC, e.id DESC LIMIT 200`);
  return { items: rows.map(present) };
}

/** The banner: active emergencies containing the user's area or declared inside it. */
export async function activeForUser(tx: Tx, user: SessionUser) {
  let items;
  if (user.scopePath === null) {
    const rows = await queryRows<{ path: string }>(tx, sql`SELECT path::text AS path FROM units WHERE parent_id IS NULL AND valid_to IS NULL`);
    items = (await Promise.all(rows.map((r) => activeEmergenciesAt(tx, r.path, { includeInside: true })))).flat();
  } else {
    items = await activeEmergenciesAt(tx, user.scopePath, { includeInside: true });
  }
  const list = items.map(({ path: _p, ...rest }) => rest);
  return { wartime: list.length > 0, items: list };
}

/** 宣布进入战时: the plan's timers and report schedule are copied, so later plan edits never change a running emergency. */
export async function declare(db: Db, user: SessionUser, actor: Actor, b: DeclareBody): Promise<{ id: string }> {
  const plan = await getPlan(db, Number(b.planId), 'planId');
  const unit = await unitInScopeOrFail(db, user, Number(b.unitId), 'unitId');
  if (unit.kind === 'cell') throw new AppError('VALIDATION_FAILED', 'unitId: an emergency covers a grid or a larger unit', { field: 'unitId' });
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO emergencies (plan_id, incident_type, level, title, note, unit_id, path, state, sitrep_every_minutes, timers, declared_at, declared_by)
      VALUES (${Number(plan.id)}, ${plan.incidentType}, ${b.level}, ${b.title}, ${b.note ?? null}, ${Number(unit.id)}, ${unit.path}::ltree, 'active',
        ${plan.sitrep.everyMinutes}, ${JSON.stringify(plan.timers)}::jsonb, ${now}, ${user.id})
      RETURNING id::text`);
    const id = row!.id;
    await logEvent(tx, id, now, 'declared', `${unit.name} 启动${levelLabel(b.level)}应急响应:${b.title}(${plan.name})`, actor.name, { level: b.level, planId: plan.id });
    await audit(tx, actor, { action: 'emergency.declare', entityType: 'emergency', entityId: id, unitPath: unit.path, after: { ...b } });
    await publishEmergencyChanged(tx, { id, path: unit.path, state: 'active', level: b.level });
    return { id };
  });
}

export async function changeLevel(db: Db, user: SessionUser, actor: Actor, id: number, b: { level: number; reason?: string }): Promise<Emergency> {
  const e = await emergencyCommandedOrFail(db, user, id);
  requireActive(e);
  await db.transaction(async (tx) => {
    const now = clock.now();
    await tx.execute(sql`UPDATE emergencies SET level = ${b.level} WHERE id = ${id}`);
    await logEvent(tx, id, now, 'level', `响应级别由${levelLabel(e.level)}调整为${levelLabel(b.level)}${b.reason ? `:${b.reason}` : ''}`, actor.name, { from: e.level, to: b.level });
    await audit(tx, actor, { action: 'emergency.level', entityType: 'emergency', entityId: id, unitPath: e.path, before: { level: e.level }, after: b });
    await publishEmergencyChanged(tx, { id: e.id, path: e.path, state: 'active', level: b.level });
  });
  return getEmergency(db, user, id);
}

/** 转入平时: the area returns to peacetime; the after-action report reads the timeline from here on. */
export async function end(db: Db, user: SessionUser, actor: Actor, id: number, b: { summary?: string } | undefined): Promise<Emergency> {
  const e = await emergencyCommandedOrFail(db, user, id);
  requireActive(e);
  await db.transaction(async (tx) => {
    const now = clock.now();
    await tx.execute(sql`UPDATE emergencies SET state = 'ended', ended_at = ${now}, ended_by = ${user.id}, summary = ${b?.summary ?? null} WHERE id = ${id}`);
    await tx.execute(sql`UPDATE emergency_callups SET expires_at = LEAST(expires_at, ${now}) WHERE emergency_id = ${id}`);
    await logEvent(tx, id, now, 'ended', `应急响应结束,转入平时${b?.summary ? `:${b.summary}` : ''}`, actor.name);
    await audit(tx, actor, { action: 'emergency.end', entityType: 'emergency', entityId: id, unitPath: e.path, before: { state: 'active' }, after: { state: 'ended', summary: b?.summary ?? null } });
    await publishEmergencyChanged(tx, { id: e.id, path: e.path, state: 'ended', level: e.level });
  });
  return getEmergency(db, user, id);
}
