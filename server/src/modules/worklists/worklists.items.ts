import { sql, type SQL } from 'drizzle-orm';
import { nextDueSql, overdueSql } from './worklists.sql.js';
import type { CaseListItem } from './worklists.schema.js';

/** A list row of a case as read by the lists and the board, and how it is presented. */
export interface ItemRow {
  id: string; tracking_no: string; title: string; category_code: string | null; category_name: string | null; channel: string;
  state: string; version: number; risk_level: string; priority: number; holder: string; grid_id: string | null; grid_name: string | null;
  address: string | null; lead_department: string | null; created_at: string | Date; next_due: string | Date | null; overdue: boolean;
  warn_level: string; total?: string | number;
}

export const iso = (v: string | Date | null): string | null => (v == null ? null : new Date(v).toISOString());

/** The columns of a list row; `now` decides overdue. */
export const itemCols = (now: Date) => sql`c.id::text, c.tracking_no, c.title, c.category_code, cc.name_zh AS category_name, c.channel, c.state,
  c.version, c.risk_level, c.priority, c.holder, c.grid_id::text, g.name AS grid_name, c.address, ld.name_zh AS lead_department,
  c.created_at, ${nextDueSql} AS next_due, ${overdueSql(now)} AS overdue, c.warn_level`;
export const itemJoins = sql`LEFT JOIN case_categories cc ON cc.code = c.category_code
  LEFT JOIN units g ON g.id = c.grid_id
  LEFT JOIN departments ld ON ld.id = c.lead_department_id`;

export function present(r: ItemRow, now: Date): CaseListItem {
  const next = iso(r.next_due);
  return {
    id: r.id, trackingNo: r.tracking_no, title: r.title, category: r.category_code, categoryName: r.category_name, channel: r.channel,
    state: r.state, version: Number(r.version), riskLevel: r.risk_level, priority: Number(r.priority), holder: r.holder, gridId: r.grid_id,
    gridName: r.grid_name, address: r.address, leadDepartment: r.lead_department, createdAt: iso(r.created_at)!,
    nextDueAt: next, msLeft: next ? new Date(next).getTime() - now.getTime() : null, overdue: !!r.overdue, warnLevel: r.warn_level,
  };
}

export const where = (conds: SQL[]) => sql.join(conds, sql` AND `);

