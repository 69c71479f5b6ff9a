import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * The phone's own store (IndexedDB): report drafts with their photo blobs, patrol GPS points and queued JSON
 * writes. Everything here survives a reload, a closed tab and a day without signal, and goes up exactly once:
 * every record carries the Idempotency-Key it will be sent with, fixed when the record is created.
 */
export type DraftState = 'queued' | 'sending' | 'error' | 'sent';

export interface DraftPhoto {
  name: string;
  blob: Blob;
}

export interface ReportDraft {
  /** Who made it: a shared phone never sends one worker's report under another's session. */
  userId: string;
  /** The Idempotency-Key, generated when the draft is created: every retry sends the same request. */
  key: string;
  createdAt: string;
  category: string;
  categoryName: string;
  description: string;
  lat: number;
  lng: number;
  address?: string;
  photos: DraftPhoto[];
  state: DraftState;
  attempts: number;
  /** The server's refusal (4xx): shown on the draft; the worker edits and resends, or deletes it. */
  error?: { status: number; code: string; message: string };
  result?: { id: string; trackingNo: string };
  sentAt?: string;
}

export interface QueuedPoint {
  /** Auto-increment: the order the fixes were taken. */
  seq?: number;
  patrolId: string;
  t: string;
  lat: number;
  lng: number;
  accuracy: number;
  /** Set when the point is put in a batch; a resend after a crash reuses the batch's key. */
  batch?: string;
}

export interface QueuedWrite {
  userId: string;
  key: string;
  createdAt: string;
  path: string;
  body: unknown;
  /** What the write is, for the queue list (visit, finding, task, patrol pause/stop). */
  label: string;
  state: 'queued' | 'error';
  error?: { status: number; code: string; message: string };
}

interface FieldDb extends DBSchema {
  drafts: { key: string; value: ReportDraft; indexes: { byState: DraftState } };
  points: { key: number; value: QueuedPoint; indexes: { byPatrol: string } };
  writes: { key: string; value: QueuedWrite };
}

let dbp: Promise<IDBPDatabase<FieldDb>> | null = null;

export function fieldDb(): Promise<IDBPDatabase<FieldDb>> {
  dbp ??= openDB<FieldDb>('gridgov-field', 1, {
    upgrade(db) {
      const drafts = db.createObjectStore('drafts', { keyPath: 'key' });
      drafts.createIndex('byState', 'state');
      const points = db.createObjectStore('points', { keyPath: 'seq', autoIncrement: true });
      points.createIndex('byPatrol', 'patrolId');
      db.createObjectStore('writes', { keyPath: 'key' });
    },
  });
  return dbp;
}

/** A fresh key; plain-HTTP LAN deployments have no randomUUID (secure contexts only), getRandomValues works everywhere. */
export function newKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Listeners redraw the queue lists whenever a store changes (this tab; other tabs re-read on focus). */
const listeners = new Set<() => void>();
export function onQueueChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
export function queueChanged(): void {
  listeners.forEach((fn) => fn());
}
