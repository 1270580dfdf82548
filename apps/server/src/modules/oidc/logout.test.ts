/**
 * Single logout (SSO-1): ending the portal session — logout, an administrator disabling the
 * account — calls each system's back-channel logout URI with a signed logout token, revokes
 * its refresh tokens and ends the engine session; an unreachable system is retried; and
 * RP-initiated logout ends the portal session too. A real relying party (openid-client) and a
 * real HTTP listener for the logout tokens.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import * as jose from 'jose';
import * as oidc from 'openid-client';
import { eq } from 'drizzle-orm';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import {
  SYSTEM,
  disableAccount,
  freshAddress,
  makeAccount,
  makeOrg,
  postLogin,
  type TestAccount,
} from '../../test-support/factories.ts';
import { Browser, freePort } from '../../test-support/browser.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { outbox } from '../../platform/db/schema.ts';
import { updateAccount } from '../accounts/service.ts';
import { addClient } from './clients.ts';

const REDIRECT = 'https://rp.example.gov.tw/callback';
const ADMIN = { accountId: 0, orgPath: '/', roles: ['user' as const, 'system_admin' as const] };

/** The relying party's back-channel endpoint: records what it receives; can be switched off. */
class LogoutListener {
  readonly tokens: string[] = [];
  up = true;
  private server!: http.Server;
  url = '';
  async start(): Promise<void> {
    const port = await freePort();
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (!this.up) {
          res.statusCode = 503;
          res.end();
          return;
        }
        const token = new URLSearchParams(body).get('logout_token');
        if (token) this.tokens.push(token);
        res.statusCode = token ? 200 : 400;
        res.end();
      });
    });
    await new Promise<void>((r) => this.server.listen(port, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${port}/backchannel-logout`;
  }
  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('single logout (SSO-1 back-channel and RP-initiated logout)', () => {
  let h: Harness;
  let base: string;
  let listener: LogoutListener;
  let config: oidc.Configuration;
  let clientId: string;

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await createHarness({ PUBLIC_URL: base });
    await h.app.listen({ port, host: '127.0.0.1' });
    listener = new LogoutListener();
    await listener.start();
    const client = await addClient(
      h.ctx,
      {
        name: '差勤系統',
        redirectUris: [REDIRECT],
        postLogoutRedirectUris: ['https://rp.example.gov.tw/bye'],
        backchannelLogoutUri: listener.url,
      },
      SYSTEM,
    );
    clientId = client.client_id;
    config = await oidc.discovery(new URL(`${base}/oidc`), client.client_id, client.client_secret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
  });
  after(async () => {
    await h.close();
    await listener.stop();
  });

  /** A person signed in to the portal, then to the system through SSO. */
  async function signedIn(person: TestAccount) {
    const browser = new Browser('https://rp.example.gov.tw/');
    await browser.signIn(base, person.account, person.password);
    const { landing, verifier, state } = await browser.authorize(config, base, {
      redirect_uri: REDIRECT,
      scope: 'openid profile',
    });
    assert.ok(landing.location?.startsWith(REDIRECT), `landed at ${landing.status} ${landing.location}`);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(landing.location!), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      idTokenExpected: true,
    });
    return { browser, tokens, sid: tokens.claims()!.sid as string };
  }

  async function verifyLogoutToken(token: string) {
    const jwks = jose.createRemoteJWKSet(new URL(`${base}/oidc/jwks`));
    const { payload } = await jose.jwtVerify(token, jwks, { issuer: `${base}/oidc`, audience: clientId });
    return payload;
  }

  const portalMe = (browser: Browser) => fetch(`${base}/api/me`, { headers: { cookie: browser.cookie } });

  test('logging out of the portal tells the system (signed logout token with its sid) and kills its refresh token', async () => {
    const person = await makeAccount(h);
    const { browser, tokens, sid } = await signedIn(person);
    assert.ok(sid, 'the ID token carries a sid');
    const before = listener.tokens.length;
    const me = (await (await portalMe(browser)).json()) as { csrfToken: string };
    const out = await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: browser.cookie, origin: base, 'x-csrf-token': me.csrfToken },
    });
    assert.equal(out.status, 200);
    await h.app.drainOutbox();
    assert.equal(listener.tokens.length, before + 1);
    const payload = await verifyLogoutToken(listener.tokens.at(-1)!);
    assert.equal(payload.sub, String(person.id));
    assert.equal(payload.sid, sid);
    assert.ok(payload.jti);
    assert.equal(payload.nonce, undefined);
    assert.deepEqual(payload.events, { 'http://schemas.openid.net/event/backchannel-logout': {} });
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!), 'the refresh token is revoked');
    const delivered = await auditRows(h, { action: 'sso.backchannel_logout' });
    assert.ok(
      delivered.some((r) => r.result === 'success' && (r.after as { accountId: number }).accountId === person.id),
    );
    // Idempotent: nothing more to do, nothing sent twice.
    await h.app.drainOutbox();
    assert.equal(listener.tokens.length, before + 1);
  });

  test('an administrator disabling the account logs the person out of the system', async () => {
    const person = await makeAccount(h);
    const { sid } = await signedIn(person);
    await disableAccount(h, person.id);
    await h.app.drainOutbox();
    const payload = await verifyLogoutToken(listener.tokens.at(-1)!);
    assert.equal(payload.sid, sid);
  });

  test('a transfer to another agency signs the person out of the system too', async () => {
    const person = await makeAccount(h);
    const { sid, tokens } = await signedIn(person);
    const elsewhere = await makeOrg(h);
    await updateAccount(h.ctx, ADMIN, person.id, { orgId: elsewhere.id }, SYSTEM);
    await h.app.drainOutbox();
    assert.equal((await verifyLogoutToken(listener.tokens.at(-1)!)).sid, sid);
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!));
  });

  test('a locked-out account cannot refresh its tokens while the lock lasts', async () => {
    const person = await makeAccount(h);
    const { tokens } = await signedIn(person);
    for (let i = 0; i < 5; i++) await postLogin(h, person.account, `Wrong-${i}-pw!`, { remoteAddress: freshAddress() });
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!));
  });

  test('a system that is down is retried with backoff until it answers', async () => {
    const person = await makeAccount(h);
    const { browser } = await signedIn(person);
    const before = listener.tokens.length;
    listener.up = false;
    const me = (await (await portalMe(browser)).json()) as { csrfToken: string };
    await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: browser.cookie, origin: base, 'x-csrf-token': me.csrfToken },
    });
    await h.app.drainOutbox();
    const [job] = await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'oidc.backchannel')).orderBy(outbox.id);
    const pending = (await h.ctx.db.select().from(outbox).where(eq(outbox.kind, 'oidc.backchannel'))).filter(
      (j) => !j.doneAt,
    );
    assert.equal(pending.length, 1, `one delivery waits for a retry (${JSON.stringify(job)})`);
    assert.match(pending[0]!.lastError ?? '', /503/u);
    assert.ok(pending[0]!.nextAttemptAt > h.clock.now());
    const failures = await auditRows(h, { action: 'sso.backchannel_logout' });
    assert.ok(failures.some((r) => r.result === 'failure'));

    listener.up = true;
    await h.app.drainOutbox();
    assert.equal(listener.tokens.length, before, 'not before its time');
    h.clock.advance(10_000);
    await h.app.drainOutbox();
    assert.equal(listener.tokens.length, before + 1);
  });

  test('RP-initiated logout: a zh-TW confirmation under a strict CSP; 登出 ends the portal session too', async () => {
    const person = await makeAccount(h);
    const { browser, tokens } = await signedIn(person);
    const end = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'https://rp.example.gov.tw/bye',
    });
    const page = await browser.visit(end.toString(), base);
    assert.equal(page.status, 200);
    assert.match(page.body, /要登出公務入口網嗎/u);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/u);
    const xsrf = /name="xsrf" value="([^"]+)"/u.exec(page.body)?.[1];
    assert.ok(xsrf, 'the engine’s anti-forgery value is in the form');
    const done = await browser.visit(`${base}/oidc/session/end/confirm`, base, {
      method: 'POST',
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }),
    });
    assert.equal(done.status, 303, done.body);
    assert.equal(done.location, 'https://rp.example.gov.tw/bye');
    assert.equal((await portalMe(browser)).status, 401, 'the portal session has ended');
  });
});
