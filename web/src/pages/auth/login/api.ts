import { api } from '../../../api/client';
import type { Me } from '../../../auth/types';

export function login(username: string, password: string): Promise<Me> {
  // A wrong password answers 401: that is a message for this form, not a session expiry.
  return api<Me>('/auth/login', { method: 'POST', body: { username, password }, skipAuthRedirect: true });
}
