import type { Role, UserItem } from '@gridgov/common';
import { get, patch, post } from '../../../api/client';

export interface UserQuery {
  q?: string;
  role?: string;
  unitId?: string;
  limit: number;
  offset: number;
}

export interface UserInput {
  username?: string;
  displayName?: string;
  role?: Role;
  homeUnitId?: string | null;
  departmentId?: string | null;
  password?: string;
  active?: boolean;
}

export const userKeys = {
  all: ['users'] as const,
  list: (q: UserQuery) => ['users', 'list', q] as const,
};

export const fetchUsers = (q: UserQuery, signal?: AbortSignal) =>
  get<{ items: UserItem[]; total: number }>('/users', { ...q }, signal);
export const createUser = (body: UserInput) => post<UserItem & { password?: string }>('/users', body);
export const updateUser = (id: string, body: UserInput) => patch<UserItem>(`/users/${id}`, body);
export const resetPassword = (id: string) => post<{ password: string }>(`/users/${id}/reset-password`);
export const unlockUser = (id: string) => post<UserItem>(`/users/${id}/unlock`);

export interface DepartmentItem { id: string; code: string; nameZh: string; nameEn: string; unitId: string; unitName: string }
export const fetchDepartments = (signal?: AbortSignal) => get<{ items: DepartmentItem[] }>('/departments', {}, signal);
