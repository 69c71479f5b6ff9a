import { sql } from 'drizzle-orm';
import {
  HOTSPOT_EPS_METRES, HOTSPOT_MIN_POINTS, REPEAT_MIN_CASES, RISING_MIN_THIS_WEEK, RISK_WEIGHTS, WORKING_STATES,
  type RiskReason, type RiskResponse,
} from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { addDays, dayStart } from './assessment.period.js';
import { proposeTopProblem } from './risk.top-problem.js';

/**
 * 精准化风险研判 over the cases of a unit's subtree in the last `days` days up to `asOf` (Shanghai days):
 * hot spots (DBSCAN on case points), repeat addresses and buildings, categories rising week over week per grid,
 * open high-risk matters, and a per-grid score = Σ reason contributions (RISK_WEIGHTS × count).
 */
const WORKING = sql.raw(WORKING_STATES.map((s) => `'${s}'`).join(','));
/** A case belongs to a building when its point lies within this distance of the building's point. */
const BUILDING_METRES = 30;
const M_PER_DEG = 111_320;

export interface RiskUnit { id: string; path: string }

export async function riskAnalysis(tx: Tx, unit: RiskUnit, asOf: string, days: number): Promise<RiskResponse> {
  const end = dayStart(addDays(asOf, 1));
  const start = dayStart(addDays(asOf, 1 - days));
  const scope = sql`c.path <@ ${unit.path}::ltree AND c.created_at >= ${start} AND c.created_at < ${end} AND c.state NOT IN ('merged', 'rejected')`;

  const [hotspots, addresses, buildings, rising, highRisk, grids, topProblem] = await Promise.all([
    hotspotsOf(tx, scope),
    queryRows<{ key: string; label: string; grid_id: string | null; n: number; last_at: Date }>(tx, sql`
      SELECT lower(regexp_replace(trim(c.address), '\\s+', '', 'g')) AS key, mode() WITHIN GROUP (ORDER BY c.grid_id)::text AS grid_id,
        count(*)::int AS n, max(c.created_at) AS last_at, min(c.address) AS label
      FROM cases c WHERE ${scope} AND c.address IS NOT NULL AND trim(c.address) <> ''
      GROUP BY 1 HAVING count(*) >= ${REPEAT_MIN_CASES} ORDER BY n DESC, key LIMIT 100`),
    queryRows<{ id: string; name: string; grid_id: string; n: number; last_at: Date }>(tx, sql`
      SELECT b.id::text, b.name, b.grid_id::text, count(*)::int AS n, max(c.created_at) AS last_at
      FROM cases c CROSS JOIN LATERAL (
        SELECT b.id, b.name, b.grid_id FROM buildings b
        WHERE ST_DWithin(b.location, c.location, ${BUILDING_METRES / M_PER_DEG * 1.5})
          AND ST_DistanceSphere(b.location, c.location) <= ${BUILDING_METRES}
        ORDER BY b.location <-> c.location LIMIT 1) b
      WHERE ${scope} AND c.location IS NOT NULL
      GROUP BY b.id, b.name, b.grid_id HAVING count(*) >= ${REPEAT_MIN_CASES} ORDER BY n DESC, b.id LIMIT 100`),
    queryRows<{ grid_id: string; code: string; category_code: string; name_zh: string; name_en: string; this_week: number; last_week: number }>(tx, sql`
      SELECT c.grid_id::text, g.code, c.category_code, cat.name_zh, cat.name_en,
        count(*) FILTER (WHERE c.created_at >= ${dayStart(addDays(asOf, -6))})::int AS this_week,
        count(*) FILTER (WHERE c.created_at < ${dayStart(addDays(asOf, -6))})::int AS last_week
      FROM cases c JOIN units g ON g.id = c.grid_id JOIN case_categories cat ON cat.code = c.category_code
      WHERE c.path <@ ${unit.path}::ltree AND c.created_at >= ${dayStart(addDays(asOf, -13))} AND c.created_at < ${end}
        AND c.state NOT IN ('merged', 'rejected')
      GROUP BY c.grid_id, g.code, c.category_code, cat.name_zh, cat.name_en
      HAVING count(*) FILTER (WHERE c.created_at >= ${dayStart(addDays(asOf, -6))}) >= ${RISING_MIN_THIS_WEEK}
        AND count(*) FILTER (WHERE c.created_at >= ${dayStart(addDays(asOf, -6))}) > count(*) FILTER (WHERE c.created_at < ${dayStart(addDays(asOf, -6))})
      ORDER BY (count(*) FILTER (WHERE c.created_at >= ${dayStart(addDays(asOf, -6))}) - count(*) FILTER (WHERE c.created_at < ${dayStart(addDays(asOf, -6))})) DESC, c.grid_id`),
    queryRows<{ grid_id: string; n: number }>(tx, sql`
      SELECT c.grid_id::text, count(*)::int AS n FROM cases c
      WHERE c.path <@ ${unit.path}::ltree AND c.grid_id IS NOT NULL AND c.state IN (${WORKING}) AND c.risk_level = 'high' AND c.created_at < ${end}
      GROUP BY c.grid_id`),
    queryRows<{ id: string; code: string; name: string; name_en: string | null }>(tx, sql`
      SELECT id::text, code, name, name_en FROM units WHERE kind = 'grid' AND path <@ ${unit.path}::ltree AND valid_to IS NULL`),
    proposeTopProblem(tx, scope, asOf, days),
  ]);

  const reasons = new Map<string, RiskReason[]>();
  const add = (gridId: string | null, r: RiskReason) => {
    if (!gridId) return;
    const list = reasons.get(gridId) ?? [];
    list.push(r);
    reasons.set(gridId, list);
  };
  for (const h of hotspots) {
    for (const [gridId, n] of Object.entries(h.perGrid)) {
      add(gridId, reason('hotspot', n, `位于案件热点（${h.caseCount}件聚集，本网格${n}件）`, `In a hot spot (${h.caseCount} cases clustered, ${n} in this grid)`, h.topCategoryCode, h.id));
    }
  }
  for (const a of addresses) {
    add(a.grid_id, reason('repeat_address', a.n - 1, `同一地址近${days}天重复反映${a.n}次：${a.label}`, `Same address reported ${a.n} times in ${days} days: ${a.label}`, null, a.label));
  }
  for (const b of buildings) {
    add(b.grid_id, reason('repeat_building', b.n - 1, `同一楼栋近${days}天${b.n}件：${b.name}`, `${b.n} cases at one building in ${days} days: ${b.name}`, null, b.id));
  }
  for (const r of rising) {
    add(r.grid_id, reason('rising_category', r.this_week - r.last_week, `“${r.name_zh}”本周${r.this_week}件，上周${r.last_week}件`,
      `"${r.name_en}" ${r.this_week} this week, ${r.last_week} last week`, r.category_code, null));
  }
  for (const h of highRisk) add(h.grid_id, reason('high_risk_open', h.n, `${h.n}件高风险事项在办`, `${h.n} open high-risk matter${h.n === 1 ? '' : 's'}`, null, null));

  const riskGrids = grids
    .filter((g) => reasons.has(g.id))
    .map((g) => {
      const rs = reasons.get(g.id)!.sort((x, y) => y.contribution - x.contribution);
      return { gridId: g.id, code: g.code, name: g.name, nameEn: g.name_en, score: rs.reduce((s, r) => s + r.contribution, 0), reasons: rs };
    })
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));

  return {
    unitId: unit.id, asOf, days,
    grids: riskGrids,
    hotspots: hotspots.map(({ perGrid: _p, ...h }) => h),
    repeats: [
      ...addresses.map((a) => ({ kind: 'address' as const, key: a.key, label: a.label, gridId: a.grid_id, caseCount: a.n, lastAt: new Date(a.last_at).toISOString() })),
      ...buildings.map((b) => ({ kind: 'building' as const, key: b.id, label: b.name, gridId: b.grid_id, caseCount: b.n, lastAt: new Date(b.last_at).toISOString() })),
    ],
    rising: rising.map((r) => ({ gridId: r.grid_id, code: r.code, categoryCode: r.category_code, nameZh: r.name_zh, nameEn: r.name_en, thisWeek: r.this_week, lastWeek: r.last_week })),
    topProblem,
  };
}

