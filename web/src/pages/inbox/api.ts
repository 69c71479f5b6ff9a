import { get, post } from '../../api/client';

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  caseId: string | null;
  readAt: string | null;
  createdAt: string;
}

export const inboxKeys = {
  all: ['inbox'] as const,
  list: (q: { unread?: boolean; page: number; pageSize: number }) => ['inbox', 'list', q] as const,
  unread: ['inbox', 'unread'] as const,
};

export const fetchInbox = (q: { unread?: boolean; limit: number; offset: number }, signal?: AbortSignal) =>
  get<{ items: InboxItem[]; total: number; unread: number }>('/inbox', { unread: q.unread ? 'true' : undefined, limit: q.limit, offset: q.offset }, signal);
export const fetchUnread = (signal?: AbortSignal) => fetchInbox({ limit: 1, offset: 0 }, signal).then((r) => r.unread);
export const markRead = (id: string) => post<{ id: string; readAt: string; unread: number }>(`/inbox/${id}/read`);
export const markAllRead = () => post<{ updated: number; unread: number }>('/inbox/read-all');
