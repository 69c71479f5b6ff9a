import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { pathInScope, type SessionUser } from '../../lib/scope.js';
import { invalid, memberInScope, notFoundField, num, scopeSql, scopedUnitOrFail, today, under } from './common.js';

/**
 * 积分管理: rules (activity → points), a ledger whose entries count only once approved, totals per organisation.
 * Rankings of members exist only where the district turned them on: national rules on reducing grassroots
 * burden forbid forced point rankings, so the default is off and the route answers 403.
 */

interface RuleRow { id: string; code: string; name: string; points: number; unit_id: string | null; active: boolean }
const presentRule = (r: RuleRow) => ({ id: r.id, code: r.code, name: r.name, points: num(r.points), unitId: r.unit_id, active: r.active });

/** Rules that apply in the subtree: global ones and those of a unit above or inside it. */
export async function listRules(tx: Tx, user: SessionUser, root: string | null) {
  const rows = await queryRows<RuleRow>(tx, sql`SELECT r.id::text, r.code, r.name, r.points, r.unit_id::text, r.active
    FROM party_point_rules r LEFT JOIN units u ON u.id = r.unit_id
    WHERE r.unit_id IS NULL OR ${root === null ? sql`${scopeSql(user, sql`u.path`)}` : sql`(u.path @> ${root}::ltree OR u.path <@ ${root}::ltree)`}
    ORDER BY r.code, r.id`);
  return { items: rows.map(presentRule) };
}

export async function createRule(db: Db, user: SessionUser, actor: Actor, b: { code: string; name: string; points: number; unitId?: string | null }) {
  return db.transaction(async (tx) => {
    // A rule without a unit applies everywhere: only a global user may write one.
    if (!b.unitId && user.scopePath !== null) throw invalid('unitId', 'give the unit (district, town …) the rule applies to');
    const u = b.unitId ? await scopedUnitOrFail(tx, user, Number(b.unitId)) : null;
    const [r] = await queryRows<RuleRow>(tx, sql`INSERT INTO party_point_rules (code, name, points, unit_id)
      VALUES (${b.code}, ${b.name}, ${b.points}, ${u ? Number(u.id) : null}) RETURNING id::text, code, name, points, unit_id::text, active`);
    await audit(tx, actor, { action: 'party_point_rule.create', entityType: 'party_point_rule', entityId: r!.id, unitPath: u?.path ?? null, after: b });
    return presentRule(r!);
  });
}

export async function updateRule(db: Db, user: SessionUser, actor: Actor, id: number, b: { name?: string; points?: number; active?: boolean }) {
  return db.transaction(async (tx) => {
    const [before] = await queryRows<RuleRow & { path: string | null }>(tx, sql`SELECT r.id::text, r.code, r.name, r.points, r.unit_id::text, r.active, u.path::text AS path
      FROM party_point_rules r LEFT JOIN units u ON u.id = r.unit_id WHERE r.id = ${id}`);
    if (!before || (before.path ? !pathInScope(user, before.path) : user.scopePath !== null)) throw notFoundField('point rule', id, 'id');
    const [r] = await queryRows<RuleRow>(tx, sql`UPDATE party_point_rules SET name = ${b.name ?? before.name}, points = ${b.points ?? num(before.points)},
      active = ${b.active ?? before.active} WHERE id = ${id} RETURNING id::text, code, name, points, unit_id::text, active`);
    await audit(tx, actor, { action: 'party_point_rule.update', entityType: 'party_point_rule', entityId: id, unitPath: before.path, before: presentRule(before), after: b });
    return presentRule(r!);
  });
}

interface EntryRow { id: string; member_id: string; member_name: string; org_id: string; rule_id: string | null; rule_name: string | null; points: number;
  reason: string | null; occurred_on: string; status: string; decided_at: string | null; path: string }
const entryColumns = sql`e.id::text, e.member_id::text, p.name AS member_name, e.org_id::text, e.rule_id::text, r.name AS rule_name, e.points, e.reason,
  to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on, e.status, to_char(e.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS decided_at, e.path::text AS path`;
