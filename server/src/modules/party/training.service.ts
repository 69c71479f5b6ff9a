import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { pgArray, queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import type { SessionUser } from '../../lib/scope.js';
import { invalid, notFoundField, num, orgInScope, scopeSql, under } from './common.js';
import { listMembers } from './members.repo.js';

/** Courses (online material or offline sessions), sessions per organisation, attendance, yearly coverage. */

export async function listCourses(tx: Tx) {
  const rows = await queryRows<{ id: string; title: string; mode: string; material_url: string | null; hours: number; sessions: number }>(tx, sql`
    SELECT c.id::text, c.title, c.mode, c.material_url, c.hours, (SELECT count(*)::int FROM party_sessions s WHERE s.course_id = c.id) AS sessions
    FROM party_courses c ORDER BY c.id DESC LIMIT 1000`);
  return { items: rows.map((r) => ({ id: r.id, title: r.title, mode: r.mode as 'online', materialUrl: r.material_url, hours: num(r.hours), sessions: num(r.sessions) })) };
}

export async function createCourse(db: Db, actor: Actor, b: { title: string; mode: 'online' | 'offline'; materialUrl?: string | null; hours: number }) {
  return db.transaction(async (tx) => {
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_courses (title, mode, material_url, hours)
      VALUES (${b.title}, ${b.mode}, ${b.materialUrl ?? null}, ${b.hours}) RETURNING id::text`);
    await audit(tx, actor, { action: 'party_course.create', entityType: 'party_course', entityId: r!.id, after: b });
    return { id: r!.id, title: b.title, mode: b.mode, materialUrl: b.materialUrl ?? null, hours: b.hours, sessions: 0 };
  });
}

interface SessionRow { id: string; course_id: string; course_title: string; org_id: string; org_name: string; held_on: string; place: string | null; attended: number }
const sessionColumns = sql`s.id::text, s.course_id::text, c.title AS course_title, s.org_id::text, o.name AS org_name,
  to_char(s.held_on, 'YYYY-MM-DD') AS held_on, s.place, (SELECT count(*)::int FROM party_attendance a WHERE a.session_id = s.id) AS attended`;
const sessionFrom = sql`party_sessions s JOIN party_courses c ON c.id = s.course_id JOIN party_orgs o ON o.id = s.org_id`;
const presentSession = (r: SessionRow) => ({ id: r.id, courseId: r.course_id, courseTitle: r.course_title, orgId: r.org_id, orgName: r.org_name,
  heldOn: r.held_on, place: r.place, attended: num(r.attended) });

export async function listSessions(tx: Tx, user: SessionUser, root: string | null) {
  const rows = await queryRows<SessionRow>(tx, sql`SELECT ${sessionColumns} FROM ${sessionFrom}
    WHERE ${scopeSql(user, sql`s.path`)} AND ${under(sql`s.path`, root)} ORDER BY s.held_on DESC, s.id DESC LIMIT 2000`);
  return { items: rows.map(presentSession), total: rows.length };
}

async function session(tx: Tx, user: SessionUser, id: number) {
  const [r] = await queryRows<SessionRow & { path: string; org_path: string }>(tx, sql`SELECT ${sessionColumns}, s.path::text AS path, o.org_path::text AS org_path
    FROM ${sessionFrom} WHERE s.id = ${id} AND ${scopeSql(user, sql`s.path`)}`);
  if (!r) throw notFoundField('training session', id, 'id');
  return r;
}

export async function createSession(db: Db, user: SessionUser, actor: Actor, b: { courseId: string; orgId: string; heldOn: string; place?: string | null }) {
  return db.transaction(async (tx) => {
    const org = await orgInScope(tx, user, Number(b.orgId));
    const [c] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM party_courses WHERE id = ${Number(b.courseId)}`);
    if (!c) throw notFoundField('course', b.courseId, 'courseId');
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_sessions (course_id, org_id, path, held_on, place)
      VALUES (${Number(b.courseId)}, ${Number(org.id)}, ${org.path}::ltree, ${b.heldOn}, ${b.place ?? null}) RETURNING id::text`);
    await audit(tx, actor, { action: 'party_session.create', entityType: 'party_session', entityId: r!.id, unitPath: org.path, after: b });
    return presentSession(await session(tx, user, Number(r!.id)));
  });
}

/** Marks members present. Members must belong to the session's organisation or one below it. */
export async function recordAttendance(db: Db, user: SessionUser, actor: Actor, id: number, memberIds: string[]) {
  return db.transaction(async (tx) => {
    const s = await session(tx, user, id);
    const ids = [...new Set(memberIds.map(Number))];
    const ok = await queryRows<{ id: string }>(tx, sql`SELECT m.id::text FROM party_members m JOIN party_orgs o ON o.id = m.org_id
      WHERE m.id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) AND o.org_path <@ ${s.org_path}::ltree AND m.active`);
    const okSet = new Set(ok.map((r) => Number(r.id)));
    const bad = ids.find((i) => !okSet.has(i));
    if (bad !== undefined) throw invalid('memberIds', `member ${bad} does not belong to ${s.org_name}`);
    await tx.execute(sql`INSERT INTO party_attendance (session_id, member_id, held_on)
      SELECT ${id}, x, ${s.held_on}::date FROM unnest(${pgArray(ids)}::bigint[]) AS x ON CONFLICT DO NOTHING`);
    await audit(tx, actor, { action: 'party_session.attendance', entityType: 'party_session', entityId: id, unitPath: s.path, after: { memberIds: ids } });
    return presentSession(await session(tx, user, id));
  });
}

/** Per organisation (with its members directly): members, those trained in `year`, coverage. */
export async function coverageByOrg(tx: Tx, user: SessionUser, root: string | null, year: number) {
  const rows = await queryRows<{ org_id: string; org_name: string; members: number; trained: number }>(tx, sql`
    SELECT o.id::text AS org_id, o.name AS org_name, count(m.id)::int AS members,
      count(m.id) FILTER (WHERE EXISTS (SELECT 1 FROM party_attendance a WHERE a.member_id = m.id
        AND a.held_on >= make_date(${year}, 1, 1) AND a.held_on < make_date(${year + 1}, 1, 1)))::int AS trained
    FROM party_orgs o JOIN party_members m ON m.org_id = o.id AND m.active
    WHERE ${scopeSql(user, sql`o.path`)} AND ${under(sql`o.path`, root)}
    GROUP BY o.id, o.name, o.org_path ORDER BY o.org_path LIMIT 10000`);
  return { year, items: rows.map((r) => ({ orgId: r.org_id, orgName: r.org_name, members: num(r.members), trained: num(r.trained),
    coverage: num(r.members) === 0 ? 0 : num(r.trained) / num(r.members) })) };
}

export async function untrained(tx: Tx, user: SessionUser, f: { root: string | null; orgId?: string; year: number; limit: number; offset: number }) {
  if (f.year < 2000) throw invalid('year', 'year is out of range');
  const org = f.orgId ? await orgInScope(tx, user, Number(f.orgId)) : null;
  return listMembers(tx, user, {
    root: f.root, orgPath: org?.org_path,
    extra: sql`NOT EXISTS (SELECT 1 FROM party_attendance a WHERE a.member_id = m.id
      AND a.held_on >= make_date(${f.year}, 1, 1) AND a.held_on < make_date(${f.year + 1}, 1, 1))`,
  }, f);
}
