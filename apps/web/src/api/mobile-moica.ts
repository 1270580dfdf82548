/** 行動自然人憑證 sign-in: start a push for an ID number, then poll its outcome. */
import { useMutation, useQuery } from '@tanstack/react-query';
import type { MobileMoicaStarted, MobileMoicaStatus } from '@menhu/contracts';
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
  return useQuery({
    queryKey: ['auth', 'mobile-moica', started?.id],
    queryFn: () => api<MobileMoicaStatus>(`/api/auth/mobile-moica/${started!.id}`),
    enabled: started !== null,
    refetchInterval: (q) =>
      q.state.error || (q.state.data && q.state.data.status !== 'pending') ? false : (started?.pollIntervalMs ?? 2000),
    refetchIntervalInBackground: true,
    retry: false,
    gcTime: 0,
    staleTime: 0,
  });
}
