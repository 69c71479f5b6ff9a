import { ApiError, type ApiErrorBody } from '../../api/client';
import type { CaseState, Satisfaction } from '@gridgov/common';

/** Public (no login) endpoints for residents: catalogue, report, track, rate. */

export interface CategoryNode {
  code: string;
  name: string;
  nameEn: string;
  kind?: 'group' | 'leaf';
  deadlineClass: string;
  lowestLevel: string;
  requiredFields?: { key: string; zh: string; en: string; type: 'text' | 'number' | 'date' }[];
  urgent?: boolean;
  /** "Not for this channel": e.g. {channels:['web'], zh:'请立即拨打110', en:'Call 110'}. */
  guidance?: { channels: string[]; zh: string; en: string } | null;
  active?: boolean;
  children?: CategoryNode[];
}

export interface TimelineEntry {
  at: string;
  action: string;
  /** Optional server-made labels; the page falls back to the action name. */
  label?: string;
  labelEn?: string;
  state?: CaseState;
  note?: string | null;
}

export interface TrackResult {
  trackingNo: string;
  state: CaseState;
  category?: { code: string; name: string; nameEn: string } | null;
  categoryCode?: string;
  createdAt?: string;
  reportedAt?: string;
  rejectReason?: string | null;
  timeline: TimelineEntry[];
  canRate: boolean;
  rating?: { resolved: boolean; satisfaction: Satisfaction; comment?: string | null; at?: string } | null;
}

export interface RatingBody {
  phone: string;
  resolved: boolean;
  satisfaction: Satisfaction;
  comment?: string;
}

/** fetch + the app's error envelope; public calls never redirect to the login page. Shared by every no-login page. */
export async function publicCall<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/api' + path, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', (e as Error).message || 'Network error');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): handled below.
  }
  if (!res.ok) {
    const err = (body as ApiErrorBody | null)?.error;
    if (err && typeof err.message === 'string') throw new ApiError(res.status, err.code, err.message, err.details, body);
    throw new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : `HTTP_${res.status}`, res.statusText || `HTTP ${res.status}`);
  }
  return body as T;
}

const call = publicCall;

export const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export async function fetchCatalogue(signal?: AbortSignal): Promise<CategoryNode[]> {
  const r = await call<{ categories: CategoryNode[] }>('/catalogue', { signal });
  return r.categories;
}

export interface ReportInput {
  category: string;
  description: string;
  lat: number;
  lng: number;
  address?: string;
  name?: string;
  phone?: string;
  anonymous: boolean;
  extra?: Record<string, string | number>;
}

/** Multipart so photos travel with the report; the Idempotency-Key makes a retried submit return the first answer. */
export function submitReport(input: ReportInput, photos: Blob[], idempotencyKey: string): Promise<{ trackingNo: string }> {
  const form = new FormData();
  form.set('category', input.category);
  form.set('description', input.description);
  form.set('lat', input.lat.toFixed(6));
  form.set('lng', input.lng.toFixed(6));
  form.set('anonymous', String(input.anonymous));
  if (input.address) form.set('address', input.address);
  if (input.name && !input.anonymous) form.set('name', input.name);
  if (input.phone) form.set('phone', input.phone);
  if (input.extra && Object.keys(input.extra).length) form.set('extra', JSON.stringify(input.extra));
  photos.forEach((p, i) => {
    const ext = p.type === 'image/png' ? 'png' : p.type === 'image/webp' ? 'webp' : 'jpg';
    form.append('photos', p, `photo-${i + 1}.${ext}`);
  });
  return call('/public/reports', { method: 'POST', body: form, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function trackReport(trackingNo: string, phone: string): Promise<TrackResult> {
  return call('/public/track', json({ trackingNo, phone }));
}

export function rateReport(trackingNo: string, body: RatingBody): Promise<unknown> {
  return call(`/public/reports/${encodeURIComponent(trackingNo)}/rating`, json(body));
}

/** A random key per submission (crypto.randomUUID is missing on plain-HTTP pages in some browsers). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto && window.isSecureContext) return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * Messages per form field from an API error: every validation issue goes to the field it names (`body.` prefix
 * dropped; `extra.area` stays whole); an error naming one field (details.field) goes there; otherwise none.
 */
export function fieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const d = e.details ?? {};
  const out: Record<string, string> = {};
  const key = (f: string) => {
    const parts = f.replace(/^body\./, '').split('.');
    return parts[0] === 'extra' && parts[1] ? `extra.${parts[1]}` : parts[0] ?? f;
  };
  if (Array.isArray(d.issues)) {
    for (const i of d.issues as { field?: unknown; message?: unknown }[]) {
      if (typeof i.field === 'string' && typeof i.message === 'string') out[key(i.field)] ??= i.message;
    }
  }
  if (!Object.keys(out).length && typeof d.field === 'string') out[key(d.field)] = e.message;
  return out;
}
