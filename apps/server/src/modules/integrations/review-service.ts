/**
 * INT-1/INT-2 service requests and their review (the paperless 介接申請書): the owner asks for
 * 單一登入, 帳號驗證, 轉登 or 簡訊發送 with what each needs; a system administrator approves or
 * rejects with a reason; every step is kept (審核紀錄). Approving 單一登入 creates or updates the
 * application's OIDC client in the same transaction. What is approved stays in force while a
 * changed request awaits review.
 */
import { CLAIMS, type Service, type ServiceRequest } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { rotateClientSecret, saveClient } from '../oidc/clients.ts';
import { credentialsApp, visibleApp, type Caller } from './apps-service.ts';
import {
  findService,
  insertReview,
  lockApp,
  pendingRequests,
  reviewsOf,
  updateService,
  upsertServiceRequest,
} from './store.ts';

type Need = 'claims' | 'redirectUris' | 'entryUrl';
const REQUIRED: Record<Service, Need[]> = {
  sso: ['claims', 'redirectUris'],
  verify: [],
  transfer: ['entryUrl'],
  sms: [],
};
/** Which request fields each service keeps; others are dropped so the record says what matters. */
const FIELDS: Record<Service, (keyof ServiceRequest)[]> = {
  sso: [
    'claims',
    'redirectUris',
    'postLogoutRedirectUris',
    'backchannelLogoutUri',
    'initiateLoginUri',
    'requireMfa',
    'description',
  ],
  verify: ['claims', 'description'],
  transfer: ['claims', 'entryUrl', 'description'],
  sms: ['description'],
};

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

/** In production every address a service names must be https (local test systems excepted). */
function insecureUrls(input: ServiceRequest): string[] {
  const urls = [
    ...(input.redirectUris ?? []),
    ...(input.postLogoutRedirectUris ?? []),
    ...[input.backchannelLogoutUri, input.initiateLoginUri, input.entryUrl].filter((u): u is string => Boolean(u)),
  ];
  return urls.filter((u) => {
    const url = new URL(u);
    return url.protocol !== 'https:' && !LOCAL.has(url.hostname);
  });
}

export function normaliseServiceRequest(
  service: Service,
  input: ServiceRequest,
  production = false,
): Record<string, unknown> {
  const insecure = production ? insecureUrls(input) : [];
  if (insecure.length)
    throw new AppError(
      'MENHU_ERR_VALIDATION',
      insecure.map((u) => ({ path: 'url', message: `https is required: ${u}` })),
    );
  const missing = REQUIRED[service].filter((k) => {
    const v = input[k];
    return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  });
  if (missing.length)
    throw new AppError(
      'MENHU_ERR_VALIDATION',
      missing.map((path) => ({ path, message: 'required for this service' })),
    );
  const out: Record<string, unknown> = {};
  for (const k of FIELDS[service]) if (input[k] !== undefined && input[k] !== null) out[k] = input[k];
  // Claims in the form's order, each once.
  if (Array.isArray(out.claims)) out.claims = CLAIMS.filter((c) => (out.claims as string[]).includes(c));
  return out;
}

export async function requestService(
  ctx: Ctx,
  caller: Caller,
  appId: number,
  service: Service,
  input: ServiceRequest,
  actor: Actor,
): Promise<void> {
  await visibleApp(ctx, caller, appId);
  const request = normaliseServiceRequest(service, input, ctx.config.env === 'production');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const app = await lockApp(tx, appId);
    if (!app) throw new AppError('MENHU_ERR_NOT_FOUND');
    if (app.status !== 'active') throw new AppError('MENHU_ERR_APP_INACTIVE');
    const row = await upsertServiceRequest(tx, {
      appId,
      service,
      request,
      requestedAt: now,
      requestedBy: caller.accountId,
    });
    await insertReview(tx, {
      serviceId: row.id,
      at: now,
      actorId: actor.accountId,
      actorName: actor.account,
      action: 'request',
      snapshot: request,
    });
    await audit(tx, ctx, actor, {
      action: 'integration.service.request',
      target: { type: 'integration_app', id: appId, label: app.name },
      after: { service, ...request },
    });
  });
}

