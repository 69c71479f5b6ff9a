import { ApiError, type ApiErrorBody } from '../../api/client';

/** The one-time mobilisation link (GET/POST /api/mobilise/:token): no login, the token is the credential. */
export interface MobiliseLink {
  emergencyTitle: string;
  level: number;
  gridName: string;
  /** Masked by the server (e.g. 王*上). */
  name: string;
  state: 'called' | 'confirmed' | 'declined' | 'checked_in';
  checkedInAt: string | null;
  distanceM: number | null;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/api' + path, { credentials: 'omit', ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', (e as Error).message || 'Network error');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: handled below.
  }
  if (!res.ok) {
    const err = (body as ApiErrorBody | null)?.error;
    if (err && typeof err.message === 'string') throw new ApiError(res.status, err.code, err.message, err.details, body);
    throw new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : `HTTP_${res.status}`, res.statusText || `HTTP ${res.status}`);
  }
  return body as T;
}

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const at = (token: string) => `/mobilise/${encodeURIComponent(token)}`;

export const fetchLink = (token: string) => call<MobiliseLink>(at(token));
export const confirmLink = (token: string, accept: boolean) => call<MobiliseLink>(`${at(token)}/confirm`, post({ accept }));
export const checkIn = (token: string, p: { lon: number; lat: number; accuracyM?: number }) => call<MobiliseLink>(`${at(token)}/check-in`, post(p));
