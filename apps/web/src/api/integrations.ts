/** INT-1..4 應用系統服務介接管理: one's own applications, their services, reviews and statistics. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { App, AppInput, AppStatus, Service, ServiceRequest } from '@menhu/contracts';
import { api, download, type Page } from './client.ts';

export interface AppFilter {
  q?: string;
  status?: AppStatus;
  /** System administrators: every application, not only their own. */
  all?: boolean;
}

export interface ReviewEntry {
  id: number;
  at: string;
  actorName: string | null;
  action: 'request' | 'approve' | 'reject';
  reason: string | null;
  snapshot: Record<string, unknown> | null;
}

export interface StatsRange {
  from?: string;
  to?: string;
  service?: Service;
}

export interface StatsRow {
  day: string;
  service: Service;
  calls: number;
  failures: number;
}

export const appsKey = ['integrations', 'apps'] as const;
const appKey = (id: number) => [...appsKey, 'detail', id] as const;
const base = (id: number) => `/api/integrations/apps/${id}`;

export function useApps(filter: AppFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...appsKey, 'list', filter, page, pageSize],
    queryFn: () =>
      api<Page<App>>('/api/integrations/apps', {
        query: { q: filter.q, status: filter.status, all: filter.all || undefined, page, pageSize },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useApp(id: number) {
  return useQuery({ queryKey: appKey(id), queryFn: () => api<App>(base(id)) });
}

export function useCreateApp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AppInput) =>
      api<{ app: App; aptoken: string }>('/api/integrations/apps', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appsKey }),
  });
}

/** Actions on one application; those answering with the application refresh its page at once. */
function useAppMutation<In, Out>(id: number, call: (input: In) => Promise<Out>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (out) => {
      if (typeof out === 'object' && out !== null && 'services' in out) qc.setQueryData(appKey(id), out);
      void qc.invalidateQueries({ queryKey: ['integrations'] });
    },
  });
}

export const useUpdateApp = (id: number) =>
  useAppMutation(id, (body: Partial<AppInput>) => api<App>(base(id), { method: 'PATCH', body }));
export const useRotateToken = (id: number) =>
  useAppMutation(id, () => api<{ apcode: string; aptoken: string }>(`${base(id)}/token`, { method: 'POST' }));
export const useRevokeApp = (id: number) => useAppMutation(id, () => api<{ ok: true }>(base(id), { method: 'DELETE' }));
export const useIssueClientSecret = (id: number) =>
  useAppMutation(id, () =>
    api<{ clientId: string; clientSecret: string }>(`${base(id)}/client-secret`, { method: 'POST' }),
  );
export const useRequestService = (id: number) =>
  useAppMutation(id, ({ service, body }: { service: Service; body: ServiceRequest }) =>
    api<App>(`${base(id)}/services/${service}`, { method: 'PUT', body }),
  );

/** 審核紀錄 of one service, oldest first. */
export function useServiceHistory(id: number, service: Service | null) {
  return useQuery({
    queryKey: [...appKey(id), 'history', service],
    queryFn: () => api<{ items: ReviewEntry[] }>(`${base(id)}/services/${service}/history`).then((r) => r.items),
    enabled: service !== null,
  });
}

/** 引用說明 下載: a markdown guide written with this application's own values. */
export const downloadGuide = (id: number, service: Service) =>
  download(`${base(id)}/services/${service}/guide`, undefined, `guide-${service}.md`);

/** 呼叫次數統計; without from/to the server answers the last 30 days (Asia/Taipei). */
export function useAppStats(id: number, range: StatsRange) {
  return useQuery({
    queryKey: [...appKey(id), 'stats', range],
    queryFn: () => api<{ from: string; to: string; items: StatsRow[] }>(`${base(id)}/stats`, { query: { ...range } }),
    placeholderData: keepPreviousData,
  });
}

export const exportStats = (id: number, range: StatsRange) =>
  download(`${base(id)}/stats`, { ...range, format: 'xlsx' }, 'stats.xlsx');

// System administrators: the review queue, decisions, suspension.
export interface PendingRequest {
  appId: number;
  appName: string;
  apcode: string;
  orgName: string;
  service: Service;
  requestedAt: string;
  requestedBy: string | null;
  request: Record<string, unknown>;
  /** In force now, when this is a change to an approved service. */
  approved: Record<string, unknown> | null;
}

const pendingKey = ['integrations', 'pending'] as const;

export function usePendingRequests() {
  return useQuery({
    queryKey: pendingKey,
    queryFn: () => api<{ items: PendingRequest[] }>('/api/admin/integrations/requests').then((r) => r.items),
  });
}

export function useReviewService() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      appId,
      service,
      ...body
    }: {
      appId: number;
      service: Service;
      decision: 'approve' | 'reject';
      reason?: string;
      /** The version of the request the reviewer saw (a changed request answers 409). */
      requestedAt: string;
    }) => api<App>(`/api/admin/integrations/apps/${appId}/services/${service}/review`, { method: 'POST', body }),
    // Also after a conflict (someone else reviewed it first): the queue is stale either way.
    onSettled: () => qc.invalidateQueries({ queryKey: ['integrations'] }),
  });
}

export function useSetAppStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ appId, ...body }: { appId: number; status: 'active' | 'suspended'; reason?: string }) =>
      api<App>(`/api/admin/integrations/apps/${appId}/status`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['integrations'] }),
  });
}
