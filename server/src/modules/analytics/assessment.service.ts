import { sql } from 'drizzle-orm';
import {
  BLACK_LIST_BELOW, BLACK_LIST_SIZE, RED_LIST_MIN, RED_LIST_SIZE, WORKING_STATES,
  type AnnualAssessment, type AssessmentWeights, type IndicatorValues, type MonthlySheet, type QuarterlyBulletin,
} from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { departmentIndicators, departmentScore, emptyValues, governanceScore, round1, unitIndicators } from './assessment.indicators.js';
import { monthPeriod, quarterPeriod, quartersOf, yearPeriod, type Period } from './assessment.period.js';
import { childUnits, departmentsFor, type ReportUnit } from './assessment.scope.js';
import { ratingAverages, weightsFor } from './ratings.service.js';

/** 月调度 · 季通报 · 年考核 as data; docs.*.ts render them as Excel and PDF. */

const WORKING = sql.raw(WORKING_STATES.map((s) => `'${s}'`).join(','));
const HOLDER_ZH: Record<string, string> = {
  grid: '网格', community: '社区', street: '街道', department: '部门', mediator: '调解员', reporter: '反映人', none: '—',
};
const HOLDER_EN: Record<string, string> = {
  grid: 'Grid', community: 'Community', street: 'Street', department: 'Department', mediator: 'Mediator', reporter: 'Reporter', none: '—',
};
const QUARTER_EN = ['', 'first', 'second', 'third', 'fourth'];
const MONTH_EN = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** The English name when there is one (the Chinese otherwise): English titles read naturally either way. */
const en = (u: { name: string; nameEn: string | null }) => u.nameEn || u.name;
const ITEMS_PER_ROW = 20;

/**
 * 月调度: items open now (working states), grouped by the child unit they lie in and by who holds them (the
 * department of the open lead dispatch, or the level), oldest first; plus the month's indicators for the unit.
 */
