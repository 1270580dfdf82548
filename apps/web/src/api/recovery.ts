/** SSO-9 開通帳號 and 忘記密碼 (public): code to the backup address → ticket → new password. */
import { useMutation } from '@tanstack/react-query';
import type {
  MobileMoicaStarted,
  RecoveryCodeRequest,
  RecoveryMobileMoicaStart,
  RecoveryMobileMoicaStatus,
  RecoveryDone,
  RecoveryPassword,
  RecoveryTicket,
  RecoveryVerify,
} from '@menhu/contracts';
import { api } from './client.ts';
import { useMobileMoicaPoll } from './mobile-moica.ts';
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

const MOBILE_MOICA = '/api/auth/recovery/mobile-moica';

/** 身分驗證 by 行動自然人憑證: the same answer whether or not account, ID number and status match. */
export function useStartRecoveryMobileMoica() {
  return useMutation({
    mutationFn: (body: RecoveryMobileMoicaStart) => api<MobileMoicaStarted>(MOBILE_MOICA, { method: 'POST', body }),
  });
}

/** Its poll; once approved, the ticket for 設定密碼. */
export function useRecoveryMobileMoicaStatus(started: MobileMoicaStarted | null) {
  return useMobileMoicaPoll<RecoveryMobileMoicaStatus>(started, MOBILE_MOICA);
}
