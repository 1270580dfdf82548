/** 實體自然人憑證 (SSO-5): where HiPKI is, challenges, card sign-in, and self-service bindings. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MoicaBinding, MoicaBindingList, MoicaChallenge, MoicaConfig, SignInResponse } from '@menhu/contracts';
import { api, setCsrfToken } from './client.ts';
import { isChallenge, useFinishSignIn, type MfaChallenge } from './auth.ts';

const bindingsKey = ['me', 'moica'] as const;

export function useMoicaConfig() {
  return useQuery({
    queryKey: ['auth', 'moica', 'config'],
    queryFn: () => api<MoicaConfig>('/api/auth/moica/config'),
    staleTime: Infinity,
    retry: false,
  });
}

export const loginChallenge = () => api<MoicaChallenge>('/api/auth/moica/challenge', { method: 'POST' });
export const bindChallenge = () => api<MoicaChallenge>('/api/me/moica/challenge', { method: 'POST' });

export interface SignedChallenge {
  challengeId: string;
  signature: string;
  /** HiPKI's certb64, for a signature that does not carry its certificate. */
  certificate?: string;
}

/** Card sign-in: a full session (the card is two factors), or — should policy ever ask — a challenge. */
export function useMoicaSignIn() {
  const finish = useFinishSignIn();
  return useMutation({
    mutationFn: async (body: SignedChallenge): Promise<MfaChallenge | null> => {
      const res = await api<SignInResponse>('/api/auth/login/moica', { method: 'POST', body });
      if (isChallenge(res)) {
        setCsrfToken(res.csrfToken);
        return res;
      }
      await finish(res);
      return null;
    },
  });
}

export function useMoicaBindings() {
  return useQuery({ queryKey: bindingsKey, queryFn: () => api<MoicaBindingList>('/api/me/moica') });
}

export function useBindMoica() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SignedChallenge) => api<MoicaBinding>('/api/me/moica', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: bindingsKey }),
  });
}

export function useUnbindMoica(id: number | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      api<{ ok: true }>(`/api/me/moica/${id ?? 0}`, { method: 'DELETE', body: { password } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: bindingsKey }),
  });
}
