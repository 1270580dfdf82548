/**
 * SSO-7 brute-force protection. Failures are counted per submitted account name, known or
 * not, so a lock reveals nothing about which names exist; a separate per-address counter
 * throttles one client spraying many names. An attempt is counted *before* the password is
 * checked, so parallel guesses cannot slip past the threshold between check and count.
 */
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { clearKey, countAttempt, lockKey, readThrottle } from './throttle-store.ts';

export const accountKey = (account: string) => `acct:${account.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

export type AttemptGate = { kind: 'open'; count: number } | { kind: 'locked'; until: Date };

/**
 * Refuses throttled addresses (429) and reports a locked name; otherwise counts the attempt.
 * `ip` null: no per-address throttling (the verification API, whose caller is a server speaking
 * for many people; it is rate-limited per application instead).
 */
export async function beginAttempt(ctx: Ctx, account: string, ip: string | null): Promise<AttemptGate> {
  const now = ctx.clock.now();
  const { threshold, ipMaxFailures, ipWindowMs, durationMs } = ctx.config.lockout;
  const aKey = accountKey(account);
  const iKey = ip === null ? null : addressKey(ip);
  const rows = await readThrottle(ctx.db, iKey ? [aKey, iKey] : [aKey]);
  const ipRow = iKey ? rows.get(iKey) : undefined;
  if (ipRow && ipRow.failures >= ipMaxFailures && ipRow.windowStartedAt.getTime() + ipWindowMs > now.getTime()) {
    const retry = Math.ceil((ipRow.windowStartedAt.getTime() + ipWindowMs - now.getTime()) / 1000);
    throw new AppError('MENHU_ERR_THROTTLED', undefined, { 'retry-after': String(Math.max(1, retry)) });
  }
  const acct = rows.get(aKey);
  if (acct?.lockedUntil && acct.lockedUntil > now) return { kind: 'locked', until: acct.lockedUntil };
  const count = await countAttempt(ctx.db, aKey, now, durationMs);
  if (count > threshold) {
    // Parallel attempts overtook the lock: lock now rather than let them through.
    const until = new Date(now.getTime() + durationMs);
    await lockKey(ctx.db, aKey, until);
    return { kind: 'locked', until };
  }
  return { kind: 'open', count };
}

/** Counts one failure against the client address (per-address throttling). */
export async function addressFailed(ctx: Ctx, ip: string | null): Promise<void> {
  if (ip === null) return;
  await countAttempt(ctx.db, addressKey(ip), ctx.clock.now(), ctx.config.lockout.ipWindowMs);
}

/** Records a failed attempt; returns the lock time when this failure reached the threshold. */
export async function attemptFailed(ctx: Ctx, account: string, ip: string | null, count: number): Promise<Date | null> {
  const now = ctx.clock.now();
  await addressFailed(ctx, ip);
  if (count < ctx.config.lockout.threshold) return null;
  const until = new Date(now.getTime() + ctx.config.lockout.durationMs);
  await lockKey(ctx.db, accountKey(account), until);
  return until;
}

export async function attemptSucceeded(ctx: Ctx, account: string): Promise<void> {
  await clearFailures(ctx, account);
}

/** The reset after a success, as an unexecuted query (composable with writeAll). */
export function clearFailures(ctx: Pick<Ctx, 'db'>, account: string) {
  return clearKey(ctx.db, accountKey(account));
}

/** 登入許可狀態 解鎖: an administrator clears the lock and the failure count. */
export async function unlockAccountName(ctx: Pick<Ctx, 'db'>, account: string): Promise<void> {
  await clearFailures(ctx, account);
}
