/**
 * Authenticating a calling application (SSO-2, SSO-3): X-Apcode names it, X-Aptoken proves it
 * (compared as SHA-256 in constant time). Suspended or revoked applications, and wrong tokens,
 * get the same 401. A per-application token bucket limits the call rate (per node).
 */
import type { FastifyRequest } from 'fastify';
import type { Service } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { safeEqual, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findAppByApcode, findService, type AppRow } from './store.ts';

export interface CallingApp {
  app: AppRow;
  /** The approved configuration of the service being called. */
  approved: Record<string, unknown>;
}

class TokenBuckets {
  private buckets = new Map<number, { tokens: number; at: number }>();
  take(id: number, now: number, perSecond: number, burst: number): boolean {
    const b = this.buckets.get(id) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    this.buckets.set(id, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

const buckets = new WeakMap<Ctx, TokenBuckets>();
const header = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' ? v.trim() : '';
};

export async function authenticateApp(ctx: Ctx, req: FastifyRequest, service: Service): Promise<CallingApp> {
  const apcode = header(req, 'x-apcode');
  const aptoken = header(req, 'x-aptoken');
  const app = apcode && apcode.length <= 64 ? await findAppByApcode(ctx.db, apcode) : undefined;
  // Compare even when the application is unknown, so timing does not tell which APCODEs exist.
  const ok = safeEqual(sha256(aptoken.slice(0, 200)), app?.tokenHash ?? sha256('\u0000'));
  if (!app || !aptoken || !ok || app.status !== 'active') throw new AppError('MENHU_ERR_APP_UNAUTHORIZED');
  let b = buckets.get(ctx);
  if (!b) buckets.set(ctx, (b = new TokenBuckets()));
  const { perSecond, burst } = ctx.config.integrationRate;
  if (!b.take(app.id, ctx.clock.now().getTime(), perSecond, burst))
    throw new AppError('MENHU_ERR_RATE_LIMITED', undefined, { 'retry-after': '1' });
  const row = await findService(ctx.db, app.id, service);
  if (!row?.approved) throw new AppError('MENHU_ERR_SERVICE_NOT_APPROVED');
  return { app, approved: row.approved as Record<string, unknown> };
}
