/**
 * SSO-3 轉登 (transfer login). A portal tile asks for a ticket: 256 random bits, only its hash
 * stored, single use, valid 60 s, bound to the application and the person. The browser goes to
 * the application's entry URL with ?ticket=; the application redeems it server-to-server.
 */
import type { Actor, Ctx } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { findAccountById } from '../accounts/store.ts';
import { approvedClaims } from './claims.ts';
import type { CallingApp } from './app-auth.ts';
import { consumeTicket, findApp, findService, insertTicket, peekTicket } from './store.ts';

export const TICKET_TTL_MS = 60_000;

/** Issues a ticket for `accountId` to open application `appId`; returns the URL to send the browser to. */
export async function issueTransferTicket(
  ctx: Ctx,
  input: { appId: number; accountId: number },
  actor: Actor,
): Promise<{ url: string; expiresAt: Date }> {
  const found = await findApp(ctx.db, input.appId);
  const service = found && (await findService(ctx.db, input.appId, 'transfer'));
  const entryUrl = service?.approved && (service.approved as { entryUrl?: string }).entryUrl;
  if (!found || found.app.status !== 'active' || !entryUrl) throw new AppError('MENHU_ERR_LAUNCH_UNAVAILABLE');
  const ticket = randomToken(32);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + TICKET_TTL_MS);
  await ctx.db.transaction(async (tx) => {
    await insertTicket(tx, {
      hash: sha256(ticket),
      appId: input.appId,
      accountId: input.accountId,
      createdAt: now,
      expiresAt,
    });
    await audit(tx, ctx, actor, {
      action: 'transfer.issue',
      target: { type: 'integration_app', id: input.appId, label: found.app.name },
    });
  });
  const url = new URL(entryUrl);
  url.searchParams.set('ticket', ticket);
  return { url: url.toString(), expiresAt };
}

/** Redeems a ticket for the calling application: the person's id, account and approved claims. */
export async function redeemTransferTicket(
  ctx: Ctx,
  caller: CallingApp,
  ticket: string,
  actor: Actor,
): Promise<{ sub: string; account: string; claims: Record<string, string> }> {
  const now = ctx.clock.now();
  const hash = sha256(ticket);
  const used = await consumeTicket(ctx.db, hash, caller.app.id, now);
  const appActor = { ...actor, accountId: null, account: `app:${caller.app.apcode}` };
  const target = { type: 'integration_app', id: caller.app.id, label: caller.app.name };
  if (!used) {
    const t = await peekTicket(ctx.db, hash);
    const code = !t
      ? 'MENHU_ERR_TICKET_INVALID'
      : t.appId !== caller.app.id
        ? 'MENHU_ERR_TICKET_WRONG_APP'
        : t.usedAt
          ? 'MENHU_ERR_TICKET_USED'
          : 'MENHU_ERR_TICKET_EXPIRED';
    await audit(ctx.db, ctx, appActor, {
      action: 'transfer.refused',
      result: 'failure',
      target,
      after: { reason: code, accountId: t?.accountId ?? null },
    });
    throw new AppError(code);
  }
  const account = await findAccountById(ctx.db, used.accountId, now);
  if (!account || account.status !== 'active' || (account.lockedUntil && account.lockedUntil > now)) {
    await audit(ctx.db, ctx, appActor, {
      action: 'transfer.refused',
      result: 'failure',
      target,
      after: { reason: 'account_inactive', accountId: used.accountId },
    });
    throw new AppError('MENHU_ERR_TICKET_INVALID');
  }
  await audit(ctx.db, ctx, appActor, {
    action: 'transfer.redeem',
    target,
    after: { accountId: account.id, account: account.account },
  });
  return { sub: String(account.id), account: account.account, claims: approvedClaims(account, caller.approved) };
}
