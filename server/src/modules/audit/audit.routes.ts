import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/sql.js';
import { idParam } from '../../lib/ids.js';
import { requirePermission } from '../../lib/scope.js';

const query = z.object({
  unitId: idParam.optional(),
  actor: z.string().trim().min(1).max(64).optional(),
  entityType: z.string().trim().min(1).max(64).optional(),
  entityId: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const item = z.object({
  id: z.string(), at: z.string(), actorId: z.string().nullable(), actorName: z.string().nullable(), action: z.string(),
  entityType: z.string(), entityId: z.string().nullable(), unitPath: z.string().nullable(),
  before: z.unknown(), after: z.unknown(), ip: z.string().nullable(),
});

/** Audit viewer: events inside the user's subtree (events with no unit are visible to global admins only). */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/audit', { schema: { querystring: query, response: { 200: z.object({ items: z.array(item), total: z.number() }) } } }, async (req) => {
    const user = requirePermission(req.user, 'audit.read');
    const q = req.query;
    const conds = [user.scopePath === null ? sql`true` : sql`a.unit_path <@ ${user.scopePath}::ltree`];
    if (q.unitId) conds.push(sql`a.unit_path <@ (SELECT path FROM units WHERE id = ${Number(q.unitId)})`);
    if (q.actor) conds.push(sql`a.actor_name = ${q.actor}`);
    if (q.entityType) conds.push(sql`a.entity_type = ${q.entityType}`);
    if (q.entityId) conds.push(sql`a.entity_id = ${q.entityId}`);
    if (q.action) conds.push(sql`a.action LIKE ${q.action + '%'}`);
    if (q.from) conds.push(sql`a.at >= ${q.from}::timestamptz`);
    if (q.to) conds.push(sql`a.at < ${q.to}::timestamptz`);
    const where = sql.join(conds, sql` AND `);
    const rows = await queryRows<{ id: string; at: string; actor_id: string | null; actor_name: string | null; action: string; entity_type: string; entity_id: string | null; unit_path: string | null; before: unknown; after: unknown; ip: string | null }>(app.ctx.db, sql`
      SELECT a.id::text, a.at, a.actor_id::text, a.actor_name, a.action, a.entity_type, a.entity_id, a.unit_path::text, a.before, a.after, a.ip
      FROM audit_events a WHERE ${where} ORDER BY a.at DESC, a.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`);
    const [t] = await queryRows<{ n: number }>(app.ctx.db, sql`SELECT count(*)::int AS n FROM audit_events a WHERE ${where}`);
    return {
      total: t!.n,
      items: rows.map((r) => ({
        id: r.id, at: new Date(r.at).toISOString(), actorId: r.actor_id, actorName: r.actor_name, action: r.action,
        entityType: r.entity_type, entityId: r.entity_id, unitPath: r.unit_path, before: r.before ?? null, after: r.after ?? null, ip: r.ip,
      })),
    };
  });
};
