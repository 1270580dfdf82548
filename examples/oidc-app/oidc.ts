/**
 * 單一登入 Single sign-on with OpenID Connect, through openid-client 6 (a certified relying
 * party library: use one, do not hand-roll the checks). Menhu's rules (docs/integration/oidc.md):
 * authorization code flow, PKCE with S256 required, client_secret_basic, refresh tokens that
 * rotate on every use, RS256-signed ID tokens.
 */
import * as client from 'openid-client';
import { createRemoteJWKSet } from 'jose';
import { verifyLogoutToken, type LogoutRequest } from './backchannel-logout.ts';

export interface OidcSettings {
  menhuUrl: string;
  appUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Kept in the browser's pre-sign-in session between /login and /callback. */
export interface PendingSignIn {
  state: string;
  codeVerifier: string;
  returnTo: string;
}

/** What the system keeps, server side, for a signed-in person. */
export interface SignedIn {
  sub: string;
  /** The portal session this sign-in belongs to: back-channel logout names it. */
  sid: string | undefined;
  idToken: string;
  accessToken: string;
  refreshToken: string | undefined;
  accessTokenExpiresAt: number;
  /** The approved claims (姓名, 職稱 …) as userinfo last returned them. */
  claims: Record<string, unknown>;
}

/** The scopes asked for; Menhu releases exactly the claims the system was approved for anyway. */
const SCOPE = 'openid profile email phone';

export function oidcClient(settings: OidcSettings) {
  const callbackUrl = `${settings.appUrl}/callback`;
  let discovered: Promise<client.Configuration> | undefined;

  /** Discovery (/oidc/.well-known/openid-configuration), fetched once and retried after a failure. */
  function config(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(
        new URL(`${settings.menhuUrl}/oidc`),
        settings.clientId,
        settings.clientSecret,
        client.ClientSecretBasic(settings.clientSecret),
        // Plain http only for a portal on this machine during development; production is https.
        { execute: settings.menhuUrl.startsWith('http:') ? [client.allowInsecureRequests] : [] },
      )
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      });
    return discovered;
  }

  let logoutKeys: ReturnType<typeof createRemoteJWKSet> | undefined;

  return {
    async issuer(): Promise<string> {
      return (await config()).serverMetadata().issuer;
    },

    /** Step 1: where to send the browser, and what to remember until it comes back. */
    async startSignIn(returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
      // PKCE: only the hash (challenge) travels through the browser; the verifier stays here and
      // proves at the token endpoint that whoever redeems the code started this sign-in.
      const codeVerifier = client.randomPKCECodeVerifier();
      // state ties the answer to this browser's request (against login CSRF).
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(await config(), {
        redirect_uri: callbackUrl,
        scope: SCOPE,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
      });
      return { url: url.href, pending: { state, codeVerifier, returnTo } };
    },

    /** Step 2, at the redirect URI: code → tokens (checked: signature, iss, aud, state, PKCE). */
    async finishSignIn(currentUrl: URL, pending: PendingSignIn): Promise<SignedIn> {
      const cfg = await config();
      const tokens = await client.authorizationCodeGrant(cfg, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      // Userinfo answers with the same approved claims; shown here to demonstrate the call.
      const userinfo = await client.fetchUserInfo(cfg, tokens.access_token, idClaims.sub);
      return {
        sub: idClaims.sub,
        sid: typeof idClaims.sid === 'string' ? idClaims.sid : undefined,
        idToken: tokens.id_token!,
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        accessTokenExpiresAt: Date.now() + (tokens.expiresIn() ?? 0) * 1000,
        claims: userinfo,
      };
    },

    /**
     * A new access token with the refresh token, and fresh claims. Menhu rotates refresh tokens:
     * keep the new one, the old one is spent (presenting it again revokes the whole grant).
     */
    async refresh(person: SignedIn): Promise<SignedIn> {
      if (!person.refreshToken) throw new Error('no refresh token');
      const cfg = await config();
      const tokens = await client.refreshTokenGrant(cfg, person.refreshToken);
      const userinfo = await client.fetchUserInfo(cfg, tokens.access_token, person.sub);
      return {
        ...person,
        idToken: tokens.id_token ?? person.idToken,
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? person.refreshToken,
        accessTokenExpiresAt: Date.now() + (tokens.expiresIn() ?? 0) * 1000,
        claims: userinfo,
      };
    },

    /** RP-initiated logout: the portal's end_session_endpoint, then back to this system. */
    async endSessionUrl(idToken: string): Promise<string> {
      return client.buildEndSessionUrl(await config(), {
        id_token_hint: idToken,
        post_logout_redirect_uri: `${settings.appUrl}/`,
      }).href;
    },

    /** Checks a back-channel logout token against Menhu's published keys (JWKS). */
    async verifyLogout(logoutToken: string): Promise<LogoutRequest> {
      const metadata = (await config()).serverMetadata();
      logoutKeys ??= createRemoteJWKSet(new URL(metadata.jwks_uri!));
      return verifyLogoutToken(logoutToken, { issuer: metadata.issuer, clientId: settings.clientId, keys: logoutKeys });
    },
  };
}
