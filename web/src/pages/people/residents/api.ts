import type { ImportResult, PersonDetail, PersonItem } from '@gridgov/common';
import { api, get, post } from '../../../api/client';

export interface PersonQuery {
  unitId?: string;
  q?: string;
  category?: string;
  tag?: string;
  limit: number;
  offset: number;
}

export type PersonList = { items: PersonItem[]; total: number };

export const residentKeys = {
  list: (q: PersonQuery) => ['people', 'persons', q] as const,
  detail: (id: string) => ['people', 'person', id] as const,
};

export const fetchPersons = (q: PersonQuery, signal?: AbortSignal) =>
  get<PersonList>('/people/persons', { ...q }, signal);

/** ID and phone numbers go in a POST body, never in a URL (they would end up in logs). */
export const searchByIdOrPhone = (body: { idNumber?: string; phone?: string; limit?: number }) =>
  post<PersonList>('/people/persons/search', body);

export const fetchPerson = (id: string, signal?: AbortSignal) => get<PersonDetail>(`/people/persons/${id}`, undefined, signal);

export const unmaskPerson = (id: string, reason?: string) =>
  post<{ idNumber: string | null; phone: string | null }>(`/people/persons/${id}/unmask`, reason ? { reason } : {});

export const importPersons = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<ImportResult>('/people/import', { method: 'POST', body: form });
};

export const exportUrl = (unitId?: string) => `/api/people/export.xlsx${unitId ? `?unitId=${encodeURIComponent(unitId)}` : ''}`;
