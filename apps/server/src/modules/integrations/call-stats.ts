/**
 * INT-3 call statistics. Each API call is counted in memory and flushed every few seconds as
 * one additive upsert, so a busy verification API does not turn every call into a write on the
 * same hot row; several nodes simply add their own counts.
 */
import type { Ctx } from '../../platform/context.ts';
import { addCallCounts } from './store.ts';

const TAIPEI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei' });

export function taipeiDay(d: Date): string {
  return TAIPEI_DAY.format(d);
}

export class CallCounter {
  private counts = new Map<string, { appId: number; service: string; day: string; calls: number; failures: number }>();
  private timer: NodeJS.Timeout | null = null;
  private ctx: Ctx;

  constructor(ctx: Ctx) {
    this.ctx = ctx;
  }

  count(appId: number, service: string, failed: boolean): void {
    const day = taipeiDay(this.ctx.clock.now());
    const key = `${appId}|${service}|${day}`;
    let c = this.counts.get(key);
    if (!c) this.counts.set(key, (c = { appId, service, day, calls: 0, failures: 0 }));
    c.calls++;
    if (failed) c.failures++;
  }

  /** Writes what has been counted; on failure the counts are kept for the next flush. */
  async flush(): Promise<void> {
    if (!this.counts.size) return;
    const batch = [...this.counts.values()];
    this.counts = new Map();
    try {
      await addCallCounts(this.ctx.db, batch);
    } catch (err) {
      for (const c of batch) {
        const key = `${c.appId}|${c.service}|${c.day}`;
        const now = this.counts.get(key);
        if (now) {
          now.calls += c.calls;
          now.failures += c.failures;
        } else this.counts.set(key, c);
      }
      throw err;
    }
  }

  start(everyMs = 5_000, onError: (err: unknown) => void = () => {}): () => Promise<void> {
    this.timer = setInterval(() => this.flush().catch(onError), everyMs);
    this.timer.unref();
    return async () => {
      if (this.timer) clearInterval(this.timer);
      await this.flush().catch(onError);
    };
  }
}

const counters = new WeakMap<Ctx, CallCounter>();

/** This node's counter for `ctx` (one per running app). */
export function callCounter(ctx: Ctx): CallCounter {
  let c = counters.get(ctx);
  if (!c) counters.set(ctx, (c = new CallCounter(ctx)));
  return c;
}
