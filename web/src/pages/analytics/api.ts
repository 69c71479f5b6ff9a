import type { z } from 'zod';
import type {
  AnnualAssessment, Breakdown, Cockpit, CockpitPoints, CreateExportBody, ExportJob, MonthlySheet, QuarterlyBulletin, RiskResponse,
  assessmentWeightsSchema, ratingListSchema, ratingSchema,
} from '@gridgov/common';
import { get, post, withQuery } from '../../api/client';

export type RatingList = z.infer<typeof ratingListSchema>;
export type Rating = z.infer<typeof ratingSchema>;
export type WeightsInfo = z.infer<typeof assessmentWeightsSchema>;
export type ReportKind = 'monthly' | 'quarterly' | 'annual';

/** Every analytics query key starts with 'analytics': a live event refreshes them all at once. */
export const analyticsKeys = {
  cockpit: (unitId: string | undefined) => ['analytics', 'cockpit', unitId ?? 'home'] as const,
  cockpitPoints: (unitId: string | undefined) => ['analytics', 'cockpit-points', unitId ?? 'home'] as const,
  breakdown: (unitId: string | undefined, from: string, to: string) => ['analytics', 'breakdown', unitId ?? 'home', from, to] as const,
  risk: (unitId: string) => ['analytics', 'risk', unitId] as const,
  report: (kind: ReportKind, unitId: string, period: string) => ['analytics', 'report', kind, unitId, period] as const,
  ratings: (unitId: string, quarter: string) => ['analytics', 'ratings', unitId, quarter] as const,
  weights: (unitId: string) => ['analytics', 'weights', unitId] as const,
  exports: ['analytics', 'exports'] as const,
  exportJob: (id: string) => ['analytics', 'exports', id] as const,
};

export const fetchCockpit = (unitId: string | undefined, signal?: AbortSignal) =>
  get<Cockpit>('/analytics/cockpit', { unitId }, signal);
export const fetchCockpitPoints = (unitId: string | undefined, signal?: AbortSignal) =>
  get<CockpitPoints>('/analytics/cockpit/points', { unitId }, signal);
export const fetchBreakdown = (unitId: string | undefined, from: string, to: string, signal?: AbortSignal) =>
  get<Breakdown>('/analytics/breakdown', { unitId, from, to }, signal);

export const fetchRisk = (unitId: string, signal?: AbortSignal) =>
  get<RiskResponse>('/analytics/risk', { unitId }, signal);

const periodParam: Record<ReportKind, string> = { monthly: 'month', quarterly: 'quarter', annual: 'year' };

export function fetchReport(kind: 'monthly', unitId: string, period: string, signal?: AbortSignal): Promise<MonthlySheet>;
export function fetchReport(kind: 'quarterly', unitId: string, period: string, signal?: AbortSignal): Promise<QuarterlyBulletin>;
export function fetchReport(kind: 'annual', unitId: string, period: string, signal?: AbortSignal): Promise<AnnualAssessment>;
export function fetchReport(kind: ReportKind, unitId: string, period: string, signal?: AbortSignal) {
  return get<unknown>(`/analytics/assessment/${kind}`, { unitId, [periodParam[kind]]: period }, signal);
}

/** The file of a report (xlsx/pdf): a plain link, the browser downloads it with the session cookie. */
export const reportFileUrl = (kind: ReportKind, unitId: string, period: string, format: 'xlsx' | 'pdf') =>
  withQuery(`/api/analytics/assessment/${kind}`, { unitId, [periodParam[kind]]: period, format });

export const fetchRatings = (unitId: string, quarter: string, signal?: AbortSignal) =>
  get<RatingList>('/analytics/ratings', { unitId, quarter }, signal);
export const createRating = (body: { unitId: string; departmentId: string; quarter: string; score: number; comment?: string }) =>
  post<Rating>('/analytics/ratings', body);
export const fetchWeights = (unitId: string, signal?: AbortSignal) =>
  get<WeightsInfo>('/analytics/assessment/weights', { unitId }, signal);

export const createExport = (body: CreateExportBody) => post<{ id: string }>('/exports', body);
export const fetchExports = (signal?: AbortSignal) => get<{ jobs: ExportJob[] }>('/exports', undefined, signal).then((r) => r.jobs);
export const fetchExport = (id: string, signal?: AbortSignal) => get<ExportJob>(`/exports/${id}`, undefined, signal);
