/** ACC-5 機關管理員查詢 (public, intranet only). */
import { useQuery } from '@tanstack/react-query';
import type { AgencyAdminAnswer, PublicOrg } from '@menhu/contracts';
import { api } from './client.ts';

export function usePublicOrgs() {
  return useQuery({
    queryKey: ['public', 'orgs'],
    queryFn: () => api<{ items: PublicOrg[] }>('/api/public/orgs').then((r) => r.items),
    retry: false,
  });
}

export function useAgencyAdmins(orgId: number | null) {
  return useQuery({
    queryKey: ['public', 'agency-admins', orgId],
    queryFn: () => api<AgencyAdminAnswer>(`/api/public/agency-admins?orgId=${orgId}`),
    enabled: orgId !== null,
    retry: false,
  });
}
