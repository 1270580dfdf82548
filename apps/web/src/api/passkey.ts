/**
 * 通行金鑰 (passkeys): the signed-in person's list, adding (password → options → the browser's
 * WebAuthn ceremony → verified by the server), renaming and removing; and the sign-in step.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  startAuthentication,
  startRegistration,
  WebAuthnError,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { Passkey, PasskeyList, PasskeyOptions, SignInResponse } from '@menhu/contracts';
import { api, setCsrfToken } from './client.ts';
import { isChallenge, useFinishSignIn, type MfaChallenge } from './auth.ts';

const listKey = ['me', 'passkeys'] as const;

export function usePasskeys() {
  return useQuery({ queryKey: listKey, queryFn: () => api<PasskeyList>('/api/me/passkeys') });
}

export function useAddPasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { password: string; name: string }) => {
      const options = await api<PasskeyOptions>('/api/me/passkeys/options', {
        method: 'POST',
        body: { password: v.password },
      });
      const response = await startRegistration({
        optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
      });
      return api<Passkey>('/api/me/passkeys', {
        method: 'POST',
        body: { response, ...(v.name.trim() ? { name: v.name.trim() } : {}) },
      });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: listKey }),
  });
}

export function useRenamePasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; name: string }) =>
      api<Passkey>(`/api/me/passkeys/${v.id}`, { method: 'PATCH', body: { name: v.name } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: listKey }),
  });
}

/** Removal of the passkey `id`, called with the password (for PasswordConfirmModal). */
export function useRemovePasskey(id: number | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      api<{ ok: true }>(`/api/me/passkeys/${id ?? 0}`, { method: 'DELETE', body: { password } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: listKey }),
  });
}

/** Sign-in with a passkey: options (the server sets a challenge cookie), the browser's prompt, the assertion. */
export function usePasskeySignIn() {
  const finish = useFinishSignIn();
  return useMutation({
    mutationFn: async (opts: { autofill?: boolean } = {}): Promise<MfaChallenge | null> => {
      const options = await api<PasskeyOptions>('/api/auth/passkey/options', { method: 'POST' });
      const response = await startAuthentication({
        optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
        useBrowserAutofill: opts.autofill === true,
      });
      const res = await api<SignInResponse>('/api/auth/login/passkey', { method: 'POST', body: { response } });
      if (isChallenge(res)) {
        setCsrfToken(res.csrfToken);
        return res;
      }
      await finish(res);
      return null;
    },
  });
}

/** What went wrong in the browser's part of a ceremony, as a message key (null: an API error, shown as worded). */
export function passkeyErrorKey(
  err: unknown,
): 'passkey.cancelled' | 'passkey.alreadyAdded' | 'passkey.unsupported' | 'passkey.browserError' | null {
  if (err instanceof WebAuthnError) {
    if (err.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return 'passkey.alreadyAdded';
    const cause = (err as { cause?: unknown }).cause;
    // Cancelled by the person, timed out, or no passkey chosen: the browser says only NotAllowedError.
    if (
      err.code === 'ERROR_CEREMONY_ABORTED' ||
      err.name === 'NotAllowedError' ||
      (cause as Error | undefined)?.name === 'NotAllowedError'
    )
      return 'passkey.cancelled';
    return 'passkey.browserError';
  }
  if (err instanceof Error && err.name === 'NotAllowedError') return 'passkey.cancelled';
  if (err instanceof Error && /WebAuthn is not supported/iu.test(err.message)) return 'passkey.unsupported';
  return null;
}

/** The second step after a password (SSO-10): the assertion, as the credential POST /api/auth/mfa/passkey takes. */
export async function passkeySecondFactor(): Promise<string> {
  const options = await api<PasskeyOptions>('/api/auth/mfa/passkey/options', { method: 'POST' });
  const response = await startAuthentication({
    optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
  });
  return JSON.stringify(response);
}
