/**
 * INT-1/INT-4 應用系統服務介接管理: any signed-in person registers an application and receives
 * APCODE + APTOKEN (the token shown once, kept as a hash); the owner and system administrators
 * manage it; system administrators suspend and resume it. Everything audited.
 */
import crypto from 'node:crypto';
import { SERVICES, type App, type AppInput, type ServiceState } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit, diff } from '../audit/service.ts';
import { isSystemAdmin, type Principal } from '../accounts/policy.ts';
import { findOrgById } from '../orgs/store.ts';
import { deleteClient, setClientSuspended } from '../oidc/clients.ts';
import {
  findApp,
  insertApp,
  lockApp,
  searchApps,
  servicesOf,
  totalCalls,
  updateApp,
  type AppWithNames,
  type ServiceRow,
} from './store.ts';

/** Who manages applications: a signed-in person, or the operator CLI (`accountId` null). */
export interface Caller extends Omit<Principal, 'accountId'> {
  accountId: number | null;
}

/**
 * The operator CLI (`menhu apps add`): full rights, and the applications it registers belong
 * to nobody (owner null), so only system administrators manage them in the console.
 */
export const OPERATOR: Caller = { accountId: null, orgPath: '/', roles: ['user', 'system_admin'] };

const newApcode = () => crypto.randomUUID().slice(0, 18);
const newAptoken = () => randomToken(32);

function present(row: AppWithNames, services: ServiceRow[], calls: Map<string, number>): App {
  const a = row.app;
  const states: ServiceState[] = SERVICES.map((service) => {
    const s = services.find((x) => x.service === service);
    return {
      service,
      status: s ? (s.status as ServiceState['status']) : 'none',
      requestedAt: s?.requestedAt.toISOString() ?? null,
      reviewedAt: s?.reviewedAt?.toISOString() ?? null,
      reason: s?.reason ?? null,
      request: (s?.request as Record<string, unknown> | undefined) ?? null,
      approved: (s?.approved as Record<string, unknown> | null | undefined) ?? null,
      oidcClientId: s?.oidcClientId ?? null,
      calls: calls.get(`${a.id}|${service}`) ?? 0,
    };
  });
  return {
    id: a.id,
    apcode: a.apcode,
    name: a.name,
    url: a.url,
    orgId: a.orgId,
    orgName: row.orgName,
    unit: a.unit,
    vendor: a.vendor,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    contactPhone: a.contactPhone,
    ownerId: a.ownerId,
    ownerName: row.ownerName,
    status: a.status as App['status'],
    statusReason: a.statusReason,
    tokenRotatedAt: a.tokenRotatedAt.toISOString(),
    createdAt: a.createdAt.toISOString(),
    services: states,
  };
}

async function presentMany(ctx: Ctx, rows: AppWithNames[]): Promise<App[]> {
  const ids = rows.map((r) => r.app.id);
  const [services, totals] = await Promise.all([servicesOf(ctx.db, ids), totalCalls(ctx.db, ids)]);
  const calls = new Map(totals.map((t) => [`${t.appId}|${t.service}`, t.calls]));
  return rows.map((r) =>
    present(
      r,
      services.filter((s) => s.appId === r.app.id),
      calls,
    ),
  );
}

/** The application if the caller may manage it (owner or system admin); otherwise 404, never 403. */
export async function visibleApp(ctx: Ctx, caller: Caller, id: number): Promise<AppWithNames> {
  const row = await findApp(ctx.db, id);
  const owns = caller.accountId !== null && row?.app.ownerId === caller.accountId;
  if (!row || (!isSystemAdmin(caller) && !owns)) throw new AppError('MENHU_ERR_NOT_FOUND');
  return row;
}

/**
 * For issuing credentials (APTOKEN, client secret): the owner only — a system administrator
 * may suspend or revoke someone's application but not obtain working credentials for it.
 * Applications without an owner (registered by an operator) are the administrators'.
 */
export async function credentialsApp(ctx: Ctx, caller: Caller, id: number): Promise<AppWithNames> {
  const row = await visibleApp(ctx, caller, id);
  if (row.app.ownerId !== null && row.app.ownerId !== caller.accountId) throw new AppError('MENHU_ERR_FORBIDDEN');
  return row;
}

export async function getApp(ctx: Ctx, caller: Caller, id: number): Promise<App> {
  return (await presentMany(ctx, [await visibleApp(ctx, caller, id)]))[0]!;
}

export async function listApps(
  ctx: Ctx,
  caller: Caller,
  q: { q?: string | null; status?: string; page: number; pageSize: number; all?: boolean },
): Promise<{ items: App[]; total: number }> {
  const ownerId = q.all && isSystemAdmin(caller) ? undefined : caller.accountId;
  // The operator CLI has no account and so owns nothing: without `all` it lists nothing.
  if (ownerId === null) return { items: [], total: 0 };
  const { rows, total } = await searchApps(ctx.db, { ownerId, q: q.q, status: q.status }, q.page, q.pageSize);
  return { items: await presentMany(ctx, rows), total };
}

function mustBeActive(status: string): void {
  if (status !== 'active') throw new AppError('MENHU_ERR_APP_INACTIVE');
}

