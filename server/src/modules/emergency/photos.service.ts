import { sql } from 'drizzle-orm';
import { MAX_PHOTOS, type DirectivePhoto } from '@gridgov/common';
import type { Db, Tx } from '../../db/client.js';
import { directivePhotos } from '../../db/schema/index.js';
import { pgArray, queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import type { CheckedPhoto } from '../cases/photos.js';
import { claimKey, requestHash, storedResponse } from '../cases/idempotency.js';
import { notFound, within } from './common.js';
import { directiveVisibleOrFail, gridRowOrFail, requireGridStaff } from './directives.service.js';

/**
 * 反馈 photos: a grid's staff attach photos to their execution report. Checked like case photos (content sniffing,
 * sharp decode and thumbnail: `inspectPhotos` of the cases module), at most MAX_PHOTOS per directive and grid.
 * The report then names the photo ids it shows (`reportBody.photos`).
 */
export const photoUrl = (directiveId: number | string, photoId: number | string, thumb = false) =>
  `/api/directives/${directiveId}/photos/${photoId}${thumb ? '?thumb=1' : ''}`;

interface PhotoRow { id: string; directive_id: string; grid_id: string; grid_name: string; created_at: Date; by: string | null }
const present = (r: PhotoRow): DirectivePhoto => ({
  id: r.id, gridId: r.grid_id, gridName: r.grid_name, url: photoUrl(r.directive_id, r.id), thumbUrl: photoUrl(r.directive_id, r.id, true),
  at: new Date(r.created_at).toISOString(), by: r.by,
});
const SELECT = sql`SELECT p.id::text, p.directive_id::text, p.grid_id::text, u.name AS grid_name, p.created_at, cu.display_name AS by
  FROM directive_photos p JOIN units u ON u.id = p.grid_id LEFT JOIN users cu ON cu.id = p.created_by`;

type Added = { directiveId: string; gridId: string; photos: DirectivePhoto[] };

/**
 * Stores checked photos for the grid. With an Idempotency-Key (the phone retries on a bad network) the first answer
 * is kept in `idempotency_keys` (scope `directive:user:<id>`) in the same transaction, and a replay gets it back.
 */
export async function addPhotos(db: Db, user: SessionUser, actor: Actor, directiveId: number, gridId: number, photos: CheckedPhoto[], key?: string): Promise<Added> {
  const r = await gridRowOrFail(db, user, directiveId, gridId);
  await requireGridStaff(db, user, gridId);
  if (r.emergency_state !== 'active') throw new AppError('CONFLICT', 'the emergency has ended', { id: r.emergency_id, state: r.emergency_state });
  const scope = `directive:user:${user.id}`;
  const hash = requestHash({ directiveId, gridId, photos: photos.map((p) => p.sha256) });
  if (key) {
    const prior = await storedResponse<Added>(db, scope, key, hash);
    if (prior) return prior.body;
  }
  const now = clock.now();
  return db.transaction(async (tx) => {
    if (key && !(await claimKey(tx, scope, key, now))) {
      const prior = await storedResponse<Added>(tx, scope, key, hash);
      if (!prior) throw new AppError('IDEMPOTENCY_CONFLICT', 'A request with this Idempotency-Key is still in progress', { field: 'Idempotency-Key' });
      return prior.body;
    }
    // The row lock serialises concurrent uploads of one grid, so the per-grid limit cannot be overrun.
    await tx.execute(sql`SELECT 1 FROM directive_grids WHERE directive_id = ${directiveId} AND grid_id = ${gridId} FOR UPDATE`);
    const [n] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM directive_photos WHERE directive_id = ${directiveId} AND grid_id = ${gridId}`);
    const count = Number(n?.n ?? 0) + photos.length;
    if (count > MAX_PHOTOS) {
      throw new AppError('VALIDATION_FAILED', `At most ${MAX_PHOTOS} photos per grid and directive (got ${count})`, { field: 'photos', max: MAX_PHOTOS, count });
    }
    const inserted = await tx.insert(directivePhotos).values(photos.map((p) => ({
      directiveId, gridId, path: r.path, mime: p.mime, bytes: p.bytes, sha256: p.sha256, data: p.data, thumb: p.thumb, createdBy: user.id, createdAt: now,
    }))).returning({ id: directivePhotos.id });
    const ids = inserted.map((x) => x.id);
    await audit(tx, actor, {
      action: 'emergency.directive.photos', entityType: 'directive', entityId: directiveId, unitPath: r.path, at: now,
      after: { gridId: String(gridId), count: ids.length, photoIds: ids.map(String) },
    });
    const rows = await queryRows<PhotoRow>(tx, sql`${SELECT} WHERE p.id = ANY(${pgArray(ids)}::bigint[]) ORDER BY p.id`);
    const body: Added = { directiveId: String(directiveId), gridId: String(gridId), photos: rows.map(present) };
    if (key) {
      await tx.execute(sql`UPDATE idempotency_keys SET response = ${JSON.stringify({ status: 201, body, requestHash: hash })}::jsonb
        WHERE scope = ${scope} AND key = ${key}`);
    }
    return body;
  });
}

/** Photos of a directive in the user's view: grids inside their scope (all of them for command above the area). */
export async function listPhotos(tx: Tx, user: SessionUser, directiveId: number, unitPath: string | null) {
  const d = await directiveVisibleOrFail(tx, user, directiveId);
  const whole = user.scopePath === null || d.path === user.scopePath || d.path.startsWith(`${user.scopePath}.`);
  const where = sql`p.directive_id = ${directiveId} ${whole ? sql`` : sql`AND ${within(user, sql`p.path`)}`} ${unitPath ? sql`AND p.path <@ ${unitPath}::ltree` : sql``}`;
  const rows = await queryRows<PhotoRow>(tx, sql`${SELECT} WHERE ${where} ORDER BY p.created_at DESC, p.id DESC LIMIT 60`);
  const [n] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM directive_photos p WHERE ${where}`);
  return { items: rows.map(present), total: Number(n?.n ?? 0) };
}

/** The photos of every directive of an emergency in the user's grids, oldest first, at most `limit` (the after-action report). */
export async function emergencyPhotos(tx: Tx, user: SessionUser, emergencyId: number, limit: number) {
  const where = sql`p.directive_id IN (SELECT id FROM directives WHERE emergency_id = ${emergencyId}) AND ${within(user, sql`p.path`)}`;
  const [rows, [n]] = await Promise.all([
    queryRows<PhotoRow>(tx, sql`${SELECT} WHERE ${where} ORDER BY p.created_at, p.id LIMIT ${limit}`),
    queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM directive_photos p WHERE ${where}`),
  ]);
  return { items: rows.map((r) => ({ ...present(r), directiveId: r.directive_id })), total: Number(n?.n ?? 0) };
}

/** One photo (or its thumbnail) if the user sees its directive and grid; else 404. */
export async function photoFile(tx: Tx, user: SessionUser, directiveId: number, photoId: number, thumb: boolean) {
  const d = await directiveVisibleOrFail(tx, user, directiveId);
  const whole = user.scopePath === null || d.path === user.scopePath || d.path.startsWith(`${user.scopePath}.`);
  const [p] = await queryRows<{ mime: string; data: Buffer }>(tx, sql`
    SELECT ${thumb ? sql`'image/jpeg'` : sql`mime`} AS mime, ${thumb ? sql`thumb` : sql`data`} AS data FROM directive_photos p
    WHERE p.id = ${photoId} AND p.directive_id = ${directiveId} ${whole ? sql`` : sql`AND ${within(user, sql`p.path`)}`}`);
  if (!p) throw notFound('photo', photoId);
  return { mime: p.mime, data: Buffer.from(p.data) };
}
