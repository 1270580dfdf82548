/**
 * 備用電子郵件 (a non-official mailbox) and 臨時密碼 sign-in with a code mailed to it. The
 * shapes are declared here until the contracts carry them; the server answers to the same spec.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

export interface BackupEmailStatus {
  /** The bound address, masked ("ab***@gmail.com"); null when none is bound. */
  email: string | null;
  boundAt: string | null;
  /** A masked address waiting for its code. */
  pending: string | null;
}

/** A code was mailed (or, for sign-in, would have been if the address is bound). */
export interface CodeSent {
  ok: true;
  expiresAt: string;
}

const statusKey = ['me', 'backup-email'] as const;

export function useBackupEmail() {
  return useQuery({ queryKey: statusKey, queryFn: () => api<BackupEmailStatus>('/api/me/backup-email') });
}

export function useStartBackupEmail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => api<CodeSent>('/api/me/backup-email', { method: 'POST', body: { email } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: statusKey }),
  });
}

export function useConfirmBackupEmail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<{ ok: true }>('/api/me/backup-email/confirm', { method: 'POST', body: { code } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: statusKey }),
  });
}

export function useRemoveBackupEmail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      api<{ ok: true }>('/api/me/backup-email', { method: 'DELETE', body: { password } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: statusKey }),
  });
}

/** 臨時密碼 step 1: the same answer whether or not the address is bound to an account. */
export function useRequestTempPassword() {
  return useMutation({
    mutationFn: (email: string) => api<CodeSent>('/api/auth/temp-password', { method: 'POST', body: { email } }),
  });
}
