/** The example's logout-token checks (Back-Channel Logout 1.0 §2.6), with tokens signed here. */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  SignJWT,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { InvalidLogoutToken, verifyLogoutToken } from './backchannel-logout.ts';

const ISSUER = 'https://portal.example.gov.tw/oidc';
const CLIENT_ID = 'client-1';
const EVENTS = { 'http://schemas.openid.net/event/backchannel-logout': {} };

describe('verifying a back-channel logout token', () => {
  let menhuKey: CryptoKey;
  let strangerKey: CryptoKey;
  let keys: JWTVerifyGetKey;

  before(async () => {
    const pair = await generateKeyPair('RS256');
    menhuKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' }] });
  });

  const sign = (claims: JWTPayload, opts: { key?: CryptoKey; typ?: string; iat?: number; exp?: number } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: ISSUER, aud: CLIENT_ID, events: EVENTS, sid: 'sid-1', sub: '42', jti: 'j1', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: opts.typ ?? 'logout+jwt' })
      .setIssuedAt(opts.iat ?? now)
      .setExpirationTime(opts.exp ?? now + 120)
      .sign(opts.key ?? menhuKey);
  };
  const verify = (token: string) => verifyLogoutToken(token, { issuer: ISSUER, clientId: CLIENT_ID, keys });

  test('a token from Menhu for this system names the session (sid) and the person (sub)', async () => {
    assert.deepEqual(await verify(await sign({})), { sub: '42', sid: 'sid-1' });
  });

  test('a token with only sub, or only sid, is accepted', async () => {
    assert.deepEqual(await verify(await sign({ sid: undefined })), { sub: '42' });
    assert.deepEqual(await verify(await sign({ sub: undefined })), { sid: 'sid-1' });
  });

  const refusals: [string, () => Promise<string>][] = [
    ['signed by another key', () => sign({}, { key: strangerKey })],
    ['from another issuer', () => sign({ iss: 'https://evil.example/oidc' })],
    ['for another system', () => sign({ aud: 'client-2' })],
    ['expired', () => sign({}, { iat: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 300 })],
    ['an ID token (typed JWT, with a nonce, no event)', () => sign({ events: undefined, nonce: 'n' }, { typ: 'JWT' })],
    ['without the logout event', () => sign({ events: { 'urn:other': {} } })],
    ['with a nonce', () => sign({ nonce: 'n' })],
    ['naming neither sub nor sid', () => sign({ sub: undefined, sid: undefined })],
    ['without jti', () => sign({ jti: undefined })],
  ];
  for (const [what, token] of refusals)
    test(`a token ${what} is refused`, async () => {
      await assert.rejects(verify(await token()), InvalidLogoutToken);
    });

  test('something that is not a JWT at all is refused', async () => {
    await assert.rejects(verify('not.a.jwt'), InvalidLogoutToken);
  });
});
