import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { maskName, maskPhone, type IncidentType, type ResponderKind } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import type { Crypto } from '../../lib/secrets.js';
import { publish } from '../notify/index.js';
import { emergencyVisibleOrFail, invalid, logEvent, num, requireActive, unitInScopeOrFail, within } from './common.js';

/** A one-time link is valid this long (and never after the emergency ends). */
const LINK_TTL_MS = 72 * 3600_000;
/** Check-in counts when the position is inside the grid or this close to it (GPS error, a meeting point at the edge). */
export const CHECKIN_TOLERANCE_M = 300;
/** Where the web serves the one-time page; the SMS carries `${MOBILISE_PATH}/<token>`. */
export const MOBILISE_PATH = '/mobilise';

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

interface ResponderRow { id: string; kind: ResponderKind; name: string; phone_masked: string | null; team: string | null; role: string | null; home_grid_id: string; grid_name: string; user_id: string | null }

const present = (r: ResponderRow) => ({
  id: r.id, kind: r.kind, name: r.name, phoneMasked: r.phone_masked, team: r.team, role: r.role, homeGridId: r.home_grid_id, homeGridName: r.grid_name, hasAccount: r.user_id != null,
});

export async function listResponders(tx: Tx, user: SessionUser, f: { root: string | null; kind?: string; limit: number; offset: number }) {
  const where = sql`r.active AND ${within(user, sql`r.path`)} ${f.root ? sql`AND r.path <@ ${f.root}::ltree` : sql``} ${f.kind ? sql`AND r.kind = ${f.kind}` : sql``}`;
  const rows = await queryRows<ResponderRow>(tx, sql`
    SELECT r.id::text, r.kind, r.name, r.phone_masked, r.team, r.role, r.home_grid_id::text, g.name AS grid_name, r.user_id::text
    FROM emergency_responders r JOIN units g ON g.id = r.home_grid_id WHERE ${where}
    ORDER BY r.kind, g.code, r.name LIMIT ${f.limit} OFFSET ${f.offset}`);
  const [c] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM emergency_responders r WHERE ${where}`);
  return { items: rows.map(present), total: c!.n };
}

export async function createResponder(db: Db, box: Crypto, user: SessionUser, actor: Actor, b: { kind: string; name: string; phone?: string; team?: string; role?: string; homeGridId: string }) {
  const grid = await unitInScopeOrFail(db, user, Number(b.homeGridId), 'homeGridId');
  if (grid.kind !== 'grid') throw invalid('homeGridId', `unit ${b.homeGridId} is a ${grid.kind}, not a grid`);
  return db.transaction(async (tx) => {
    const [r] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO emergency_responders (kind, name, phone_enc, phone_masked, team, role, home_grid_id, path)
      VALUES (${b.kind}, ${b.name}, ${b.phone ? box.encrypt(b.phone) : null}, ${b.phone ? maskPhone(b.phone) : null}, ${b.team ?? null}, ${b.role ?? null},
        ${Number(grid.id)}, ${grid.path}::ltree) RETURNING id::text`);
    await audit(tx, actor, { action: 'emergency.responder.create', entityType: 'emergency_responder', entityId: r!.id, unitPath: grid.path, after: { ...b } });
    const [row] = await queryRows<ResponderRow>(tx, sql`
      SELECT r.id::text, r.kind, r.name, r.phone_masked, r.team, r.role, r.home_grid_id::text, g.name AS grid_name, r.user_id::text
      FROM emergency_responders r JOIN units g ON g.id = r.home_grid_id WHERE r.id = ${Number(r!.id)}`);
    return present(row!);
  });
}

interface CallupBody { kinds?: string[]; teams?: string[]; roles?: string[]; unitId?: string; includePartyMembers: boolean; message?: string }

/**
 * 动员: calls the registered people of the area (by kind/team/role) to their home grid. Party members living in
 * the area (party overlay, by home grid) join the registry first when asked. Each call gets a one-time link sent
 * by SMS through the outbox (the number is decrypted only by the adapter at send time).
 */
