import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { invalid, memberInScope, notFoundField, num, scopeSql, scopedUnitOrFail, today, under } from './common.js';

/**
 * 双报到双服务: organs and in-service members register with the community where they live; communities publish
 * service activities; members sign up, check in and get hours. Activity rows carry the community's path, so
 * the community sees them; a member from an organ elsewhere acts through the community's staff.
 */

async function communityOrFail(tx: Tx, user: SessionUser, id: string) {
  const u = await scopedUnitOrFail(tx, user, Number(id), 'communityId');
  if (u.kind !== 'community') throw invalid('communityId', `unit ${id} is a ${u.kind}, not a community`);
  return u;
}

interface DualRow { id: string; kind: string; community_id: string; community_name: string; organ_name: string | null; member_id: string | null;
  member_name: string | null; registered_on: string }
const dualColumns = sql`d.id::text, d.kind, d.community_id::text, u.name AS community_name, COALESCE(d.organ_name, mm.work_unit) AS organ_name,
  d.member_id::text, p.name AS member_name, to_char(d.registered_on, 'YYYY-MM-DD') AS registered_on`;
const dualFrom = sql`party_dual_registrations d JOIN units u ON u.id = d.community_id LEFT JOIN party_members mm ON mm.id = d.member_id
  LEFT JOIN persons p ON p.id = mm.person_id`;
const presentDual = (r: DualRow) => ({ id: r.id, kind: r.kind as 'organ', communityId: r.community_id, communityName: r.community_name,
  organName: r.organ_name, memberId: r.member_id, memberName: r.member_name, registeredOn: r.registered_on });

export async function listDual(tx: Tx, user: SessionUser, root: string | null) {
  const rows = await queryRows<DualRow>(tx, sql`SELECT ${dualColumns} FROM ${dualFrom}
    WHERE ${scopeSql(user, sql`d.path`)} AND ${under(sql`d.path`, root)} ORDER BY d.id LIMIT 5000`);
  return { items: rows.map(presentDual), total: rows.length };
}

export async function register(db: Db, user: SessionUser, actor: Actor, b: { kind: 'organ' | 'member'; communityId: string; organName?: string; memberId?: string; registeredOn?: string }) {
  return db.transaction(async (tx) => {
    const c = await communityOrFail(tx, user, b.communityId);
    if (b.kind === 'member') {
      const m = await memberInScope(tx, user, Number(b.memberId));
      if (m.member_class !== 'in_service') throw invalid('memberId', '双报到 is for in-service members');
      const [dup] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM party_dual_registrations WHERE member_id = ${Number(m.id)}`);
      if (dup) throw new AppError('CONFLICT', 'memberId: this member is already registered with a community', { field: 'memberId' });
    }
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_dual_registrations (kind, community_id, path, organ_name, member_id, registered_on)
      VALUES (${b.kind}, ${Number(c.id)}, ${c.path}::ltree, ${b.kind === 'organ' ? b.organName! : null}, ${b.kind === 'member' ? Number(b.memberId) : null},
        ${b.registeredOn ?? today()}) RETURNING id::text`);
    await audit(tx, actor, { action: 'party_dual.register', entityType: 'party_dual_registration', entityId: r!.id, unitPath: c.path, after: b });
    const [row] = await queryRows<DualRow>(tx, sql`SELECT ${dualColumns} FROM ${dualFrom} WHERE d.id = ${Number(r!.id)}`);
    return presentDual(row!);
  });
}

interface ActivityRow { id: string; community_id: string; community_name: string; title: string; category: string | null; place: string | null;
  starts_at: string; ends_at: string | null; capacity: string | null; planned_hours: number; signups: number; checked_in: number; hours: number }
const actColumns = sql`a.id::text, a.community_id::text, u.name AS community_name, a.title, a.category, a.place,
  to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS starts_at,
  to_char(a.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ends_at, a.capacity::text, a.planned_hours,
  (SELECT count(*)::int FROM party_signups s WHERE s.activity_id = a.id) AS signups,
  (SELECT count(*)::int FROM party_signups s WHERE s.activity_id = a.id AND s.checked_in_at IS NOT NULL) AS checked_in,
  (SELECT COALESCE(sum(s.hours), 0)::float8 FROM party_signups s WHERE s.activity_id = a.id) AS hours`;
const presentActivity = (r: ActivityRow) => ({ id: r.id, communityId: r.community_id, communityName: r.community_name, title: r.title,
  category: r.category, place: r.place, startsAt: r.starts_at, endsAt: r.ends_at, capacity: r.capacity == null ? null : Number(r.capacity),
  plannedHours: num(r.planned_hours), signups: num(r.signups), checkedIn: num(r.checked_in), hours: num(r.hours) });

