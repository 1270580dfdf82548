/** ACC-1 organisation tree: everyone reads it, system administrators change it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportReport, Org, OrgInput, OrgUpdate } from '@menhu/contracts';
import { api, upload } from './client.ts';

const orgsKey = ['orgs'] as const;

export function useOrgs() {
  return useQuery({
    queryKey: orgsKey,
    queryFn: () => api<{ items: Org[] }>('/api/orgs').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export function useCreateOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OrgInput) => api<Org>('/api/admin/orgs', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgsKey }),
  });
}

export function useUpdateOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: OrgUpdate & { id: number }) =>
      api<Org>(`/api/admin/orgs/${id}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgsKey }),
  });
}

export function useImportOrgs() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: Blob; onProgress?: (percent: number) => void }) =>
      upload<ImportReport>('/api/admin/orgs/import', file, 'text/csv', onProgress),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgsKey }),
  });
}
