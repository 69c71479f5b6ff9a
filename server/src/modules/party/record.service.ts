import { sql, type SQL } from 'drizzle-orm';
import type { MemberRecord } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { SessionUser } from '../../lib/scope.js';
import { memberInScope, num } from './common.js';

/**
 * A member's service record (服务档案): 双报到 registration, service activities signed up / checked in with hours,
 * the points ledger and the training sessions attended. The member must be in scope (404 otherwise); the activities
 * themselves may lie in another community (an in-service member serves where they live), so they are not narrowed.
 */
const iso = (col: SQL) => sql`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export async function memberRecord(tx: Tx, user: SessionUser, id: number): Promise<MemberRecord> {
  const m = await memberInScope(tx, user, id, 'id');
  const mid = Number(m.id);
  const [dual, activities, points, trainings] = await Promise.all([
    queryRows<{ community_id: string; community_name: string; registered_on: string }>(tx, sql`
      SELECT d.community_id::text, u.name AS community_name, to_char(d.registered_on, 'YYYY-MM-DD') AS registered_on
      FROM party_dual_registrations d JOIN units u ON u.id = d.community_id WHERE d.member_id = ${mid} ORDER BY d.id LIMIT 1`),
    queryRows<{ signup_id: string; activity_id: string; title: string; community_name: string; starts_at: string; signed_up_at: string;
      checked_in_at: string | null; hours: number }>(tx, sql`
      SELECT s.id::text AS signup_id, a.id::text AS activity_id, a.title, u.name AS community_name, ${iso(sql`a.starts_at`)} AS starts_at,
        ${iso(sql`s.signed_up_at`)} AS signed_up_at, ${iso(sql`s.checked_in_at`)} AS checked_in_at, s.hours
      FROM party_signups s JOIN party_activities a ON a.id = s.activity_id JOIN units u ON u.id = a.community_id
      WHERE s.member_id = ${mid} ORDER BY a.starts_at DESC, s.id DESC LIMIT 500`),
    queryRows<{ id: string; rule_name: string | null; points: number; reason: string | null; occurred_on: string; status: string }>(tx, sql`
      SELECT e.id::text, r.name AS rule_name, e.points, e.reason, to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on, e.status
      FROM party_point_entries e LEFT JOIN party_point_rules r ON r.id = e.rule_id
      WHERE e.member_id = ${mid} ORDER BY e.occurred_on DESC, e.id DESC LIMIT 500`),
    queryRows<{ session_id: string; course_title: string; mode: string; org_name: string; held_on: string; hours: number }>(tx, sql`
      SELECT s.id::text AS session_id, c.title AS course_title, c.mode, o.name AS org_name, to_char(at.held_on, 'YYYY-MM-DD') AS held_on, c.hours
      FROM party_attendance at JOIN party_sessions s ON s.id = at.session_id JOIN party_courses c ON c.id = s.course_id
      JOIN party_orgs o ON o.id = s.org_id WHERE at.member_id = ${mid} ORDER BY at.held_on DESC, at.id DESC LIMIT 500`),
  ]);
  const d = dual[0];
  return {
    memberId: m.id,
    dualRegistration: d ? { communityId: d.community_id, communityName: d.community_name, registeredOn: d.registered_on } : null,
    serviceHours: activities.reduce((n, a) => n + num(a.hours), 0),
    activities: activities.map((a) => ({ signupId: a.signup_id, activityId: a.activity_id, title: a.title, communityName: a.community_name,
      startsAt: a.starts_at, signedUpAt: a.signed_up_at, checkedInAt: a.checked_in_at, hours: num(a.hours) })),
    points: points.filter((p) => p.status === 'approved').reduce((n, p) => n + num(p.points), 0),
    pointEntries: points.map((p) => ({ id: p.id, ruleName: p.rule_name, points: num(p.points), reason: p.reason, occurredOn: p.occurred_on,
      status: p.status as MemberRecord['pointEntries'][number]['status'] })),
    trainings: trainings.map((t) => ({ sessionId: t.session_id, courseTitle: t.course_title, mode: t.mode as 'online' | 'offline', orgName: t.org_name,
      heldOn: t.held_on, hours: num(t.hours) })),
    trainingHours: trainings.reduce((n, t) => n + num(t.hours), 0),
  };
}
