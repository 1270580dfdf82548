/**
 * SSO-1 end to end with a real relying party (openid-client) against a listening server:
 * discovery, code + PKCE through the portal session (single sign-on: no second sign-in),
 * ID token and userinfo claims, refresh with rotation, and the refusals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { SYSTEM, makeAccount, type TestAccount, disableAccount } from '../../test-support/factories.ts';
import { addClient } from './clients.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { Browser, freePort } from '../../test-support/browser.ts';

const REDIRECT = 'https://rp.example.gov.tw/callback';

describe('OpenID Connect provider (SSO-1)', () => {
  let h: Harness;
  let base: string;
  let person: TestAccount;
  let browser: Browser;
  let config: oidc.Configuration;

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await createHarness({ PUBLIC_URL: base });
    await h.app.listen({ port, host: '127.0.0.1' });
    person = await makeAccount(h, { name: '林小華' });
    browser = new Browser(REDIRECT);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ account: person.account, password: person.password }),
    });
    assert.equal(login.status, 200);
    browser.remember(login);
    const client = await addClient(h.ctx, { name: '差勤系統', redirectUris: [REDIRECT] }, SYSTEM);
    config = await oidc.discovery(new URL(`${base}/oidc`), client.client_id, client.client_secret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
  });
  after(() => h.close());

  const signIn = (cfg: oidc.Configuration, extra: Record<string, string> = {}) =>
    browser.authorize(cfg, base, { redirect_uri: REDIRECT, scope: 'openid profile email phone', ...extra });

  test('discovery names the issuer under /oidc and the seven claims', () => {
    const meta = config.serverMetadata();
    assert.equal(meta.issuer, `${base}/oidc`);
    for (const c of ['name', 'title', 'phone_number', 'email', 'org_name', 'org_short_name', 'org_code'])
      assert.ok(meta.claims_supported?.includes(c), c);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
  });

  test('a person signed in to the portal gets a code without signing in again, then tokens and claims', async () => {
    const { landing, verifier, state } = await signIn(config);
    assert.ok(
      landing.location?.startsWith(REDIRECT),
      `landed at ${landing.status} ${landing.location} ${landing.body.slice(0, 200)}`,
    );
    const tokens = await oidc.authorizationCodeGrant(config, new URL(landing.location!), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const claims = tokens.claims()!;
    assert.equal(claims.sub, String(person.id));
    assert.equal(claims.name, '林小華');
    assert.ok(claims.org_code);
    assert.equal('id_number' in claims, false);
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.equal(info.name, '林小華');
    assert.equal(info.org_code, claims.org_code);

    // The usage trail names the system the person signed in to (written as the code is redeemed).
    const signins = async () => auditRows(h, { action: 'sso.signin', targetType: 'oidc_client' });
    for (let i = 0; i < 100 && !(await signins()).some((e) => e.actorId === person.id); i++)
      await new Promise((r) => setTimeout(r, 20)); // wait (bounded) for the observable row, not for time
    assert.ok((await signins()).some((e) => e.actorId === person.id && e.targetLabel === '差勤系統'));

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    assert.ok(refreshed.access_token && refreshed.refresh_token !== tokens.refresh_token, 'refresh rotates');
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!), 'a used refresh token is refused');
  });

  test('introspection says an access token is active until it is revoked', async () => {
    const { landing, verifier, state } = await signIn(config);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(landing.location!), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const live = await oidc.tokenIntrospection(config, tokens.access_token);
    assert.equal(live.active, true);
    assert.equal(live.sub, String(person.id));
    await oidc.tokenRevocation(config, tokens.access_token);
    assert.equal((await oidc.tokenIntrospection(config, tokens.access_token)).active, false);
  });

  test('a code older than its 60 seconds is refused', async () => {
    const { landing, verifier, state } = await signIn(config);
    h.clock.advance(61_000);
    await assert.rejects(
      oidc.authorizationCodeGrant(config, new URL(landing.location!), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      }),
      (err: Error & { error?: string }) => err.error === 'invalid_grant',
    );
  });

  test('a code redeemed twice is refused, and the tokens from the first redemption are revoked', async () => {
    const { landing, verifier, state } = await signIn(config);
    const callback = new URL(landing.location!);
    const first = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    await assert.rejects(
      oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }),
    );
    assert.equal((await oidc.tokenIntrospection(config, first.access_token)).active, false);
  });

  test('a client approved for some claims receives only those, whatever scopes it asks for', async () => {
    const narrow = await addClient(
      h.ctx,
      { name: '公文系統', redirectUris: [REDIRECT], claims: ['name', 'org_code'] },
      SYSTEM,
    );
    const cfg = await oidc.discovery(new URL(`${base}/oidc`), narrow.client_id, narrow.client_secret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    const { landing, verifier, state } = await signIn(cfg);
    const tokens = await oidc.authorizationCodeGrant(cfg, new URL(landing.location!), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const info = await oidc.fetchUserInfo(cfg, tokens.access_token, tokens.claims()!.sub);
    assert.equal(info.name, '林小華');
    assert.ok(info.org_code);
    for (const hidden of ['email', 'title', 'phone_number', 'org_name', 'org_short_name'])
      assert.equal(info[hidden], undefined, hidden);
  });

  test('an unregistered redirect URI is refused on the provider’s own page', async () => {
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'https://evil.example/cb',
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const res = await browser.visit(url.toString(), base);
    assert.equal(res.status, 400);
    assert.match(res.body, /redirect_uri/u);
  });

  test('a request without PKCE is refused', async () => {
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid', state: 's' });
    const res = await browser.visit(url.toString(), base);
    assert.match(res.location ?? '', /error=invalid_request/u);
  });

  test('a wrong PKCE verifier gets no tokens', async () => {
    const { landing, state } = await signIn(config);
    await assert.rejects(
      oidc.authorizationCodeGrant(config, new URL(landing.location!), {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedState: state,
      }),
    );
  });

  test('without a portal session the browser is sent to the portal’s login page', async () => {
    const stranger = new Browser(REDIRECT);
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    let current = url.toString();
    let res: Response | undefined;
    for (let i = 0; i < 5; i++) {
      res = await fetch(current, { redirect: 'manual', headers: { cookie: stranger.cookie } });
      stranger.remember(res);
      const loc = res.headers.get('location');
      if (!loc || loc.startsWith('/login')) break;
      current = new URL(loc, base).toString();
    }
    assert.match(res?.headers.get('location') ?? '', /^\/login\?return=%2Fapi%2Foidc%2Finteraction%2F/u);
  });

  test('prompt=login sends even a signed-in person to the login page for a fresh sign-in', async () => {
    const { landing } = await signIn(config, { prompt: 'login' });
    assert.equal(landing.status, 302);
    assert.match(landing.location ?? '', /^\/login\?return=%2Fapi%2Foidc%2Finteraction%2F[^&]+&fresh=1$/u);
  });

  test('after signing out of the portal, a system no longer gets a code silently', async () => {
    const other = await makeAccount(h, { name: '陳登出' });
    const own = new Browser(REDIRECT);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ account: other.account, password: other.password }),
    });
    own.remember(login);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const request = async () =>
      own.visit(
        oidc
          .buildAuthorizationUrl(config, {
            redirect_uri: REDIRECT,
            scope: 'openid',
            code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
            code_challenge_method: 'S256',
          })
          .toString(),
        base,
      );
    assert.ok((await request()).location?.startsWith(REDIRECT), 'signed in: a code at once');
    const out = await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: { origin: base, cookie: own.cookie, 'x-csrf-token': csrfToken },
    });
    assert.equal(out.status, 200);
    own.remember(out);
    const after = await request();
    assert.match(after.location ?? '', /^\/login\?return=/u, 'signed out: back to the portal login');
  });

  test('a disabled account can no longer refresh its tokens', async () => {
    const { landing, verifier, state } = await signIn(config);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(landing.location!), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    await disableAccount(h, person.id);
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!));
  });
});
