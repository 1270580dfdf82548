/** SSO-11 login records within the administrator's scope. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LoginRecord } from '@menhu/contracts';
import { api, download, type Page } from './client.ts';

export function useLoginRecords(accountId: number | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['admin', 'login-records', accountId ?? null, page, pageSize],
    queryFn: () => api<Page<LoginRecord>>('/api/admin/login-records', { query: { accountId, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

export const exportLoginRecords = (accountId?: number) =>
  download('/api/admin/login-records/export', { accountId }, 'login-records.xlsx');
