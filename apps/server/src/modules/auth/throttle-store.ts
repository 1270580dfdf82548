import { eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { loginThrottle } from '../../platform/db/schema.ts';

export type ThrottleRow = typeof loginThrottle.$inferSelect;

export async function readThrottle(exec: Executor, keys: string[]): Promise<Map<string, ThrottleRow>> {
  const rows = await exec.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  return new Map(rows.map((r) => [r.key, r]));
}

/**
 * Atomically counts one attempt against `key` and returns the new count. A window that has
 * ended, or a lock that has expired, starts counting afresh. One statement, so concurrent
 * attempts on several nodes can never undercount.
 */
export async function countAttempt(exec: Executor, key: string, now: Date, windowMs: number): Promise<number> {
  const windowStart = new Date(now.getTime() - windowMs);
  const rows = await exec
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} or ${loginThrottle.lockedUntil} <= ${now} then 1 else ${loginThrottle.failures} + 1 end`,
        lockedUntil: sql`case when ${loginThrottle.lockedUntil} <= ${now} then null else ${loginThrottle.lockedUntil} end`,
        windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} or ${loginThrottle.lockedUntil} <= ${now} then ${now} else ${loginThrottle.windowStartedAt} end`,
      },
    })
    .returning({ failures: loginThrottle.failures });
  return rows[0]!.failures;
}

export async function lockKey(exec: Executor, key: string, until: Date): Promise<void> {
  await exec.update(loginThrottle).set({ lockedUntil: until }).where(eq(loginThrottle.key, key));
}

/** Returns the query unexecuted: await it, or compose it with others via writeAll. */
export function clearKey(exec: Executor, key: string) {
  return exec.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** Housekeeping: rows whose window and lock have both passed carry no information. */
export async function purgeStaleThrottle(exec: Executor, before: Date): Promise<void> {
  await exec
    .delete(loginThrottle)
    .where(
      sql`${lt(loginThrottle.windowStartedAt, before)} and (${loginThrottle.lockedUntil} is null or ${loginThrottle.lockedUntil} < ${before})`,
    );
}
