import { post } from '../../../api/client';

export const changePassword = (oldPassword: string, newPassword: string) =>
  post<{ ok: true }>('/auth/password', { oldPassword, newPassword });