export async function callup(db: Db, user: SessionUser, actor: Actor, emergencyId: number, b: CallupBody) {
  const e = await emergencyVisibleOrFail(db, user, emergencyId);
  requireActive(e);
  let area = e.path;
  if (b.unitId) {
    const u = await unitInScopeOrFail(db, user, Number(b.unitId), 'unitId');
    if (!(u.path === e.path || u.path.startsWith(`${e.path}.`))) throw invalid('unitId', 'is outside the emergency area');
    area = u.path;
  } else if (user.scopePath && !(e.path === user.scopePath || e.path.startsWith(`${user.scopePath}.`))) {
    area = user.scopePath; // a town commands its own part of a district-wide emergency
  }
  const now = clock.now();
  return db.transaction(async (tx) => {
    if (b.includePartyMembers) {
      await tx.execute(sql`
        INSERT INTO emergency_responders (kind, name, phone_enc, phone_masked, team, home_grid_id, path, person_id, party_member_id)
        SELECT 'party_member', p.name, p.phone_enc, p.phone_masked, '党员', m.home_grid_id, g.path, p.id, m.id
        FROM party_members m JOIN persons p ON p.id = m.person_id JOIN units g ON g.id = m.home_grid_id
        WHERE m.active AND g.path <@ ${area}::ltree
        ON CONFLICT (party_member_id) WHERE party_member_id IS NOT NULL DO NOTHING`);
    }
    const kinds = b.kinds ?? null;
    const candidates = await queryRows<{ id: string; home_grid_id: string; path: string; called: boolean; has_phone: boolean }>(tx, sql`
      SELECT r.id::text, r.home_grid_id::text, r.path::text AS path, r.phone_enc IS NOT NULL AS has_phone,
        EXISTS (SELECT 1 FROM emergency_callups c WHERE c.emergency_id = ${emergencyId} AND c.responder_id = r.id) AS called
      FROM emergency_responders r
      WHERE r.active AND r.path <@ ${area}::ltree
        ${kinds ? sql`AND r.kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})` : b.includePartyMembers ? sql`` : sql`AND r.kind <> 'party_member'`}
        ${b.teams?.length ? sql`AND r.team IN (${sql.join(b.teams.map((k) => sql`${k}`), sql`, `)})` : sql``}
        ${b.roles?.length ? sql`AND r.role IN (${sql.join(b.roles.map((k) => sql`${k}`), sql`, `)})` : sql``}`);
    const fresh = candidates.filter((c) => !c.called);
    const expires = new Date(now.getTime() + LINK_TTL_MS);
    for (const r of fresh) {
      const token = crypto.randomBytes(18).toString('base64url');
      await tx.execute(sql`
        INSERT INTO emergency_callups (emergency_id, responder_id, grid_id, path, token_hash, expires_at, state, called_at)
        VALUES (${emergencyId}, ${Number(r.id)}, ${Number(r.home_grid_id)}, ${r.path}::ltree, ${hash(token)}, ${expires}, 'called', ${now})`);
      if (r.has_phone) {
        const title = `【应急动员】${e.title}:请确认并到网格报到 ${MOBILISE_PATH}/${token}`;
        await tx.execute(sql`
          INSERT INTO outbox (channel, target, payload, state, attempts, next_attempt_at, created_at)
          VALUES ('sms', ${`responder:${r.id}`}, ${JSON.stringify({ kind: 'emergency.callup', title, body: b.message ?? '', caseId: null })}::jsonb, 'pending', 0, ${now}, ${now})`);
      }
    }
    await logEvent(tx, emergencyId, now, 'callup', `动员${fresh.length}人到网格报到`, actor.name, { called: fresh.length, kinds: b.kinds ?? null, teams: b.teams ?? null });
    await audit(tx, actor, { action: 'emergency.callup', entityType: 'emergency', entityId: emergencyId, unitPath: area, after: { ...b, called: fresh.length } });
    await publish(tx, { type: 'scoped', event: 'mobilisation.changed', path: area, data: { emergencyId: e.id } });
    return { called: fresh.length, alreadyCalled: candidates.length - fresh.length };
  });
}

