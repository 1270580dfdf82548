/**
 * SSO-8 password changes. Every new password passes the shared policy, differs from the
 * last three, is written to the directory (and so to PC and mail logins in AD deployments),
 * and is audited in the same transaction as the change.
 */
import crypto from 'node:crypto';
import { PASSWORD_HISTORY, checkPassword, type PasswordCheck } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { attemptFailed, attemptSucceeded, beginAttempt } from '../auth/lockout.ts';
import { updateAccountRow, type AccountWithOrg } from '../accounts/store.ts';
import type { DirectoryAccount } from '../directory/directory.ts';
import { hashPassword, verifyPasswordHash } from './hashing.ts';
import { pushPasswordHistory, recentPasswordHashes } from './store.ts';

export function toDirectoryAccount(a: AccountWithOrg): DirectoryAccount {
  return { id: a.id, account: a.account, name: a.name, orgCode: a.orgCode, email: a.email, title: a.title };
}

function assertPolicy(password: string, account: string): void {
  const failed: PasswordCheck[] = checkPassword(password, account).filter((c) => !c.ok);
  if (failed.length) throw new AppError('MENHU_ERR_PASSWORD_POLICY', { failed: failed.map((c) => c.rule) });
}

async function assertNotReused(exec: Executor, accountId: number, password: string): Promise<void> {
  const hashes = await recentPasswordHashes(exec, accountId, PASSWORD_HISTORY);
  for (const h of hashes) if (await verifyPasswordHash(h, password)) throw new AppError('MENHU_ERR_PASSWORD_REUSED');
}

/** Sets a password inside the caller's transaction; policy and history are checked first. */
export async function setPassword(
  ctx: Ctx,
  exec: Executor,
  account: AccountWithOrg,
  password: string,
  opts: { mustChange: boolean; checkHistory: boolean },
): Promise<void> {
  assertPolicy(password, account.account);
  if (opts.checkHistory) await assertNotReused(exec, account.id, password);
  const now = ctx.clock.now();
  await ctx.directory.setPassword(exec, toDirectoryAccount(account), password);
  await pushPasswordHistory(exec, account.id, await hashPassword(password), PASSWORD_HISTORY, now);
  await updateAccountRow(exec, account.id, {
    passwordChangedAt: now,
    mustChangePassword: opts.mustChange,
    updatedAt: now,
  });
}

/**
 * Re-authentication before a sensitive change (removing a factor, adding a passkey …): the current
 * password, counted toward the same per-name lockout as sign-in, so a stolen session cannot be
 * used to guess it at leisure (ASVS V2.2.1).
 */
export async function assertCurrentPassword(
  ctx: Ctx,
  who: { accountId: number; account: string },
  password: string | undefined,
  ip: string | null,
): Promise<void> {
  const gate = await beginAttempt(ctx, who.account, ip ?? 'unknown');
  if (gate.kind === 'locked') throw new AppError('MENHU_ERR_ACCOUNT_LOCKED', { lockedUntil: gate.until.toISOString() });
  if (!password || !(await ctx.directory.verifyPassword(who.accountId, password))) {
    await attemptFailed(ctx, who.account, ip ?? 'unknown', gate.count);
    throw new AppError('MENHU_ERR_CURRENT_PASSWORD');
  }
  await attemptSucceeded(ctx, who.account);
}

export async function changeOwnPassword(
  ctx: Ctx,
  account: AccountWithOrg,
  input: { currentPassword: string; newPassword: string },
  actor: Actor,
  /** More writes that must commit or fail together with the new password (e.g. ending sessions). */
  alongside: (tx: Executor) => Promise<void> = async () => {},
): Promise<void> {
  // Re-authentication counts toward the same lockout as login, so a stolen session cannot
  // be used to guess the current password.
  const gate = await beginAttempt(ctx, account.account, actor.ip ?? 'unknown');
  if (gate.kind === 'locked') throw new AppError('MENHU_ERR_ACCOUNT_LOCKED', { lockedUntil: gate.until.toISOString() });
  if (!(await ctx.directory.verifyPassword(account.id, input.currentPassword))) {
    await attemptFailed(ctx, account.account, actor.ip ?? 'unknown', gate.count);
    await audit(ctx.db, ctx, actor, {
      action: 'password.change',
      result: 'failure',
      target: { type: 'account', id: account.id, label: account.account },
      after: { reason: 'current_password' },
    });
    throw new AppError('MENHU_ERR_CURRENT_PASSWORD');
  }
  await attemptSucceeded(ctx, account.account);
  await ctx.db.transaction(async (tx) => {
    await setPassword(ctx, tx, account, input.newPassword, { mustChange: false, checkHistory: true });
    await audit(tx, ctx, actor, {
      action: 'password.change',
      target: { type: 'account', id: account.id, label: account.account },
    });
    await alongside(tx);
  });
}

const ALPHABETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#$%&*?'];

/** A random 12-character password meeting the policy for `account`, for administrator resets. */
export function generatePassword(account: string): string {
  for (;;) {
    const chars = ALPHABETS.flatMap((set, i) =>
      Array.from({ length: i < 2 ? 4 : 2 }, () => set[crypto.randomInt(set.length)]!),
    );
    for (let i = chars.length - 1; i > 0; i--) {
      const j = crypto.randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const pw = chars.join('');
    if (checkPassword(pw, account).every((c) => c.ok)) return pw;
  }
}
