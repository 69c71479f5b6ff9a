/**
 * Attribute names accepted in GeoJSON properties, shapefile .dbf fields and Excel headers, Chinese or English.
 * Matching ignores case, spaces, underscores and full-width brackets. DBF field names are cut at 10 bytes (a
 * UTF-8 "网格编码" becomes "网格编" plus half a character), so a name may also match by unambiguous prefix.
 */
export const FIELD_ALIASES = {
  code: ['网格编码', '网格代码', '网格编号', '编码', 'code', 'gridcode', 'wgbm', 'bm'],
  name: ['网格名称', '网格名', '名称', 'name', 'gridname', 'wgmc', 'mc'],
  kind: ['网格类别', '网格种类', '网格性质', '类别', 'kind', 'gridkind'],
  gridType: ['网格类型', 'type', 'gridtype', 'gridtypecode', 'wglx'],
  dedicatedType: ['专属类型', '专属网格类型', 'dedicatedtype'],
  communityCode: ['社区编码', '所属社区编码', '村社区编码', 'communitycode'],
  population: ['人口数', '人口', '人口总数', 'population'],
  households: ['户数', '总户数', 'households'],
  traits: ['人口特点', 'traits'],
  keyWork: ['工作重点', 'keywork'],
  risks: ['隐患风险', '风险隐患', 'risks'],
} as const;
export type FieldKey = keyof typeof FIELD_ALIASES;

/** Columns our own export writes that the attribute import recognises and leaves alone (read-only facts). */
export const READ_ONLY_COLUMNS = ['类型', '所属社区', '所属镇街', '面积(平方米)', '面积', 'areaM2', 'community', 'town', 'id', 'path', 'category', 'color'];

export function normalizeName(s: string): string {
  return s.replace(/\uFFFD/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/[\s_\-\u3000]/g, '').toLowerCase();
}

const ALIAS_INDEX = new Map<string, FieldKey>();
for (const [k, names] of Object.entries(FIELD_ALIASES) as [FieldKey, readonly string[]][]) {
  for (const n of names) ALIAS_INDEX.set(normalizeName(n), k);
}

/** Which field a header/property name means, or null. */
export function fieldFor(rawName: string): FieldKey | null {
  const n = normalizeName(rawName);
  if (!n) return null;
  const exact = ALIAS_INDEX.get(n);
  if (exact) return exact;
  // Truncated DBF names: a prefix of at least two CJK characters that only one field's aliases start with.
  if (!/[\u4e00-\u9fff]{2}/.test(n)) return null;
  const hits = new Set<FieldKey>();
  for (const [alias, key] of ALIAS_INDEX) if (alias.startsWith(n)) hits.add(key);
  return hits.size === 1 ? [...hits][0]! : null;
}

export function isReadOnlyColumn(rawName: string): boolean {
  const n = normalizeName(rawName);
  return READ_ONLY_COLUMNS.some((c) => normalizeName(c) === n);
}

/** Map an object's keys to our fields; the first matching key wins, later duplicates are ignored. */
export function pickFields(props: Record<string, unknown> | null | undefined): Partial<Record<FieldKey, unknown>> {
  const out: Partial<Record<FieldKey, unknown>> = {};
  for (const [k, v] of Object.entries(props ?? {})) {
    const f = fieldFor(k);
    if (f && !(f in out)) out[f] = v;
  }
  return out;
}

const KIND_WORDS: Record<string, 'basic' | 'dedicated'> = {
  basic: 'basic', 基础: 'basic', 基础网格: 'basic', 综合网格: 'basic',
  dedicated: 'dedicated', 专属: 'dedicated', 专属网格: 'dedicated', 专业网格: 'dedicated', 专项网格: 'dedicated',
};
export function parseKind(v: unknown): 'basic' | 'dedicated' | null | undefined {
  const s = text(v);
  if (s === null) return undefined;
  return KIND_WORDS[s.toLowerCase()] ?? null;
}

const DEDICATED_WORDS: Record<string, string> = {
  industrial_park: 'industrial_park', 工业园区: 'industrial_park', 园区: 'industrial_park', 产业园区: 'industrial_park',
  market: 'market', 市场: 'market', 商圈: 'market', 商贸市场: 'market',
  school: 'school', 学校: 'school', 校园: 'school',
  hospital: 'hospital', 医院: 'hospital',
  enterprise: 'enterprise', 企业: 'enterprise', 大型企业: 'enterprise',
  other: 'other', 其他: 'other',
};
export function parseDedicatedType(v: unknown): string | null | undefined {
  const s = text(v);
  if (s === null) return undefined;
  return DEDICATED_WORDS[s.toLowerCase()] ?? null;
}

/** A trimmed non-empty string from a cell/property value, or null. Numbers keep their integer digits. */
export function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? (Number.isInteger(v) ? v.toFixed(0) : String(v)) : null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** A grid code from a property: 15 digits. Excel and DBF may hand us a number. */
export function codeText(v: unknown): string | null {
  return text(v);
}

export function isGridCode(code: string): boolean {
  return /^\d{15}$/.test(code) && !code.endsWith('000');
}
