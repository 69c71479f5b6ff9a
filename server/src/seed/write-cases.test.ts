import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTransition, isValidMobile, type CaseAction, type CaseState } from '@gridgov/common';
import { createTestApp, type TestApp } from '../../test/harness.js';
import type { Tx } from '../db/client.js';
import { queryRows } from '../db/sql.js';
import { writeCases } from './write-cases.js';

/**
 * The demo cases, written on the tiny seed's grids inside a transaction that is rolled back (nothing stays in a
 * shared database): every recorded move is a row of the transition table, the state matches the last event,
 * phones are encrypted, points lie in their grids.
 */
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

class Rollback extends Error {}

async function inRolledBack<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await t.ctx.db.transaction(async (tx) => {
    out = await fn(tx);
    throw new Rollback();
  }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
  return out!;
}

describe('demo cases', () => {
  it('600 cases across the lifecycle, consistent with CASE_TRANSITIONS, reporters encrypted', async () => {
    const now = new Date('2026-11-23T10:00:00+08:00');
    const r = await inRolledBack(async (tx) => {
      const n = await writeCases(tx, t.ctx.crypto, now);
      // The demo cases mark their creation event; other tests' cases (shared database) never do.
      const mine = sql`c.id IN (SELECT entity_id::bigint FROM audit_events WHERE entity_type = 'case' AND action = 'case.create' AND after->>'seeded' = 'true')`;
      const states = await queryRows<{ state: string; n: number }>(tx, sql`SELECT c.state, count(*)::int AS n FROM cases c WHERE ${mine} GROUP BY 1`);
      const channels = await queryRows<{ channel: string }>(tx, sql`SELECT DISTINCT c.channel FROM cases c WHERE ${mine}`);
      const events = await queryRows<{ id: string; action: string; state: string; at: string }>(tx, sql`
        SELECT a.entity_id AS id, a.action, a.after->>'state' AS state, a.at::text FROM audit_events a JOIN cases c ON c.id::text = a.entity_id
        WHERE a.entity_type = 'case' AND ${mine} ORDER BY c.id, a.at, a.id`);
      const mismatch = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM cases c WHERE ${mine} AND c.state <> (
        SELECT a.after->>'state' FROM audit_events a WHERE a.entity_type = 'case' AND a.entity_id = c.id::text ORDER BY a.at DESC, a.id DESC LIMIT 1)`);
      const outside = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM cases c JOIN units g ON g.id = c.grid_id
        WHERE ${mine} AND (c.location IS NULL OR NOT ST_Intersects(g.geom, c.location))`);
      const reporters = await queryRows<{ phone_enc: string | null; phone_masked: string | null; phone_bidx: string | null }>(tx, sql`
        SELECT r.phone_enc, r.phone_masked, r.phone_bidx FROM case_reporters r JOIN cases c ON c.id = r.case_id WHERE ${mine}`);
      const dispatches = await queryRows<{ state: string; n: number }>(tx, sql`
        SELECT d.state, count(*)::int AS n FROM case_dispatches d JOIN cases c ON c.id = d.case_id WHERE ${mine} GROUP BY 1`);
      const future = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM audit_events a JOIN cases c ON c.id::text = a.entity_id
        WHERE a.entity_type = 'case' AND ${mine} AND a.at > ${now}`);
      return { n, states, channels, events, mismatch: mismatch[0]!.n, outside: outside[0]!.n, reporters, dispatches, future: future[0]!.n };
    });
    expect(r.n).toBe(600);
    const by = Object.fromEntries(r.states.map((s) => [s.state, s.n]));
    expect(by.closed).toBeGreaterThan(300);
    for (const s of ['dispatched', 'in_grid', 'verified', 'rejected']) expect(by[s] ?? 0, s).toBeGreaterThan(0);
    expect(r.channels.map((c) => c.channel).sort()).toEqual(['api', 'external', 'field', 'hotline', 'petition', 'web']);
    expect(r.mismatch).toBe(0);
    expect(r.outside).toBe(0);
    expect(r.future).toBe(0);
    expect(Object.fromEntries(r.dispatches.map((d) => [d.state, d.n]))).toMatchObject({ handled: expect.any(Number), acknowledged: expect.any(Number) });

    // Replay: each case-level move must be allowed from the state before it.
    let prev = ''; let state = 'reported'; const bad: string[] = [];
    for (const e of r.events) {
      if (e.id !== prev) { prev = e.id; state = 'reported'; expect(e.action).toBe('case.create'); continue; }
      const [kind, action] = e.action.split('.') as [string, string];
      if (kind === 'case') {
        const ok = (['admin', 'system', 'resident'] as const).some((who) => findTransition(state as CaseState, action as CaseAction, who));
        if (!ok) bad.push(`${e.id}: ${state} -${action}->`);
      }
      state = e.state;
    }
    expect(bad).toEqual([]);

    const withPhone = r.reporters.filter((x) => x.phone_enc);
    expect(withPhone.length).toBeGreaterThan(100);
    for (const x of withPhone.slice(0, 20)) {
      const phone = t.ctx.crypto.decrypt(x.phone_enc!);
      expect(isValidMobile(phone)).toBe(true);
      expect(x.phone_masked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      expect(x.phone_enc).not.toContain(phone);
    }
  });
});
