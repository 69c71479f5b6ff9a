import { get } from '../../../api/client';

export interface AuditItem {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitPath: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditQuery {
  unitId?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export const auditKeys = { list: (q: AuditQuery) => ['audit', q] as const };

export const fetchAudit = (q: AuditQuery, signal?: AbortSignal) =>
  get<{ items: AuditItem[]; total: number }>('/audit', { ...q }, signal);
