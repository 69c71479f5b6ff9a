import { sql, type SQL } from 'drizzle-orm';
import type { ExportTable } from '@gridgov/common';
import { STATE_ZH } from './docs.format.js';

/**
 * What each exportable table holds: Chinese headers, and one keyset-paginated query over the rows under a path
 * created in [start, end). Personal data (reporters' names and phones) is never exported.
 */
export interface ExportSpec {
  headers: string[];
  /** Counts the rows to export. */
  count(path: string, start: Date, end: Date): SQL;
  /** The next chunk after `afterId` (rows carry `_id`, the pagination key, then the cells in header order). */
  chunk(path: string, start: Date, end: Date, afterId: number, limit: number): SQL;
  cells(row: Record<string, unknown>): (string | number | null)[];
}

const t = (v: unknown): string | null => (v ? new Date(new Date(v as string).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ') : null);
const s = (v: unknown): string | null => (v == null ? null : String(v));
const SATISFACTION_ZH: Record<string, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };
const ROLE_ZH: Record<string, string> = { lead: '主办', assist: '协办' };
const KIND_ZH: Record<string, string> = { ack_overdue: '签收超期', handle_overdue: '办理超期', accept_overdue: '受理超期' };

export const EXPORT_SPECS: Record<ExportTable, ExportSpec> = {
  cases: {
    headers: ['受理编号', '标题', '事项类别', '渠道', '状态', '网格编码', '地址', '登记时间', '办理时限', '结案时间', '是否解决', '满意度'],
    count: (p, a, b) => sql`SELECT count(*)::int AS n FROM cases c WHERE c.path <@ ${p}::ltree AND c.created_at >= ${a} AND c.created_at < ${b}`,
    chunk: (p, a, b, after, limit) => sql`
      SELECT c.id AS _id, c.tracking_no, c.title, cat.name_zh AS category, c.channel, c.state, g.code AS grid_code, c.address, c.created_at,
        c.due_at, c.closed_at, c.resolved, c.satisfaction
      FROM cases c LEFT JOIN case_categories cat ON cat.code = c.category_code LEFT JOIN units g ON g.id = c.grid_id
      WHERE c.path <@ ${p}::ltree AND c.created_at >= ${a} AND c.created_at < ${b} AND c.id > ${after} ORDER BY c.id LIMIT ${limit}`,
    cells: (r) => [s(r.tracking_no), s(r.title), s(r.category), s(r.channel), STATE_ZH[String(r.state)] ?? s(r.state), s(r.grid_code), s(r.address),
      t(r.created_at), t(r.due_at), t(r.closed_at), r.resolved == null ? null : r.resolved ? '是' : '否',
      r.satisfaction ? SATISFACTION_ZH[String(r.satisfaction)] ?? s(r.satisfaction) : null],
  },
  dispatches: {
    headers: ['受理编号', '部门', '主协办', '状态', '派单时间', '签收时限', '签收时间', '办理时限', '办结时间', '是否按时'],
    count: (p, a, b) => sql`SELECT count(*)::int AS n FROM case_dispatches d JOIN cases c ON c.id = d.case_id
      WHERE c.path <@ ${p}::ltree AND d.created_at >= ${a} AND d.created_at < ${b}`,
    chunk: (p, a, b, after, limit) => sql`
      SELECT d.id AS _id, c.tracking_no, dep.name_zh AS department, d.role, d.state, d.created_at, d.ack_due_at, d.acknowledged_at,
        d.handle_due_at, d.handled_at
      FROM case_dispatches d JOIN cases c ON c.id = d.case_id JOIN departments dep ON dep.id = d.department_id
      WHERE c.path <@ ${p}::ltree AND d.created_at >= ${a} AND d.created_at < ${b} AND d.id > ${after} ORDER BY d.id LIMIT ${limit}`,
    cells: (r) => [s(r.tracking_no), s(r.department), ROLE_ZH[String(r.role)] ?? s(r.role), s(r.state), t(r.created_at), t(r.ack_due_at),
      t(r.acknowledged_at), t(r.handle_due_at), t(r.handled_at),
      r.handled_at ? (new Date(r.handled_at as string) <= new Date(r.handle_due_at as string) ? '是' : '否') : null],
  },
  supervision: {
    headers: ['受理编号', '督办类型', '督办单位', '开始时间', '结束时间', '说明'],
    count: (p, a, b) => sql`SELECT count(*)::int AS n FROM supervision_items s WHERE s.path <@ ${p}::ltree AND s.opened_at >= ${a} AND s.opened_at < ${b}`,
    chunk: (p, a, b, after, limit) => sql`
      SELECT s.id AS _id, c.tracking_no, s.kind, u.name AS unit_name, s.opened_at, s.closed_at, s.note
      FROM supervision_items s JOIN cases c ON c.id = s.case_id LEFT JOIN units u ON u.id = s.unit_id
      WHERE s.path <@ ${p}::ltree AND s.opened_at >= ${a} AND s.opened_at < ${b} AND s.id > ${after} ORDER BY s.id LIMIT ${limit}`,
    cells: (r) => [s(r.tracking_no), KIND_ZH[String(r.kind)] ?? s(r.kind), s(r.unit_name), t(r.opened_at), t(r.closed_at), s(r.note)],
  },
  ratings: {
    headers: ['街道', '部门', '季度', '评分', '评语', '评议时间'],
    count: (p, a, b) => sql`SELECT count(*)::int AS n FROM department_ratings r WHERE r.path <@ ${p}::ltree AND r.rated_at >= ${a} AND r.rated_at < ${b}`,
    chunk: (p, a, b, after, limit) => sql`
      SELECT r.id AS _id, u.name AS street, d.name_zh AS department, r.quarter, r.score, r.comment, r.rated_at
      FROM department_ratings r JOIN units u ON u.id = r.unit_id JOIN departments d ON d.id = r.department_id
      WHERE r.path <@ ${p}::ltree AND r.rated_at >= ${a} AND r.rated_at < ${b} AND r.id > ${after} ORDER BY r.id LIMIT ${limit}`,
    cells: (r) => [s(r.street), s(r.department), s(r.quarter), r.score == null ? null : Number(r.score), s(r.comment), t(r.rated_at)],
  },
};
