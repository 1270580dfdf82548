/**
 * Password login (SSO-5 一般登入, SSO-7, SSO-8) as a pipeline of small steps:
 * throttle/lock gate → directory check → account state → session. Unknown names, wrong
 * passwords and disabled accounts with a wrong password all take the same path and time.
 */
import type { LoginResponse, MfaChallenge, Role, SecondFactorMethod } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit, auditQuery } from '../audit/service.ts';
import { findAccountForLogin, recordLogin, type AccountWithOrg } from '../accounts/store.ts';
import { passwordStatus } from '../credentials/password-status.ts';
import { addressFailed, attemptFailed, beginAttempt, clearFailures } from './lockout.ts';
import { insertLoginRecord } from './login-record-store.ts';
import { newSession, revokeSessionByToken, type AuthContext, type Restriction } from './session-service.ts';
import { assertMethodAllowed } from './zones.ts';
import { satisfiesMfaAlone, secondFactorRequired } from './mfa-policy.ts';
import { checkTotpCode } from '../totp/service.ts';
import { SECOND_FACTORS, secondFactorsFor } from './second-factors.ts';
import { writeAll } from '../../platform/db/write-all.ts';

export interface CredentialCheck {
  account: string;
  /** Login-record method: 'password', 'totp', 'verify_api' … */
  method: string;
  /** Checks the credential for the account (null: unknown name — still spend comparable time). */
  verify: (accountId: number | null) => Promise<boolean>;
  /** Counted per address for throttling; null = not (see beginAttempt). */
  throttleIp: string | null;
  /** Audit action of a refusal, and what else it records (the calling system …). */
  failureAction: 'login.failure' | 'verify.failure';
  auditExtra?: Record<string, unknown>;
}

/**
 * The shared part of every sign-in (portal password, authenticator code, verification API):
 * throttle/lock gate → credential check → account state, with the same login records, lockout
 * and audit. Returns the account when the credential is right and the account may sign in;
 * otherwise throws the AppError to answer with, already recorded.
 */
