/**
 * Transactional outbox. `enqueue` writes a job in the caller's transaction, so it exists exactly
 * when the change that caused it committed. Every node polls; a job is claimed with a lease
 * (FOR UPDATE SKIP LOCKED, committed at once) and worked outside any transaction, so a slow
 * remote system never holds a database connection or lock. A node that dies mid-job loses only
 * its lease: the job is taken again when the lease runs out. Failures retry with backoff; after
 * MAX_ATTEMPTS the job is closed with its last error.
 */
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Ctx } from './context.ts';
import type { Executor } from './db/client.ts';
import { outbox } from './db/schema.ts';

export type OutboxHandler = (payload: unknown) => Promise<void>;

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 8;
const BATCH = 10;

/** Adds a job, due at once, in the caller's transaction. `now` is the caller's clock. */
export async function enqueue(exec: Executor, now: Date, kind: string, payload: unknown): Promise<void> {
  await exec.insert(outbox).values({ kind, payload, createdAt: now, nextAttemptAt: now });
}

/** Backoff after the n-th failed attempt: 5 s, 10 s, 20 s … capped at 30 min. */
export const retryDelayMs = (attempts: number) => Math.min(5_000 * 2 ** (attempts - 1), 30 * 60_000);

async function claim(ctx: Ctx) {
  const now = ctx.clock.now();
  const due = ctx.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(isNull(outbox.doneAt), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(BATCH)
    .for('update', { skipLocked: true });
  return ctx.db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
    .where(inArray(outbox.id, due))
    .returning();
}

/** Works off every job due now; returns how many were handled (successfully or not). */
export async function drainOutbox(ctx: Ctx, handlers: Record<string, OutboxHandler>): Promise<number> {
  let handled = 0;
  for (;;) {
    const jobs = await claim(ctx);
    if (!jobs.length) return handled;
    for (const job of jobs) {
      handled++;
      const handler = handlers[job.kind];
      try {
        if (!handler) throw new Error(`no handler for outbox job kind ${job.kind}`);
        await handler(job.payload);
        await ctx.db.update(outbox).set({ doneAt: ctx.clock.now(), lastError: null }).where(eq(outbox.id, job.id));
      } catch (err) {
        const now = ctx.clock.now();
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
        const final = job.attempts >= MAX_ATTEMPTS;
        await ctx.db
          .update(outbox)
          .set({
            lastError: message,
            ...(final ? { doneAt: now } : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(job.attempts)) }),
          })
          .where(eq(outbox.id, job.id));
      }
    }
  }
}

export async function purgeOutbox(exec: Executor, before: Date): Promise<void> {
  await exec.delete(outbox).where(lte(outbox.doneAt, before));
}

export function startOutbox(
  ctx: Ctx,
  handlers: Record<string, OutboxHandler>,
  onError: (err: unknown) => void,
  everyMs = 1_000,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = drainOutbox(ctx, handlers)
      .catch(onError)
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
