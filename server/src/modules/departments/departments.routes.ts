import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/sql.js';
import { requireUser } from '../auth/index.js';

const item = z.object({
  id: z.string(), code: z.string(),
  /** What the matter catalogue names as lead/assisting department (chengguan, gongan …); null for a department no category names. */
  key: z.string().nullable(),
  shortName: z.string().nullable(),
  nameZh: z.string(), nameEn: z.string(),
  unitId: z.string(), unitName: z.string(), phone: z.string().nullable(),
});

/**
 * Functional departments serving the user's area: those of the districts above or inside the user's scope
 * (a street cadre dispatches to its district's departments). The case workflow extends this module.
 */
export const departmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/departments', { schema: { response: { 200: z.object({ items: z.array(item) }) } } }, async (req) => {
    const user = requireUser(req);
    const scope = user.scopePath === null
      ? sql`true`
      : sql`(d.path <@ ${user.scopePath}::ltree OR d.path @> ${user.scopePath}::ltree)`;
    const rows = await queryRows<{ id: string; code: string; key: string | null; short_name: string | null; name_zh: string; name_en: string; unit_id: string;
      unit_name: string; phone: string | null }>(app.ctx.db, sql`
      SELECT d.id::text, d.code, d.key, d.short_name, d.name_zh, d.name_en, d.unit_id::text, u.name AS unit_name, d.phone
      FROM departments d JOIN units u ON u.id = d.unit_id WHERE ${scope} ORDER BY d.code`);
    return { items: rows.map((r) => ({ id: r.id, code: r.code, key: r.key, shortName: r.short_name, nameZh: r.name_zh, nameEn: r.name_en, unitId: r.unit_id, unitName: r.unit_name, phone: r.phone })) };
  });
};
