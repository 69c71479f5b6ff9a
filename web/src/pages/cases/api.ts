import type { CaseState, Channel, DeadlineClass, RiskLevel } from '@gridgov/common';
import { ApiError, get, post, type Query } from '../../api/client';

/** One row of GET /api/cases (worklists). Optional fields are tolerated: the list API is young. */
export interface CaseItem {
  id: string;
  trackingNo: string;
  title: string;
  /** The category code (list rows); the detail carries an object instead. */
  category?: string | null;
  categoryCode?: string | null;
  categoryName?: string | null;
  address?: string | null;
  leadDepartment?: string | null;
  msLeft?: number | null;
  categoryNameEn?: string | null;
  gridId?: string | null;
  gridName?: string | null;
  state: CaseState;
  riskLevel: RiskLevel;
  channel: Channel;
  priority?: number;
  holder?: string;
  createdAt: string;
  dueAt?: string | null;
  responseDueAt?: string | null;
  /** The nearest running deadline (a dispatch's or the case's own) the list chose to show. */
  nextDueAt?: string | null;
  warnLevel?: 'none' | 'yellow' | 'red';
  overdue?: boolean;
  urgent?: boolean;
  version?: number;
}

export interface CaseFilters {
  view: 'todo' | 'all';
  state?: string;
  category?: string;
  unitId?: string;
  overdue?: boolean;
  channel?: string;
  risk?: string;
  from?: string;
  to?: string;
  q?: string;
}

export interface Dispatch {
  id: string;
  departmentId: string;
  departmentName: string;
  departmentNameEn?: string | null;
  role: 'lead' | 'assist';
  state: 'sent' | 'acknowledged' | 'handled' | 'returned' | 'cancelled';
  instructions?: string | null;
  ackDueAt: string;
  handleDueAt: string;
  overdue?: boolean;
  ackWarn?: string;
  handleWarn?: string;
  acknowledgedAt?: string | null;
  handledAt?: string | null;
  feedback?: string | null;
  returnedAt?: string | null;
  returnReason?: string | null;
  extension?: { until: string; reason: string; state: 'requested' | 'approved' | 'denied' } | null;
}

export interface Photo {
  id: string;
  url: string;
  thumbUrl?: string;
  purpose?: string;
}

export interface MediationParty { name: string; role: string; phoneMasked?: string }
export interface Mediation {
  id: string;
  mediatorName: string;
  parties: MediationParty[];
  state: 'open' | 'agreed' | 'failed';
  agreement?: string | null;
  failureReason?: string | null;
  startedAt: string;
  endedAt?: string | null;
  sessions: { id?: string; heldAt: string; place?: string | null; notes: string }[];
  agreementUrl?: string | null;
}

export interface Reporter {
  name?: string | null;
  /** Masked by the server (138****1234). */
  phone?: string | null;
  channel: string;
  trackingNo?: string;
  anonymous?: boolean;
  resident?: boolean;
}

export interface TimelineEntry {
  id?: string;
  at: string;
  action: string;
  actorId?: string | null;
  actorName?: string | null;
  /** The audit event's `after`: reason, note, departments, state … */
  details?: Record<string, unknown> | null;
}

export interface CaseDetail extends Omit<CaseItem, 'category'> {
  description: string;
  category: { code: string; name: string; nameEn: string; lowestLevel: string | null; dispute: boolean } | null;
  countdown?: { dueAt: string | null; remainingMs: number | null; overdue: boolean };
  leadDepartmentName?: string | null;
  /** ltree path of unit ids (district … grid): picks the departments serving it. */
  path?: string | null;
  cellName?: string | null;
  version: number;
  deadlineClass: DeadlineClass;
  gridCode?: string | null;
  location?: { lng: number; lat: number } | null;
  lng?: number | null;
  lat?: number | null;
  address?: string | null;
  extra?: Record<string, unknown>;
  allowedActions: string[];
  dispatches: Dispatch[];
  photos: Photo[];
  mediation?: Mediation | null;
  reporters: Reporter[];
  timeline: TimelineEntry[];
  rejectReason?: string | null;
  resolution?: string | null;
  satisfaction?: string | null;
  resolved?: boolean | null;
  mergedIntoId?: string | null;
  suspensionRequested?: { reason: string; at: string } | null;
}

export interface Counts {
  [key: string]: number | Record<string, number> | undefined;
}

export interface BoardColumn {
  key: string;
  total?: number;
  count?: number;
  /** The count stopped at its cap (1000): show "1000+". */
  capped?: boolean;
  items: (CaseItem & { dispatches?: { id: string; department: string; role: string; state: string }[] })[];
}

export interface Department {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  unitId: string;
  unitName: string;
  key?: string | null;
  shortName?: string | null;
}

export const caseKeys = {
  all: ['cases'] as const,
  list: (q: Query) => ['cases', 'list', q] as const,
  counts: ['cases', 'counts'] as const,
  board: ['cases', 'board'] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  departments: ['departments'] as const,
};

export const fetchCases = (q: Query, signal?: AbortSignal) => get<{ items: CaseItem[]; total: number }>('/cases', q, signal);
export const fetchCounts = (signal?: AbortSignal) => get<Counts>('/cases/counts', undefined, signal);
export const fetchBoard = (signal?: AbortSignal) => get<{ columns?: BoardColumn[] } & Record<string, unknown>>('/cases/board', undefined, signal);
export const fetchCase = (id: string, signal?: AbortSignal) => get<CaseDetail>(`/cases/${id}`, undefined, signal);
export const fetchDepartments = (signal?: AbortSignal) => get<{ items: Department[] }>('/departments', undefined, signal).then((r) => r.items);

export const bulkDispatch = (body: { caseIds: string[]; departments: { departmentId: string; role: 'lead' | 'assist' }[]; note?: string }) =>
  post<{ ok: number; failed: number; results: { id: string; ok: boolean; error?: { code: string; message: string } }[] }>('/cases/bulk/dispatch', body);

export const caseAction = (id: string, action: string, body: Record<string, unknown>) =>
  post<{ id: string; state: CaseState; version: number }>(`/cases/${id}/actions/${action}`, body);

export interface Duplicate {
  id: string;
  trackingNo: string;
  title: string;
  summary: string;
  state: string;
  createdAt: string;
  distanceM: number;
  address: string | null;
  thumbUrl: string | null;
}

export interface IntakeResult {
  id: string;
  trackingNo: string;
  state: CaseState;
  gridId?: string | null;
  duplicates: Duplicate[];
}

/** Staff intake (multipart with photos). The Idempotency-Key makes a double submit return the first case. */
export async function createCase(form: FormData, idempotencyKey: string): Promise<IntakeResult> {
  const res = await fetch('/api/cases', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Idempotency-Key': idempotencyKey },
    body: form,
  });
  if (!res.ok) {
    // api() sets no custom headers, so intake parses the error envelope itself, the same way.
    let body: { error?: { code: string; message: string; details?: Record<string, unknown> } } | null = null;
    try { body = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText, body?.error?.details, body);
  }
  return res.json() as Promise<IntakeResult>;
}