export async function checkCredential(ctx: Ctx, input: CredentialCheck, actor: Actor): Promise<AccountWithOrg> {
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

  const valid = await input.verify(account?.id ?? null);
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

/** checkCredential with the directory's password check. */
export function checkPassword(
  ctx: Ctx,
  input: Omit<CredentialCheck, 'verify'> & { password: string },
  actor: Actor,
): Promise<AccountWithOrg> {
  const { password, ...rest } = input;
  return checkCredential(ctx, { ...rest, verify: (id) => ctx.directory.verifyPassword(id, password) }, actor);
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

export interface SignIn {
  token: string;
  body: LoginResponse | MfaChallenge;
}

/**
 * Opens a session for an account whose credential was just verified: rotates away the
 * browser's previous session, writes the success records, and — when the first factor alone is
 * not enough — makes it an MFA-pending session that only completes the sign-in.
 */
export async function openSession(
  ctx: Ctx,
  account: AccountWithOrg,
  input: {
    method: string;
    previousToken: string | null;
    restrict?: Restriction;
    extraAudit?: Record<string, unknown>;
    /** A second factor even where policy does not ask for one (step-up for a system, SSO-10). */
    stepUp?: boolean;
  },
  actor: Actor,
): Promise<SignIn> {
  const now = ctx.clock.now();
  const roles: Role[] = ['user', ...(account.roles as Role[])];
  const factors = input.method.split('+');
  const needsSecond =
    factors.length < 2 &&
    !satisfiesMfaAlone(factors[0]!) &&
    (input.stepUp === true || secondFactorRequired(ctx.config, account.roles, actor.ip));
  let challenge: Pick<MfaChallenge, 'methods' | 'enrolRequired'> | null = null;
  if (needsSecond) {
    const methods = await secondFactorsFor(ctx, account.id, factors[0]!);
    // No possession factor bound after a password: the person binds an authenticator app first.
    challenge = { methods, enrolRequired: methods.length === 0 && factors[0] === 'password' };
  }
  const status = factors.includes('password')
    ? passwordStatus(account, now, ctx.config.password)
    : { changeRequired: null, expiresInDays: null };
  const restriction: Restriction = challenge
    ? 'mfa'
    : (input.restrict ?? (status.changeRequired ? 'password_change' : null));
  const session = newSession(ctx, ctx.db, {
    accountId: account.id,
    method: input.method,
    ip: actor.ip,
    userAgent: actor.userAgent,
    restriction,
  });
  const last = factors.at(-1)!;
  // Every write of a successful step in one atomic statement (the hot path of the morning peak).
  await writeAll(ctx.db, [
    clearFailures(ctx, account.account),
    // Rotate: whatever session the browser held before is ended; a new token is issued.
    ...(input.previousToken ? [revokeSessionByToken(ctx, ctx.db, input.previousToken)] : []),
    session.insert,
    ...successWrites(
      ctx,
      account,
      {
        method: last,
        reason: challenge ? 'mfa_pending' : status.changeRequired ? `password_${status.changeRequired}` : null,
        action: challenge ? 'login.first_factor' : 'login.success',
        after: { method: input.method, session: session.sessionId, ...input.extraAudit },
      },
      actor,
      now,
    ),
  ]);
  const who = { account: account.account, name: account.name, csrfToken: session.csrfToken };
  return {
    token: session.token,
    body: challenge
      ? { mfaRequired: true, ...challenge, ...who }
      : {
          ...who,
          roles,
          passwordChangeRequired: status.changeRequired,
          passwordExpiresInDays: status.expiresInDays,
        },
  };
}

export async function loginWithPassword(
  ctx: Ctx,
  input: { account: string; password: string; previousToken: string | null; stepUp?: boolean },
  actor: Actor,
): Promise<SignIn> {
  assertMethodAllowed(ctx.config, 'password', actor.ip, actor.userAgent);
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
  return openSession(
    ctx,
    account,
    { method: 'password', previousToken: input.previousToken, stepUp: input.stepUp },
    actor,
  );
}

/**
 * Account + a one-time code as a sign-in of its own (動態驗證碼, 簡訊 …): the method's zone check,
 * then the shared pipeline with the method's code check, then the session.
 */
export async function loginWithCode(
  ctx: Ctx,
  method: 'totp' | 'sms',
  check: (accountId: number | null, code: string) => Promise<boolean>,
  input: { account: string; code: string; previousToken: string | null },
  actor: Actor,
): Promise<SignIn> {
  assertMethodAllowed(ctx.config, method, actor.ip, actor.userAgent);
  const account = await checkCredential(
    ctx,
    {
      account: input.account,
      method,
      verify: (id) => check(id, input.code),
      throttleIp: actor.ip ?? 'unknown',
      failureAction: 'login.failure',
    },
    actor,
  );
  return openSession(ctx, account, { method, previousToken: input.previousToken }, actor);
}

/** SSO-5 動態驗證碼 as a sign-in method of its own: account + the current code. */
export function loginWithTotp(
  ctx: Ctx,
  input: { account: string; code: string; previousToken: string | null },
  actor: Actor,
): Promise<SignIn> {
  return loginWithCode(ctx, 'totp', (id, code) => checkTotpCode(ctx, id, code), input, actor);
}

/**
 * Completes an MFA-pending session with a second factor of another kind than the first. The
 * pending session is replaced by a full one (a new token), so nothing carries over from it.
 */
export async function completeMfa(
  ctx: Ctx,
  pending: AuthContext,
  input: { method: SecondFactorMethod; credential: string; token: string },
  actor: Actor,
): Promise<SignIn> {
  const first = pending.method;
  const allowed = await secondFactorsFor(ctx, pending.accountId, first);
  if (pending.restriction !== 'mfa' || !allowed.includes(input.method))
    throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'method', message: `one of ${allowed.join(', ')}` }]);
  const factor = SECOND_FACTORS[input.method];
  const verify = (id: number | null) => factor.verify(ctx, id, input.credential);
  const account = await checkCredential(
    ctx,
    {
      account: pending.account,
      method: input.method,
      verify: async (id) => id === pending.accountId && (await verify(id)),
      throttleIp: actor.ip ?? 'unknown',
      failureAction: 'login.failure',
    },
    actor,
  );
  return openSession(
    ctx,
    account,
    { method: `${first}+${input.method}`, previousToken: input.token },
    { ...actor, accountId: account.id, account: account.account },
  );
}
