import { ApiError } from '../../../api/client';

/**
 * One POST with an Idempotency-Key. A network failure (no signal, traffic cut, the server down: 5xx) throws
 * `Offline`, which keeps the record queued; a refusal (4xx) throws ApiError, which the caller records on the record.
 */
export class Offline extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Offline';
  }
}

/** 401 means the session is gone: nothing is wrong with the record, the worker logs in again and it goes. */
export const isRefusal = (e: unknown): e is ApiError => e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429;

export async function sendWithKey<T>(path: string, key: string, body: FormData | unknown): Promise<T> {
  const isForm = body instanceof FormData;
  const headers: Record<string, string> = { Accept: 'application/json', 'Idempotency-Key': key };
  if (!isForm) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch('/api' + path, {
      method: 'POST', credentials: 'same-origin', headers, body: isForm ? body : JSON.stringify(body ?? {}),
    });
  } catch (e) {
    throw new Offline((e as Error).message || 'network');
  }
  if (res.status >= 500) throw new Offline(`HTTP ${res.status}`);
  if (!res.ok) {
    let b: { error?: { code: string; message: string; details?: Record<string, unknown> } } | null = null;
    try { b = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status, b?.error?.code ?? `HTTP_${res.status}`, b?.error?.message ?? res.statusText, b?.error?.details, b);
  }
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
