/**
 * Single logout (SSO-1). When a portal session ends — the person logs out, revokes it, or an
 * administrator signs the account out (revoke, disable, reset, transfer) — every system the
 * person signed in to through it is told by back-channel logout, its grants (refresh tokens)
 * are revoked, and the engine's session is destroyed.
 *
 * The change that ends the portal session enqueues an `oidc.portal_logout` job in its own
 * transaction (platform/outbox); the job finds the account's engine sessions whose portal
 * session is no longer alive, so it is idempotent and also catches sessions left behind by
 * a rotation at login. Each delivery to a system is its own `oidc.backchannel` job, retried
 * with backoff while that system is unreachable, without holding up the others.
 */
import type Provider from 'oidc-provider';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { enqueue, type OutboxHandler } from '../../platform/outbox.ts';
import { audit } from '../audit/service.ts';
import { deleteLink, orphanedLinks, upsertLink } from './session-link-store.ts';

export const PORTAL_LOGOUT = 'oidc.portal_logout';
export const BACKCHANNEL = 'oidc.backchannel';

/** Call in the transaction that ends a portal session of `accountId`. */
export async function enqueuePortalLogout(ctx: Pick<Ctx, 'clock'>, exec: Executor, accountId: number): Promise<void> {
  await enqueue(exec, ctx.clock.now(), PORTAL_LOGOUT, { accountId });
}

export async function linkOidcSession(
  ctx: Ctx,
  input: { oidcUid: string; portalSessionId: string; accountId: number },
): Promise<void> {
  await upsertLink(ctx.db, { ...input, at: ctx.clock.now() });
}

interface EngineSession {
  jti: string;
  accountId?: string;
  authorizations?: Record<string, { sid?: string; grantId?: string; persistsLogout?: boolean }>;
}

const system = { accountId: null, account: 'system', ip: null, userAgent: null };

export function logoutHandlers(ctx: Ctx, provider: Provider): Record<string, OutboxHandler> {
  const portalLogout: OutboxHandler = async (payload) => {
    const accountId = (payload as { accountId: number }).accountId;
    const now = ctx.clock.now();
    const idleCutoff = new Date(now.getTime() - ctx.config.session.idleMs);
    for (const { oidcUid } of await orphanedLinks(ctx.db, accountId, now, idleCutoff)) {
      const session = (await provider.Session.adapter.findByUid(oidcUid)) as EngineSession | undefined;
      for (const [clientId, auth] of Object.entries(session?.authorizations ?? {})) {
        if (auth.grantId && !auth.persistsLogout) {
          const grant = await provider.Grant.find(auth.grantId);
          if (grant) await grant.destroy();
          await provider.AccessToken.adapter.revokeByGrantId(auth.grantId);
        }
        const client = await provider.Client.find(clientId);
        if (client?.backchannelLogoutUri && auth.sid)
          await enqueue(ctx.db, now, BACKCHANNEL, { clientId, sub: String(accountId), sid: auth.sid });
      }
      if (session) await provider.Session.adapter.destroy(session.jti);
      await deleteLink(ctx.db, oidcUid);
    }
  };

  const backchannel: OutboxHandler = async (payload) => {
    const { clientId, sub, sid } = payload as { clientId: string; sub: string; sid: string };
    const client = await provider.Client.find(clientId);
    if (!client?.backchannelLogoutUri) return; // removed or suspended since: nothing to tell
    const target = { type: 'oidc_client', id: clientId, label: client.clientName ?? clientId };
    try {
      await client.backchannelLogout(sub, sid);
    } catch (err) {
      await audit(ctx.db, ctx, system, {
        action: 'sso.backchannel_logout',
        result: 'failure',
        target,
        after: { accountId: Number(sub), error: (err as Error).message.slice(0, 200) },
      });
      throw err;
    }
    await audit(ctx.db, ctx, system, { action: 'sso.backchannel_logout', target, after: { accountId: Number(sub) } });
  };

  return { [PORTAL_LOGOUT]: portalLogout, [BACKCHANNEL]: backchannel };
}
