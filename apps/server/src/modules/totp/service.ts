/**
 * SSO-5 動態驗證碼 self-service and checks: bind (pending → confirmed by a code, with ten
 * recovery codes), unbind with re-authentication, and the code checks sign-in uses. Secrets
 * encrypted at rest; each 30-second code accepted once; recovery codes single use, as HMACs.
 */
import crypto from 'node:crypto';
import type { Actor, Ctx } from '../../platform/context.ts';
import { SecretBox } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { assertKeepsSecondFactor } from '../factors/service.ts';
import type { AuthContext } from '../auth/session-service.ts';
import { base32Encode, matchStep, newSecret, otpauthUri } from './totp.ts';
import {
  claimStep,
  deleteTotp,
  findTotp,
  replaceRecoveryCodes,
  unusedRecoveryCodes,
  upsertPending,
  useRecoveryCode,
} from './store.ts';
import { assertCurrentPassword } from '../credentials/service.ts';

const box = (ctx: Ctx) => new SecretBox(ctx.keys.factorSecrets);
const target = (auth: Pick<AuthContext, 'accountId' | 'account'>) => ({
  type: 'account',
  id: auth.accountId,
  label: auth.account,
});

/** 16 base32 characters (80 bits) shown as xxxx-xxxx-xxxx-xxxx. */
function newRecoveryCode(): string {
  return base32Encode(crypto.randomBytes(10)).match(/.{4}/gu)!.join('-');
}

function codeHash(ctx: Ctx, accountId: number, code: string): string {
  const normal = code.replace(/[\s-]/gu, '').toUpperCase();
  return crypto.createHmac('sha256', ctx.keys.codeIndex).update(`${accountId}:${normal}`).digest('base64url');
}

export async function totpStatus(ctx: Ctx, accountId: number) {
  const row = await findTotp(ctx.db, accountId);
  const bound = Boolean(row?.confirmedAt);
  return {
    bound,
    boundAt: row?.confirmedAt?.toISOString() ?? null,
    lastUsedAt: row?.lastUsedAt?.toISOString() ?? null,
    recoveryCodesLeft: bound ? await unusedRecoveryCodes(ctx.db, accountId) : 0,
  };
}

export async function beginBinding(ctx: Ctx, auth: AuthContext): Promise<{ otpauthUri: string; secret: string }> {
  const secret = newSecret();
  const rows = await upsertPending(ctx.db, auth.accountId, box(ctx).encrypt(secret), ctx.clock.now());
  if (!rows.length)
    throw new AppError('MENHU_ERR_CONFLICT', [{ path: 'totp', message: 'already bound; unbind first' }]);
  return { otpauthUri: otpauthUri(ctx.config.totpIssuer, auth.account, secret), secret };
}

export async function confirmBinding(
  ctx: Ctx,
  auth: AuthContext,
  code: string,
  actor: Actor,
): Promise<{ recoveryCodes: string[] }> {
  const now = ctx.clock.now();
  const row = await findTotp(ctx.db, auth.accountId);
  if (!row || row.confirmedAt) throw new AppError('MENHU_ERR_TOTP_NOT_BOUND');
  const step = matchStep(box(ctx).decrypt(row.secretEnc), code, now.getTime(), row.lastUsedStep);
  if (step === null) throw new AppError('MENHU_ERR_INVALID_CODE');
  const codes = Array.from({ length: 10 }, newRecoveryCode);
  await ctx.db.transaction(async (tx) => {
    if (!(await claimStep(tx, auth.accountId, step, now, true))) throw new AppError('MENHU_ERR_INVALID_CODE');
    await replaceRecoveryCodes(
      tx,
      auth.accountId,
      codes.map((c) => codeHash(ctx, auth.accountId, c)),
      now,
    );
    await audit(tx, ctx, actor, { action: 'totp.bind', target: target(auth) });
  });
  return { recoveryCodes: codes };
}

export async function unbind(ctx: Ctx, auth: AuthContext, password: string, actor: Actor): Promise<void> {
  await assertCurrentPassword(ctx, auth, password, actor.ip);
  const row = await findTotp(ctx.db, auth.accountId);
  if (!row) throw new AppError('MENHU_ERR_TOTP_NOT_BOUND');
  // Refused when it is the last second factor and the role requires one.
  if (row.confirmedAt) await assertKeepsSecondFactor(ctx, auth, { kind: 'totp' });
  await ctx.db.transaction(async (tx) => {
    await deleteTotp(tx, auth.accountId);
    await audit(tx, ctx, actor, { action: 'totp.unbind', target: target(auth) });
  });
}

/** A current code of the account's confirmed binding, accepted once. Unknown account: false. */
export async function checkTotpCode(ctx: Ctx, accountId: number | null, code: string): Promise<boolean> {
  if (accountId === null) return false;
  const row = await findTotp(ctx.db, accountId);
  if (!row?.confirmedAt) return false;
  const now = ctx.clock.now();
  const step = matchStep(box(ctx).decrypt(row.secretEnc), code.trim(), now.getTime(), row.lastUsedStep);
  return step !== null && claimStep(ctx.db, accountId, step, now, false);
}

/** One of the account's unused recovery codes, used up by this call. */
export async function checkRecoveryCode(ctx: Ctx, accountId: number | null, code: string): Promise<boolean> {
  if (accountId === null || code.length > 40) return false;
  return useRecoveryCode(ctx.db, accountId, codeHash(ctx, accountId, code), ctx.clock.now());
}
