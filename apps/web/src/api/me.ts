/** The signed-in person: session, profile, password, avatar, sessions and login records (ACC-3, SSO-11). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountDetail, LoginRecord, Me, PasswordChange, ProfileUpdate, Session } from '@menhu/contracts';
import { api, ApiError, setCsrfToken, upload, type Page } from './client.ts';

export const meKey = ['me'] as const;

/** The current session, or null when signed out. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api<Me>('/api/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: true }>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export function useMyAccount() {
  return useQuery({ queryKey: ['me', 'account'], queryFn: () => api<AccountDetail>('/api/me/account') });
}

export function useUpdateProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileUpdate) => api<AccountDetail>('/api/me/profile', { method: 'PUT', body }),
    onSuccess: (account) => {
      qc.setQueryData(['me', 'account'], account);
      void qc.invalidateQueries({ queryKey: meKey, exact: true });
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChange) => api<{ ok: true }>('/api/me/password', { method: 'POST', body }),
    // The server lifts a password-change restriction and ends the other sessions.
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

export function useUploadAvatar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => upload<{ ok: true }>('/api/me/avatar', file, file.type, undefined, 'PUT'),
    onSuccess: () => {
      qc.setQueryData<Me | null>(meKey, (me) => (me ? { ...me, hasAvatar: true } : me));
      qc.setQueryData(avatarVersionKey, Date.now());
    },
  });
}

const avatarVersionKey = ['me', 'avatar-version'] as const;

/** The avatar's URL, changed after an upload so the browser's cached copy is not shown. */
export function useAvatarUrl(): string | null {
  const { data: me } = useMe();
  const { data: version } = useQuery({
    queryKey: avatarVersionKey,
    queryFn: () => 0,
    initialData: 0,
    staleTime: Infinity,
  });
  if (!me?.hasAvatar) return null;
  return version ? `/api/me/avatar?v=${version}` : '/api/me/avatar';
}

export function useSessions() {
  return useQuery({
    queryKey: ['me', 'sessions'],
    queryFn: () => api<{ items: Session[] }>('/api/me/sessions').then((r) => r.items),
  });
}

export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`/api/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['me', 'sessions'] }),
  });
}

export function useMyLoginRecords(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['me', 'login-records', page, pageSize],
    queryFn: () => api<Page<LoginRecord>>('/api/me/login-records', { query: { page, pageSize } }),
    placeholderData: (prev) => prev,
  });
}
