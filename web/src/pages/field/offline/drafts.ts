import { ApiError } from '../../../api/client';
import { fieldDb, newKey, queueChanged, type DraftPhoto, type ReportDraft } from './db';
import { isRefusal, Offline, sendWithKey } from './send';

export type NewDraft = Pick<ReportDraft, 'category' | 'categoryName' | 'description' | 'lat' | 'lng' | 'address'> & { photos: DraftPhoto[] };

/** Saves the report on the phone first; the key that makes its upload idempotent is fixed here, once. */
export async function saveDraft(userId: string, d: NewDraft): Promise<ReportDraft> {
  const draft: ReportDraft = { ...d, userId, key: newKey(), createdAt: new Date().toISOString(), state: 'queued', attempts: 0 };
  const db = await fieldDb();
  await db.put('drafts', draft);
  queueChanged();
  return draft;
}

export async function listDrafts(userId: string): Promise<ReportDraft[]> {
  const db = await fieldDb();
  const all = (await db.getAll('drafts')).filter((d) => d.userId === userId);
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function deleteDraft(key: string): Promise<void> {
  const db = await fieldDb();
  await db.delete('drafts', key);
  queueChanged();
}

/**
 * After a refusal the worker fixes the draft. The changed request gets a NEW key: the server remembers the old
 * key with the old request (the same key with a different body is a 409), and the old one made no case.
 */
export async function updateDraft(key: string, patch: Partial<NewDraft>): Promise<void> {
  const db = await fieldDb();
  const d = await db.get('drafts', key);
  if (!d) return;
  const tx = db.transaction('drafts', 'readwrite');
  await tx.store.delete(key);
  await tx.store.put({ ...d, ...patch, key: newKey(), state: 'queued', error: undefined });
  await tx.done;
  queueChanged();
}

/** Multipart body of POST /api/cases, built the same way every time so a resend hashes the same. */
function formOf(d: ReportDraft): FormData {
  const fd = new FormData();
  fd.set('channel', 'field');
  fd.set('category', d.category);
  fd.set('description', d.description.trim());
  fd.set('lat', String(d.lat));
  fd.set('lng', String(d.lng));
  if (d.address?.trim()) fd.set('address', d.address.trim());
  d.photos.forEach((p, i) => fd.append('photos', p.blob, p.name || `photo-${i + 1}.jpg`));
  return fd;
}

async function put(d: ReportDraft): Promise<void> {
  const db = await fieldDb();
  await db.put('drafts', d);
  queueChanged();
}

export interface SyncOutcome { sent: number; refused: number; waiting: number; offline: boolean; loginNeeded: boolean }

/**
 * Sends every queued draft once, oldest first. Sent: the case number is kept on the draft (the list shows it;
 * the photos are dropped to free the phone). Refused (4xx): the error stays on that draft, the others go on.
 * No network or 5xx: the draft stays queued and the run stops (the rest would fail the same way).
 */
export async function syncDrafts(userId: string): Promise<SyncOutcome> {
  const out: SyncOutcome = { sent: 0, refused: 0, waiting: 0, offline: false, loginNeeded: false };
  const queued = (await listDrafts(userId)).filter((d) => d.state === 'queued' || d.state === 'sending').reverse();
  for (const d of queued) {
    if (out.offline || out.loginNeeded) {
      out.waiting += 1;
      continue;
    }
    await put({ ...d, state: 'sending', attempts: d.attempts + 1 });
    try {
      const r = await sendWithKey<{ id: string; trackingNo: string }>('/cases', d.key, formOf(d));
      await put({ ...d, state: 'sent', photos: [], result: { id: r.id, trackingNo: r.trackingNo }, sentAt: new Date().toISOString(), error: undefined, attempts: d.attempts + 1 });
      out.sent += 1;
    } catch (e) {
      if (isRefusal(e)) {
        await put({ ...d, state: 'error', attempts: d.attempts + 1, error: { status: e.status, code: e.code, message: e.message } });
        out.refused += 1;
      } else {
        await put({ ...d, state: 'queued', attempts: d.attempts + 1 });
        out.waiting += 1;
        if (e instanceof ApiError && e.status === 401) out.loginNeeded = true;
        else if (e instanceof Offline || e instanceof ApiError) out.offline = true;
        else throw e;
      }
    }
  }
  return out;
}

/** Sent drafts are kept a week as a receipt (case number), then forgotten. */
export async function pruneSent(now = Date.now()): Promise<void> {
  const db = await fieldDb();
  for (const d of await db.getAll('drafts')) {
    if (d.state === 'sent' && d.sentAt && now - Date.parse(d.sentAt) > 7 * 24 * 3600_000) await db.delete('drafts', d.key);
  }
}