export async function monthlySheet(tx: Tx, unit: ReportUnit, month: string, now: Date): Promise<MonthlySheet> {
  const p = monthPeriod(month);
  const depth = unit.path.split('.').length;
  const rows = await queryRows<{
    child_id: string; child_name: string; child_name_en: string | null; owner_kind: 'department' | 'level'; owner_id: string; owner_name: string;
    owner_name_en: string | null;
    id: string; tracking_no: string; title: string; state: string; created_at: Date; due_at: Date | null; warn_level: string;
  }>(tx, sql`
    SELECT ch.id::text AS child_id, ch.name AS child_name, ch.name_en AS child_name_en, dep.name_en AS owner_name_en,
      CASE WHEN dep.id IS NOT NULL THEN 'department' ELSE 'level' END AS owner_kind,
      coalesce(dep.id::text, c.holder) AS owner_id, coalesce(dep.name_zh, c.holder) AS owner_name,
      c.id::text, c.tracking_no, c.title, c.state, c.created_at, c.due_at, c.warn_level
    FROM cases c
    JOIN units ch ON ch.id = (CASE WHEN nlevel(c.path) > ${depth} THEN subpath(c.path, ${depth}, 1) ELSE subpath(c.path, ${depth - 1}, 1) END)::text::bigint
    LEFT JOIN LATERAL (
      SELECT d.id, d.name_zh, d.name_en FROM case_dispatches x JOIN departments d ON d.id = x.department_id
      WHERE x.case_id = c.id AND x.handled_at IS NULL AND x.returned_at IS NULL AND c.holder = 'department'
      ORDER BY (x.role = 'lead') DESC, x.id LIMIT 1) dep ON true
    WHERE c.path <@ ${unit.path}::ltree AND c.state IN (${WORKING})
    ORDER BY ch.code, owner_name, c.created_at, c.id`);
  const groups = new Map<string, MonthlySheet['rows'][number]>();
  for (const r of rows) {
    const key = `${r.child_id}|${r.owner_kind}|${r.owner_id}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        unitId: r.child_id, unitName: r.child_name, unitNameEn: r.child_name_en, ownerKind: r.owner_kind, ownerId: r.owner_id,
        ownerName: r.owner_kind === 'level' ? (HOLDER_ZH[r.owner_name] ?? r.owner_name) : r.owner_name,
        ownerNameEn: r.owner_kind === 'level' ? (HOLDER_EN[r.owner_name] ?? r.owner_name) : r.owner_name_en,
        open: 0, overdue: 0, red: 0, oldestDays: 0, items: [],
      };
      groups.set(key, g);
    }
    const overdue = r.due_at !== null && new Date(r.due_at) < now;
    g.open += 1;
    if (overdue) g.overdue += 1;
    if (r.warn_level === 'red') g.red += 1;
    g.oldestDays = Math.max(g.oldestDays, Math.floor((now.getTime() - new Date(r.created_at).getTime()) / 86_400_000));
    if (g.items.length < ITEMS_PER_ROW) {
      g.items.push({
        caseId: r.id, trackingNo: r.tracking_no, title: r.title, state: r.state, createdAt: new Date(r.created_at).toISOString(),
        dueAt: r.due_at ? new Date(r.due_at).toISOString() : null, overdue,
      });
    }
  }
  const list = [...groups.values()];
  const ind = await unitIndicators(tx, [unit], p, now);
  return {
    title: `${unit.name}${month.slice(0, 4)}年${Number(month.slice(5))}月调度清单`,
    titleEn: `${en(unit)}: monthly scheduling sheet, ${MONTH_EN[Number(month.slice(5))]} ${month.slice(0, 4)}`,
    unitId: unit.id, unitName: unit.name, unitNameEn: unit.nameEn, month,
    generatedAt: now.toISOString(), indicators: ind.get(unit.id) ?? emptyValues(),
    rows: list,
    totals: { open: sum(list, 'open'), overdue: sum(list, 'overdue'), red: sum(list, 'red') },
  };
}
const sum = <T>(xs: T[], k: keyof T) => xs.reduce((s, x) => s + Number(x[k]), 0);

interface Ranked { indicators: IndicatorValues; score: number | null }
/** Ranks by score (nulls last); equal scores share a rank (1, 2, 2, 4). */
function rank<T extends Ranked>(xs: T[], name: (x: T) => string): (T & { rank: number })[] {
  const sorted = [...xs].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || name(a).localeCompare(name(b), 'zh'));
  let prev: number | null | undefined;
  let r = 0;
  return sorted.map((x, i) => {
    if (x.score !== prev) r = i + 1;
    prev = x.score;
    return { ...x, rank: r };
  });
}

async function rankings(tx: Tx, unit: ReportUnit, p: Period, quarters: string[], w: AssessmentWeights, now: Date) {
  const children = await childUnits(tx, unit);
  const depts = await departmentsFor(tx, unit);
  const [ui, di, ratings] = await Promise.all([
    unitIndicators(tx, [unit, ...children], p, now),
    departmentIndicators(tx, depts.map((d) => d.id), unit.path, p, now),
    ratingAverages(tx, unit.path, quarters),
  ]);
  const towns = rank(children.map((c) => {
    const indicators = ui.get(c.id) ?? emptyValues();
    return { unitId: c.id, code: c.code, name: c.name, nameEn: c.nameEn, indicators, score: governanceScore(indicators, w) };
  }), (x) => x.code);
  const departments = rank(depts.map((d) => {
    const indicators = di.get(d.id) ?? emptyValues();
    const indicatorScore = governanceScore(indicators, w);
    const r = ratings.get(d.id);
    return {
      departmentId: d.id, name: d.name, nameEn: d.nameEn, indicators, indicatorScore, rating: r?.average ?? null, ratingCount: r?.count ?? 0,
      score: departmentScore(indicatorScore, r?.average ?? null, w),
    };
  }), (x) => x.name);
  return { total: ui.get(unit.id) ?? emptyValues(), towns, departments };
}

/** 季通报: towns and departments ranked by governance score; red list (top, ≥ RED_LIST_MIN) and black list (bottom, < BLACK_LIST_BELOW). */
export async function quarterlyBulletin(tx: Tx, unit: ReportUnit, quarter: string, now: Date): Promise<QuarterlyBulletin> {
  const p = quarterPeriod(quarter);
  const { weights } = await weightsFor(tx, unit);
  const r = await rankings(tx, unit, p, [quarter], weights, now);
  const entries = [
    ...r.towns.map((t) => ({ kind: 'town' as const, id: t.unitId, name: t.name, nameEn: t.nameEn, score: t.score })),
    ...r.departments.map((d) => ({ kind: 'department' as const, id: d.departmentId, name: d.name, nameEn: d.nameEn, score: d.score })),
  ];
  const scored = (kind: 'town' | 'department') => entries.filter((e): e is typeof e & { score: number } => e.kind === kind && e.score !== null);
  const redList = (['town', 'department'] as const).flatMap((k) => scored(k).sort((a, b) => b.score - a.score).filter((e) => e.score >= RED_LIST_MIN).slice(0, RED_LIST_SIZE))
    .map((e) => ({ ...e, zh: `得分${e.score}，进入红榜`, en: `Score ${e.score}: on the red list` }));
  const blackList = (['town', 'department'] as const).flatMap((k) => scored(k).sort((a, b) => a.score - b.score).filter((e) => e.score < BLACK_LIST_BELOW).slice(0, BLACK_LIST_SIZE))
    .map((e) => ({ ...e, zh: `得分${e.score}，低于${BLACK_LIST_BELOW}分，列入黑榜`, en: `Score ${e.score} below ${BLACK_LIST_BELOW}: on the black list` }));
  return {
    title: `${unit.name}${quarter.slice(0, 4)}年第${quarter.slice(6)}季度接诉即办工作通报`,
    titleEn: `${en(unit)}: 12345 bulletin, ${QUARTER_EN[Number(quarter.slice(6))]} quarter of ${quarter.slice(0, 4)}`,
    unitId: unit.id, unitName: unit.name, unitNameEn: unit.nameEn, quarter, from: p.from, to: p.to, generatedAt: now.toISOString(), weights,
    indicators: r.total,
    towns: r.towns,
    departments: r.departments.map(({ indicatorScore: _i, ...d }) => d),
    redList, blackList,
  };
}

/** 年考核: the year's governance scores and their weighted share (streets × streetShare, departments × departmentShare). */
export async function annualAssessment(tx: Tx, unit: ReportUnit, year: number, now: Date): Promise<AnnualAssessment> {
  const p = yearPeriod(year);
  const { weights } = await weightsFor(tx, unit);
  const r = await rankings(tx, unit, p, quartersOf(year), weights, now);
  const share = (x: number | null, s: number) => (x === null ? null : round1(x * s));
  return {
    title: `${unit.name}${year}年度网格化治理考核`, titleEn: `${en(unit)}: annual grid governance assessment ${year}`,
    unitId: unit.id, unitName: unit.name, unitNameEn: unit.nameEn, year, from: p.from, to: p.to,
    generatedAt: now.toISOString(), weights,
    streets: r.towns.map((t) => ({ ...t, weighted: share(t.score, weights.streetShare) })),
    departments: r.departments.map((d) => ({ ...d, weighted: share(d.score, weights.departmentShare) })),
  };
}
