import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database, Tx } from '../../db/client.js';

/**
 * Live events for Server-Sent Events. `publish(tx, e)` runs pg_notify inside the caller's transaction, so the
 * event leaves only when (and if) the transaction commits, and PostgreSQL delivers it to every server instance
 * listening on the channel (LISTEN/NOTIFY). PGlite implements the same LISTEN/NOTIFY in-process.
 */
export type AppEvent =
  | { type: 'notification'; userId: number; id: string; kind: string; title: string; caseId: number | null }
  /** `path` and `departmentIds` decide who may see it; they are not sent to clients. */
  | { type: 'case.changed'; caseId: number; state: string; version: number; path?: string | null; departmentIds?: number[] }
  /**
   * Any module's territorial event, sent as SSE `event: <event>` with `data` as is: to users whose scope contains
   * `path`, and with `around` also to users inside it (e.g. everyone in an emergency's area sees it switch).
   */
  | { type: 'scoped'; event: string; path: string; around?: boolean; data: Record<string, unknown> };

export const EVENTS_CHANNEL = 'gridgov_events';
/** pg_notify payloads must stay under 8,000 bytes; events are batched up to this size. */
const MAX_PAYLOAD = 7000;

export async function publish(tx: Tx, event: AppEvent | AppEvent[]): Promise<void> {
  const list = Array.isArray(event) ? event : [event];
  let batch: string[] = [];
  let size = 2;
  const flush = async () => {
    if (!batch.length) return;
    await tx.execute(sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${`[${batch.join(',')}]`})`);
    batch = [];
    size = 2;
  };
  for (const e of list) {
    const s = JSON.stringify(e);
    if (size + s.length + 1 > MAX_PAYLOAD) await flush();
    batch.push(s);
    size += s.length + 1;
  }
  await flush();
}

/** The case's scope facts, looked up so callers only pass what they know. */
export async function publishCaseChanged(tx: Tx, c: { caseId: number; state: string; version: number }): Promise<void> {
  const res = await tx.execute(sql`
    SELECT c.path::text AS path,
      COALESCE((SELECT json_agg(DISTINCT d.department_id) FROM case_dispatches d WHERE d.case_id = c.id), '[]'::json) AS depts
    FROM cases c WHERE c.id = ${c.caseId}`);
  const row = (res as unknown as { rows: { path: string | null; depts: (string | number)[] }[] }).rows[0];
  await publish(tx, {
    type: 'case.changed', caseId: c.caseId, state: c.state, version: c.version,
    path: row?.path ?? null, departmentIds: (row?.depts ?? []).map(Number),
  });
}

type Listener = (e: AppEvent) => void;

/** One per database connection set: holds the LISTEN connection and fans events out to SSE clients. */
export class EventHub {
  private listeners = new Set<Listener>();
  private stopFns: (() => Promise<void> | void)[] = [];
  private started: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly database: Database) {}

  get size(): number {
    return this.listeners.size;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Starts listening (idempotent). Resolves once LISTEN is active, so events committed after it are seen. */
  start(): Promise<void> {
    this.closed = false;
    this.started ??= this.listen().catch((err) => { this.started = null; throw err; });
    return this.started;
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.started = null; // an app rebuilt on the same database listens afresh
    this.listeners.clear();
    const fns = this.stopFns;
    this.stopFns = [];
    for (const f of fns) await f();
  }

  /** Delivers a raw notification payload (a JSON array of events) to every subscriber. */
  dispatch(payload: string): void {
    let events: AppEvent[];
    try {
      const parsed = JSON.parse(payload) as AppEvent | AppEvent[];
      events = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      return;
    }
    for (const e of events) for (const fn of this.listeners) {
      try { fn(e); } catch { /* one broken client never stops the others */ }
    }
  }

  private async listen(): Promise<void> {
    if (this.database.pglite) {
      const unlisten = await this.database.pglite.listen(EVENTS_CHANNEL, (p) => this.dispatch(p));
      this.stopFns.push(unlisten);
      return;
    }
    await this.listenPostgres();
  }

  /** A dedicated pooled connection holds LISTEN; if it drops, it reconnects after a second. */
  private async listenPostgres(): Promise<void> {
    const pool = (this.database.db as unknown as { $client: pg.Pool }).$client;
    const client = await pool.connect();
    let released = false;
    const release = (err?: Error) => {
      if (released) return;
      released = true;
      client.removeAllListeners('notification');
      client.release(err ?? true); // never reuse a connection that was LISTENing
    };
    client.on('notification', (msg) => { if (msg.channel === EVENTS_CHANNEL && msg.payload) this.dispatch(msg.payload); });
    client.on('error', (err) => {
      release(err);
      if (!this.closed) setTimeout(() => { if (!this.closed) this.listenPostgres().catch(() => {}); }, 1000).unref();
    });
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.stopFns.push(async () => {
      try { await client.query(`UNLISTEN ${EVENTS_CHANNEL}`); } catch { /* closing anyway */ }
      release();
    });
  }
}

const hubs = new WeakMap<Database, EventHub>();

/** The hub for a database (one per process and database). */
export function hubFor(database: Database): EventHub {
  let hub = hubs.get(database);
  if (!hub) {
    hub = new EventHub(database);
    hubs.set(database, hub);
  }
  return hub;
}
