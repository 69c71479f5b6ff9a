import { api, get } from '../../api/client';
import type { CategoryNode } from '../cases/shared/useCatalogue';

export interface CalendarDay { day: string; kind: 'holiday' | 'workday'; name: string }
export type CategoryPatch = Partial<Pick<CategoryNode, 'name' | 'nameEn' | 'lowestLevel' | 'deadlineClass' | 'leadDepartment' | 'assistDepartments' | 'requiredFields' | 'urgent' | 'dispute' | 'guidance' | 'defaultRisk' | 'active'>>;

export const adminKeys = {
  catalogue: ['catalogue', 'admin'] as const,
  calendar: (year: number) => ['calendar', year] as const,
};

export const fetchCatalogueAll = (signal?: AbortSignal) =>
  get<{ categories: CategoryNode[] }>('/catalogue', { all: '1' }, signal).then((r) => r.categories);
export const updateCategory = (code: string, body: CategoryPatch) => api<CategoryNode>(`/catalogue/categories/${code}`, { method: 'PUT', body });
export const fetchCalendar = (year: number, signal?: AbortSignal) => get<{ year: number; days: CalendarDay[] }>('/calendar', { year }, signal).then((r) => r.days);
export const setDay = (day: string, body: { kind: CalendarDay['kind']; name: string }) => api<CalendarDay>(`/calendar/days/${day}`, { method: 'PUT', body });
export const deleteDay = (day: string) => api<{ ok: true }>(`/calendar/days/${day}`, { method: 'DELETE' });
