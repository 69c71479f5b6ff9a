import { sql, type SQL } from 'drizzle-orm';
import { directiveSchema, type Directive } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { SessionUser } from '../../lib/scope.js';
import { iso, num, within } from './common.js';

export interface DirectiveRow {
  id: string; emergency_id: string; emergency_title: string; level: number; title: string; body: string; target_unit_ids: string[];
  due_at: Date; ack_due_at: Date; issued_at: Date; issued_by: string | null; report_fields: unknown[]; attachments: unknown[]; total: number; path: string;
}

/** SELECT … FROM directives d JOIN emergencies e (callers add JOINs, WHERE and ORDER). */
export function directiveSelect(extra: SQL = sql``): SQL {
  return sql`
    SELECT d.id::text, d.emergency_id::text, e.title AS emergency_title, e.level, d.title, d.body, d.target_unit_ids, d.due_at, d.ack_due_at,
      d.issued_at, iu.display_name AS issued_by, d.report_fields, d.attachments, d.total, d.path::text AS path ${extra}
    FROM directives d JOIN emergencies e ON e.id = d.emergency_id LEFT JOIN users iu ON iu.id = d.issued_by`;
}

/**
 * Directives as the user sees them: counts over the grids inside their scope (the whole fan-out for command above
 * the area), additions from the units above `gridId` (field view) or inside the user's scope (command view).
 */
export async function presentDirective(tx: Tx, rows: DirectiveRow[], user: SessionUser, gridId?: string): Promise<Directive[]> {
  const out: Directive[] = [];
  for (const d of rows) {
    const whole = user.scopePath === null || d.path === user.scopePath || d.path.startsWith(`${user.scopePath}.`);
    const [c] = await queryRows<{ total: number; ack: number; exec: number }>(tx, sql`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE state <> 'pending')::int AS ack, count(*) FILTER (WHERE state = 'executed')::int AS exec
      FROM directive_grids WHERE directive_id = ${Number(d.id)} ${whole ? sql`` : sql`AND ${within(user, sql`path`)}`}`);
    const adds = await queryRows<{ id: string; unit_id: string; unit_name: string; note: string; report_fields: unknown[]; added_at: Date; by: string | null }>(tx, sql`
      SELECT a.id::text, a.unit_id::text, u.name AS unit_name, a.note, a.report_fields, a.added_at, au.display_name AS by
      FROM directive_additions a JOIN units u ON u.id = a.unit_id LEFT JOIN users au ON au.id = a.added_by
      WHERE a.directive_id = ${Number(d.id)} AND ${gridId
        ? sql`a.path @> (SELECT path FROM units WHERE id = ${Number(gridId)})`
        : sql`(${within(user, sql`a.path`)} OR ${user.scopePath === null ? sql`false` : sql`a.path @> ${user.scopePath}::ltree`})`}
      ORDER BY a.added_at, a.id`);
    out.push(directiveSchema.parse({
      id: d.id, emergencyId: d.emergency_id, emergencyTitle: d.emergency_title, level: d.level, title: d.title, body: d.body,
      targetUnitIds: d.target_unit_ids, dueAt: iso(d.due_at), ackDueAt: iso(d.ack_due_at), issuedAt: iso(d.issued_at), issuedBy: d.issued_by,
      reportFields: d.report_fields, attachments: d.attachments,
      additions: adds.map((a) => ({ id: a.id, unitId: a.unit_id, unitName: a.unit_name, note: a.note, reportFields: a.report_fields, at: iso(a.added_at), by: a.by })),
      total: num(c?.total), acknowledged: num(c?.ack), executed: num(c?.exec),
    }));
  }
  return out;
}