/** 人员到岗: headcount per grid and per kind (inside the user's scope). */
export async function mobilisation(tx: Tx, user: SessionUser, emergencyId: number, root: string | null) {
  await emergencyVisibleOrFail(tx, user, emergencyId);
  const where = sql`c.emergency_id = ${emergencyId} AND ${within(user, sql`c.path`)} ${root ? sql`AND c.path <@ ${root}::ltree` : sql``}`;
  const counts = sql`count(*)::int AS called, count(*) FILTER (WHERE c.state IN ('confirmed', 'checked_in'))::int AS confirmed,
    count(*) FILTER (WHERE c.state = 'declined')::int AS declined, count(*) FILTER (WHERE c.state = 'checked_in')::int AS checked_in`;
  const [t] = await queryRows<{ called: number; confirmed: number; declined: number; checked_in: number }>(tx, sql`SELECT ${counts} FROM emergency_callups c WHERE ${where}`);
  const grids = await queryRows<{ grid_id: string; grid_name: string; called: number; confirmed: number; checked_in: number }>(tx, sql`
    SELECT c.grid_id::text, g.name AS grid_name, ${counts} FROM emergency_callups c JOIN units g ON g.id = c.grid_id WHERE ${where}
    GROUP BY c.grid_id, g.name, g.code ORDER BY g.code`);
  const kinds = await queryRows<{ kind: ResponderKind; called: number; checked_in: number }>(tx, sql`
    SELECT r.kind, ${counts} FROM emergency_callups c JOIN emergency_responders r ON r.id = c.responder_id WHERE ${where} GROUP BY r.kind ORDER BY r.kind`);
  return {
    called: num(t?.called), confirmed: num(t?.confirmed), declined: num(t?.declined), checkedIn: num(t?.checked_in),
    byGrid: grids.map((g) => ({ gridId: g.grid_id, gridName: g.grid_name, called: g.called, confirmed: g.confirmed, checkedIn: g.checked_in })),
    byKind: kinds.map((k) => ({ kind: k.kind, called: k.called, checkedIn: k.checked_in })),
  };
}

interface LinkRow {
  id: string; emergency_id: string; title: string; level: number; incident_type: IncidentType; grid_name: string; name: string; state: string;
  checked_in_at: Date | null; distance_m: number | null; path: string; grid_id: string;
  address: string | null; point_lon: number | null; point_lat: number | null; meeting_note: string | null;
}

async function linkOrFail(tx: Tx, token: string): Promise<LinkRow> {
  const [r] = await queryRows<LinkRow>(tx, sql`
    SELECT c.id::text, c.emergency_id::text, e.title, e.level, e.incident_type, g.name AS grid_name, r.name, c.state, c.checked_in_at, c.distance_m,
      c.path::text AS path, c.grid_id::text,
      -- Where to go, and nothing else about the place: the grid under its town and community, a point inside it
      -- (the meeting point unless the grid's profile names one), never anyone's home.
      (SELECT string_agg(a.name, ' ' ORDER BY nlevel(a.path)) FROM units a
        WHERE a.path @> g.path AND a.kind IN ('town', 'community', 'grid') AND a.valid_to IS NULL) AS address,
      ST_X(ST_PointOnSurface(g.geom)) AS point_lon, ST_Y(ST_PointOnSurface(g.geom)) AS point_lat,
      NULLIF(COALESCE(g.profile->>'meetingPoint', g.profile->>'address'), '') AS meeting_note
    FROM emergency_callups c JOIN emergencies e ON e.id = c.emergency_id JOIN units g ON g.id = c.grid_id JOIN emergency_responders r ON r.id = c.responder_id
    WHERE c.token_hash = ${hash(token)} AND c.expires_at > ${clock.now()} AND e.state = 'active'`);
  if (!r) throw new AppError('NOT_FOUND', 'This link is unknown or has expired');
  return r;
}

