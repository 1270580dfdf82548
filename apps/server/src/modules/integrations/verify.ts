/**
 * SSO-2 帳號驗證: a system with its own login form asks whether account + password are right.
 * The same pipeline as the portal's sign-in (lockout per name, records, audit naming the
 * system); the answer never says whether the account exists. Per-address throttling is replaced
 * by the per-application rate limit, since one server speaks for many people.
 */
import type { VERIFY_REASONS } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { passwordStatus } from '../credentials/password-status.ts';
import { requiredByRole } from '../auth/mfa-policy.ts';
import type { AccountWithOrg } from '../accounts/store.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { writeAll } from '../../platform/db/write-all.ts';
import { checkPassword, successWrites } from '../auth/login-service.ts';
import { clearFailures } from '../auth/lockout.ts';
import { countAttempt, readThrottle } from '../auth/throttle-store.ts';
import type { CallingApp } from './app-auth.ts';
import { approvedClaims } from './claims.ts';

export type VerifyAnswer =
  | { valid: true; sub: string; account: string; claims: Record<string, string> }
  | { valid: false; reason: (typeof VERIFY_REASONS)[number] };

const REASONS: Record<string, Exclude<VerifyAnswer, { valid: true }>['reason']> = {
  MENHU_ERR_INVALID_CREDENTIALS: 'invalid_credentials',
  MENHU_ERR_ACCOUNT_LOCKED: 'locked',
  MENHU_ERR_ACCOUNT_DISABLED: 'disabled',
  MENHU_ERR_ACCOUNT_NOT_ACTIVATED: 'not_activated',
};

/** A refusal after a right password: recorded, and counted against the application's budget. */
async function refuse(
  ctx: Ctx,
  account: AccountWithOrg,
  reason: string,
  system: Record<string, unknown>,
  actor: Actor,
): Promise<void> {
  await audit(
    ctx.db,
    ctx,
    { ...actor, accountId: account.id, account: account.account },
    {
      action: 'verify.failure',
      result: 'failure',
      target: { type: 'account', id: account.id, label: account.account },
      after: { method: 'verify_api', reason, ...system },
    },
  );
}

export async function verifyAccount(
  ctx: Ctx,
  caller: CallingApp,
  input: { account: string; password: string },
  actor: Actor,
): Promise<VerifyAnswer> {
  const system = { app: caller.app.apcode, appName: caller.app.name };
  // Password spraying through an application: its failed verifications share one budget per
  // window across all nodes; beyond it the application gets 429 until the window passes.
  const budgetKey = `app:${caller.app.id}`;
  const now0 = ctx.clock.now();
  const { ipWindowMs } = ctx.config.lockout;
  const spent = (await readThrottle(ctx.db, [budgetKey])).get(budgetKey);
  if (
    spent &&
    spent.failures >= ctx.config.integrationRate.failureBudget &&
    spent.windowStartedAt.getTime() + ipWindowMs > now0.getTime()
  )
    throw new AppError('MENHU_ERR_RATE_LIMITED', undefined, {
      'retry-after': String(Math.ceil((spent.windowStartedAt.getTime() + ipWindowMs - now0.getTime()) / 1000)),
    });
  let account;
  try {
    account = await checkPassword(
      ctx,
      {
        account: input.account,
        password: input.password,
        method: 'verify_api',
        throttleIp: null,
        failureAction: 'verify.failure',
        auditExtra: system,
      },
      actor,
    );
  } catch (err) {
    const reason = err instanceof AppError ? REASONS[err.code] : undefined;
    if (reason === 'invalid_credentials' || reason === 'locked')
      await countAttempt(ctx.db, budgetKey, now0, ipWindowMs);
    if (reason) return { valid: false, reason };
    throw err;
  }
  const now = ctx.clock.now();
  // A system's own form cannot ask for a second factor: accounts whose role requires one
  // (SSO-10) sign in to such systems through single sign-on instead.
  if (requiredByRole(ctx.config, account.roles)) {
    await refuse(ctx, account, 'mfa_required', system, actor);
    return { valid: false, reason: 'mfa_required' };
  }
  // An expired or administrator-reset password must first be changed on the portal (SSO-8);
  // a system's own login form cannot be a way around that.
  if (passwordStatus(account, now, ctx.config.password).changeRequired) {
    await refuse(ctx, account, 'password_change_required', system, actor);
    return { valid: false, reason: 'password_change_required' };
  }
  await writeAll(ctx.db, [
    clearFailures(ctx, account.account),
    ...successWrites(
      ctx,
      account,
      { method: 'verify_api', reason: null, action: 'verify.success', after: { method: 'verify_api', ...system } },
      actor,
      now,
    ),
  ]);
  return {
    valid: true,
    sub: String(account.id),
    account: account.account,
    claims: approvedClaims(account, caller.approved),
  };
}
