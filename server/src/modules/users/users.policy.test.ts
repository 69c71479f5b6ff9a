import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../lib/scope.js';
import { assignmentProblem, manageProblem, selfChangeProblem } from './users.policy.js';
import { generatePassword } from './users.service.js';
import { passwordProblem } from '../auth/index.js';

const manager = (over: Partial<SessionUser> = {}): SessionUser => ({
  id: 1, username: 'm', displayName: 'm', role: 'admin', homeUnitId: 10, scopePath: '1.10', departmentId: null, ...over,
});
const grid = { kind: 'grid' };
const community = { kind: 'community' };

describe('who may be given which role and home unit', () => {
  it('accepts a grid worker in a grid', () => {
    expect(assignmentProblem(manager(), { role: 'grid_worker', homeUnit: grid, departmentId: null })).toBeNull();
  });
  it('requires a home unit of the right kind for staff', () => {
    expect(assignmentProblem(manager(), { role: 'grid_worker', homeUnit: null, departmentId: null })?.field).toBe('homeUnitId');
    expect(assignmentProblem(manager(), { role: 'grid_worker', homeUnit: community, departmentId: null })?.message).toMatch(/must be a grid/);
    expect(assignmentProblem(manager(), { role: 'community_cadre', homeUnit: community, departmentId: null })).toBeNull();
    expect(assignmentProblem(manager(), { role: 'police_officer', homeUnit: community, departmentId: null })).toBeNull();
  });
  it('lets only a global admin create global admins and residents', () => {
    expect(assignmentProblem(manager(), { role: 'admin', homeUnit: null, departmentId: null })?.code).toBe('FORBIDDEN');
    expect(assignmentProblem(manager({ scopePath: null, homeUnitId: null }), { role: 'admin', homeUnit: null, departmentId: null })).toBeNull();
    expect(assignmentProblem(manager(), { role: 'resident', homeUnit: null, departmentId: null })?.code).toBe('FORBIDDEN');
    expect(assignmentProblem(manager({ scopePath: null }), { role: 'resident', homeUnit: null, departmentId: null })).toBeNull();
    expect(assignmentProblem(manager({ scopePath: null }), { role: 'resident', homeUnit: community, departmentId: null })?.field).toBe('homeUnitId');
  });
  it('needs a department for a department officer', () => {
    expect(assignmentProblem(manager(), { role: 'department_officer', homeUnit: community, departmentId: null })?.field).toBe('departmentId');
    expect(assignmentProblem(manager(), { role: 'department_officer', homeUnit: community, departmentId: 5 })).toBeNull();
  });
  it('never lets a manager grant or manage powers it lacks', () => {
    const weak = manager({ role: 'community_cadre' });
    expect(assignmentProblem(weak, { role: 'admin', homeUnit: community, departmentId: null })?.code).toBe('FORBIDDEN');
    expect(assignmentProblem(weak, { role: 'grid_worker', homeUnit: grid, departmentId: null })).toBeNull();
    expect(manageProblem(weak, 'centre_operator')?.code).toBe('FORBIDDEN');
    expect(manageProblem(weak, 'grid_leader')).toBeNull();
  });
  it('stops managers from locking themselves out', () => {
    expect(selfChangeProblem(manager(), 1, { active: false })?.field).toBe('active');
    expect(selfChangeProblem(manager(), 1, { role: 'grid_worker' })?.field).toBe('role');
    expect(selfChangeProblem(manager(), 1, { homeUnitId: '11' })?.field).toBe('homeUnitId');
    expect(selfChangeProblem(manager(), 1, { homeUnitId: '10', role: 'admin', active: true })).toBeNull();
    expect(selfChangeProblem(manager(), 2, { active: false })).toBeNull();
  });
});

describe('generated passwords', () => {
  it('pass the password rules and avoid look-alike characters', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(passwordProblem(p)).toBeNull();
      expect(p).toMatch(/^[^0O1lI]{12}$/);
    }
  });
});
