import { sql } from 'drizzle-orm';
import type { PatrolFinding, PatrolFindingBody } from '@gridgov/common';
import { patrolFindingBody } from '@gridgov/common';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { toId } from '../../lib/ids.js';
import { inScope, type SessionUser } from '../../lib/scope.js';
import { caseVisibleSql } from '../cases/case.scope.js';
import { ownOpenPatrol } from './checkins.service.js';
import { idempotent } from './idempotent.js';
import { patrolFindings } from './patrol.repo.js';

/**
 * A finding logged on a patrol against a cell and/or key site (the cell of a key site, or the cell under the
 * finding's position, is filled in when not given). `all_clear` marks a cell as looked at: it counts for coverage.
 */
export async function addFinding(db: Db, user: SessionUser, actor: Actor, patrolId: number, input: PatrolFindingBody, key: string | undefined) {
  const b = patrolFindingBody.parse(input);
  const now = clock.now();
  return idempotent(db, { userId: user.id, key, request: { op: 'patrol.finding', patrolId, b }, at: now }, async (tx): Promise<PatrolFinding> => {
    const { p, t } = await ownOpenPatrol(tx, user, patrolId, b.at);
    let cellId = b.cellId ? toId(b.cellId) : null;
    let keySiteId: number | null = null;
    if (b.keySiteId) {
      const [k] = await queryRows<{ id: string; cell_id: string | null }>(tx, sql`
        SELECT id::text, cell_id::text FROM key_sites WHERE id = ${toId(b.keySiteId)} AND ${inScope(user, sql`path`)}`);
      if (!k) throw new AppError('NOT_FOUND', `Key site ${b.keySiteId} not found`, { field: 'keySiteId' });
      keySiteId = Number(k.id);
      cellId ??= k.cell_id ? Number(k.cell_id) : null;
    }
    if (cellId !== null) {
      const [c] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM units WHERE id = ${cellId} AND kind = 'cell' AND ${inScope(user, sql`path`)}`);
      if (!c) throw new AppError('NOT_FOUND', `Cell ${cellId} not found`, { field: 'cellId' });
    } else if (b.lat !== undefined && b.lng !== undefined) {
      const [c] = await queryRows<{ id: string }>(tx, sql`
        SELECT id::text FROM units WHERE kind = 'cell' AND valid_to IS NULL AND path <@ ${p.path}::ltree
          AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint(${b.lng}, ${b.lat}), 4326)) ORDER BY code LIMIT 1`);
      cellId = c ? Number(c.id) : null;
    }
    if (b.caseId) {
      const [c] = await queryRows<{ id: string }>(tx, sql`SELECT c.id::text FROM cases c WHERE c.id = ${toId(b.caseId)} AND ${caseVisibleSql(user)}`);
      if (!c) throw new AppError('NOT_FOUND', `Case ${b.caseId} not found`, { field: 'caseId' });
    }
    const [r] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO patrol_findings (patrol_id, user_id, grid_id, path, kind, cell_id, key_site_id, note, lat, lng, case_id, at)
      VALUES (${patrolId}, ${user.id}, ${p.gridId}, ${p.path}::ltree, ${b.kind}, ${cellId}, ${keySiteId}, ${b.note}, ${b.lat ?? null}, ${b.lng ?? null},
              ${b.caseId ? toId(b.caseId) : null}, ${t}) RETURNING id::text`);
    await audit(tx, actor, { action: 'patrol.finding', entityType: 'patrol_finding', entityId: r!.id, unitPath: p.path, after: { patrolId: String(patrolId), kind: b.kind, cellId, keySiteId } });
    return (await patrolFindings(tx, { id: Number(r!.id) }))[0]!;
  });
}
