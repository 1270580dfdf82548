/**
 * SSO-1 in a real browser: a system sends the person to the portal's OIDC endpoint; without a
 * portal session they sign in on the portal's own page and come back with a code; once signed in,
 * the next system gets its code without any page at all (single sign-on).
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD, launch, newContext } from './support.ts';

const RP = process.env.E2E_RP_CALLBACK ?? '';
const clientId = process.env.E2E_CLIENT_ID ?? '';
const clientSecret = process.env.E2E_CLIENT_SECRET ?? '';

let browser: Browser;
let page: Page;
let rp: http.Server;
const arrivals: string[] = [];

before(async () => {
  assert.ok(clientId && clientSecret && RP, 'scripts/e2e.ts registers the relying party');
  // The relying party's callback: a real listener that notes where the browser arrived.
  rp = http.createServer((req, res) => {
    // Only the callback counts; browsers also ask the RP for /favicon.ico.
    const url = new URL(req.url ?? '/', RP);
    if (url.pathname === new URL(RP).pathname) arrivals.push(url.toString());
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>RP</title><p>relying party</p>');
  });
  await new Promise<void>((resolve) => rp.listen(Number(new URL(RP).port), '127.0.0.1', resolve));
  browser = await launch();
  page = await (await newContext(browser)).newPage();
});
after(async () => {
  await browser.close();
  await new Promise((resolve) => rp.close(resolve));
});

function authorizationRequest() {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  const state = crypto.randomBytes(8).toString('hex');
  const url = new URL(`${BASE_URL}/oidc/auth`);
  for (const [k, v] of Object.entries({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: RP,
    scope: 'openid profile email',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }))
    url.searchParams.set(k, v);
  return { url: url.toString(), verifier, state };
}

async function redeem(callback: string, verifier: string): Promise<Record<string, unknown>> {
  const code = new URL(callback).searchParams.get('code')!;
  const res = await fetch(`${BASE_URL}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: RP, code_verifier: verifier }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const { id_token: idToken } = (await res.json()) as { id_token: string };
  return JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

test('without a portal session the person signs in on the portal and returns to the system with a code', async () => {
  const req = authorizationRequest();
  await page.goto(req.url);
  await page.waitForURL(/\/login\?return=/u);
  await page.getByLabel('帳號').fill('user01');
  await page.getByLabel('密碼', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登入' }).click();
  await page.waitForURL((u) => u.toString().startsWith(`${RP}?`));
  const callback = arrivals.at(-1)!;
  assert.equal(new URL(callback).searchParams.get('state'), req.state);
  const claims = await redeem(callback, req.verifier);
  assert.equal(claims.name, '王小明');
  assert.ok(claims.org_code);
});

test('signed in to the portal, the next request gets its code without any page (single sign-on)', async () => {
  const before = arrivals.length;
  const req = authorizationRequest();
  await page.goto(req.url);
  await page.waitForURL((u) => u.toString().startsWith(`${RP}?`));
  assert.equal(arrivals.length, before + 1);
  const claims = await redeem(arrivals.at(-1)!, req.verifier);
  assert.equal(claims.name, '王小明');
});
