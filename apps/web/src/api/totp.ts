/** 動態驗證碼 (SSO-5) binding, status and unbinding for the signed-in or enrolling person. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TotpBinding, TotpConfirmed, TotpStatus } from '@menhu/contracts';
import { api } from './client.ts';

const statusKey = ['me', 'totp'] as const;
const bindingKey = ['totp-binding'] as const;

export function useTotpStatus() {
  return useQuery({ queryKey: statusKey, queryFn: () => api<TotpStatus>('/api/me/totp') });
}

/**
 * A new secret to scan. A query rather than a mutation so a re-render (or React's strict-mode
 * double mount) does not ask twice and show a secret the server has already replaced; it is
 * forgotten as soon as the binding screen closes, so the next attempt gets a fresh one.
 */
export function useTotpBinding() {
  return useQuery({
    queryKey: bindingKey,
    queryFn: () => api<TotpBinding>('/api/me/totp', { method: 'POST' }),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

export function useConfirmTotp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<TotpConfirmed>('/api/me/totp/confirm', { method: 'POST', body: { code } }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: bindingKey });
      void qc.invalidateQueries({ queryKey: statusKey });
    },
  });
}

export function useUnbindTotp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api<{ ok: true }>('/api/me/totp', { method: 'DELETE', body: { password } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: statusKey }),
  });
}
