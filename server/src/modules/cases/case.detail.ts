import { sql } from 'drizzle-orm';
import { CASE_STATE_LABELS, type CaseState } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import type { Crypto } from '../../lib/secrets.js';
import type { SessionUser } from '../../lib/scope.js';
import { allowedFor } from './case.allowed.js';
import { categoryFacts } from './case.repo.js';
import { fileUrl } from './photos.js';
import type { CaseRow } from './actions/types.js';
import type { CaseDetail } from './case.detail.schema.js';

const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString());
const ids = (v: number | string | null | undefined) => (v == null ? null : String(v));
const left = (due: Date | string | null, now: Date) => (due == null ? null : new Date(due).getTime() - now.getTime());

/** 张三 → 张*; a reporter's name is shown masked like their phone. */
function maskName(name: string): string {
  return name.length <= 1 ? '*' : name[0] + '*'.repeat(Math.min(name.length - 1, 2));
}

/** The case page: everything a staff member needs on one screen, already scoped (the caller checked visibility). */
export async function presentCase(tx: Tx, crypto: Crypto, user: SessionUser, c: CaseRow): Promise<CaseDetail> {
  const now = clock.now();
  const cat = await categoryFacts(tx, c.categoryCode);
  const [place] = await queryRows<{ grid_code: string | null; grid_name: string | null; cell_name: string | null; lat: number | null; lng: number | null; lead_name: string | null }>(tx, sql`
    SELECT g.code AS grid_code, g.name AS grid_name, ce.name AS cell_name, ST_Y(k.location) AS lat, ST_X(k.location) AS lng, d.name_zh AS lead_name
    FROM cases k LEFT JOIN units g ON g.id = k.grid_id LEFT JOIN units ce ON ce.id = k.cell_id
    LEFT JOIN departments d ON d.id = k.lead_department_id WHERE k.id = ${c.id}`);
  const dispatches = await queryRows<Record<string, unknown> & { id: string }>(tx, sql`
    SELECT d.id::text, d.department_id::text, p.name_zh AS department_name, d.role, d.state, d.instructions, d.ack_due_at, d.handle_due_at,
      d.ack_warn, d.handle_warn, d.acknowledged_at, d.handled_at, d.feedback, d.returned_at, d.return_reason, d.extension, d.created_at
    FROM case_dispatches d JOIN departments p ON p.id = d.department_id WHERE d.case_id = ${c.id} ORDER BY d.id`);
  const photos = await queryRows<{ id: string; purpose: string; mime: string; bytes: number; created_at: string }>(tx, sql`
    SELECT id::text, purpose, mime, bytes, created_at FROM case_files WHERE case_id = ${c.id} ORDER BY id`);
  const reporters = await queryRows<{ tracking_no: string; channel: string; name_enc: string | null; phone_masked: string | null; anonymous: boolean; resident: boolean }>(tx, sql`
    SELECT tracking_no, channel, name_enc, phone_masked, anonymous, resident FROM case_reporters WHERE case_id = ${c.id} ORDER BY id`);
  const [med] = await queryRows<{ id: string; mediator_id: string | null; mediator_name: string; parties: { name: string; role: string }[]; state: string; agreement: string | null; failure_reason: string | null; started_at: string; ended_at: string | null }>(tx, sql`
    SELECT id::text, mediator_id::text, mediator_name, parties, state, agreement, failure_reason, started_at, ended_at
    FROM case_mediations WHERE case_id = ${c.id} ORDER BY id DESC LIMIT 1`);
  const sessions = med ? await queryRows<{ id: string; held_at: string; place: string | null; notes: string }>(tx, sql`
    SELECT id::text, held_at, place, notes FROM mediation_sessions WHERE mediation_id = ${med.id} ORDER BY held_at, id`) : [];
  const timeline = await queryRows<{ id: string; at: string; action: string; actor_id: string | null; actor_name: string | null; display_name: string | null; after: Record<string, unknown> | null }>(tx, sql`
    SELECT a.id::text, a.at, a.action, a.actor_id::text, a.actor_name, u.display_name, a.after
    FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
    WHERE a.entity_type = 'case' AND a.entity_id = ${String(c.id)} ORDER BY a.at, a.id`);
  const allowed = await allowedFor(tx, c, { user, as: user.role, name: user.displayName });

  const state = c.state as CaseState;
  const open = dispatches.filter((d) => d.state === 'sent' || d.state === 'acknowledged');
  // The deadline that matters now: acceptance before it is accepted, the earliest open dispatch, else the case's own.
  const due = state === 'reported' ? c.responseDueAt
    : open.length ? open.map((d) => new Date((d.state === 'sent' ? d.ack_due_at : d.handle_due_at) as string)).sort((a, b) => +a - +b)[0]!
      : ['closed', 'merged', 'rejected', 'verified', 'rated', 'suspended'].includes(state) ? null : c.dueAt;
  const remaining = left(due, now);

  return {
    id: String(c.id), trackingNo: c.trackingNo, title: c.title, description: c.description,
    category: c.categoryCode ? { code: c.categoryCode, name: cat?.nameZh ?? c.categoryCode, nameEn: cat?.nameEn ?? c.categoryCode, lowestLevel: cat?.lowestLevel ?? null, dispute: cat?.dispute ?? false } : null,
    categoryCode: c.categoryCode, categoryName: cat?.nameZh ?? null, categoryNameEn: cat?.nameEn ?? null,
    channel: c.channel, state, stateLabel: CASE_STATE_LABELS[state] ?? { zh: state, en: state }, stateBefore: c.stateBefore,
    version: c.version, riskLevel: c.riskLevel, priority: c.priority, deadlineClass: c.deadlineClass, holder: c.holder,
    gridId: ids(c.gridId), gridName: place?.grid_name ?? null, gridCode: place?.grid_code ?? null, cellId: ids(c.cellId), cellName: place?.cell_name ?? null,
    ownerUnitId: ids(c.ownerUnitId), path: c.path,
    lat: place?.lat != null ? Number(place.lat) : null, lng: place?.lng != null ? Number(place.lng) : null,
    location: place?.lat != null && place.lng != null ? { lat: Number(place.lat), lng: Number(place.lng) } : null, address: c.address,
    leadDepartmentId: ids(c.leadDepartmentId), leadDepartmentName: place?.lead_name ?? null,
    hasResidentReporter: c.hasResidentReporter, extra: c.extra, mergedIntoId: ids(c.mergedIntoId),
    rejectReason: c.rejectReason, resolution: c.resolution, suspensionRequested: c.suspensionRequested ? { reason: c.suspensionRequested.reason, at: c.suspensionRequested.at } : null,
    createdAt: iso(c.createdAt)!, updatedAt: iso(c.updatedAt)!, acceptedAt: iso(c.acceptedAt), firstResponseAt: iso(c.firstResponseAt),
    responseDueAt: iso(c.responseDueAt), dueAt: iso(c.dueAt), warnLevel: c.warnLevel, handledAt: iso(c.handledAt), verifiedAt: iso(c.verifiedAt),
    ratedAt: iso(c.ratedAt), closedAt: iso(c.closedAt), resolved: c.resolved, satisfaction: c.satisfaction, ratingComment: c.ratingComment,
    unrated: c.unrated, reopenCount: c.reopenCount,
    countdown: { dueAt: iso(due), remainingMs: remaining, overdue: remaining != null && remaining < 0 },
    allowedActions: allowed,
    dispatches: dispatches.map((d) => {
      const ack = left(d.ack_due_at as string, now);
      const handle = left(d.handle_due_at as string, now);
      const isOpen = d.state === 'sent' || d.state === 'acknowledged';
      return {
        id: d.id, departmentId: String(d.department_id), departmentName: String(d.department_name), role: String(d.role), state: String(d.state),
        instructions: (d.instructions as string | null) ?? null, ackDueAt: iso(d.ack_due_at as string)!, handleDueAt: iso(d.handle_due_at as string)!,
        ackRemainingMs: d.state === 'sent' ? ack : null, handleRemainingMs: isOpen ? handle : null,
        overdue: isOpen && ((d.state === 'sent' && (ack ?? 0) < 0) || (handle ?? 0) < 0),
        ackWarn: String(d.ack_warn), handleWarn: String(d.handle_warn),
        acknowledgedAt: iso(d.acknowledged_at as string | null), handledAt: iso(d.handled_at as string | null), feedback: (d.feedback as string | null) ?? null,
        returnedAt: iso(d.returned_at as string | null), returnReason: (d.return_reason as string | null) ?? null,
        extension: (d.extension as { until: string; reason: string; state: string } | null) ?? null, createdAt: iso(d.created_at as string)!,
      };
    }),
    photos: photos.map((p) => ({ id: p.id, purpose: p.purpose, mime: p.mime, bytes: Number(p.bytes), url: fileUrl(c.id, p.id), thumbUrl: fileUrl(c.id, p.id, true), createdAt: iso(p.created_at)! })),
    mediation: med ? {
      id: med.id, mediatorId: med.mediator_id, mediatorName: med.mediator_name, parties: med.parties, state: med.state,
      agreement: med.agreement, failureReason: med.failure_reason, startedAt: iso(med.started_at)!, endedAt: iso(med.ended_at),
      sessions: sessions.map((s) => ({ id: s.id, heldAt: iso(s.held_at)!, place: s.place, notes: s.notes })),
      agreementUrl: med.state === 'agreed' ? `/api/cases/${c.id}/mediation/agreement` : null,
    } : null,
    reporters: reporters.map((r) => ({
      trackingNo: r.tracking_no, channel: r.channel, phone: r.phone_masked, anonymous: r.anonymous, resident: r.resident,
      name: r.anonymous || !r.name_enc ? null : maskName(safeDecrypt(crypto, r.name_enc)),
    })),
    timeline: timeline.map((e) => ({
      id: e.id, at: iso(e.at)!, action: e.action, actorId: e.actor_id, actorName: e.display_name ?? e.actor_name ?? 'system', details: e.after ?? {},
    })),
  };
}

function safeDecrypt(crypto: Crypto, token: string): string {
  try { return crypto.decrypt(token); } catch { return '?'; }
}
