import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, ORIGIN, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, postLogin } from '../../test-support/factories.ts';
import { assertError } from '../../test-support/http.ts';

const PUBLIC_URL = 'https://portal.example.gov.tw';

describe('the session cookie on an https portal', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ PUBLIC_URL });
  });
  after(() => h.close());

  test('is named __Host-menhu and is Secure, HttpOnly, SameSite=Lax, Path=/ without a Domain', async () => {
    const a = await makeAccount(h);
    const res = await postLogin(h, a.account, a.password);
    assert.equal(res.statusCode, 200);
    const raw = String(res.headers['set-cookie']);
    const attrs = raw.split(/;\s*/u).slice(1);
    assert.match(raw, /^__Host-menhu=[A-Za-z0-9_-]{43};/u);
    for (const attr of ['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']) assert.ok(attrs.includes(attr), raw);
    assert.ok(!attrs.some((x) => /^Domain=/iu.test(x)), raw);
  });

  test('the same token under the plain name is not accepted', async () => {
    const a = await makeAccount(h);
    const s = await login(h, a);
    const token = s.cookie.split('=')[1]!;
    const res = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `menhu=${token}` } });
    assertError(res, 401, 'MENHU_ERR_UNAUTHENTICATED');
    const ok = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
    assert.equal(ok.statusCode, 200);
  });

  test('answers carry Strict-Transport-Security', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
  });

  test('a sign-in from the plain-http origin of the same host is refused', async () => {
    const a = await makeAccount(h);
    for (const origin of ['http://portal.example.gov.tw', ORIGIN, 'https://portal.example.gov.tw.evil.example']) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin },
        payload: { account: a.account, password: a.password },
      });
      assertError(res, 403, 'MENHU_ERR_CSRF');
    }
  });
});
