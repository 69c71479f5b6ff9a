import type { z } from 'zod';
import type {
  activeListSchema, CreateDirectiveBody, DeclareBody, Directive, Emergency, mobilisationSchema,
  myDirectiveSchema, PlanDetail, planSummarySchema, Progress, ReportBody, resourceSchema, Review, sitrepSummarySchema,
  callupBody, callupResultSchema, createResourceBody, directiveGridSchema, reportFieldSchema, DirectivePhoto,
} from '@gridgov/common';
import { api, get, patch, post } from '../../api/client';
import { sendWithKey } from '../field/offline/send';

/** Every /api/emergenc… and /api/directives… call of the web app; shapes from @gridgov/common (emergency.ts). */
/** 1 (Ⅰ级, most severe) … 4; plain numbers on the wire. */
export type Level = number;
export type PlanItem = z.infer<typeof planSummarySchema>;
export type ActiveList = z.infer<typeof activeListSchema>;
export type MyDirective = z.infer<typeof myDirectiveSchema>;
export type DirectiveGrid = z.infer<typeof directiveGridSchema>;
export type Mobilisation = z.infer<typeof mobilisationSchema>;
export type Resource = z.infer<typeof resourceSchema>;
export type SitrepSummary = z.infer<typeof sitrepSummarySchema>;
export type CallupBody = z.input<typeof callupBody>;
export type CallupResult = z.infer<typeof callupResultSchema>;
export type ReportField = z.input<typeof reportFieldSchema>;
export type { CreateDirectiveBody, DeclareBody, Directive, DirectivePhoto, Emergency, PlanDetail, Progress, ReportBody, Review };

/** Query keys start with 'emergency': one invalidation refreshes every emergency figure after a change. */
export const emergencyKeys = {
  all: ['emergency'] as const,
  plans: ['emergency', 'plans'] as const,
  plan: (id: string) => ['emergency', 'plan', id] as const,
  list: (state: string) => ['emergency', 'list', state] as const,
  active: ['emergency', 'active-mine'] as const,
  detail: (id: string) => ['emergency', 'detail', id] as const,
  directives: (id: string) => ['emergency', 'directives', id] as const,
  directive: (id: string) => ['emergency', 'directive', id] as const,
  photos: (id: string, unitId?: string) => ['emergency', 'photos', id, unitId ?? 'all'] as const,
  progress: (id: string, unitId?: string) => ['emergency', 'progress', id, unitId ?? 'all'] as const,
  mine: ['emergency', 'my-directives'] as const,
  mobilisation: (id: string, unitId?: string) => ['emergency', 'mobilisation', id, unitId ?? 'all'] as const,
  sitreps: (id: string, unitId?: string) => ['emergency', 'sitreps', id, unitId ?? 'all'] as const,
  resources: (unitId: string) => ['emergency', 'resources', unitId] as const,
  review: (id: string) => ['emergency', 'review', id] as const,
};

export const fetchPlans = (signal?: AbortSignal) => get<{ items: PlanItem[] }>('/emergency/plans', undefined, signal).then((r) => r.items);
export const fetchPlan = (id: string, signal?: AbortSignal) => get<PlanDetail>(`/emergency/plans/${id}`, undefined, signal);
export const fetchEmergencies = (state: 'active' | 'ended', signal?: AbortSignal) =>
  get<{ items: Emergency[] }>('/emergencies', { state }, signal).then((r) => r.items);
export const fetchMyActive = (signal?: AbortSignal) => get<ActiveList>('/emergencies/active', undefined, signal);
export const fetchEmergency = (id: string, signal?: AbortSignal) => get<Emergency>(`/emergencies/${id}`, undefined, signal);
export const declareEmergency = (b: DeclareBody) => post<{ id: string }>('/emergencies', b);
export const changeLevel = (id: string, level: Level, reason?: string) => post<Emergency>(`/emergencies/${id}/level`, { level, reason });
export const endEmergency = (id: string, summary?: string) => post<Emergency>(`/emergencies/${id}/end`, summary ? { summary } : {});

export const fetchDirectives = (id: string, signal?: AbortSignal) =>
  get<{ items: Directive[] }>(`/emergencies/${id}/directives`, undefined, signal).then((r) => r.items);
export const fetchDirective = (id: string, signal?: AbortSignal) => get<Directive>(`/directives/${id}`, undefined, signal);
export const issueDirective = (emergencyId: string, b: CreateDirectiveBody) => post<{ id: string }>(`/emergencies/${emergencyId}/directives`, b);
export const forwardDirective = (id: string, b: { unitId: string; note: string; reportFields?: ReportField[] }) =>
  post<{ id: string }>(`/directives/${id}/forward`, b);
export const fetchProgress = (id: string, unitId?: string, signal?: AbortSignal) =>
  get<Progress>(`/directives/${id}/progress`, { unitId }, signal);
export const fetchMyDirectives = (signal?: AbortSignal) =>
  get<{ items: MyDirective[] }>('/directives/mine', undefined, signal).then((r) => r.items);
export const ackDirective = (id: string, gridId: string) => post<DirectiveGrid>(`/directives/${id}/ack`, { gridId });
export const reportDirective = (id: string, b: Partial<ReportBody> & { gridId: string }) => post<DirectiveGrid>(`/directives/${id}/report`, b);
/** Report photos go first (multipart, one Idempotency-Key per report so a retry stores them once); the report names their ids. */
export function uploadDirectivePhotos(id: string, gridId: string, photos: { name: string; blob: Blob }[], key: string) {
  const form = new FormData();
  form.append('gridId', gridId);
  for (const p of photos) form.append('photos', p.blob, p.name);
  return sendWithKey<{ photos: DirectivePhoto[] }>(`/directives/${id}/photos`, key, form);
}
export const fetchDirectivePhotos = (id: string, unitId?: string, signal?: AbortSignal) =>
  get<{ items: DirectivePhoto[]; total: number }>(`/directives/${id}/photos`, { unitId }, signal);

export const fetchMobilisation = (id: string, unitId?: string, signal?: AbortSignal) =>
  get<Mobilisation>(`/emergencies/${id}/mobilisation`, { unitId }, signal);
export const callUp = (id: string, b: CallupBody) => post<CallupResult>(`/emergencies/${id}/callups`, b);
export const fetchSitreps = (id: string, unitId?: string, signal?: AbortSignal) =>
  get<SitrepSummary>(`/emergencies/${id}/sitreps/summary`, { unitId }, signal);
export const fetchResources = (unitId: string, signal?: AbortSignal) =>
  get<{ items: Resource[] }>('/emergency/resources', { unitId }, signal).then((r) => r.items);
export type NewResource = Omit<z.input<typeof createResourceBody>, 'kind'> & { kind: Resource['kind'] };
export const createResource = (b: NewResource) => post<Resource>('/emergency/resources', b);
export const updateResource = (id: string, b: { capacity?: number; occupancy?: number; note?: string }) => patch<Resource>(`/emergency/resources/${id}`, b);
export const deleteResource = (id: string) => api<void>(`/emergency/resources/${id}`, { method: 'DELETE' });
export const fetchReview = (id: string, signal?: AbortSignal) => get<Review>(`/emergencies/${id}/review`, undefined, signal);
export const reviewXlsxUrl = (id: string) => `/api/emergencies/${id}/review.xlsx`;
export const reviewPdfUrl = (id: string) => `/api/emergencies/${id}/review.pdf`;
export const submitSitrep = (emergencyId: string, b: { gridId: string; values: Record<string, number | string> }) =>
  post<{ id: string; period: string }>(`/emergencies/${emergencyId}/sitreps`, b);
