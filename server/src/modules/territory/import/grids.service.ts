import type { Db, Tx } from '../../../db/client.js';
import { audit, type Actor } from '../../../lib/audit.js';
import { AppError } from '../../../lib/errors.js';
import type { SessionUser } from '../../../lib/scope.js';
import { insertUnit } from '../unit.writer.js';
import { isGridCode, normalizeName } from './fields.js';
import * as repo from './grids.repo.js';
import { readGridFile } from './read-file.js';
import type { GridImportResult, ImportProblem, ParsedFile, ParsedGrid } from './types.js';

/** Overlaps, gaps and parts outside the community below this many m² are digitising noise, not errors. */
export const TOLERANCE_M2 = 1;

export interface ImportOptions { dryRun?: boolean; fileName?: string }

/** Carries a result out of a transaction we want rolled back (rejections and dry runs). */
class Rollback extends Error {
  constructor(readonly result: GridImportResult) { super('rollback'); }
}

const round = (m2: number) => Math.round(Number(m2) * 100) / 100;

/** Read, validate and (unless rejected or a dry run) write an uploaded grid boundary file. */
export async function importGridFile(db: Db, user: SessionUser, actor: Actor, file: { name: string; data: Buffer }, opts: ImportOptions = {}) {
  const parsed = await readGridFile(file.name, file.data);
  return importParsedGrids(db, user, actor, parsed, { ...opts, fileName: file.name });
}

/**
 * Validate every grid first (all problems collected), then create or update in place, auditing each written
 * grid, all in one transaction. Any problem → 422 IMPORT_REJECTED and nothing written.
 */
