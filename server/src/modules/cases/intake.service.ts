import { sql } from 'drizzle-orm';
import { maskPhone, normalisePhone, type DeadlineClass } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { preparedRows } from '../../db/sql.js';
import { auditInsertSql, type Actor } from '../../lib/audit.js';
import { clock } from '../../lib/clock.js';
import type { AppContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import { locate, toWgs84 } from '../territory/index.js';
import { admits, getCategory, type Category } from '../catalogue/catalogue.service.js';
import { dueAt, loadCalendar, responseDueAt, shanghaiDay } from '../catalogue/deadlines.js';
import type { CaseActor } from './actions/types.js';
import { caseVisibleSql } from './case.scope.js';
import { notifyTargets } from './case.notify.js';
import { chainOf } from './case.repo.js';
import { duplicatesSql, toSuggestion, type DuplicateRow, type DuplicateSuggestion } from './duplicates.js';
import { claimKey, requestHash, saveResponse, storedResponse } from './idempotency.js';
import type { IntakeInput } from './intake.schema.js';
import { inspectPhotos, storePhotos, type UploadedPhoto } from './photos.js';
import { wartimeSql } from '../emergency/index.js';

export type { IntakeInput } from './intake.schema.js';
export type { UploadedPhoto } from './photos.js';

export interface IntakeResult {
  id: number;
  trackingNo: string;
  state: 'reported';
  gridId: number | null;
  duplicates: DuplicateSuggestion[];
}

/** Urgent categories (and 2-hour emergencies) go to the top of worklists. */
const URGENT_PRIORITY = 10;
/** Channels on which a resident with a phone number reported: they track, and are asked to rate. */
const RESIDENT_CHANNELS = new Set(['web', 'hotline', 'petition']);

/** Where the point lands: a grid (normal) or, inside the territory but in no (admitting) grid, the centre's triage. */
interface Route {
  gridId: number | null;
  cellId: number | null;
  ownerUnitId: number | null;
  path: string;
  /** The units on `path`, root first (from locating the point). */
  units: { id: string; kind: string }[];
  holder: 'grid' | 'street';
  triage: null | 'no_grid' | 'not_admitted';
}

/**
 * Records a matter from any channel (DOMAIN.md §3): category and channel rules, point → grid (or triage, never
 * lost), photos checked by content, reporters with encrypted phones, deadlines, risk and priority, notifications
 * and the `case.create` audit event, all in ONE transaction; the same Idempotency-Key returns the first answer.
 * `by` null = the public web form (a resident without an account).
 */
export async function createCase(
  ctx: AppContext, by: CaseActor | null, input: IntakeInput, files: UploadedPhoto[],
  opts: { idempotencyKey?: string; scope: string; ip?: string },
): Promise<IntakeResult> {
  const { db } = ctx;
  // Everything that can refuse the request is checked before the transaction: nothing is half-written, and the
  // slow part (decoding photos) never holds a transaction open.
  const photos = await inspectPhotos(files);
  const hash = opts.idempotencyKey ? requestHash({ input, by: by?.user?.id ?? null, photos: photos.map((p) => p.sha256) }) : '';
  if (opts.idempotencyKey) {
    const prior = await storedResponse<IntakeResult>(db, opts.scope, opts.idempotencyKey, hash);
    if (prior) return prior.body;
  }
  const category = await getCategory(db, input.category);
  checkChannel(category, input.channel);
  const extra = checkExtraFields(category, input.extra ?? {});
  const [lng, lat] = toWgs84(input.lng, input.lat, input.coordSystem ?? 'wgs84');
  const now = clock.now();
  const route = await routeFor(db, lng, lat, category.code, now);
  const cal = await loadCalendar(db);
  const visible = by?.user ? caseVisibleSql(by.user) : null;

  return db.transaction(async (tx) => {
    if (opts.idempotencyKey && !(await claimKey(tx, opts.scope, opts.idempotencyKey, now))) {
      // A concurrent request with this key committed first (we waited on its row): answer what it answered.
      const prior = await storedResponse<IntakeResult>(tx, opts.scope, opts.idempotencyKey, hash);
      if (!prior) throw new AppError('IDEMPOTENCY_CONFLICT', 'A request with this Idempotency-Key is still in progress', { field: 'Idempotency-Key' });
      return prior.body;
    }
    // The id, whether the area is at war, and the duplicate suggestions in one statement; then the case, its reporter
    // and its audit event in one more (prepared statements: planned once per pooled connection).
    const [head] = await preparedRows<{ id: string; wartime: boolean; dups: DuplicateRow[] | null }>(tx, sql`
      SELECT nextval(pg_get_serial_sequence('cases', 'id'))::text AS id, ${wartimeSql(route.path)} AS wartime,
        (SELECT json_agg(d ORDER BY d.distance_m, d.created_at DESC)
           FROM (${duplicatesSql({ categoryCode: category.code, lng, lat, at: now, visible })}) d) AS dups`);
    const id = Number(head!.id);
    const duplicates = (head!.dups ?? []).map(toSuggestion);
    const trackingNo = trackingNumber(now, id);
    const hasResident = RESIDENT_CHANNELS.has(input.channel) && !!input.phone;
    const cls = category.deadlineClass as DeadlineClass;
    // 平战结合: a new matter inside an area under an active emergency is urgent.
    const priority = category.urgent || cls === 'h2' || head!.wartime ? URGENT_PRIORITY : 0;
    const title = input.title ?? titleFor(category, input.description);
    const phone = input.phone ? normalisePhone(input.phone) : null;
    const actor: Actor = by?.user ? { id: by.user.id, name: by.user.username, ip: opts.ip } : { id: null, name: by?.name ?? 'resident', ip: opts.ip };

    await preparedRows(tx, sql`
      WITH c AS (
        INSERT INTO cases (id, tracking_no, title, description, category_code, channel, state, version, risk_level, priority,
          deadline_class, grid_id, cell_id, owner_unit_id, path, location, address, holder, has_resident_reporter, extra, created_by,
          created_at, updated_at, response_due_at, due_at)
        VALUES (${id}::bigint, ${trackingNo}, ${title}, ${input.description}, ${category.code}, ${input.channel}, 'reported', 1,
          ${category.defaultRisk}, ${priority}::int, ${cls}, ${route.gridId}::bigint, ${route.cellId}::bigint, ${route.ownerUnitId}::bigint,
          ${route.path}::ltree, ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326), ${input.address ?? null}, ${route.holder},
          ${hasResident}::boolean, ${JSON.stringify(extra)}::jsonb, ${by?.user?.id ?? null}::bigint, ${now}::timestamptz, ${now}::timestamptz,
          ${responseDueAt(now, cls)}::timestamptz, ${dueAt(now, cls, cal)}::timestamptz)
      ), r AS (
        INSERT INTO case_reporters (case_id, tracking_no, channel, name_enc, phone_enc, phone_bidx, phone_masked, anonymous, resident, created_at)
        VALUES (${id}::bigint, ${trackingNo}, ${input.channel}, ${input.name && !input.anonymous ? ctx.crypto.encrypt(input.name) : null},
          ${phone ? ctx.crypto.encrypt(phone) : null}, ${phone ? ctx.crypto.blindIndex(phone) : null}, ${phone ? maskPhone(phone) : null},
          ${input.anonymous ?? false}::boolean, ${hasResident}::boolean, ${now}::timestamptz)
      )
      ${auditInsertSql(actor, {
        action: 'case.create', entityType: 'case', entityId: id, unitPath: route.path, at: now,
        after: {
          trackingNo, channel: input.channel, category: category.code, categoryName: category.nameZh, state: 'reported',
          gridId: route.gridId, triage: route.triage, holder: route.holder, riskLevel: category.defaultRisk, priority,
          photos: photos.length, hasResidentReporter: hasResident, anonymous: input.anonymous ?? false,
        },
      })}`);
    await storePhotos(tx, id, photos, by?.user?.id ?? null, now);

    const created = { id, trackingNo, title, path: route.path, leadDepartmentId: null, ownerUnitId: route.ownerUnitId };
    await notifyTargets(tx, created, [{ holder: route.holder }], route.triage ? `待分拨事项 ${trackingNo}` : `新事项 ${trackingNo}`, 'case.new', chainOf(route.units));

    const result: IntakeResult = { id, trackingNo, state: 'reported', gridId: route.gridId, duplicates };
    if (opts.idempotencyKey) await saveResponse(tx, opts.scope, opts.idempotencyKey, id, { status: 201, body: result, requestHash: hash });
    return result;
  });
}

/** "Not for this channel" (e.g. a crime in progress on the web form → call 110): refused with the guidance. */
function checkChannel(category: Category, channel: string): void {
  const g = category.guidance;
  if (g && g.channels.includes(channel as never)) {
    throw new AppError('CATEGORY_NOT_FOR_CHANNEL', `${g.zh} / ${g.en}`, { field: 'category', code: category.code, channel, guidance: { zh: g.zh, en: g.en } });
  }
}

/** The category's extra required fields (as few as the matter allows), each named in the 400 when missing. */
function checkExtraFields(category: Category, extra: Record<string, unknown>): Record<string, unknown> {
  for (const f of category.requiredFields ?? []) {
    const v = extra[f.key];
    const field = `extra.${f.key}`;
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      throw new AppError('VALIDATION_FAILED', `${field}: ${f.zh} (${f.en}) is required for this category`, { field, issues: [{ field: `body.${field}`, message: 'Required' }] });
    }
    if (f.type === 'number' && !Number.isFinite(Number(v))) {
      throw new AppError('VALIDATION_FAILED', `${field}: ${f.en} must be a number`, { field });
    }
    if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}/.test(String(v))) {
      throw new AppError('VALIDATION_FAILED', `${field}: ${f.en} must be a date YYYY-MM-DD`, { field });
    }
  }
  return extra;
}

