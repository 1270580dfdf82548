/**
 * SSO-1: the OpenID Connect provider (oidc-provider, OpenID Certified), configured for Menhu:
 * state in PostgreSQL, our encrypted signing keys, code flow with PKCE (S256) only, refresh
 * tokens with rotation, the seven claims, no consent screen for registered clients (approval
 * happens when the client is registered), and sign-in through the portal's own session.
 */
import Provider, { interactionPolicy } from 'oidc-provider';
import { resolveSession, revokeSession } from '../auth/session-service.ts';
import { audit } from '../audit/service.ts';
import type { Ctx } from '../../platform/context.ts';
import { SecretBox } from '../../platform/crypto.ts';
import { findAccountById } from '../accounts/store.ts';
import { postgresAdapter } from './adapter.ts';
import { OIDC_CLAIMS, SCOPE_CLAIMS, accountClaims, isOidcClaim } from './claims.ts';
import { ensureSigningKey, loadSigningKeys } from './signing-keys.ts';
import { linkOidcSession } from './logout.ts';
import { LOA1, LOA2, acrOf, wantsLoa2 } from '../auth/mfa-policy.ts';
import { errorPage, logoutPage, logoutSuccessPage } from './pages.ts';

export const OIDC_MOUNT = '/oidc';
export const INTERACTION_PATH = '/api/oidc/interaction';

const TTL = {
  AccessToken: 600,
  AuthorizationCode: 60,
  IdToken: 600,
  Interaction: 600,
  Grant: 14 * 86_400,
  RefreshToken: 14 * 86_400,
};

/**
 * The engine keeps its own session; by itself it would go on issuing codes after the person
 * signed out of the portal. This check makes every authorization request consult the portal
 * session: none (signed out, expired, revoked, disabled), a password-change-only one, or one of
 * another person → the login prompt again, which goes through the portal's login page.
 */