const entryFrom = sql`party_point_entries e JOIN party_members m ON m.id = e.member_id JOIN persons p ON p.id = m.person_id
  LEFT JOIN party_point_rules r ON r.id = e.rule_id JOIN party_orgs o ON o.id = e.org_id`;
const presentEntry = (r: EntryRow) => ({ id: r.id, memberId: r.member_id, memberName: r.member_name, orgId: r.org_id, ruleId: r.rule_id,
  ruleName: r.rule_name, points: num(r.points), reason: r.reason, occurredOn: r.occurred_on, status: r.status as 'pending', decidedAt: r.decided_at });

export async function listEntries(tx: Tx, user: SessionUser, f: { root: string | null; orgPath?: string; status?: string; limit: number; offset: number }) {
  const c: SQL[] = [scopeSql(user, sql`e.path`), under(sql`e.path`, f.root)];
  if (f.orgPath) c.push(sql`o.org_path <@ ${f.orgPath}::ltree`);
  if (f.status) c.push(sql`e.status = ${f.status}`);
  const where = sql.join(c, sql` AND `);
  const rows = await queryRows<EntryRow & { total: number }>(tx, sql`SELECT ${entryColumns}, count(*) OVER ()::int AS total FROM ${entryFrom}
    WHERE ${where} ORDER BY e.occurred_on DESC, e.id DESC LIMIT ${f.limit} OFFSET ${f.offset}`);
  return { items: rows.map(presentEntry), total: num(rows[0]?.total) };
}

async function entry(tx: Tx, user: SessionUser, id: number) {
  const [r] = await queryRows<EntryRow>(tx, sql`SELECT ${entryColumns} FROM ${entryFrom} WHERE e.id = ${id} AND ${scopeSql(user, sql`e.path`)}`);
  if (!r) throw notFoundField('point entry', id, 'id');
  return r;
}