function reason(kind: RiskReason['kind'], count: number, zh: string, en: string, categoryCode: string | null, ref: string | null): RiskReason {
  return { kind, count, contribution: RISK_WEIGHTS[kind] * count, zh, en, categoryCode, ref };
}

interface Hotspot {
  id: string; caseCount: number; lng: number; lat: number; radiusM: number; gridIds: string[]; topCategoryCode: string | null;
  perGrid: Record<string, number>;
}

/**
 * DBSCAN on the window's case points. Longitude is scaled by cos(latitude) so that eps (in degrees of latitude)
 * is the same distance east–west and north–south without a reprojection.
 */
async function hotspotsOf(tx: Tx, scope: ReturnType<typeof sql>): Promise<Hotspot[]> {
  const rows = await queryRows<{ cid: number; grid_id: string | null; category_code: string | null; lng: number; lat: number }>(tx, sql`
    SELECT k.cid, k.grid_id, k.category_code, k.lng, k.lat FROM (
      SELECT ST_ClusterDBSCAN(ST_Scale(c.location, cos(radians(ST_Y(c.location))), 1), eps => ${HOTSPOT_EPS_METRES / M_PER_DEG},
          minpoints => ${HOTSPOT_MIN_POINTS}) OVER () AS cid,
        c.grid_id::text, c.category_code, ST_X(c.location) AS lng, ST_Y(c.location) AS lat
      FROM cases c WHERE ${scope} AND c.location IS NOT NULL) k
    WHERE k.cid IS NOT NULL`);
  const clusters = new Map<number, typeof rows>();
  for (const r of rows) clusters.set(r.cid, [...(clusters.get(r.cid) ?? []), r]);
  const out: Hotspot[] = [];
  for (const pts of clusters.values()) {
    const lng = pts.reduce((s, p) => s + p.lng, 0) / pts.length;
    const lat = pts.reduce((s, p) => s + p.lat, 0) / pts.length;
    const perGrid: Record<string, number> = {};
    const cats: Record<string, number> = {};
    for (const p of pts) {
      if (p.grid_id) perGrid[p.grid_id] = (perGrid[p.grid_id] ?? 0) + 1;
      if (p.category_code) cats[p.category_code] = (cats[p.category_code] ?? 0) + 1;
    }
    const radiusM = Math.max(...pts.map((p) => metres(lng, lat, p.lng, p.lat)));
    const top = Object.entries(cats).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    out.push({ id: '', caseCount: pts.length, lng, lat, radiusM: Math.round(radiusM), gridIds: Object.keys(perGrid).sort(), topCategoryCode: top?.[0] ?? null, perGrid });
  }
  // Stable ids by size then position: the same data gives the same ids.
  out.sort((a, b) => b.caseCount - a.caseCount || a.lng - b.lng || a.lat - b.lat);
  out.forEach((h, i) => { h.id = `h${i + 1}`; });
  return out;
}

function metres(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dx = (lng2 - lng1) * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180) * M_PER_DEG;
  const dy = (lat2 - lat1) * M_PER_DEG;
  return Math.sqrt(dx * dx + dy * dy);
}
