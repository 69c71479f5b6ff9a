import type { z } from 'zod';
import type {
  activityListSchema, activitySchema, cadreListSchema, contactGroupListSchema, courseListSchema, Dashboard,
  dualRegistrationListSchema, MemberDetail, MemberItem, MemberRecord, OrgDetail, OrgItem, oneShoulderListSchema, partyImportResultSchema,
  partySettingsSchema, pointEntryListSchema, pointRankingSchema, pointRuleListSchema, pointTotalsSchema, postListSchema,
  Recruit, recruitListSchema, serviceStatsSchema, sessionListSchema, signupListSchema, signupSchema, trainingCoverageSchema, Coverage,
} from '@gridgov/common';
import { api, get, post, patch } from '../../api/client';

/** Every /api/party call in one place; shapes come from @gridgov/common (the server validates with the same). */
export type OneShoulderList = z.infer<typeof oneShoulderListSchema>;
export type ImportResult = z.infer<typeof partyImportResultSchema>;
export type RecruitList = z.infer<typeof recruitListSchema>;
export type CadreList = z.infer<typeof cadreListSchema>;
export type DualRegList = z.infer<typeof dualRegistrationListSchema>;
export type Activity = z.infer<typeof activitySchema>;
export type ActivityList = z.infer<typeof activityListSchema>;
export type Signup = z.infer<typeof signupSchema>;
export type SignupList = z.infer<typeof signupListSchema>;
export type SignupItem = SignupList['items'][number];
export type ServiceStats = z.infer<typeof serviceStatsSchema>;
export type PointRules = z.infer<typeof pointRuleListSchema>;
export type PointEntries = z.infer<typeof pointEntryListSchema>;
export type PointTotals = z.infer<typeof pointTotalsSchema>;
export type PointRanking = z.infer<typeof pointRankingSchema>;
export type PartySettings = z.infer<typeof partySettingsSchema>;
export type PostList = z.infer<typeof postListSchema>;
export type ContactGroups = z.infer<typeof contactGroupListSchema>;
export type Courses = z.infer<typeof courseListSchema>;
export type Sessions = z.infer<typeof sessionListSchema>;
export type TrainingCoverage = z.infer<typeof trainingCoverageSchema>;
export type MemberList = { items: MemberItem[]; total: number };
export type { MemberRecord };

export interface MemberQuery {
  orgId?: string;
  unitId?: string;
  /** 融网进格: members living in this grid, whichever organisation they belong to. */
  homeGridId?: string;
  class?: string;
  q?: string;
  limit: number;
  offset: number;
}

const u = (unitId?: string) => ({ unitId });

/** Query keys start with 'party' so one invalidation refreshes every party figure after a change. */
export const partyKeys = {
  all: ['party'] as const,
  dashboard: (unitId?: string) => ['party', 'dashboard', unitId ?? 'all'] as const,
  coverage: (unitId?: string) => ['party', 'coverage', unitId ?? 'all'] as const,
  orgs: (unitId?: string) => ['party', 'orgs', unitId ?? 'all'] as const,
  org: (id: string) => ['party', 'org', id] as const,
  oneShoulder: (unitId?: string) => ['party', 'one-shoulder', unitId ?? 'all'] as const,
  members: (q: MemberQuery) => ['party', 'members', q] as const,
  member: (id: string) => ['party', 'member', id] as const,
  memberRecord: (id: string) => ['party', 'member-record', id] as const,
  recruits: (unitId?: string) => ['party', 'recruits', unitId ?? 'all'] as const,
  cadres: (unitId?: string) => ['party', 'cadres', unitId ?? 'all'] as const,
  dualRegs: (unitId?: string) => ['party', 'dual-registrations', unitId ?? 'all'] as const,
  activities: (unitId?: string) => ['party', 'activities', unitId ?? 'all'] as const,
  serviceStats: (unitId?: string) => ['party', 'service-stats', unitId ?? 'all'] as const,
  pointRules: (unitId?: string) => ['party', 'point-rules', unitId ?? 'all'] as const,
  points: (unitId?: string, status?: string) => ['party', 'points', unitId ?? 'all', status ?? 'any'] as const,
  pointTotals: (unitId?: string) => ['party', 'point-totals', unitId ?? 'all'] as const,
  ranking: (unitId?: string) => ['party', 'ranking', unitId ?? 'all'] as const,
  settings: (unitId?: string) => ['party', 'settings', unitId ?? 'all'] as const,
  posts: (unitId?: string) => ['party', 'posts', unitId ?? 'all'] as const,
  contactGroups: (unitId?: string) => ['party', 'contact-groups', unitId ?? 'all'] as const,
  courses: ['party', 'courses'] as const,
  sessions: (unitId?: string) => ['party', 'sessions', unitId ?? 'all'] as const,
  trainingCoverage: (unitId?: string, year?: number) => ['party', 'training-coverage', unitId ?? 'all', year ?? 0] as const,
  untrained: (unitId?: string, year?: number) => ['party', 'untrained', unitId ?? 'all', year ?? 0] as const,
};

