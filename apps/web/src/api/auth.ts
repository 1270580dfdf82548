/**
 * Sign-in steps (SSO-5, SSO-10): the methods offered here, the first step (password,
 * 動態驗證碼 or 臨時密碼), the second step from an MFA-pending session, and finishing a sign-in.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  LoginMethods,
  LoginRequest,
  LoginResponse,
  Me,
  MfaChallenge,
  SignInResponse,
  TotpLoginRequest,
} from '@menhu/contracts';
import { api, setCsrfToken } from './client.ts';
import { meKey } from './me.ts';

export type { MfaChallenge };
export type SecondFactor = MfaChallenge['methods'][number];

export const isChallenge = (res: SignInResponse): res is MfaChallenge => 'mfaRequired' in res;

export function useLoginMethods() {
  return useQuery({
    queryKey: ['auth', 'methods'],
    queryFn: () => api<LoginMethods>('/api/auth/methods'),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/**
 * After a complete sign-in: the new session's CSRF token, nothing cached from another person,
 * and the session itself (the login page moves on once /api/me answers).
 */
export function useFinishSignIn() {
  const qc = useQueryClient();
  return async (res: LoginResponse | null) => {
    if (res) setCsrfToken(res.csrfToken);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    const me = await qc.fetchQuery({ queryKey: meKey, queryFn: () => api<Me>('/api/me') });
    setCsrfToken(me.csrfToken);
  };
}

export type SignInStep =
  | { kind: 'password'; body: LoginRequest }
  | { kind: 'totp'; body: TotpLoginRequest }
  | { kind: 'temp_password'; body: { email: string; code: string } }
  | { kind: 'sms'; body: { account: string; code: string } }
  | { kind: 'mfa'; method: SecondFactor; credential: string };

function request(step: SignInStep): Promise<SignInResponse> {
  switch (step.kind) {
    case 'password':
      return api<SignInResponse>('/api/auth/login', { method: 'POST', body: step.body });
    case 'totp':
      return api<SignInResponse>('/api/auth/login/totp', { method: 'POST', body: step.body });
    case 'temp_password':
      return api<SignInResponse>('/api/auth/login/temp-password', { method: 'POST', body: step.body });
    case 'sms':
      return api<SignInResponse>('/api/auth/login/sms', { method: 'POST', body: step.body });
    case 'mfa':
      return api<SignInResponse>(`/api/auth/mfa/${step.method}`, {
        method: 'POST',
        body:
          step.method === 'password'
            ? { password: step.credential }
            : step.method === 'passkey'
              ? { response: JSON.parse(step.credential) as unknown }
              : { code: step.credential },
      });
  }
}

/**
 * One sign-in step. A challenge keeps the pending session's CSRF token (logout and enrolment
 * need it) and is handed back for the next step; a complete sign-in is finished here.
 */
export function useSignInStep() {
  const finish = useFinishSignIn();
  return useMutation({
    mutationFn: async (step: SignInStep): Promise<MfaChallenge | null> => {
      const res = await request(step);
      if (isChallenge(res)) {
        setCsrfToken(res.csrfToken);
        return res;
      }
      await finish(res);
      return null;
    },
  });
}