function portalBoundPolicy(ctx: Ctx) {
  const { Check, base } = interactionPolicy;
  const policy = base();
  policy.get('login')!.checks.add(
    new Check('portal_session', 'the portal session has ended or belongs to someone else', async (koa) => {
      const token = koa.cookies.get(ctx.config.sessionCookie, { signed: false });
      const auth = token ? await resolveSession(ctx, token) : null;
      const session = koa.oidc.session;
      const same = auth !== null && !auth.restriction && String(auth.accountId) === session.accountId;
      // A system asking for two factors (acr_values loa:2) of a one-factor session: prompt again.
      const stepUp = same && wantsLoa2(koa.oidc.params?.acr_values, koa.oidc.client) && acrOf(auth.method) !== LOA2;
      // Remember which portal session this engine session lives in, for single logout.
      if (same && session.uid)
        await linkOidcSession(ctx, {
          oidcUid: session.uid,
          portalSessionId: auth.sessionId,
          accountId: auth.accountId,
        });
      if (koa.oidc.result?.login) return Check.NO_NEED_TO_PROMPT; // just signed in through the interaction
      return same && !stepUp ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}

export async function createOidcProvider(ctx: Ctx): Promise<Provider> {
  await ensureSigningKey(ctx);
  // Retired keys stay published as long as the longest-lived token they may have signed.
  const keys = await loadSigningKeys(ctx, TTL.IdToken * 1000 + 86_400_000);
  const secure = ctx.config.secureCookies;
  const cookie = { signed: true, httpOnly: true, sameSite: 'lax', secure };
  const provider = new Provider(`${ctx.config.publicUrl}${OIDC_MOUNT}`, {
    adapter: postgresAdapter(ctx.db, ctx.clock, new SecretBox(ctx.keys.oidcKeys)),
    jwks: { keys },
    cookies: { keys: [ctx.keys.oidcCookies.toString('base64url')], long: cookie, short: cookie },
    // amr, acr and auth_time come with openid: every client learns how the person signed in (SSO-10).
    claims: { ...SCOPE_CLAIMS, openid: ['sub', 'acr', 'amr', 'auth_time'] },
    // SSO-10: loa:2 when the session used two factors (see auth/mfa-policy.ts).
    acrValues: [LOA1, LOA2],
    extraClientMetadata: {
      properties: ['menhu_claims', 'menhu_require_mfa'],
      validator(_ctx: unknown, key: string, value: unknown) {
        if (key === 'menhu_require_mfa' && value !== undefined && typeof value !== 'boolean')
          throw new Error('menhu_require_mfa must be a boolean');
        if (key === 'menhu_claims' && value !== undefined && !(Array.isArray(value) && value.every(isOidcClaim)))
          throw new Error(`menhu_claims must list claims among ${OIDC_CLAIMS.join(', ')}`);
      },
    },
    features: {
      devInteractions: { enabled: false },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (koa: { body: string }, form: string) => {
          koa.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (koa: { body: string }) => {
          koa.body = logoutSuccessPage();
        },
      },
      backchannelLogout: { enabled: true },
    },
    pkce: { required: () => true },
    // The engine refuses outbound calls to private addresses (SSRF defence); a city's systems
    // live on its intranet, and every outbound URI (back-channel logout) has been approved by a
    // system administrator (INT-2), so the ordinary dispatcher is used. See docs/security.md.
    fetch: (url: string, options: RequestInit & { dispatcher?: unknown }) => {
      const { dispatcher: _ssrfGuard, ...rest } = options;
      return fetch(url, rest);
    },
    // SSO-1: the approved claims go in the ID token as well as userinfo.
    conformIdTokenClaims: false,
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    // The engine's own session lives no longer than a portal session may.
    ttl: { ...TTL, Session: Math.floor(ctx.config.session.absoluteMs / 1000) },
    interactions: {
      policy: portalBoundPolicy(ctx),
      url: (_ctx: unknown, interaction: { uid: string }) => `${INTERACTION_PATH}/${interaction.uid}`,
    },
    // Disabled or locked-out accounts: no account, so no tokens and no refresh (SSO-1). A transfer
    // to another agency signs the account out, which revokes its grants (logout.ts).
    findAccount: async (_ctx: unknown, sub: string) => {
      const id = Number(sub);
      if (!Number.isSafeInteger(id)) return undefined;
      const now = ctx.clock.now();
      const a = await findAccountById(ctx.db, id, now);
      if (!a || a.status !== 'active' || (a.lockedUntil && a.lockedUntil > now)) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...accountClaims(a) }) };
    },
    renderError: async (koa: { type: string; body: string }, out: Record<string, string>) => {
      koa.type = 'html';
      koa.body = errorPage(out);
    },
  });
  provider.proxy = ctx.config.trustProxy !== false;
  // RP-initiated logout confirmed with 「登出」 ends the portal session too (single logout); the
  // systems are told by the engine itself. Done before the answer leaves, so no window remains.
  provider.use(async (koa, next) => {
    await next();
    const k = koa as unknown as EndSessionContext;
    if (k.oidc?.route !== 'end_session_confirm' || !k.oidc.params?.logout || k.status >= 400) return;
    const token = k.cookies.get(ctx.config.sessionCookie, { signed: false });
    if (token) await endPortalSession(ctx, token);
  });
  provider.on('grant.success', (koa) => {
    recordSystemSignIn(ctx, koa as GrantContext).catch((err: unknown) => console.error('sso audit failed', err));
  });
  return provider;
}

interface EndSessionContext {
  status: number;
  cookies: { get(name: string, opts?: { signed?: boolean }): string | undefined };
  oidc?: { route?: string; params?: { logout?: string } };
}

async function endPortalSession(ctx: Ctx, token: string): Promise<void> {
  const auth = await resolveSession(ctx, token);
  if (!auth) return;
  await ctx.db.transaction(async (tx) => {
    await revokeSession(ctx, tx, auth.sessionId, auth.accountId);
    await audit(
      tx,
      ctx,
      { accountId: auth.accountId, account: auth.account, ip: null, userAgent: null },
      {
        action: 'logout',
        target: { type: 'account', id: auth.accountId, label: auth.account },
        after: { via: 'oidc' },
      },
    );
  });
}

interface GrantContext {
  ip?: string;
  get(header: string): string;
  oidc: {
    params?: { grant_type?: string };
    client?: { clientId: string; clientName?: string };
    entities: { AuthorizationCode?: { accountId?: string } };
  };
}

/** SSO-11 usage trail: each code redeemed by a system is an audit event "signed in to <system>". */
async function recordSystemSignIn(ctx: Ctx, koa: GrantContext): Promise<void> {
  const accountId = Number(koa.oidc.entities.AuthorizationCode?.accountId);
  const client = koa.oidc.client;
  if (koa.oidc.params?.grant_type !== 'authorization_code' || !client || !Number.isSafeInteger(accountId)) return;
  await audit(
    ctx.db,
    ctx,
    { accountId, account: null, ip: koa.ip ?? null, userAgent: null },
    {
      action: 'sso.signin',
      target: { type: 'oidc_client', id: client.clientId, label: client.clientName ?? client.clientId },
    },
  );
}