export const fetchDashboard = (unitId?: string, signal?: AbortSignal) => get<Dashboard>('/party/dashboard', u(unitId), signal);
export const fetchCoverage = (unitId?: string, signal?: AbortSignal) => get<Coverage>('/party/coverage', u(unitId), signal);

// The whole tree in scope at once (a street has a few hundred organisations; the server's default page is 200).
export const fetchOrgs = (unitId?: string, signal?: AbortSignal) => get<{ items: OrgItem[]; total: number }>('/party/orgs', { unitId, limit: 5000 }, signal);
export const addMemberUnit = (orgId: string, body: { name: string; kind: string; contact?: string | null; joinedOn?: string | null }) => post(`/party/orgs/${orgId}/member-units`, body);
export const fetchOrg = (id: string, signal?: AbortSignal) => get<OrgDetail>(`/party/orgs/${id}`, undefined, signal);
export const updateOrg = (id: string, body: Record<string, unknown>) => patch<OrgDetail>(`/party/orgs/${id}`, body);
export const fetchOneShoulder = (unitId?: string, signal?: AbortSignal) => get<OneShoulderList>('/party/one-shoulder', u(unitId), signal);

export const fetchMembers = (q: MemberQuery, signal?: AbortSignal) => get<MemberList>('/party/members', { ...q }, signal);
export const fetchMember = (id: string, signal?: AbortSignal) => get<MemberDetail>(`/party/members/${id}`, undefined, signal);
export const fetchMemberRecord = (id: string, signal?: AbortSignal) => get<MemberRecord>(`/party/members/${id}/record`, undefined, signal);
export interface CreateMemberBody {
  name: string;
  idNumber: string;
  phone?: string;
  orgId: string;
  memberClass: string;
  status: string;
  joinedOn?: string;
  homeGridId?: string;
  workUnit?: string;
}
/** The ID number travels in the POST body only (never a URL or a query key). */
export const createMember = (body: CreateMemberBody) => post<MemberDetail>('/party/members', body);
export const transferMember = (id: string, body: { toOrgId: string; on: string; reason?: string }) =>
  post<MemberDetail>(`/party/members/${id}/transfer`, body);
export const unmaskMember = (id: string) => post<{ idNumber: string | null; phone: string | null }>(`/party/members/${id}/unmask`, {});
export const importMembers = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<ImportResult>('/party/members/import', { method: 'POST', body: form });
};
export const membersExportUrl = (q: { orgId?: string; unitId?: string }) => {
  const p = new URLSearchParams();
  if (q.orgId) p.set('orgId', q.orgId);
  if (q.unitId) p.set('unitId', q.unitId);
  const s = p.toString();
  return `/api/party/members/export.xlsx${s ? `?${s}` : ''}`;
};

export const fetchRecruits = (unitId?: string, signal?: AbortSignal) => get<RecruitList>('/party/recruits', u(unitId), signal);
export const recordStep = (id: string, body: { step: string; doneOn: string }) => post<Recruit>(`/party/recruits/${id}/steps`, body);
export const moveRecruit = (id: string, body: { action: string; on: string; memberClass?: string }) =>
  post<Recruit>(`/party/recruits/${id}/transition`, body);
export const fetchCadres = (unitId?: string, signal?: AbortSignal) => get<CadreList>('/party/cadres', u(unitId), signal);
/** The ID number travels in the POST body only. */
export const createCadre = (body: { kind: string; name: string; idNumber: string; unitId: string; fromOrgan?: string | null; since?: string | null;
  until?: string | null; note?: string | null }) => post<CadreList['items'][number]>('/party/cadres', body);

