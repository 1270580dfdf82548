/** SSO-9 開通帳號 and 忘記密碼 (public): code to the backup address → ticket → new password. */
import { useMutation } from '@tanstack/react-query';
import type {
  RecoveryCodeRequest,
  RecoveryDone,
  RecoveryPassword,
  RecoveryTicket,
  RecoveryVerify,
} from '@menhu/contracts';
import { api } from './client.ts';
import type { CodeSent } from './backup-email.ts';

export function useRecoveryCode() {
  return useMutation({
    mutationFn: (body: RecoveryCodeRequest) => api<CodeSent>('/api/auth/recovery/code', { method: 'POST', body }),
  });
}

export function useRecoveryVerify() {
  return useMutation({
    mutationFn: (body: RecoveryVerify) => api<RecoveryTicket>('/api/auth/recovery/verify', { method: 'POST', body }),
  });
}

export function useRecoveryPassword() {
  return useMutation({
    mutationFn: (body: RecoveryPassword) => api<RecoveryDone>('/api/auth/recovery/password', { method: 'POST', body }),
  });
}