export async function registerApp(
  ctx: Ctx,
  caller: Caller,
  input: AppInput,
  actor: Actor,
): Promise<{ app: App; aptoken: string }> {
  if (!(await findOrgById(ctx.db, input.orgId)))
    throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'orgId', message: 'unknown organisation' }]);
  const aptoken = newAptoken();
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const row = await insertApp(tx, {
      apcode: newApcode(),
      tokenHash: sha256(aptoken),
      tokenRotatedAt: now,
      name: input.name,
      url: input.url,
      orgId: input.orgId,
      unit: input.unit ?? null,
      vendor: input.vendor ?? null,
      contactName: input.contactName,
      contactEmail: input.contactEmail,
      contactPhone: input.contactPhone ?? null,
      ownerId: caller.accountId,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, ctx, actor, {
      action: 'integration.app.create',
      target: { type: 'integration_app', id: row.id, label: row.name },
      after: { apcode: row.apcode, name: row.name, url: row.url, orgId: row.orgId },
    });
    return row.id;
  });
  return { app: await getApp(ctx, caller, id), aptoken };
}

export async function updateAppDetails(
  ctx: Ctx,
  caller: Caller,
  id: number,
  input: Partial<AppInput>,
  actor: Actor,
): Promise<App> {
  await visibleApp(ctx, caller, id);
  if (input.orgId !== undefined && !(await findOrgById(ctx.db, input.orgId)))
    throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'orgId', message: 'unknown organisation' }]);
  await ctx.db.transaction(async (tx) => {
    const before = await lockApp(tx, id);
    if (!before) throw new AppError('MENHU_ERR_NOT_FOUND');
    if (before.status === 'revoked') throw new AppError('MENHU_ERR_APP_INACTIVE');
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    await updateApp(tx, id, { ...set, updatedAt: ctx.clock.now() });
    const changes = diff(before as unknown as Record<string, unknown>, set);
    if (changes)
      await audit(tx, ctx, actor, {
        action: 'integration.app.update',
        target: { type: 'integration_app', id, label: before.name },
        ...changes,
      });
  });
  return getApp(ctx, caller, id);
}

/** INT-4: a new APTOKEN; the old one stops working at once. */
export async function rotateToken(
  ctx: Ctx,
  caller: Caller,
  id: number,
  actor: Actor,
): Promise<{ apcode: string; aptoken: string }> {
  await credentialsApp(ctx, caller, id);
  const aptoken = newAptoken();
  const apcode = await ctx.db.transaction(async (tx) => {
    const app = await lockApp(tx, id);
    if (!app) throw new AppError('MENHU_ERR_NOT_FOUND');
    mustBeActive(app.status);
    await updateApp(tx, id, { tokenHash: sha256(aptoken), tokenRotatedAt: ctx.clock.now() });
    await audit(tx, ctx, actor, {
      action: 'integration.token.rotate',
      target: { type: 'integration_app', id, label: app.name },
    });
    return app.apcode;
  });
  return { apcode, aptoken };
}

/** System admin: suspend (every service stops answering, sign-in through it refused) or resume. */
export async function setAppStatus(
  ctx: Ctx,
  id: number,
  input: { status: 'active' | 'suspended'; reason?: string | null },
  actor: Actor,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const app = await lockApp(tx, id);
    if (!app) throw new AppError('MENHU_ERR_NOT_FOUND');
    if (app.status === 'revoked') throw new AppError('MENHU_ERR_APP_INACTIVE');
    if (app.status === input.status) return;
    if (input.status === 'suspended' && !input.reason)
      throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'reason', message: 'a reason is required' }]);
    await updateApp(tx, id, {
      status: input.status,
      statusReason: input.status === 'suspended' ? (input.reason ?? null) : null,
      updatedAt: ctx.clock.now(),
    });
    for (const s of await servicesOf(tx, [id]))
      if (s.oidcClientId) await setClientSuspended(tx, s.oidcClientId, input.status === 'suspended');
    await audit(tx, ctx, actor, {
      action: 'integration.app.status',
      target: { type: 'integration_app', id, label: app.name },
      before: { status: app.status },
      after: { status: input.status, reason: input.reason ?? null },
    });
  });
}

/** INT-4 revocation, by the owner or a system admin: final; the OIDC client is deleted. */
export async function revokeApp(ctx: Ctx, caller: Caller, id: number, actor: Actor): Promise<void> {
  await visibleApp(ctx, caller, id);
  await ctx.db.transaction(async (tx) => {
    const app = await lockApp(tx, id);
    if (!app) throw new AppError('MENHU_ERR_NOT_FOUND');
    if (app.status === 'revoked') return;
    await updateApp(tx, id, { status: 'revoked', tokenHash: sha256(newAptoken()), updatedAt: ctx.clock.now() });
    for (const s of await servicesOf(tx, [id])) if (s.oidcClientId) await deleteClient(tx, s.oidcClientId);
    await audit(tx, ctx, actor, {
      action: 'integration.app.revoke',
      target: { type: 'integration_app', id, label: app.name },
      before: { status: app.status },
    });
  });
}
