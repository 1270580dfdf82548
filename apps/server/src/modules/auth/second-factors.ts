/**
 * SSO-10 second factors, one entry each: what the factor proves (knowledge or possession),
 * whether an account has it bound, and how to check what the person sent. A second step must
 * be of the other kind than the first; each login method adds its entry here.
 */
import type { SecondFactorMethod } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { checkMfaCode, smsFactorBound } from '../sms/service.ts';
import { checkRecoveryCode, checkTotpCode } from '../totp/service.ts';
import { hasConfirmedTotp } from '../totp/store.ts';
import { countPasskeys } from '../passkey/store.ts';
import { checkPasskeySecondFactor } from '../passkey/service.ts';

export type FactorKind = 'knowledge' | 'possession';

export interface SecondFactor {
  kind: FactorKind;
  /** Whether the account can use this factor now (bound and confirmed). */
  bound: (ctx: Ctx, accountId: number) => Promise<boolean>;
  /** Checks the credential (a code, a password, a serialized assertion …); null = unknown account. */
  verify: (ctx: Ctx, accountId: number | null, credential: string) => Promise<boolean>;
}

export const SECOND_FACTORS: Record<SecondFactorMethod, SecondFactor> = {
  totp: { kind: 'possession', bound: (ctx, id) => hasConfirmedTotp(ctx.db, id), verify: checkTotpCode },
  recovery: { kind: 'possession', bound: (ctx, id) => hasConfirmedTotp(ctx.db, id), verify: checkRecoveryCode },
  password: {
    kind: 'knowledge',
    bound: async () => true,
    verify: (ctx, id, password) => ctx.directory.verifyPassword(id, password),
  },
  sms: { kind: 'possession', bound: smsFactorBound, verify: checkMfaCode },
  // The credential is the WebAuthn assertion as JSON (POST /api/auth/mfa/passkey/options first).
  passkey: {
    kind: 'possession',
    bound: async (ctx, id) => (await countPasskeys(ctx.db, id)) > 0,
    verify: checkPasskeySecondFactor,
  },
};

/** What a first sign-in method proves: the password is knowledge, every code or key possession. */
export const kindOfFirst = (method: string): FactorKind => (method === 'password' ? 'knowledge' : 'possession');

/** The second factors that may follow `first` for this account, in the order the page offers them. */
export async function secondFactorsFor(ctx: Ctx, accountId: number, first: string): Promise<SecondFactorMethod[]> {
  const want: FactorKind = kindOfFirst(first) === 'knowledge' ? 'possession' : 'knowledge';
  const out: SecondFactorMethod[] = [];
  for (const [method, f] of Object.entries(SECOND_FACTORS) as [SecondFactorMethod, SecondFactor][])
    if (f.kind === want && (await f.bound(ctx, accountId))) out.push(method);
  return out;
}
