import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { Actor } from '../../lib/audit.js';
import { audit } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import type { SessionUser } from '../../lib/scope.js';
import { addPostMember, createPartyOrg, createPost } from '../party/index.js';
import { emergencyVisibleOrFail, invalid, logEvent, requireActive, unitInScopeOrFail } from './common.js';

/**
 * 临时党支部 / 党员突击队 formed for the emergency, in the party overlay (through the party module, which checks
 * scope and audits). A commando team sits on a grid, or under the emergency's temporary branch (formed first when
 * there is none yet). The emergency remembers what was formed (after-action report).
 *
 * All of it is ONE transaction: a member who cannot be added (unknown, out of scope) leaves no branch, no team and
 * no formation entry behind. The party services open their own transaction on the handle they get; given ours,
 * that is a savepoint inside it, so their failure rolls everything back.
 */
export async function form(db: Db, user: SessionUser, actor: Actor, emergencyId: number, b: { kind: 'temporary_branch' | 'commando'; name: string; unitId: string; memberIds: string[] }) {
  const dup = b.memberIds.findIndex((m, i) => b.memberIds.indexOf(m) !== i);
  if (dup >= 0) throw invalid(`memberIds.${dup}`, `member ${b.memberIds[dup]} is listed twice`);
  return db.transaction(async (tx) => {
    // A transaction handle has the same API as the db (its .transaction() is a savepoint).
    const inTx = tx as unknown as Db;
    const e = await emergencyVisibleOrFail(tx, user, emergencyId);
    requireActive(e);
    const unit = await unitInScopeOrFail(tx, user, Number(b.unitId), 'unitId');
    if (!(unit.path === e.path || unit.path.startsWith(`${e.path}.`))) throw invalid('unitId', 'is outside the emergency area');
    // Serialise formations of one emergency: two commando teams formed at once share one temporary branch.
    await tx.execute(sql`SELECT 1 FROM emergencies WHERE id = ${emergencyId} FOR UPDATE`);
    let partyOrgId: string | null = null;
    let partyPostId: string | null = null;
    if (b.kind === 'temporary_branch') {
      partyOrgId = String(await createPartyOrg(inTx, user, actor, { name: b.name, type: 'temporary_branch', unitId: unit.id }));
    } else {
      let orgId: string | null = null;
      if (unit.kind !== 'grid') {
        const [f] = await queryRows<{ org: string | null }>(tx, sql`
          SELECT f->>'partyOrgId' AS org FROM emergencies, jsonb_array_elements(formations) f WHERE id = ${emergencyId} AND f->>'kind' = 'temporary_branch' LIMIT 1`);
        orgId = f?.org ?? String(await createPartyOrg(inTx, user, actor, { name: `${e.title}临时党支部`, type: 'temporary_branch', unitId: unit.id }));
      }
      const post = await createPost(inTx, user, actor, { kind: 'commando', name: b.name, orgId, gridId: unit.kind === 'grid' ? unit.id : null, duty: e.title });
      partyPostId = post.id;
      for (const m of b.memberIds) await addPostMember(inTx, user, actor, Number(post.id), m);
    }
    const entry = { kind: b.kind, name: b.name, partyOrgId, partyPostId };
    await tx.execute(sql`UPDATE emergencies SET formations = formations || ${JSON.stringify([entry])}::jsonb WHERE id = ${emergencyId}`);
    await logEvent(tx, emergencyId, clock.now(), 'formation', `组建${b.kind === 'commando' ? '党员突击队' : '临时党支部'}「${b.name}」`, actor.name, entry);
    await audit(tx, actor, { action: 'emergency.formation', entityType: 'emergency', entityId: emergencyId, unitPath: unit.path, after: entry });
    return { id: partyPostId ?? partyOrgId!, ...entry, members: b.kind === 'commando' ? b.memberIds.length : 0 };
  });
}