export async function record(db: Db, user: SessionUser, actor: Actor, b: { memberId: string; ruleId?: string; points?: number; reason?: string | null; occurredOn?: string }) {
  return db.transaction(async (tx) => {
    const m = await memberInScope(tx, user, Number(b.memberId));
    let points = b.points;
    if (b.ruleId) {
      const [rule] = await queryRows<{ points: number; active: boolean }>(tx, sql`SELECT points, active FROM party_point_rules WHERE id = ${Number(b.ruleId)}`);
      if (!rule || !rule.active) throw notFoundField('point rule', b.ruleId, 'ruleId');
      points ??= num(rule.points);
    }
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_point_entries (member_id, org_id, path, rule_id, points, reason, occurred_on, created_by)
      VALUES (${Number(m.id)}, ${Number(m.org_id)}, ${m.path}::ltree, ${b.ruleId ? Number(b.ruleId) : null}, ${points!}, ${b.reason ?? null},
        ${b.occurredOn ?? today()}, ${actor.id}) RETURNING id::text`);
    await audit(tx, actor, { action: 'party_point.create', entityType: 'party_point_entry', entityId: r!.id, unitPath: m.path, after: { ...b, points } });
    return presentEntry(await entry(tx, user, Number(r!.id)));
  });
}

export async function decide(db: Db, user: SessionUser, actor: Actor, id: number, decision: 'approved' | 'rejected') {
  return db.transaction(async (tx) => {
    const e = await entry(tx, user, id);
    if (e.status !== 'pending') throw new AppError('ILLEGAL_TRANSITION', `decision: entry is already ${e.status}`, { field: 'decision', status: e.status });
    await tx.execute(sql`UPDATE party_point_entries SET status = ${decision}, decided_by = ${actor.id}, decided_at = now() WHERE id = ${id}`);
    await audit(tx, actor, { action: `party_point.${decision}`, entityType: 'party_point_entry', entityId: id, unitPath: e.path, before: { status: 'pending' }, after: { status: decision } });
    return presentEntry(await entry(tx, user, id));
  });
}

export async function totals(tx: Tx, user: SessionUser, root: string | null) {
  const rows = await queryRows<{ org_id: string; org_name: string; members: number; points: number; pending: number }>(tx, sql`
    SELECT o.id::text AS org_id, o.name AS org_name,
      (SELECT count(*)::int FROM party_members m WHERE m.org_id = o.id AND m.active) AS members,
      COALESCE(sum(e.points) FILTER (WHERE e.status = 'approved'), 0)::float8 AS points,
      count(e.id) FILTER (WHERE e.status = 'pending')::int AS pending
    FROM party_orgs o JOIN party_point_entries e ON e.org_id = o.id
    WHERE ${scopeSql(user, sql`o.path`)} AND ${under(sql`o.path`, root)}
    GROUP BY o.id, o.name ORDER BY o.org_path LIMIT 5000`);
  return { items: rows.map((r) => ({ orgId: r.org_id, orgName: r.org_name, members: num(r.members), points: num(r.points), pending: num(r.pending) })) };
}

/** The district a unit lies in (null above district level). */
async function districtOf(tx: Tx, path: string) {
  const [d] = await queryRows<{ id: string; path: string }>(tx, sql`SELECT id::text, path::text AS path FROM units
    WHERE kind = 'district' AND valid_to IS NULL AND path @> ${path}::ltree ORDER BY nlevel(path) DESC LIMIT 1`);
  return d ?? null;
}
const settingKey = (districtId: string) => `party.rankings.${districtId}`;

export async function settings(tx: Tx, user: SessionUser, unitId: string) {
  const u = await scopedUnitOrFail(tx, user, Number(unitId));
  const d = await districtOf(tx, u.path);
  if (!d) throw invalid('unitId', 'rankings are set per district: give a unit inside a district');
  const [s] = await queryRows<{ value: unknown }>(tx, sql`SELECT value FROM settings WHERE key = ${settingKey(d.id)}`);
  return { districtId: d.id, districtPath: d.path, rankingsEnabled: s?.value === true };
}

export async function setRankings(db: Db, user: SessionUser, actor: Actor, unitId: string, enabled: boolean) {
  return db.transaction(async (tx) => {
    const s = await settings(tx, user, unitId);
    // Only someone responsible for the whole district may switch it.
    if (!pathInScope(user, s.districtPath)) throw new AppError('FORBIDDEN', 'only district-level users may change the district setting', { field: 'unitId' });
    await tx.execute(sql`INSERT INTO settings (key, value, updated_at) VALUES (${settingKey(s.districtId)}, ${JSON.stringify(enabled)}::jsonb, now())
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`);
    await audit(tx, actor, { action: 'party_settings.rankings', entityType: 'setting', entityId: settingKey(s.districtId), unitPath: s.districtPath,
      before: { rankingsEnabled: s.rankingsEnabled }, after: { rankingsEnabled: enabled } });
    return { districtId: s.districtId, rankingsEnabled: enabled };
  });
}

export async function ranking(tx: Tx, user: SessionUser, unitId: string | undefined) {
  const id = unitId ?? (user.homeUnitId ? String(user.homeUnitId) : null);
  if (!id) throw invalid('unitId', 'give the unit to rank within');
  const s = await settings(tx, user, id);
  if (!s.rankingsEnabled) {
    throw new AppError('FORBIDDEN', 'point rankings are off in this district (national rules forbid forced rankings; a district may turn them on)', { setting: 'rankingsEnabled', districtId: s.districtId });
  }
  const u = await scopedUnitOrFail(tx, user, Number(id));
  const rows = await queryRows<{ member_id: string; name: string; org_name: string; points: number }>(tx, sql`
    SELECT m.id::text AS member_id, p.name, o.name AS org_name, sum(e.points)::float8 AS points
    FROM party_point_entries e JOIN party_members m ON m.id = e.member_id JOIN persons p ON p.id = m.person_id JOIN party_orgs o ON o.id = m.org_id
    WHERE e.status = 'approved' AND m.active AND ${scopeSql(user, sql`e.path`)} AND e.path <@ ${u.path}::ltree
    GROUP BY m.id, p.name, o.name ORDER BY points DESC, m.id LIMIT 100`);
  return { items: rows.map((r, k) => ({ rank: k + 1, memberId: r.member_id, name: r.name, orgName: r.org_name, points: num(r.points) })) };
}