export async function listActivities(tx: Tx, user: SessionUser, root: string | null) {
  const rows = await queryRows<ActivityRow>(tx, sql`SELECT ${actColumns} FROM party_activities a JOIN units u ON u.id = a.community_id
    WHERE ${scopeSql(user, sql`a.path`)} AND ${under(sql`a.path`, root)} ORDER BY a.starts_at DESC LIMIT 2000`);
  return { items: rows.map(presentActivity), total: rows.length };
}

export async function activity(tx: Tx, user: SessionUser, id: number) {
  const [r] = await queryRows<ActivityRow & { path: string }>(tx, sql`SELECT ${actColumns}, a.path::text AS path FROM party_activities a JOIN units u ON u.id = a.community_id
    WHERE a.id = ${id} AND ${scopeSql(user, sql`a.path`)}`);
  if (!r) throw notFoundField('service activity', id, 'id');
  return { ...presentActivity(r), path: r.path };
}

export async function publish(db: Db, user: SessionUser, actor: Actor, b: { communityId: string; title: string; category?: string | null; place?: string | null;
  startsAt: string; endsAt?: string | null; capacity?: number | null; plannedHours: number }) {
  const id = await db.transaction(async (tx) => {
    const c = await communityOrFail(tx, user, b.communityId);
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_activities (community_id, path, title, category, place, starts_at, ends_at, capacity, planned_hours)
      VALUES (${Number(c.id)}, ${c.path}::ltree, ${b.title}, ${b.category ?? null}, ${b.place ?? null}, ${b.startsAt}, ${b.endsAt ?? null},
        ${b.capacity ?? null}, ${b.plannedHours}) RETURNING id::text`);
    await audit(tx, actor, { action: 'party_activity.create', entityType: 'party_activity', entityId: r!.id, unitPath: c.path, after: b });
    return Number(r!.id);
  });
  const { path: _p, ...a } = await activity(db, user, id);
  return a;
}

interface SignupRow { id: string; activity_id: string; member_id: string; member_name: string; signed_up_at: string; checked_in_at: string | null; hours: number; path: string }
async function signupRow(tx: Tx, user: SessionUser, id: number) {
  const [r] = await queryRows<SignupRow>(tx, sql`SELECT s.id::text, s.activity_id::text, s.member_id::text, p.name AS member_name,
      to_char(s.signed_up_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS signed_up_at,
      to_char(s.checked_in_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS checked_in_at, s.hours, a.path::text AS path
    FROM party_signups s JOIN party_activities a ON a.id = s.activity_id JOIN party_members m ON m.id = s.member_id JOIN persons p ON p.id = m.person_id
    WHERE s.id = ${id} AND ${scopeSql(user, sql`a.path`)}`);
  if (!r) throw notFoundField('sign-up', id, 'id');
  return r;
}
const presentSignup = (r: SignupRow) => ({ id: r.id, activityId: r.activity_id, memberId: r.member_id, memberName: r.member_name,
  signedUpAt: r.signed_up_at, checkedInAt: r.checked_in_at, hours: num(r.hours) });

/** Sign-ups of one activity in scope (404 otherwise); members may come from organs elsewhere (双报到), phones masked. */
export async function listSignups(tx: Tx, user: SessionUser, activityId: number) {
  await activity(tx, user, activityId);
  const rows = await queryRows<SignupRow & { phone_masked: string | null; org_name: string }>(tx, sql`SELECT s.id::text, s.activity_id::text,
      s.member_id::text, p.name AS member_name, p.phone_masked, o.name AS org_name,
      to_char(s.signed_up_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS signed_up_at,
      to_char(s.checked_in_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS checked_in_at, s.hours
    FROM party_signups s JOIN party_members m ON m.id = s.member_id JOIN persons p ON p.id = m.person_id JOIN party_orgs o ON o.id = m.org_id
    WHERE s.activity_id = ${activityId} ORDER BY s.signed_up_at, s.id LIMIT 5000`);
  return { items: rows.map((r) => ({ ...presentSignup(r), memberPhone: r.phone_masked, memberOrgName: r.org_name })), total: rows.length };
}

export async function signUp(db: Db, user: SessionUser, actor: Actor, activityId: number, memberId: string) {
  return db.transaction(async (tx) => {
    const a = await activity(tx, user, activityId);
    // The member may belong to an organ's branch outside this community: that is the point of 双报到.
    const [m] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM party_members WHERE id = ${Number(memberId)} AND active`);
    if (!m) throw notFoundField('party member', memberId, 'memberId');
    if (a.capacity !== null && a.signups >= a.capacity) throw new AppError('CONFLICT', `activity: full (${a.capacity} places)`, { field: 'activityId' });
    const [dup] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM party_signups WHERE activity_id = ${activityId} AND member_id = ${Number(memberId)}`);
    if (dup) throw new AppError('CONFLICT', 'memberId: already signed up', { field: 'memberId' });
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_signups (activity_id, member_id) VALUES (${activityId}, ${Number(memberId)}) RETURNING id::text`);
    await audit(tx, actor, { action: 'party_signup.create', entityType: 'party_signup', entityId: r!.id, unitPath: a.path, after: { activityId, memberId } });
    return presentSignup(await signupRow(tx, user, Number(r!.id)));
  });
}

export async function checkIn(db: Db, user: SessionUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const s = await signupRow(tx, user, id);
    if (s.checked_in_at) throw new AppError('CONFLICT', 'already checked in', { field: 'id' });
    await tx.execute(sql`UPDATE party_signups SET checked_in_at = now() WHERE id = ${id}`);
    await audit(tx, actor, { action: 'party_signup.check_in', entityType: 'party_signup', entityId: id, unitPath: s.path });
    return presentSignup(await signupRow(tx, user, id));
  });
}