/**
 * Point → grid and cell. Outside every current unit polygon → 422 OUTSIDE_TERRITORY. Inside the territory but in
 * no grid (or in a grid whose type does not admit the category) → triage at the district centre (兜底): owner is
 * the district of the smallest containing unit, and the case path is the district's so its centre sees it.
 */
async function routeFor(tx: Tx, lng: number, lat: number, categoryCode: string, at: Date): Promise<Route> {
  const hit = await locate(tx, lng, lat, at);
  if (hit.grid) {
    const gridId = Number(hit.grid.id);
    if (admits(hit.admission, categoryCode)) {
      return { gridId, cellId: hit.cell ? Number(hit.cell.id) : null, ownerUnitId: null, ...onPath(hit.chain, hit.grid.id), holder: 'grid', triage: null };
    }
  }
  const chain = hit.chain;
  if (!chain.length) {
    throw new AppError('OUTSIDE_TERRITORY', `The point ${lat.toFixed(6)}, ${lng.toFixed(6)} is outside the territory`, { field: 'lat', lat, lng });
  }
  const owner = chain.find((u) => u.kind === 'district') ?? chain.filter((u) => u.kind !== 'cell' && u.kind !== 'grid').at(-1)!;
  return { gridId: null, cellId: null, ownerUnitId: Number(owner.id), ...onPath(chain, owner.id), holder: 'street', triage: hit.grid ? 'not_admitted' : 'no_grid' };
}

/** A unit's ltree path is its ancestors' ids and its own (insertUnit); the locate chain lists them root first. */
function onPath(chain: { id: string; kind: string }[], id: string): { path: string; units: { id: string; kind: string }[] } {
  const units = chain.slice(0, chain.findIndex((u) => u.id === id) + 1);
  return { path: units.map((u) => u.id).join('.'), units };
}

/**
 * Short, unique and readable: the Shanghai date (YYMMDD) and the case id, e.g. 261123-000123 without the dash.
 * Unique because ids are; a tracking number alone reveals nothing (tracking also needs the reporter's phone).
 */
export function trackingNumber(at: Date, id: number): string {
  return `${shanghaiDay(at).slice(2).replace(/-/g, '')}${String(id).padStart(6, '0')}`;
}

function titleFor(category: Category, description: string): string {
  const head = Array.from(description.replace(/\s+/g, ' ').trim()).slice(0, 30).join('');
  return `${category.nameZh}：${head}`;
}

