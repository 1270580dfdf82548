/** 手機掃碼登入 (SSO-5): bound phones in 登入安全, the desktop's challenge, the phone's approval. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  QrApprove,
  QrChallenge,
  QrChallengeInfo,
  QrDevice,
  QrDeviceBind,
  QrDeviceList,
  QrStatus,
  SignInResponse,
} from '@menhu/contracts';
import { api } from './client.ts';

const devicesKey = ['me', 'qr-devices'] as const;

export function useQrDevices() {
  return useQuery({ queryKey: devicesKey, queryFn: () => api<QrDeviceList>('/api/me/qr-devices') });
}

export function useBindQrDevice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: QrDeviceBind) => api<QrDevice>('/api/me/qr-devices', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: devicesKey }),
  });
}

export function useRenameQrDevice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      api<{ ok: true }>(`/api/me/qr-devices/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: devicesKey }),
  });
}

/** 解除綁定 from 登入安全, with the password (PasswordConfirmModal calls it with the password). */
export function useUnbindQrDevice(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      api<{ ok: true }>(`/api/me/qr-devices/${encodeURIComponent(id ?? '')}`, { method: 'DELETE', body: { password } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: devicesKey }),
  });
}

/** The phone removes its own binding, proving it with the device key. */
export const unbindOwnDevice = (id: string, signature: string) =>
  api<{ ok: true }>(`/api/qr-devices/${encodeURIComponent(id)}/unbind`, { method: 'POST', body: { signature } });

export const createQrChallenge = () => api<QrChallenge>('/api/auth/qr', { method: 'POST' });
export const qrStatus = (id: string) => api<QrStatus>(`/api/auth/qr/${encodeURIComponent(id)}`);
export const redeemQr = (challengeId: string) =>
  api<SignInResponse>('/api/auth/login/qr', { method: 'POST', body: { challengeId } });
export const qrEventsUrl = (id: string) => `/api/auth/qr/${encodeURIComponent(id)}/events`;

export function useQrChallengeInfo(id: string) {
  return useQuery({
    queryKey: ['qr-info', id],
    queryFn: () => api<QrChallengeInfo>(`/api/auth/qr/${encodeURIComponent(id)}/info`),
    enabled: id !== '',
    retry: false,
    gcTime: 0,
  });
}

export const decideQr = (id: string, body: QrApprove) =>
  api<{ decision: string; account: string }>(`/api/auth/qr/${encodeURIComponent(id)}/approve`, {
    method: 'POST',
    body,
  });