export async function recordHours(db: Db, user: SessionUser, actor: Actor, id: number, hours: number) {
  return db.transaction(async (tx) => {
    const s = await signupRow(tx, user, id);
    if (!s.checked_in_at) throw new AppError('ILLEGAL_TRANSITION', 'hours: check the member in first', { field: 'hours' });
    await tx.execute(sql`UPDATE party_signups SET hours = ${hours} WHERE id = ${id}`);
    await audit(tx, actor, { action: 'party_signup.hours', entityType: 'party_signup', entityId: id, unitPath: s.path, before: { hours: num(s.hours) }, after: { hours } });
    return presentSignup(await signupRow(tx, user, id));
  });
}

/** Per organ (work unit of in-service members) and per member: registrations, activities attended and hours, in the subtree's activities. */
export async function stats(tx: Tx, user: SessionUser, root: string | null) {
  const act = sql`${scopeSql(user, sql`a.path`)} AND ${under(sql`a.path`, root)}`;
  const [byMember, byOrgan] = await Promise.all([
    queryRows<{ member_id: string; name: string; work_unit: string | null; activities: number; hours: number }>(tx, sql`
      SELECT m.id::text AS member_id, p.name, m.work_unit, count(*) FILTER (WHERE s.checked_in_at IS NOT NULL)::int AS activities,
        COALESCE(sum(s.hours), 0)::float8 AS hours
      FROM party_signups s JOIN party_activities a ON a.id = s.activity_id JOIN party_members m ON m.id = s.member_id JOIN persons p ON p.id = m.person_id
      WHERE ${act} GROUP BY m.id, p.name, m.work_unit ORDER BY hours DESC, m.id LIMIT 2000`),
    queryRows<{ organ: string; members: number; registered: number; activities: number; hours: number }>(tx, sql`
      WITH reg AS (
        SELECT COALESCE(d.organ_name, m.work_unit) AS organ, d.member_id FROM party_dual_registrations d
        LEFT JOIN party_members m ON m.id = d.member_id WHERE ${scopeSql(user, sql`d.path`)} AND ${under(sql`d.path`, root)}
      ), work AS (
        SELECT m.work_unit AS organ, count(*) FILTER (WHERE s.checked_in_at IS NOT NULL)::int AS activities, COALESCE(sum(s.hours), 0)::float8 AS hours
        FROM party_signups s JOIN party_activities a ON a.id = s.activity_id JOIN party_members m ON m.id = s.member_id
        WHERE ${act} AND m.work_unit IS NOT NULL GROUP BY m.work_unit
      )
      SELECT o.organ, (SELECT count(*)::int FROM party_members m WHERE m.work_unit = o.organ AND m.member_class = 'in_service' AND m.active) AS members,
        (SELECT count(*)::int FROM reg r WHERE r.organ = o.organ AND r.member_id IS NOT NULL) AS registered,
        COALESCE(w.activities, 0) AS activities, COALESCE(w.hours, 0) AS hours
      FROM (SELECT organ FROM reg WHERE organ IS NOT NULL UNION SELECT organ FROM work) o LEFT JOIN work w ON w.organ = o.organ
      ORDER BY hours DESC, o.organ LIMIT 500`),
  ]);
  return {
    byOrgan: byOrgan.map((r) => ({ organName: r.organ, members: num(r.members), registered: num(r.registered), activities: num(r.activities), hours: num(r.hours) })),
    byMember: byMember.map((r) => ({ memberId: r.member_id, name: r.name, workUnit: r.work_unit, activities: num(r.activities), hours: num(r.hours) })),
  };
}