export async function importParsedGrids(db: Db, user: SessionUser, actor: Actor, parsed: ParsedFile, opts: ImportOptions = {}): Promise<GridImportResult> {
  let result: GridImportResult;
  try {
    result = await db.transaction(async (tx) => {
      const r = await validateAndWrite(tx, user, actor, parsed, opts);
      if (r.problems.length > 0 || r.dryRun) throw new Rollback(r);
      return r;
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    result = e.result;
  }
  if (result.problems.length > 0) {
    const n = result.problems.length;
    throw new AppError('IMPORT_REJECTED',
      `import rejected: ${n} problem${n === 1 ? '' : 's'} in ${result.rejected} of ${result.read} grids; nothing was written. First: ${result.problems[0]!.message}`,
      result as unknown as Record<string, unknown>);
  }
  return result;
}

interface Planned {
  grid: ParsedGrid;
  code: string;
  kind: 'basic' | 'dedicated';
  communityId: number;
  communityPath: string;
  existing: repo.ExistingGridRow | undefined;
  name: string;
  gridTypeId: number | null;
  dedicatedType: string | null;
}

async function validateAndWrite(tx: Tx, user: SessionUser, actor: Actor, parsed: ParsedFile, opts: ImportOptions): Promise<GridImportResult> {
  const problems: ImportProblem[] = [...parsed.problems];
  const add = (p: ImportProblem) => problems.push(p);
  // Grids whose community cannot be checked for gaps because one of its incoming grids was unusable.
  const incomplete = new Set<string>();

  // 1. Codes: present, well-formed, unique in the file, matching a stated community code.
  const firstByCode = new Map<string, ParsedGrid>();
  const usable: ParsedGrid[] = [];
  for (const g of parsed.grids) {
    if (!g.code) { add({ code: 'MISSING_CODE', gridCodes: [], feature: g.feature, message: `feature ${g.feature} has no grid code (网格编码)` }); continue; }
    if (!isGridCode(g.code)) {
      add({ code: 'INVALID_CODE', gridCodes: [g.code], feature: g.feature, message: `grid code ${g.code} must be 15 digits: community code (12) + grid number 001–999 (3)` });
      continue;
    }
    const first = firstByCode.get(g.code);
    if (first) {
      add({ code: 'DUPLICATE_CODE', gridCodes: [g.code], feature: g.feature, message: `grid code ${g.code} appears more than once in the file (features ${first.feature} and ${g.feature})` });
      incomplete.add(g.code.slice(0, 12));
      continue;
    }
    firstByCode.set(g.code, g);
    if (g.communityCode && g.communityCode !== g.code.slice(0, 12)) {
      add({ code: 'CODE_COMMUNITY_MISMATCH', gridCodes: [g.code], feature: g.feature, message: `grid code ${g.code} does not start with its stated community code ${g.communityCode}` });
    }
    if (!g.geometry) incomplete.add(g.code.slice(0, 12));
    usable.push(g);
  }

  // 2. Communities (in scope), existing grids and grid types.
  const communityCodes = [...new Set(usable.map((g) => g.code!.slice(0, 12)))];
  const communities = new Map((await repo.communitiesByCode(tx, user, communityCodes)).map((c) => [c.code, c]));
  await repo.lockCommunities(tx, [...communities.values()].map((c) => Number(c.id)));
  const existing = new Map((await repo.currentGridsByCode(tx, usable.map((g) => g.code!))).map((r) => [r.code, r]));
  const types = await repo.allGridTypes(tx);
  const typeByName = new Map<string, number>();
  for (const t of types) for (const n of [t.code, t.name_zh, t.name_en]) typeByName.set(normalizeName(n), Number(t.id));

  const planned: Planned[] = [];
  for (const g of usable) {
    const code = g.code!;
    const community = communities.get(code.slice(0, 12));
    if (!community) {
      add({ code: 'UNKNOWN_COMMUNITY', gridCodes: [code], feature: g.feature, message: `grid ${code}: there is no community ${code.slice(0, 12)} (the code's first 12 digits) in your area` });
      continue;
    }
    const ex = existing.get(code);
    const kind = g.kind ?? (ex?.grid_kind as 'basic' | 'dedicated' | undefined) ?? 'basic';
    if (ex && g.kind && ex.grid_kind !== g.kind) {
      add({ code: 'KIND_CHANGE', gridCodes: [code], feature: g.feature, message: `grid ${code} exists as a ${ex.grid_kind} grid; the file makes it ${g.kind}, which import does not do` });
    }
    let gridTypeId: number | null = ex?.grid_type_id ? Number(ex.grid_type_id) : null;
    if (g.gridType) {
      const id = typeByName.get(normalizeName(g.gridType));
      if (id === undefined) add({ code: 'UNKNOWN_GRID_TYPE', gridCodes: [code], feature: g.feature, message: `grid ${code}: grid type "${g.gridType}" (网格类型) is not a known grid type code or name` });
      else gridTypeId = id;
    }
    const name = g.name ?? ex?.name ?? null;
    if (!name) add({ code: 'MISSING_NAME', gridCodes: [code], feature: g.feature, message: `grid ${code} is new and has no name (网格名称)` });
    else if (name.length > 100) add({ code: 'BAD_ATTRIBUTE', gridCodes: [code], feature: g.feature, message: `grid ${code}: name is longer than 100 characters` });
    const dedicatedType = kind === 'dedicated' ? (g.dedicatedType ?? ex?.dedicated_type ?? 'other') : null;
    planned.push({ grid: g, code, kind, communityId: Number(community.id), communityPath: community.path, existing: ex, name: name ?? '', gridTypeId, dedicatedType });
  }

  // 3. A community that already has basic grids gets a different set only through a redraw.
  const basicByCommunity = new Map<number, Planned[]>();
  for (const p of planned) if (p.kind === 'basic') basicByCommunity.set(p.communityId, [...(basicByCommunity.get(p.communityId) ?? []), p]);
  const current = await repo.currentBasicCodes(tx, [...basicByCommunity.keys()]);
  for (const [communityId, list] of basicByCommunity) {
    const have = new Set(current.filter((c) => Number(c.community_id) === communityId).map((c) => c.code));
    const fresh = list.filter((p) => !have.has(p.code)).map((p) => p.code);
    if (have.size > 0 && fresh.length > 0) {
      const cc = list[0]!.code.slice(0, 12);
      add({
        code: 'REDRAW_REQUIRED', gridCodes: fresh,
        message: `community ${cc} already has basic grids (${[...have].join(', ')}); the file adds ${fresh.join(', ')}. A new layout that replaces a community's grids is a redraw: use POST /api/territory/communities/${communityId}/redraw`,
      });
      incomplete.add(cc);
    }
  }

  // 4. Geometry checks in SQL on the staged grids.
  await repo.stage(tx, planned.map((p) => ({
    feature: p.grid.feature, code: p.code, kind: p.kind, community_id: p.communityId,
    geojson: p.grid.geometry ? JSON.stringify(p.grid.geometry) : null,
  })));
  for (const r of await repo.invalidGeometries(tx)) {
    add({ code: 'INVALID_GEOMETRY', gridCodes: [r.code], feature: r.feature, message: `grid ${r.code} has an invalid geometry: ${r.reason}` });
    incomplete.add(r.code.slice(0, 12));
  }
  for (const r of await repo.outsideCommunity(tx, TOLERANCE_M2)) {
    add({ code: 'OUTSIDE_COMMUNITY', gridCodes: [r.code], feature: r.feature, areaM2: round(r.m2), message: `grid ${r.code} lies ${round(r.m2)} m² outside its community ${r.community_code}` });
  }
  for (const r of await repo.basicOverlaps(tx, TOLERANCE_M2)) {
    add({ code: 'BASIC_OVERLAP', gridCodes: [r.a, r.b], areaM2: round(r.m2), message: `basic grids ${r.a} and ${r.b} overlap by ${round(r.m2)} m²` });
  }
  const gapCommunities = [...basicByCommunity.entries()]
    .filter(([, list]) => !incomplete.has(list[0]!.code.slice(0, 12)))
    .map(([id]) => id);
  for (const r of await repo.gaps(tx, gapCommunities, TOLERANCE_M2)) {
    add({
      code: 'GAP', gridCodes: r.codes ?? [], areaM2: round(r.m2),
      message: `community ${r.community_code} has ${round(r.m2)} m² not covered by any basic grid near ${Number(r.x).toFixed(6)}, ${Number(r.y).toFixed(6)}${r.codes?.length ? ` (bordering ${r.codes.join(', ')})` : ''}`,
    });
  }
  for (const r of await repo.dedicatedOverlaps(tx, user, TOLERANCE_M2)) {
    add({ code: 'DEDICATED_OVERLAP', gridCodes: [r.a, r.b], areaM2: round(r.m2), message: `dedicated grids ${r.a} and ${r.b} overlap by ${round(r.m2)} m²` });
  }

  // 5. What would change.
  const sameGeom = await repo.sameGeometry(tx);
  const changes = planned.map((p) => ({ p, change: classify(p, sameGeom.get(p.code)) }));
  const result: GridImportResult = {
    read: parsed.grids.length, written: 0, rejected: rejectedCount(parsed, problems), dryRun: !!opts.dryRun, crs: parsed.crs,
    created: changes.filter((c) => c.change === 'create').length,
    updated: changes.filter((c) => c.change === 'update').length,
    unchanged: changes.filter((c) => c.change === 'none').length,
    problems,
  };
  if (problems.length > 0 || opts.dryRun) return result;

  // 6. Write, auditing every written grid, plus one summary event for the import.
  const created: string[] = [];
  const updated: string[] = [];
  for (const { p, change } of changes) {
    if (change === 'create') {
      const u = await insertUnit(tx, {
        kind: 'grid', gridKind: p.kind, dedicatedType: p.dedicatedType, code: p.code, name: p.name, parentId: p.communityId,
        gridTypeId: p.gridTypeId, geometry: p.grid.geometry, profile: { ...p.grid.profile }, validFrom: new Date(),
      });
      await audit(tx, actor, { action: 'grid.import.create', entityType: 'unit', entityId: u.id, unitPath: u.path, after: { code: p.code, name: p.name, gridKind: p.kind, gridTypeId: p.gridTypeId, dedicatedType: p.dedicatedType, profile: p.grid.profile, geometry: p.grid.geometry } });
      created.push(p.code);
    } else if (change === 'update') {
      const ex = p.existing!;
      const geometryChanged = sameGeom.get(p.code) !== true;
      const before = { code: ex.code, name: ex.name, gridTypeId: ex.grid_type_id == null ? null : Number(ex.grid_type_id), dedicatedType: ex.dedicated_type, profile: ex.profile ?? {}, ...(geometryChanged ? await repo.currentGeojson(tx, Number(ex.id)) : {}) };
      const upd = { name: p.name, gridTypeId: p.gridTypeId, dedicatedType: p.dedicatedType, profile: { ...(ex.profile ?? {}), ...p.grid.profile }, geometryChanged };
      const { area_m2 } = await repo.updateGrid(tx, Number(ex.id), p.code, upd);
      const after = { code: p.code, name: upd.name, gridTypeId: upd.gridTypeId, dedicatedType: upd.dedicatedType, profile: upd.profile, ...(geometryChanged ? { geometry: p.grid.geometry, area_m2 } : {}) };
      await audit(tx, actor, { action: 'grid.import.update', entityType: 'unit', entityId: ex.id, unitPath: ex.path, before, after });
      updated.push(p.code);
    }
  }
  if (created.length + updated.length > 0) {
    await audit(tx, actor, { action: 'grid.import', entityType: 'import', entityId: null, unitPath: commonPath(planned.map((p) => p.communityPath)), after: { file: opts.fileName ?? null, crs: parsed.crs, read: result.read, created, updated } });
  }
  result.written = created.length + updated.length;
  return result;
}

function classify(p: Planned, sameGeom: boolean | undefined): 'create' | 'update' | 'none' {
  const ex = p.existing;
  if (!ex) return 'create';
  const profile = ex.profile ?? {};
  const sameAttrs = ex.name === p.name
    && (ex.grid_type_id == null ? null : Number(ex.grid_type_id)) === p.gridTypeId
    && (ex.dedicated_type ?? null) === p.dedicatedType
    && Object.entries(p.grid.profile).every(([k, v]) => profile[k] === v);
  return sameAttrs && sameGeom === true ? 'none' : 'update';
}

/** Features named by at least one problem (by position or by grid code). */
function rejectedCount(parsed: ParsedFile, problems: ImportProblem[]): number {
  const byCode = new Map<string, number[]>();
  for (const g of parsed.grids) if (g.code) byCode.set(g.code, [...(byCode.get(g.code) ?? []), g.feature]);
  const bad = new Set<number>();
  for (const p of problems) {
    if (p.feature) bad.add(p.feature);
    else for (const c of p.gridCodes) for (const f of byCode.get(c) ?? []) bad.add(f);
  }
  return bad.size;
}

/** Longest common ltree prefix, so the summary event shows up under every affected unit's audit filter. */
function commonPath(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let parts = paths[0]!.split('.');
  for (const p of paths.slice(1)) {
    const q = p.split('.');
    let i = 0;
    while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.length ? parts.join('.') : null;
}
