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
 */
export async function form(db: Db, user: SessionUser, actor: Actor, emergencyId: number, b: { kind: 'temporary_branch' | 'commando'; name: string; unitId: string; memberIds: string[] }) {
  const e = await emergencyVisibleOrFail(db, user, emergencyId);
  requireActive(e);
  const unit = await unitInScopeOrFail(db, user, Number(b.unitId), 'unitId');
  if (!(unit.path === e.path || unit.path.startsWith(`${e.path}.`))) throw invalid('unitId', 'is outside the emergency area');
  let partyOrgId: string | null = null;
  let partyPostId: string | null = null;
  if (b.kind === 'temporary_branch') {
    partyOrgId = String(await createPartyOrg(db, user, actor, { name: b.name, type: 'temporary_branch', unitId: unit.id }));
  } else {
    let orgId: string | null = null;
    if (unit.kind !== 'grid') {
      const [f] = await queryRows<{ org: string | null }>(db, sql`
        SELECT f->>'partyOrgId' AS org FROM emergencies, jsonb_array_elements(formations) f WHERE id = ${emergencyId} AND f->>'kind' = 'temporary_branch' LIMIT 1`);
      orgId = f?.org ?? String(await createPartyOrg(db, user, actor, { name: `${e.title}临时党支部`, type: 'temporary_branch', unitId: unit.id }));
    }
    const post = await createPost(db, user, actor, { kind: 'commando', name: b.name, orgId, gridId: unit.kind === 'grid' ? unit.id : null, duty: e.title });
    partyPostId = post.id;
    for (const m of b.memberIds) await addPostMember(db, user, actor, Number(post.id), m);
  }
  const entry = { kind: b.kind, name: b.name, partyOrgId, partyPostId };
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE emergencies SET formations = formations || ${JSON.stringify([entry])}::jsonb WHERE id = ${emergencyId}`);
    await logEvent(tx, emergencyId, clock.now(), 'formation', `组建${b.kind === 'commando' ? '党员突击队' : '临时党支部'}「${b.name}」`, actor.name, entry);
    await audit(tx, actor, { action: 'emergency.formation', entityType: 'emergency', entityId: emergencyId, unitPath: unit.path, after: entry });
  });
  return { id: partyPostId ?? partyOrgId!, ...entry, members: b.kind === 'commando' ? b.memberIds.length : 0 };
}
