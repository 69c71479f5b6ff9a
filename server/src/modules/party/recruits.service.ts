import { sql, type SQL } from 'drizzle-orm';
import {
  RECRUIT_TRANSITIONS, monthsBetween, recruitTransition, type MemberClass, type Recruit, type RecruitAction, type RecruitStage, type RecruitStep,
} from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { Crypto } from '../../lib/secrets.js';
import type { SessionUser } from '../../lib/scope.js';
import { idNumberProblem } from '../people/index.js';
import { invalid, notFoundField, num, orgInScope, scopeSql, under } from './common.js';
import { bidxOf, insertPersons, personsByBidx, tagPartyMembers } from './persons.link.js';

interface RecruitRow {
  id: string; person_id: string; name: string; org_id: string; org_name: string; stage: string;
  stage_dates: Record<string, string>; steps: Record<string, string>; member_id: string | null; path: string;
}

function addMonths(d: string, months: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1 + months, day));
  return dt.toISOString().slice(0, 10);
}

/** What can happen next from a recruit's stage: each action with the steps still missing and the earliest date. */
export function nextMoves(stage: RecruitStage, steps: Record<string, string>, stageDates: Record<string, string>) {
  return RECRUIT_TRANSITIONS.filter((t) => t.from.includes(stage)).map((t) => ({
    action: t.action, to: t.to, missingSteps: t.requires.filter((s) => !steps[s]) as RecruitStep[],
    earliestOn: t.minMonths > 0 && stageDates[stage] ? addMonths(stageDates[stage]!, t.minMonths) : null,
  }));
}

function present(r: RecruitRow): Recruit {
  const stage = r.stage as RecruitStage;
  return {
    id: r.id, personId: r.person_id, name: r.name, orgId: r.org_id, orgName: r.org_name, stage, stageDates: r.stage_dates,
    steps: r.steps, memberId: r.member_id, next: nextMoves(stage, r.steps, r.stage_dates),
  };
}

const columns = sql`r.id::text, r.person_id::text, p.name, r.org_id::text, o.name AS org_name, r.stage, r.stage_dates, r.steps,
  r.member_id::text, r.path::text AS path`;
const from = sql`party_recruits r JOIN persons p ON p.id = r.person_id JOIN party_orgs o ON o.id = r.org_id`;

export async function list(tx: Tx, user: SessionUser, f: { root: string | null; orgPath?: string; stage?: string; limit: number; offset: number }) {
  const c: SQL[] = [scopeSql(user, sql`r.path`), under(sql`r.path`, f.root)];
  if (f.orgPath) c.push(sql`o.org_path <@ ${f.orgPath}::ltree`);
  const base = sql.join(c, sql` AND `);
  const where = f.stage ? sql`${base} AND r.stage = ${f.stage}` : base;
  const [rows, stages] = await Promise.all([
    queryRows<RecruitRow>(tx, sql`SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY r.id LIMIT ${f.limit} OFFSET ${f.offset}`),
    queryRows<{ stage: string; n: number }>(tx, sql`SELECT r.stage, count(*)::int AS n FROM ${from} WHERE ${base} GROUP BY r.stage`),
  ]);
  const byStage = Object.fromEntries(stages.map((s) => [s.stage, num(s.n)]));
  const total = f.stage ? byStage[f.stage] ?? 0 : Object.values(byStage).reduce((a, b) => a + b, 0);
  return { items: rows.map(present), total, byStage };
}

export async function get(tx: Tx, user: SessionUser, id: number): Promise<Recruit> {
  const [r] = await queryRows<RecruitRow>(tx, sql`SELECT ${columns} FROM ${from} WHERE r.id = ${id} AND ${scopeSql(user, sql`r.path`)}`);
  if (!r) throw notFoundField('recruit', id, 'id');
  return present(r);
}

