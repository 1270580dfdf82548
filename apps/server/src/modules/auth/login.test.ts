import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, ORIGIN, type Harness } from '../../test-support/harness.ts';
import { cookieFrom, login, makeAccount } from '../../test-support/factories.ts';

describe('password login', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  const post = (account: string, password: string, headers: Record<string, string> = { origin: ORIGIN }) =>
    h.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { account, password } });

  test('the right password signs in and /api/me names the person', async () => {
    const a = await makeAccount(h, { name: '王小明' });
    const res = await post(a.account, a.password);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.account, a.account);
    assert.deepEqual(body.roles, ['user']);
    assert.ok(body.csrfToken.length > 20);
    const cookie = cookieFrom(res.headers['set-cookie']);
    assert.match(String(res.headers['set-cookie']), /HttpOnly/);
    assert.match(String(res.headers['set-cookie']), /SameSite=Lax/);
    const me = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().name, '王小明');
  });

  test('a wrong password is 401 with the error shape', async () => {
    const a = await makeAccount(h);
    const res = await post(a.account, 'Wrong-pass1');
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'MENHU_ERR_INVALID_CREDENTIALS');
    assert.equal(typeof res.json().error.message, 'string');
  });

  test('login without a same-origin Origin header is refused', async () => {
    const a = await makeAccount(h);
    const res = await post(a.account, a.password, { origin: 'https://evil.example' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'MENHU_ERR_CSRF');
    const none = await post(a.account, a.password, {});
    assert.equal(none.statusCode, 403);
  });

  test('logout ends the session', async () => {
    const a = await makeAccount(h);
    const s = await login(h, a);
    const out = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    assert.equal(out.statusCode, 200);
    const me = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
    assert.equal(me.statusCode, 401);
  });
});
