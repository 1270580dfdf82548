/** 簡訊 (SSO-5): the bound mobile number, 簡訊登入 codes, the second step's send, 簡訊發送紀錄. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SmsMessage, SmsStatus } from '@menhu/contracts';
import { api } from './client.ts';
import type { CodeSent } from './backup-email.ts';

export type { SmsMessage, SmsStatus };

const statusKey = ['me', 'sms'] as const;

export function useSmsStatus() {
  return useQuery({ queryKey: statusKey, queryFn: () => api<SmsStatus>('/api/me/sms') });
}

/** Sends a binding code; changing a bound number needs the password. */
export function useStartSms() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { phone: string; password?: string }) => api<CodeSent>('/api/me/sms', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: statusKey }),
  });
}

export function useConfirmSms() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<{ ok: true }>('/api/me/sms/confirm', { method: 'POST', body: { code } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: statusKey }),
  });
}

export function useRemoveSms() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api<{ ok: true }>('/api/me/sms', { method: 'DELETE', body: { password } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: statusKey }),
  });
}

/** 簡訊登入 step 1: the same answer whether or not the account has a number. */
export function useRequestSmsLogin() {
  return useMutation({
    mutationFn: (account: string) => api<CodeSent>('/api/auth/sms', { method: 'POST', body: { account } }),
  });
}

/** The second step: send a code to the pending session's bound number. */
export function useSendMfaSms() {
  return useMutation({
    mutationFn: () => api<CodeSent & { phone: string }>('/api/auth/mfa/sms/send', { method: 'POST' }),
  });
}

export interface SmsMessagePage {
  items: SmsMessage[];
  total: number;
  page: number;
  pageSize: number;
}

export function useSmsMessages(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['admin', 'sms-messages', page, pageSize],
    queryFn: () => api<SmsMessagePage>(`/api/admin/sms-messages?page=${page}&pageSize=${pageSize}`),
    placeholderData: keepPreviousData,
  });
}
