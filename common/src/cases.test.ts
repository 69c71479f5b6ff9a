import { describe, expect, it } from 'vitest';
import {
  allowedActions, CASE_ACTIONS, CASE_STATES, CASE_TRANSITIONS, DISPATCH_ACTIONS, DISPATCH_STATES, findDispatchTransition,
  findTransition, isOpenState, TERMINAL_STATES, type Actor, type CaseAction, type CaseState, type DispatchAction, type DispatchState,
} from './cases.js';
import { can, ROLES } from './roles.js';

/**
 * The lifecycle written out independently of CASE_TRANSITIONS, one move per line:
 *   action: from states -> target | roles
 * The tests compare the whole cross product state × action × actor against it, so any edit to the table shows here.
 */
const GRID = 'grid_worker grid_leader';
const CENTRE = 'centre_operator street_cadre';
const SPEC = `
accept: reported -> accepted | ${GRID} community_cadre ${CENTRE} police_officer admin
reject: reported accepted -> rejected | grid_leader community_cadre ${CENTRE} admin
handle_in_grid: accepted reopened -> in_grid | ${GRID} police_officer admin
escalate: accepted in_grid reopened -> escalated_community | ${GRID} police_officer admin
escalate: escalated_community -> escalated_street | community_cadre admin
resolve: in_grid -> handled | ${GRID} police_officer admin
resolve: escalated_community -> handled | community_cadre admin
resolve: escalated_street -> handled | ${CENTRE} admin
start_mediation: accepted in_grid escalated_community escalated_street reopened -> mediation | grid_leader community_cadre ${CENTRE} mediator admin
mediation_agreed: mediation -> handled | mediator community_cadre ${CENTRE} admin
mediation_failed: mediation -> escalated_street | mediator community_cadre ${CENTRE} admin
dispatch: accepted escalated_street returned reopened dispatched -> dispatched | ${CENTRE} admin
verify: handled -> verified | ${GRID} community_cadre admin
verify_failed: handled -> reopened | ${GRID} community_cadre admin
rate: verified -> rated | resident ${CENTRE} admin
close: verified rated -> closed | system ${CENTRE} admin
close_unrated: verified -> closed | system
reopen: rated closed -> reopened | resident system ${CENTRE} admin
request_suspension: accepted in_grid escalated_community escalated_street dispatched mediation reopened -> same | ${GRID} community_cadre ${CENTRE} department_officer mediator admin
approve_suspension: accepted in_grid escalated_community escalated_street dispatched mediation reopened -> suspended | ${CENTRE} admin
resume: suspended -> previous | ${CENTRE} admin
merge: reported accepted in_grid escalated_community escalated_street mediation dispatched returned handled suspended reopened -> merged | ${CENTRE} admin
reroute: reported accepted in_grid reopened -> same | ${CENTRE} community_cadre grid_leader admin
`;
const DISPATCH_SPEC = `
acknowledge: sent -> acknowledged | department_officer admin
feedback: acknowledged -> handled | department_officer admin
return: sent acknowledged -> returned | department_officer admin
request_extension: acknowledged -> same | department_officer admin
approve_extension: acknowledged -> same | ${CENTRE} admin
deny_extension: acknowledged -> same | ${CENTRE} admin
`;

function parse(spec: string) {
  const expected = new Map<string, string>();
  for (const line of spec.trim().split('\n')) {
    const m = /^(\w+): (.+) -> (\w+) \| (.+)$/.exec(line.trim());
    if (!m) throw new Error(`bad spec line ${line}`);
    for (const from of m[2]!.split(' ')) for (const who of m[4]!.split(' ')) {
      const key = `${from}|${m[1]}|${who}`;
      expect(expected.has(key), `spec lists ${key} twice`).toBe(false);
      expected.set(key, m[3]!);
    }
  }
  return expected;
}

const ACTORS: Actor[] = [...ROLES, 'system'];

