/** 行動自然人憑證: start a push for an ID number, then poll its outcome (sign-in; also used by recovery). */
import { useMutation, useQuery } from '@tanstack/react-query';
import type { MobileMoicaStarted, MobileMoicaState, MobileMoicaStatus } from '@menhu/contracts';
import { api } from './client.ts';

/** Step 1: the same answer whether or not the ID number belongs to an account. */
export function useStartMobileMoica() {
  return useMutation({
    mutationFn: (idNumber: string) =>
      api<MobileMoicaStarted>('/api/auth/mobile-moica', { method: 'POST', body: { idNumber } }),
  });
}

/** Step 2: asks every `pollIntervalMs` while the answer is 'pending'; stops on anything else. */
export function useMobileMoicaStatus(started: MobileMoicaStarted | null) {
  return useMobileMoicaPoll<MobileMoicaStatus>(started, '/api/auth/mobile-moica');
}

/** The poll of a transaction started at `base` (sign-in, or 身分驗證 for 開通帳號 / 忘記密碼). */
export function useMobileMoicaPoll<T extends { status: MobileMoicaState }>(
  started: MobileMoicaStarted | null,
  base: string,
) {
  return useQuery({
    queryKey: ['auth', base, started?.id],
    queryFn: () => api<T>(`${base}/${started!.id}`),
    enabled: started !== null,
    refetchInterval: (q) =>
      q.state.error || (q.state.data && q.state.data.status !== 'pending') ? false : (started?.pollIntervalMs ?? 2000),
    refetchIntervalInBackground: true,
    retry: false,
    gcTime: 0,
    staleTime: 0,
  });
}
