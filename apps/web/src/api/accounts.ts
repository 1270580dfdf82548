/** ACC-4 管理主控台 › 帳號管理: accounts within the administrator's scope. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AccountCreate,
  AccountDetail,
  AccountStatus,
  AccountSummary,
  AccountUpdate,
  AuditEvent,
  Role,
} from '@menhu/contracts';
import { api, download, type Page } from './client.ts';

export interface AccountFilter {
  q?: string;
  orgId?: number;
  includeSubOrgs?: boolean;
  status?: AccountStatus;
  role?: Role;
  locked?: boolean;
}

export const accountsKey = ['admin', 'accounts'] as const;
const accountKey = (id: number) => [...accountsKey, 'detail', id] as const;

export function useAccounts(filter: AccountFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...accountsKey, 'list', filter, page, pageSize],
    queryFn: () => api<Page<AccountSummary>>('/api/admin/accounts', { query: { ...filter, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

export const exportAccounts = (filter: AccountFilter) =>
  download('/api/admin/accounts/export', { ...filter }, 'accounts.xlsx');

export function useAccount(id: number) {
  return useQuery({
    queryKey: accountKey(id),
    queryFn: () => api<AccountDetail>(`/api/admin/accounts/${id}`),
  });
}

export function useCreateAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountCreate) =>
      api<{ account: AccountDetail; temporaryPassword: string | null }>('/api/admin/accounts', {
        method: 'POST',
        body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountsKey }),
  });
}

const isAccountDetail = (x: unknown): x is AccountDetail =>
  typeof x === 'object' && x !== null && 'idNumberMasked' in x && 'status' in x;

/** Every account action answers with the updated account (or a one-time password); refresh both views. */
function useAccountMutation<In, Out>(id: number, call: (input: In) => Promise<Out>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (out) => {
      if (isAccountDetail(out)) qc.setQueryData(accountKey(id), out);
      void qc.invalidateQueries({ queryKey: accountsKey });
      void qc.invalidateQueries({ queryKey: ['admin', 'login-records'] });
    },
  });
}

const post = <T>(id: number, action: string, body?: unknown) =>
  api<T>(`/api/admin/accounts/${id}/${action}`, { method: 'POST', body });

export const useUpdateAccount = (id: number) =>
  useAccountMutation(id, (body: AccountUpdate) =>
    api<AccountDetail>(`/api/admin/accounts/${id}`, { method: 'PATCH', body }),
  );
export const useChangeStatus = (id: number) =>
  useAccountMutation(id, (status: 'active' | 'disabled') => post<AccountDetail>(id, 'status', { status }));
export const useUnlock = (id: number) => useAccountMutation(id, () => post<AccountDetail>(id, 'unlock'));
export const useResetPassword = (id: number) =>
  useAccountMutation(id, () => post<{ temporaryPassword: string }>(id, 'reset-password'));
export const useForcePasswordChange = (id: number) =>
  useAccountMutation(id, () => post<AccountDetail>(id, 'force-password-change'));
export const useChangeRole = (id: number) =>
  useAccountMutation(id, (body: { role: 'agency_admin' | 'system_admin'; granted: boolean }) =>
    post<AccountDetail>(id, 'roles', body),
  );
/** A lost phone: remove the account's authenticator app and recovery codes (it binds again at sign-in). */
export const useResetTotp = (id: number) => useAccountMutation(id, () => post<{ ok: true }>(id, 'reset-totp'));
export const useRevokeSessions = (id: number) =>
  useAccountMutation(id, () => post<{ ok: true; revoked: number }>(id, 'revoke-sessions'));

/** ACC-4 change history of one account (its audit events), newest first. */
export function useAccountHistory(id: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...accountKey(id), 'history', page, pageSize],
    queryFn: () => api<Page<AuditEvent>>(`/api/admin/accounts/${id}/history`, { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

export const exportAccountHistory = (id: number) =>
  download(`/api/admin/accounts/${id}/history/export`, undefined, 'account-history.xlsx');