describe('case transition table, exhaustively', () => {
  const expected = parse(SPEC);

  it('allows exactly the moves of the spec, to the spec’s target, for every state × action × actor', () => {
    let allowed = 0;
    let refused = 0;
    for (const state of CASE_STATES) for (const action of CASE_ACTIONS) for (const actor of ACTORS) {
      const row = findTransition(state, action, actor);
      const want = expected.get(`${state}|${action}|${actor}`);
      expect(row?.to, `${actor} ${action} in ${state}`).toBe(want);
      if (want) allowed += 1; else refused += 1;
    }
    expect(allowed).toBe(expected.size);
    expect(allowed + refused).toBe(CASE_STATES.length * CASE_ACTIONS.length * ACTORS.length);
  });

  it('allowedActions is the set of actions with a row, for every state and actor', () => {
    for (const state of CASE_STATES) for (const actor of ACTORS) {
      const want = CASE_ACTIONS.filter((a) => expected.has(`${state}|${a}|${actor}`));
      expect([...allowedActions(state, actor)].sort(), `${actor} in ${state}`).toEqual([...want].sort());
    }
  });

  it('no (state, action, actor) matches two rows', () => {
    for (const state of CASE_STATES) for (const action of CASE_ACTIONS) for (const actor of ACTORS) {
      const rows = CASE_TRANSITIONS.filter((t) => t.action === action && t.from.includes(state) && t.roles.includes(actor));
      expect(rows.length, `${actor} ${action} in ${state}`).toBeLessThanOrEqual(1);
    }
  });

  it('terminal states are left only by reopening a closed case; every open state has a way forward', () => {
    for (const state of TERMINAL_STATES) {
      const exits = ACTORS.flatMap((a) => allowedActions(state, a));
      expect(new Set(exits), state).toEqual(state === 'closed' ? new Set(['reopen']) : new Set());
      expect(isOpenState(state)).toBe(false);
    }
    for (const state of CASE_STATES.filter(isOpenState)) {
      // 'returned' and 'dispatched' also move through their dispatches' table.
      expect(ACTORS.some((a) => allowedActions(state, a).length > 0), state).toBe(true);
    }
  });

  it('every role on a staff row holds the permission that move needs; residents and the system only rate, close and reopen', () => {
    const perm: Record<CaseAction, 'cases.handle' | 'cases.dispatch' | 'cases.mediate' | 'cases.intake'> = {
      accept: 'cases.intake', reject: 'cases.handle', handle_in_grid: 'cases.handle', escalate: 'cases.handle', resolve: 'cases.handle',
      start_mediation: 'cases.mediate', mediation_agreed: 'cases.mediate', mediation_failed: 'cases.mediate', dispatch: 'cases.dispatch',
      verify: 'cases.handle', verify_failed: 'cases.handle', rate: 'cases.handle', close: 'cases.dispatch', close_unrated: 'cases.dispatch',
      reopen: 'cases.dispatch', request_suspension: 'cases.read' as never, approve_suspension: 'cases.dispatch', resume: 'cases.dispatch',
      merge: 'cases.dispatch', reroute: 'cases.handle',
    };
    for (const t of CASE_TRANSITIONS) for (const r of t.roles) {
      if (r === 'system' || r === 'resident') {
        expect(['rate', 'close', 'close_unrated', 'reopen']).toContain(t.action);
        continue;
      }
      const need = perm[t.action] as string;
      if (need === 'cases.read') expect(can(r, 'cases.read'), `${r} ${t.action}`).toBe(true);
      else expect(can(r, need as never) || (need === 'cases.intake' && can(r, 'cases.handle')), `${r} ${t.action} needs ${need}`).toBe(true);
    }
  });

  it('department officers make no case-level move except asking for a suspension: their moves are on dispatches', () => {
    for (const state of CASE_STATES) {
      expect(allowedActions(state, 'department_officer').filter((a) => a !== 'request_suspension'), state).toEqual([]);
    }
  });

  it('moves that need a reason, a note or a payload say so', () => {
    const req = (a: CaseAction, s: CaseState) => CASE_TRANSITIONS.find((t) => t.action === a && t.from.includes(s))?.requires ?? [];
    expect(req('reject', 'reported')).toContain('reason');
    expect(req('escalate', 'accepted')).toContain('reason');
    expect(req('resolve', 'in_grid')).toContain('note');
    expect(req('dispatch', 'escalated_street')).toContain('departments');
    expect(req('rate', 'verified')).toContain('rating');
    expect(req('merge', 'reported')).toContain('intoCaseId');
    expect(req('reroute', 'reported')).toContain('gridId');
    expect(req('start_mediation', 'accepted')).toContain('mediation');
    expect(req('mediation_agreed', 'mediation')).toContain('note');
    expect(req('mediation_failed', 'mediation')).toContain('reason');
    expect(req('accept', 'reported')).toEqual([]);
  });
});

describe('dispatch transition table, exhaustively', () => {
  const expected = parse(DISPATCH_SPEC);
  it('allows exactly the spec’s moves for every dispatch state × action × actor', () => {
    for (const state of DISPATCH_STATES) for (const action of DISPATCH_ACTIONS) for (const actor of ACTORS) {
      const row = findDispatchTransition(state as DispatchState, action as DispatchAction, actor);
      expect(row?.to, `${actor} ${action} on a ${state} dispatch`).toBe(expected.get(`${state}|${action}|${actor}`));
    }
  });
  it('a return needs a reason and an extension a reason and a date; handled, returned and cancelled dispatches are final', () => {
    expect(findDispatchTransition('sent', 'return', 'department_officer')?.requires).toContain('reason');
    expect(findDispatchTransition('acknowledged', 'request_extension', 'department_officer')?.requires).toEqual(expect.arrayContaining(['reason', 'until']));
    for (const s of ['handled', 'returned', 'cancelled'] as DispatchState[]) {
      expect(ACTORS.flatMap((a) => DISPATCH_ACTIONS.filter((x) => findDispatchTransition(s, x, a))), s).toEqual([]);
    }
  });
});