export async function reviewService(
  ctx: Ctx,
  appId: number,
  service: Service,
  input: { decision: 'approve' | 'reject'; reason?: string | null; requestedAt?: string },
  actor: Actor,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const app = await lockApp(tx, appId);
    if (!app) throw new AppError('MENHU_ERR_NOT_FOUND');
    if (app.status !== 'active') throw new AppError('MENHU_ERR_APP_INACTIVE');
    const row = await findService(tx, appId, service);
    if (!row) throw new AppError('MENHU_ERR_NOT_FOUND');
    // Reviewing twice (a double click, two admins at once) is a conflict, not a second decision;
    // so is a request changed after the reviewer opened it (approve only what was seen).
    if (row.status !== 'pending') throw new AppError('MENHU_ERR_CONFLICT');
    if (input.requestedAt !== undefined && input.requestedAt !== row.requestedAt.toISOString())
      throw new AppError('MENHU_ERR_CONFLICT', [{ path: 'requestedAt', message: 'the request has changed' }]);
    // Separation of duties: nobody approves their own application or their own request.
    if (actor.accountId !== null && (actor.accountId === app.ownerId || actor.accountId === row.requestedBy))
      throw new AppError('MENHU_ERR_OWN_REQUEST');
    const request = row.request as Record<string, unknown>;
    let oidcClientId = row.oidcClientId;
    if (input.decision === 'approve' && service === 'sso') {
      const saved = await saveClient(
        ctx,
        tx,
        {
          name: app.name,
          redirectUris: request.redirectUris as string[],
          claims: request.claims as never,
          postLogoutRedirectUris: (request.postLogoutRedirectUris as string[] | undefined) ?? [],
          backchannelLogoutUri: (request.backchannelLogoutUri as string | undefined) ?? null,
          requireMfa: request.requireMfa === true,
        },
        oidcClientId ?? undefined,
      );
      oidcClientId = saved.client_id;
    }
    await updateService(tx, row.id, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      ...(input.decision === 'approve' ? { approved: request } : {}),
      oidcClientId,
      reviewedAt: now,
      reviewedBy: actor.accountId,
      reason: input.reason ?? null,
    });
    await insertReview(tx, {
      serviceId: row.id,
      at: now,
      actorId: actor.accountId,
      actorName: actor.account,
      action: input.decision,
      reason: input.reason ?? null,
      snapshot: request,
    });
    await audit(tx, ctx, actor, {
      action: input.decision === 'approve' ? 'integration.service.approve' : 'integration.service.reject',
      target: { type: 'integration_app', id: appId, label: app.name },
      after: { service, reason: input.reason ?? null, ...(oidcClientId ? { oidcClientId } : {}) },
    });
  });
}

/**
 * The owner's one look at the OIDC client secret: issuing it replaces any earlier secret, so
 * it is shown once and lost secrets are simply issued anew.
 */
export async function issueClientSecret(
  ctx: Ctx,
  caller: Caller,
  appId: number,
  actor: Actor,
): Promise<{ clientId: string; clientSecret: string }> {
  await credentialsApp(ctx, caller, appId);
  return ctx.db.transaction(async (tx) => {
    const app = await lockApp(tx, appId);
    if (!app) throw new AppError('MENHU_ERR_NOT_FOUND');
    if (app.status !== 'active') throw new AppError('MENHU_ERR_APP_INACTIVE');
    const row = await findService(tx, appId, 'sso');
    if (!row?.oidcClientId) throw new AppError('MENHU_ERR_SERVICE_NOT_APPROVED');
    const clientSecret = await rotateClientSecret(ctx, tx, row.oidcClientId);
    await audit(tx, ctx, actor, {
      action: 'integration.client_secret',
      target: { type: 'integration_app', id: appId, label: app.name },
      after: { oidcClientId: row.oidcClientId },
    });
    return { clientId: row.oidcClientId, clientSecret };
  });
}

export async function serviceHistory(ctx: Ctx, caller: Caller, appId: number, service: Service) {
  await visibleApp(ctx, caller, appId);
  const row = await findService(ctx.db, appId, service);
  if (!row) return [];
  return (await reviewsOf(ctx.db, row.id)).map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorName: r.actorName,
    action: r.action,
    reason: r.reason,
    snapshot: r.snapshot,
  }));
}

export async function reviewQueue(ctx: Ctx) {
  return (await pendingRequests(ctx.db)).map((r) => ({
    appId: r.s.appId,
    appName: r.appName,
    apcode: r.apcode,
    orgName: r.orgName,
    service: r.s.service as Service,
    requestedAt: r.s.requestedAt.toISOString(),
    requestedBy: r.requestedBy,
    request: r.s.request as Record<string, unknown>,
    approved: (r.s.approved as Record<string, unknown> | null) ?? null,
  }));
}
