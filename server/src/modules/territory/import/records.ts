import { codeText, parseDedicatedType, parseKind, pickFields, text, type FieldKey } from './fields.js';
import type { GridProfilePatch, ImportProblem, ParsedGrid } from './types.js';
import type { PolygonalGeometry } from './geometry.js';

const MAX_TEXT = 2000;

/** Turn one feature's properties into a ParsedGrid; attribute problems go to `problems`. */
export function toParsedGrid(feature: number, props: Record<string, unknown> | null | undefined, geometry: PolygonalGeometry | null, problems: ImportProblem[]): ParsedGrid {
  const f = pickFields(props);
  const code = codeText(f.code);
  const codes = code ? [code] : [];
  const where = code ? `grid ${code}` : `feature ${feature}`;
  const kind = parseKind(f.kind);
  if (kind === null) problems.push({ code: 'INVALID_KIND', gridCodes: codes, feature, message: `${where}: kind "${text(f.kind)}" is neither basic (基础网格) nor dedicated (专属网格)` });
  const dedicatedType = parseDedicatedType(f.dedicatedType);
  if (dedicatedType === null) {
    problems.push({ code: 'INVALID_DEDICATED_TYPE', gridCodes: codes, feature, message: `${where}: dedicated type "${text(f.dedicatedType)}" is not one of industrial_park, market, school, hospital, enterprise, other (工业园区, 市场, 学校, 医院, 企业, 其他)` });
  }
  return {
    feature, code, kind, dedicatedType, geometry: geometry as ParsedGrid['geometry'],
    name: text(f.name),
    gridType: text(f.gridType),
    communityCode: text(f.communityCode),
    profile: parseProfile(f, (field, message) => problems.push({ code: 'BAD_ATTRIBUTE', gridCodes: codes, feature, message: `${where}: ${field} ${message}` })),
  };
}

/** population, households (non-negative integers) and the three texts; absent values stay absent. */
export function parseProfile(f: Partial<Record<FieldKey, unknown>>, bad: (field: string, message: string) => void): GridProfilePatch {
  const out: GridProfilePatch = {};
  for (const k of ['population', 'households'] as const) {
    const s = text(f[k]);
    if (s === null) continue;
    const n = Number(s.replace(/[,，\s]/g, ''));
    if (!Number.isInteger(n) || n < 0) bad(k === 'population' ? '人口数 (population)' : '户数 (households)', `"${s}" is not a whole number ≥ 0`);
    else out[k] = n;
  }
  for (const k of ['traits', 'keyWork', 'risks'] as const) {
    const s = text(f[k]);
    if (s === null) continue;
    if (s.length > MAX_TEXT) bad(k, `is longer than ${MAX_TEXT} characters`);
    else out[k] = s;
  }
  return out;
}
