/** X-1 稽核紀錄: search and export for system administrators. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '@menhu/contracts';
import { api, download, type Page } from './client.ts';

export interface AuditFilter {
  account?: string;
  action?: string;
  result?: 'success' | 'failure';
  /** ISO date-times with offset. */
  from?: string;
  to?: string;
}

export function useAudit(filter: AuditFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['admin', 'audit', filter, page, pageSize],
    queryFn: () => api<Page<AuditEvent>>('/api/admin/audit', { query: { ...filter, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

export const exportAudit = (filter: AuditFilter) => download('/api/admin/audit/export', { ...filter }, 'audit.xlsx');
