/**
 * Password login (SSO-5 一般登入, SSO-7, SSO-8) as a pipeline of small steps:
 * throttle/lock gate → directory check → account state → session. Unknown names, wrong
 * passwords and disabled accounts with a wrong password all take the same path and time.
 */
import type { LoginResponse, Role } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit, auditQuery } from '../audit/service.ts';
import { findAccountForLogin, recordLogin, type AccountWithOrg } from '../accounts/store.ts';
import { passwordStatus } from '../credentials/password-status.ts';
import { addressFailed, attemptFailed, beginAttempt, clearFailures } from './lockout.ts';
import { insertLoginRecord } from './login-record-store.ts';
import { newSession, revokeSessionByToken } from './session-service.ts';
import { writeAll } from '../../platform/db/write-all.ts';

export interface LoginResult {
  body: LoginResponse;
  token: string;
}

export interface PasswordCheck {
  account: string;
  password: string;
  /** Login-record method: 'password' for the portal, 'verify_api' for the verification API. */
  method: 'password' | 'verify_api';
  /** Counted per address for throttling; null = not (see beginAttempt). */
  throttleIp: string | null;
  /** Audit action of a refusal, and what else it records (the calling system …). */
  failureAction: 'login.failure' | 'verify.failure';
  auditExtra?: Record<string, unknown>;
}

/**
 * The shared part of every password sign-in (portal and verification API): throttle/lock gate →
 * directory check → account state, with the same login records, lockout and audit. Returns the
 * account when the password is right and the account may sign in; otherwise throws the AppError
 * to answer with, already recorded.
 */
export async function checkPassword(ctx: Ctx, input: PasswordCheck, actor: Actor): Promise<AccountWithOrg> {
  const name = input.account.trim().toLowerCase();
  const now = ctx.clock.now();
  const record = async (success: boolean, reason: string | null, accountId: number | null) => {
    await insertLoginRecord(ctx.db, {
      at: now,
      accountId,
      accountName: name.slice(0, 64),
      method: input.method,
      success,
      reason,
      ip: actor.ip,
      userAgent: actor.userAgent?.slice(0, 400) ?? null,
    });
  };
  // An unknown name is recorded as a name, never as an account id: a name such as "8" must not
  // show up in the history of account 8.
  const target = (accountId: number | null) =>
    accountId === null
      ? { type: 'account_name', id: name.slice(0, 64), label: name.slice(0, 64) }
      : { type: 'account', id: accountId, label: name.slice(0, 64) };
  const failAudit = async (reason: string, accountId: number | null) => {
    await record(false, reason, accountId);
    await audit(
      ctx.db,
      ctx,
      { ...actor, accountId, account: name.slice(0, 64) },
      {
        action: input.failureAction,
        result: 'failure',
        target: target(accountId),
        after: { method: input.method, reason, ...input.auditExtra },
      },
    );
  };

  const gate = await beginAttempt(ctx, name, input.throttleIp);
  const account = await findAccountForLogin(ctx.db, name);
  if (gate.kind === 'locked') {
    // Refusals of a locked name still count against the address, so a flood of them is throttled.
    await addressFailed(ctx, input.throttleIp);
    await failAudit('locked', account?.id ?? null);
    throw new AppError('MENHU_ERR_ACCOUNT_LOCKED', { lockedUntil: gate.until.toISOString() });
  }

  const valid = await ctx.directory.verifyPassword(account?.id ?? null, input.password);
  if (!valid || !account) {
    const lockedUntil = await attemptFailed(ctx, name, input.throttleIp, gate.count);
    await failAudit('invalid_credentials', account?.id ?? null);
    if (lockedUntil) {
      await audit(
        ctx.db,
        ctx,
        { ...actor, accountId: null, account: null },
        {
          action: 'login.locked',
          result: 'failure',
          target: target(account?.id ?? null),
          after: { lockedUntil: lockedUntil.toISOString() },
        },
      );
      throw new AppError('MENHU_ERR_ACCOUNT_LOCKED', { lockedUntil: lockedUntil.toISOString() });
    }
    throw new AppError('MENHU_ERR_INVALID_CREDENTIALS');
  }

  // The password was right; the remaining refusals may say why, since the caller knows it.
  if (account.status === 'disabled') {
    await failAudit('disabled', account.id);
    throw new AppError('MENHU_ERR_ACCOUNT_DISABLED');
  }
  if (account.status === 'pending') {
    await failAudit('not_activated', account.id);
    throw new AppError('MENHU_ERR_ACCOUNT_NOT_ACTIVATED');
  }
  return account;
}

/**
 * The writes of a successful sign-in, unexecuted (for one writeAll statement): last-login
 * counters, the login record and the audit event.
 */
export function successWrites(
  ctx: Ctx,
  account: AccountWithOrg,
  what: { method: string; reason: string | null; action: string; after: Record<string, unknown> },
  actor: Actor,
  now: Date,
) {
  return [
    recordLogin(ctx.db, account.id, now),
    insertLoginRecord(ctx.db, {
      at: now,
      accountId: account.id,
      accountName: account.account,
      method: what.method,
      success: true,
      reason: what.reason,
      ip: actor.ip,
      userAgent: actor.userAgent?.slice(0, 400) ?? null,
    }),
    auditQuery(
      ctx.db,
      ctx,
      { ...actor, accountId: account.id, account: account.account },
      { action: what.action, target: { type: 'account', id: account.id, label: account.account }, after: what.after },
    ),
  ];
}

export async function loginWithPassword(
  ctx: Ctx,
  input: { account: string; password: string; previousToken: string | null },
  actor: Actor,
): Promise<LoginResult> {
  const name = input.account.trim().toLowerCase();
  const now = ctx.clock.now();
  const account = await checkPassword(
    ctx,
    {
      account: input.account,
      password: input.password,
      method: 'password',
      throttleIp: actor.ip ?? 'unknown',
      failureAction: 'login.failure',
    },
    actor,
  );

  const status = passwordStatus(account, now, ctx.config.password);
  const roles: Role[] = ['user', ...(account.roles as Role[])];
  const session = newSession(ctx, ctx.db, {
    accountId: account.id,
    method: 'password',
    ip: actor.ip,
    userAgent: actor.userAgent,
    restriction: status.changeRequired ? 'password_change' : null,
  });
  // Every write of a successful login in one atomic statement (the hot path of the morning peak).
  await writeAll(ctx.db, [
    clearFailures(ctx, name),
    // Rotate: whatever session the browser held before is ended; a new token is issued.
    ...(input.previousToken ? [revokeSessionByToken(ctx, ctx.db, input.previousToken)] : []),
    session.insert,
    ...successWrites(
      ctx,
      account,
      {
        method: 'password',
        reason: status.changeRequired ? `password_${status.changeRequired}` : null,
        action: 'login.success',
        after: { method: 'password', session: session.sessionId },
      },
      actor,
      now,
    ),
  ]);
  return {
    token: session.token,
    body: {
      account: account.account,
      name: account.name,
      roles,
      csrfToken: session.csrfToken,
      passwordChangeRequired: status.changeRequired,
      passwordExpiresInDays: status.expiresInDays,
    },
  };
}