export const fetchDualRegs = (unitId?: string, signal?: AbortSignal) => get<DualRegList>('/party/dual-registrations', u(unitId), signal);
export const fetchActivities = (unitId?: string, signal?: AbortSignal) => get<ActivityList>('/party/activities', u(unitId), signal);
export const createActivity = (body: Record<string, unknown>) => post<Activity>('/party/activities', body);
export const signUp = (activityId: string, memberId: string) => post<Signup>(`/party/activities/${activityId}/signups`, { memberId });
export const checkIn = (signupId: string) => post<Signup>(`/party/signups/${signupId}/check-in`, {});
export const recordHours = (signupId: string, hours: number) => post<Signup>(`/party/signups/${signupId}/hours`, { hours });
export const fetchServiceStats = (unitId?: string, signal?: AbortSignal) => get<ServiceStats>('/party/service-stats', u(unitId), signal);

export const fetchPointRules = (unitId?: string, signal?: AbortSignal) => get<PointRules>('/party/point-rules', u(unitId), signal);
export const fetchPoints = (unitId?: string, status?: string, signal?: AbortSignal) => get<PointEntries>('/party/points', { unitId, status }, signal);
export const decidePoint = (id: string, decision: 'approved' | 'rejected') => post(`/party/points/${id}/decide`, { decision });
export const fetchPointTotals = (unitId?: string, signal?: AbortSignal) => get<PointTotals>('/party/points/totals', u(unitId), signal);
export const fetchRanking = (unitId?: string, signal?: AbortSignal) => get<PointRanking>('/party/points/ranking', u(unitId), signal);
export const fetchSettings = (unitId?: string, signal?: AbortSignal) => get<PartySettings>('/party/settings', u(unitId), signal);

export const fetchPosts = (unitId?: string, signal?: AbortSignal) => get<PostList>('/party/posts', u(unitId), signal);
export const fetchContactGroups = (unitId?: string, signal?: AbortSignal) => get<ContactGroups>('/party/contact-groups', u(unitId), signal);
export const recordVisit = (groupId: string, body: { householdId: string; visitedOn: string; note?: string }) =>
  post(`/party/contact-groups/${groupId}/visits`, body);

export const fetchCourses = (signal?: AbortSignal) => get<Courses>('/party/courses', undefined, signal);
export const fetchSessions = (unitId?: string, signal?: AbortSignal) => get<Sessions>('/party/sessions', u(unitId), signal);
export const fetchTrainingCoverage = (unitId?: string, year?: number, signal?: AbortSignal) =>
  get<TrainingCoverage>('/party/training/coverage', { unitId, year }, signal);
export const fetchUntrained = (unitId?: string, year?: number, signal?: AbortSignal) =>
  get<MemberList>('/party/training/untrained', { unitId, year, limit: 200 }, signal);

/** Sign-ups of one activity (member phones masked). */
export const fetchSignups = (activityId: string, signal?: AbortSignal) =>
  get<SignupList>(`/party/activities/${activityId}/signups`, undefined, signal);
export const createDualReg = (body: { kind: 'organ' | 'member'; communityId: string; organName?: string; memberId?: string; registeredOn?: string }) =>
  post('/party/dual-registrations', body);
export const createRecruit = (body: { orgId: string; idNumber: string; name: string; appliedOn: string }) => post<Recruit>('/party/recruits', body);
export const createPointRule = (body: { code: string; name: string; points: number; unitId?: string | null }) => post('/party/point-rules', body);
export const updatePointRule = (id: string, body: { name?: string; points?: number; active?: boolean }) => patch(`/party/point-rules/${id}`, body);
export const createPoint = (body: { memberId: string; ruleId?: string; points?: number; reason?: string | null; occurredOn?: string }) => post('/party/points', body);
export const putSettings = (body: { unitId: string; rankingsEnabled: boolean }) => api<PartySettings>('/party/settings', { method: 'PUT', body });
export const createPost = (body: { kind: string; name: string; gridId?: string | null; orgId?: string | null; duty?: string | null }) => post('/party/posts', body);
export const addPostMember = (id: string, memberId: string) => post(`/party/posts/${id}/members`, { memberId });
export const createCourse = (body: { title: string; mode: string; materialUrl?: string | null; hours: number }) => post('/party/courses', body);
export const createSession = (body: { courseId: string; orgId: string; heldOn: string; place?: string | null }) => post('/party/sessions', body);
export const recordAttendance = (id: string, memberIds: string[]) => post(`/party/sessions/${id}/attendance`, { memberIds });
