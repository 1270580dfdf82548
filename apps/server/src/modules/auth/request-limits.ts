/**
 * Per-key request limits for what costs something or could be abused in bulk — codes sent by
 * mail or text message, certificate and QR challenges, TW FidO pushes, passkey options. Each key
 * allows `max` requests per window; the counts live in login_throttle, so every node shares them.
 */
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { countAttempt, readThrottle } from './throttle-store.ts';

export type Limit = readonly [key: string, max: number];

/**
 * Counts one request on each key unless one of them has had its `max` in the window: then
 * nothing is counted and the answer is the moment it opens again.
 */
export async function takeRequest(ctx: Ctx, limits: readonly Limit[], windowMs = ctx.config.lockout.ipWindowMs) {
  const now = ctx.clock.now().getTime();
  const rows = await readThrottle(
    ctx.db,
    limits.map(([k]) => k),
  );
  for (const [key, max] of limits) {
    const r = rows.get(key);
    const opensAt = r ? r.windowStartedAt.getTime() + windowMs : 0;
    if (r && r.failures >= max && opensAt > now) return { ok: false as const, opensAt };
  }
  for (const [key] of limits) await countAttempt(ctx.db, key, new Date(now), windowMs);
  return { ok: true as const };
}

/** takeRequest, answering 429 MENHU_ERR_THROTTLED with retry-after when a limit is reached. */
export async function limitRequests(ctx: Ctx, limits: readonly Limit[], windowMs?: number): Promise<void> {
  const taken = await takeRequest(ctx, limits, windowMs);
  if (!taken.ok)
    throw new AppError('MENHU_ERR_THROTTLED', undefined, {
      'retry-after': String(Math.max(1, Math.ceil((taken.opensAt - ctx.clock.now().getTime()) / 1000))),
    });
}
