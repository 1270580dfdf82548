/**
 * 後端通道登出 Back-channel logout (OpenID Connect Back-Channel Logout 1.0): when a person's
 * portal session ends — they log out of the portal, or an administrator signs them out — Menhu
 * POSTs a signed `logout_token` to this system's backchannel_logout_uri, server to server. The
 * browser is not involved, so it works even when the person has closed the tab.
 *
 * Anyone can POST to that URL, so the token is checked as the specification (§2.6) says before
 * anything is ended:
 *   1. signed (RS256) by a key in Menhu's JWKS, explicitly typed `logout+jwt`;
 *   2. issued by Menhu (`iss`) for this system (`aud` = our client_id), with `iat` and an
 *      `exp` not passed;
 *   3. `sub` or `sid` present — `sid` names the portal session, as in the ID token at sign-in;
 *   4. `events` holds the back-channel-logout event (so an ID token cannot pass as one);
 *   5. no `nonce` (the other rule that keeps ID tokens out).
 */
import { jwtVerify, type JWTVerifyGetKey } from 'jose';

const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

export interface LogoutRequest {
  sub?: string;
  sid?: string;
}

export interface LogoutTokenExpectations {
  issuer: string;
  clientId: string;
  /** Menhu's keys, e.g. jose's createRemoteJWKSet(new URL(jwks_uri)) (fetched and cached). */
  keys: JWTVerifyGetKey;
}

export class InvalidLogoutToken extends Error {}

export async function verifyLogoutToken(token: string, expected: LogoutTokenExpectations): Promise<LogoutRequest> {
  let payload;
  try {
    // Checks 1 and 2. A few seconds of leeway: our clock and Menhu's are never exactly equal.
    ({ payload } = await jwtVerify(token, expected.keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ['RS256'],
      typ: 'logout+jwt',
      requiredClaims: ['iat', 'exp', 'jti'],
      clockTolerance: 30,
    }));
  } catch (err) {
    throw new InvalidLogoutToken(`logout token rejected: ${(err as Error).message}`);
  }
  const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
  const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
  if (!sub && !sid) throw new InvalidLogoutToken('logout token names neither sub nor sid');
  const events = payload.events as Record<string, unknown> | undefined;
  const event = events?.[LOGOUT_EVENT];
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    throw new InvalidLogoutToken('logout token lacks the back-channel logout event');
  if ('nonce' in payload) throw new InvalidLogoutToken('logout token carries a nonce');
  // A replayed token could only end a session that is already over, so `jti` is not tracked
  // here; a system that keeps an audit trail may log it.
  return { ...(sub ? { sub } : {}), ...(sid ? { sid } : {}) };
}
