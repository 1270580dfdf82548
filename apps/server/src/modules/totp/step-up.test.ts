/**
 * SSO-10 for OIDC clients: amr/acr in the ID token say what the session used, and a system that
 * asks for two factors (acr_values=urn:menhu:loa:2) gets a fresh sign-in with a second factor.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { SYSTEM, makeAccount, type TestAccount } from '../../test-support/factories.ts';
import { Browser, freePort } from '../../test-support/browser.ts';
import { addClient } from '../oidc/clients.ts';
import { base32Decode, codeAt, stepAt } from './totp.ts';

const REDIRECT = 'https://rp.example.gov.tw/callback';

describe('amr, acr and step-up for systems (SSO-10)', () => {
  let h: Harness;
  let base: string;
  let config: oidc.Configuration;
  let person: TestAccount;
  let secret: string;
  let browser: Browser;

  const post = (path: string, body: unknown, csrf?: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: base,
        cookie: browser.cookie,
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      body: JSON.stringify(body),
    }).then(async (res) => {
      browser.remember(res);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    });
  const code = () => codeAt(base32Decode(secret), stepAt(h.clock.now().getTime()));

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await createHarness({ PUBLIC_URL: base });
    await h.app.listen({ port, host: '127.0.0.1' });
    person = await makeAccount(h);
    const client = await addClient(h.ctx, { name: '公文系統', redirectUris: [REDIRECT] }, SYSTEM);
    config = await oidc.discovery(new URL(`${base}/oidc`), client.client_id, client.client_secret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    browser = new Browser(REDIRECT);
    const signedIn = await post('/api/auth/login', { account: person.account, password: person.password });
    const csrf = signedIn.body.csrfToken as string;
    secret = (await post('/api/me/totp', {}, csrf)).body.secret as string;
    assert.equal((await post('/api/me/totp/confirm', { code: code() }, csrf)).status, 200);
  });
  after(() => h.close());

  test('discovery lists the two levels; a password session is pwd / loa:1', async () => {
    assert.deepEqual(config.serverMetadata().acr_values_supported, ['urn:menhu:loa:1', 'urn:menhu:loa:2']);
    const { landing, verifier, state } = await browser.authorize(config, base, { redirect_uri: REDIRECT });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(landing.location!), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    assert.deepEqual(tokens.claims()!.amr, ['pwd']);
    assert.equal(tokens.claims()!.acr, 'urn:menhu:loa:1');
  });

  test('acr_values=loa:2 sends a one-factor session to sign in again with a second factor, then pwd+otp / loa:2', async () => {
    const first = await browser.authorize(config, base, { redirect_uri: REDIRECT, acr_values: 'urn:menhu:loa:2' });
    assert.match(first.landing.location ?? '', /^\/login\?return=.+&fresh=1&mfa=1$/u);
    const back = decodeURIComponent(/return=([^&]+)/u.exec(first.landing.location!)![1]!);
    h.clock.advance(30_000);
    const step1 = await post('/api/auth/login', { account: person.account, password: person.password, stepUp: true });
    assert.equal(step1.body.mfaRequired, true);
    assert.deepEqual(step1.body.methods, ['totp', 'recovery']);
    const step2 = await post('/api/auth/mfa/totp', { code: code() }, step1.body.csrfToken as string);
    assert.equal(step2.status, 200);
    const done = await browser.visit(`${base}${back}`, base);
    assert.ok(done.location?.startsWith(REDIRECT), `${done.status} ${done.location}`);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(done.location!), {
      pkceCodeVerifier: first.verifier,
      expectedState: first.state,
    });
    assert.deepEqual(tokens.claims()!.amr, ['pwd', 'otp']);
    assert.equal(tokens.claims()!.acr, 'urn:menhu:loa:2');
  });

  test('a system registered as requiring two factors (requireMfa) gets them without asking for acr', async () => {
    const strict = await addClient(h.ctx, { name: '人事系統', redirectUris: [REDIRECT], requireMfa: true }, SYSTEM);
    const strictConfig = await oidc.discovery(
      new URL(`${base}/oidc`),
      strict.client_id,
      strict.client_secret,
      undefined,
      { execute: [oidc.allowInsecureRequests] },
    );
    // A fresh one-factor session.
    h.clock.advance(30_000);
    assert.equal((await post('/api/auth/login', { account: person.account, password: person.password })).status, 200);
    // Another system without the setting takes the one-factor session as it is.
    const relaxed = await browser.authorize(config, base, { redirect_uri: REDIRECT });
    assert.ok(relaxed.landing.location?.startsWith(REDIRECT), String(relaxed.landing.location));

    const first = await browser.authorize(strictConfig, base, { redirect_uri: REDIRECT });
    assert.match(first.landing.location ?? '', /^\/login\?return=.+&fresh=1&mfa=1$/u);
    const back = decodeURIComponent(/return=([^&]+)/u.exec(first.landing.location!)![1]!);
    h.clock.advance(30_000);
    const step1 = await post('/api/auth/login', { account: person.account, password: person.password, stepUp: true });
    const step2 = await post('/api/auth/mfa/totp', { code: code() }, step1.body.csrfToken as string);
    assert.equal(step2.status, 200);
    const done = await browser.visit(`${base}${back}`, base);
    assert.ok(done.location?.startsWith(REDIRECT), `${done.status} ${done.location}`);
    const tokens = await oidc.authorizationCodeGrant(strictConfig, new URL(done.location!), {
      pkceCodeVerifier: first.verifier,
      expectedState: first.state,
    });
    assert.equal(tokens.claims()!.acr, 'urn:menhu:loa:2');
  });
});