export async function create(db: Db, crypto: Crypto, user: SessionUser, actor: Actor,
  b: { orgId: string; personId?: string; idNumber?: string; name?: string; appliedOn: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const org = await orgInScope(tx, user, Number(b.orgId));
    let personId: number;
    if (b.personId) {
      const [p] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM persons WHERE id = ${Number(b.personId)} AND ${scopeSql(user, sql`path`)}`);
      if (!p) throw notFoundField('person', b.personId, 'personId');
      personId = Number(p.id);
    } else {
      const problem = idNumberProblem(b.idNumber!);
      if (problem) throw invalid('idNumber', problem);
      const bidx = bidxOf(crypto, b.idNumber!);
      personId = (await personsByBidx(tx, [bidx])).get(bidx)?.id
        ?? (await insertPersons(tx, crypto, [{ name: b.name!, idNumber: b.idNumber!, phone: null, gridId: null, path: org.path }]))[0]!;
      // A fresh applicant is not yet a member: drop the tag insertPersons sets.
      await tx.execute(sql`UPDATE persons SET tags = tags - 'party_member' WHERE id = ${personId} AND NOT EXISTS (SELECT 1 FROM party_members WHERE person_id = ${personId})`);
    }
    const [dup] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM party_recruits WHERE person_id = ${personId} AND stage NOT IN ('full', 'dropped')
      UNION ALL SELECT id::text FROM party_members WHERE person_id = ${personId}`);
    if (dup) throw new AppError('CONFLICT', 'personId: this person is already in the pipeline or a member', { field: 'personId' });
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_recruits (person_id, org_id, path, stage, stage_dates, steps)
      VALUES (${personId}, ${Number(org.id)}, ${org.path}::ltree, 'applicant', ${JSON.stringify({ applicant: b.appliedOn })}::jsonb,
        ${JSON.stringify({ application_letter: b.appliedOn })}::jsonb) RETURNING id::text`);
    await audit(tx, actor, { action: 'party_recruit.create', entityType: 'party_recruit', entityId: r!.id, unitPath: org.path, after: { orgId: b.orgId, personId, appliedOn: b.appliedOn } });
    return Number(r!.id);
  });
}

export async function recordStep(db: Db, user: SessionUser, actor: Actor, id: number, b: { step: RecruitStep; doneOn: string }) {
  await db.transaction(async (tx) => {
    const r = await get(tx, user, id);
    if (r.stage === 'full' || r.stage === 'dropped') throw new AppError('ILLEGAL_TRANSITION', `step: the recruit is ${r.stage}; no more steps`, { field: 'step', stage: r.stage });
    await tx.execute(sql`UPDATE party_recruits SET steps = steps || ${JSON.stringify({ [b.step]: b.doneOn })}::jsonb WHERE id = ${id}`);
    await audit(tx, actor, { action: 'party_recruit.step', entityType: 'party_recruit', entityId: id, after: b });
  });
}

/**
 * Moves a recruit along the table in common/src/party.ts. Refused (ILLEGAL_TRANSITION, 409) when the action does
 * not apply to the stage, a required step is missing or the minimum time in the stage has not passed.
 * Admission creates the member (probationary); confirmation makes them full.
 */
export async function transition(db: Db, user: SessionUser, actor: Actor, id: number, b: { action: RecruitAction; on: string; memberClass?: MemberClass }) {
  await db.transaction(async (tx) => {
    const r = await get(tx, user, id);
    const t = recruitTransition(r.stage, b.action);
    if (!t) throw new AppError('ILLEGAL_TRANSITION', `action: ${b.action} is not allowed from ${r.stage}`, { field: 'action', stage: r.stage, action: b.action });
    const missing = t.requires.filter((s) => !r.steps[s]);
    if (missing.length) throw new AppError('ILLEGAL_TRANSITION', `action: steps still missing: ${missing.join(', ')}`, { field: 'action', missingSteps: missing });
    const since = r.stageDates[r.stage];
    if (t.minMonths > 0 && since && monthsBetween(since, b.on) < t.minMonths) {
      throw new AppError('ILLEGAL_TRANSITION', `on: at least ${t.minMonths} months in stage ${r.stage} are required (since ${since})`, { field: 'on', since, minMonths: t.minMonths });
    }
    if (since && b.on < since) throw invalid('on', `date is before the current stage began (${since})`);
    let memberId: number | null = r.memberId ? Number(r.memberId) : null;
    const [row] = await queryRows<{ path: string }>(tx, sql`SELECT path::text AS path FROM party_recruits WHERE id = ${id}`);
    if (t.to === 'probationary') {
      const [m] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_members (person_id, org_id, path, member_class, status, joined_on, home_grid_id)
        SELECT ${Number(r.personId)}, ${Number(r.orgId)}, ${row!.path}::ltree, ${b.memberClass ?? 'no_post'}, 'probationary', ${b.on}::date,
          (SELECT grid_id FROM persons WHERE id = ${Number(r.personId)}) RETURNING id::text`);
      memberId = Number(m!.id);
      await tx.execute(sql`INSERT INTO party_transfers (member_id, from_org_id, to_org_id, "on", reason, actor_id)
        VALUES (${memberId}, NULL, ${Number(r.orgId)}, ${b.on}::date, '发展入党', ${actor.id})`);
      await tagPartyMembers(tx, [Number(r.personId)]);
    }
    if (t.to === 'full' && memberId) await tx.execute(sql`UPDATE party_members SET status = 'full' WHERE id = ${memberId}`);
    await tx.execute(sql`UPDATE party_recruits SET stage = ${t.to}, stage_dates = stage_dates || ${JSON.stringify({ [t.to]: b.on })}::jsonb,
      member_id = ${memberId} WHERE id = ${id}`);
    await audit(tx, actor, {
      action: `party_recruit.${b.action}`, entityType: 'party_recruit', entityId: id, unitPath: row!.path,
      before: { stage: r.stage }, after: { stage: t.to, on: b.on, memberId },
    });
  });
}