const presentLink = (r: LinkRow) => ({
  emergencyTitle: r.title, level: r.level, incidentType: r.incident_type, gridName: r.grid_name, name: maskName(r.name) ?? '', state: r.state as 'called',
  address: r.address ?? r.grid_name,
  meetingPoint: r.point_lon == null || r.point_lat == null ? null
    : { lon: Math.round(Number(r.point_lon) * 1e6) / 1e6, lat: Math.round(Number(r.point_lat) * 1e6) / 1e6, note: r.meeting_note },
  checkedInAt: r.checked_in_at ? new Date(r.checked_in_at).toISOString() : null, distanceM: r.distance_m,
});

export async function link(tx: Tx, token: string) {
  return presentLink(await linkOrFail(tx, token));
}

const SYSTEM = (r: LinkRow): Actor => ({ id: null, name: `responder-link:${r.id}` });

export async function confirm(db: Db, token: string, accept: boolean, ip?: string) {
  const r = await linkOrFail(db, token);
  if (r.state === 'checked_in') return presentLink(r);
  return db.transaction(async (tx) => {
    const now = clock.now();
    await tx.execute(sql`UPDATE emergency_callups SET state = ${accept ? 'confirmed' : 'declined'}, confirmed_at = ${now} WHERE id = ${Number(r.id)}`);
    await audit(tx, { ...SYSTEM(r), ip }, { action: accept ? 'emergency.callup.confirm' : 'emergency.callup.decline', entityType: 'emergency_callup', entityId: r.id, unitPath: r.path });
    await publish(tx, { type: 'scoped', event: 'mobilisation.changed', path: r.path, data: { emergencyId: r.emergency_id, gridId: r.grid_id } });
    return presentLink(await linkOrFail(tx, token));
  });
}

/** 报到: the position must be inside the home grid or within CHECKIN_TOLERANCE_M of it (PostGIS geography distance). */
export async function checkIn(db: Db, token: string, b: { lon: number; lat: number }, ip?: string) {
  const r = await linkOrFail(db, token);
  if (r.state === 'declined') throw new AppError('CONFLICT', 'You declined this call-up', { state: r.state });
  const [d] = await queryRows<{ m: number }>(db, sql`
    SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(${b.lon}::float8, ${b.lat}::float8), 4326)::geography) AS m
    FROM units WHERE id = ${Number(r.grid_id)}`);
  const meters = Math.round(Number(d?.m ?? Infinity));
  if (!Number.isFinite(meters) || meters > CHECKIN_TOLERANCE_M) {
    throw new AppError('GEOFENCE_TOO_FAR', `You are ${Number.isFinite(meters) ? meters : '?'} m from ${r.grid_name}; check in at the grid`, { field: 'lon', distanceM: meters, toleranceM: CHECKIN_TOLERANCE_M });
  }
  return db.transaction(async (tx) => {
    const now = clock.now();
    await tx.execute(sql`UPDATE emergency_callups SET state = 'checked_in', checked_in_at = ${now}, distance_m = ${meters},
      confirmed_at = COALESCE(confirmed_at, ${now}) WHERE id = ${Number(r.id)}`);
    await audit(tx, { ...SYSTEM(r), ip }, { action: 'emergency.callup.check_in', entityType: 'emergency_callup', entityId: r.id, unitPath: r.path, after: { distanceM: meters } });
    await publish(tx, { type: 'scoped', event: 'mobilisation.changed', path: r.path, data: { emergencyId: r.emergency_id, gridId: r.grid_id } });
    return presentLink(await linkOrFail(tx, token));
  });
}
