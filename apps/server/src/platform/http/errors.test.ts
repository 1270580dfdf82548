import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../app.ts';
import { BuiltinDirectory } from '../../modules/directory/builtin-directory.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, postLogin } from '../../test-support/factories.ts';
import { assertError, client, type Caller } from '../../test-support/http.ts';

/** What must never reach a client: stack frames, source paths, internal error names. */
const LEAK = /\n\s+at |node_modules|\.ts:\d+|\/work\/|DrizzleQueryError|TypeError|ReferenceError|stack/u;

describe('how the API answers bad input (ASVS V5, V7)', () => {
  let h: Harness;
  let admin: Caller;
  before(async () => {
    h = await createHarness();
    admin = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
  });
  after(() => h.close());

  const rawLogin = (payload: string, headers: Record<string, string> = {}) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: h.config.publicOrigin, 'content-type': 'application/json', ...headers },
      payload,
    });
  const details = (res: LightMyRequestResponse) => res.json().error.details as { path: string; message: string }[];

  describe('malformed bodies', () => {
    test('malformed JSON is 400 MENHU_ERR_BAD_JSON', async () => {
      assertError(await rawLogin('{"account":'), 400, 'MENHU_ERR_BAD_JSON');
    });

    test('an empty JSON body is 400 MENHU_ERR_BAD_JSON', async () => {
      assertError(await rawLogin(''), 400, 'MENHU_ERR_BAD_JSON');
    });

    test('prototype pollution through __proto__ is refused as bad JSON', async () => {
      const res = await rawLogin('{"account":"a","password":"b","__proto__":{"isAdmin":true}}');
      assertError(res, 400, 'MENHU_ERR_BAD_JSON');
      assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
    });

    test('a body over BODY_LIMIT_BYTES is 413 MENHU_ERR_BODY_TOO_LARGE', async () => {
      const big = JSON.stringify({ account: 'a', password: 'x'.repeat(h.config.bodyLimit) });
      assertError(await rawLogin(big), 413, 'MENHU_ERR_BODY_TOO_LARGE');
    });

    test('a content type the route cannot read is 415', async () => {
      assertError(
        await rawLogin('<login/>', { 'content-type': 'application/xml' }),
        415,
        'MENHU_ERR_UNSUPPORTED_MEDIA',
      );
    });
  });

  describe('validation', () => {
    test('a field of the wrong type is 400 naming the field', async () => {
      const res = await rawLogin(JSON.stringify({ account: 123, password: 'x' }));
      assertError(res, 400, 'MENHU_ERR_VALIDATION');
      assert.deepEqual(
        details(res).map((d) => d.path),
        ['body.account'],
      );
    });

    test('missing fields are 400 naming each of them', async () => {
      const res = await rawLogin('{}');
      assertError(res, 400, 'MENHU_ERR_VALIDATION');
      assert.deepEqual(
        details(res).map((d) => d.path),
        ['body.account', 'body.password'],
      );
      assert.ok(details(res).every((d) => typeof d.message === 'string' && d.message.length > 0));
    });

    test('an array where an object belongs is 400', async () => {
      assertError(await rawLogin('[]'), 400, 'MENHU_ERR_VALIDATION');
    });

    test('over-long input is 400 rather than truncated', async () => {
      const res = await rawLogin(JSON.stringify({ account: 'a'.repeat(65), password: 'x' }));
      assertError(res, 400, 'MENHU_ERR_VALIDATION');
      assert.equal(details(res)[0]?.path, 'body.account');
    });

    test('a bad query string names querystring and the field', async () => {
      const res = await admin.get('/api/admin/accounts?pageSize=abc');
      assertError(res, 400, 'MENHU_ERR_VALIDATION');
      assert.equal(details(res)[0]?.path, 'querystring.pageSize');
    });

    test('a bad path parameter names params and the field', async () => {
      const res = await admin.get('/api/admin/accounts/abc');
      assertError(res, 400, 'MENHU_ERR_VALIDATION');
      assert.equal(details(res)[0]?.path, 'params.id');
    });

    test('control characters in free text are refused', async () => {
      const res = await admin.put('/api/me/profile', { title: 'a\u0000b' });
      assertError(res, 400, 'MENHU_ERR_VALIDATION');
      assert.equal(details(res)[0]?.path, 'body.title');
    });
  });

  describe('hostile strings are data, never code', () => {
    const SQL = ["' OR 1=1 --", "Robert'); DROP TABLE accounts;--", "admin'--", '1; SELECT pg_sleep(5)'];

    test('SQL in the account name at sign-in is just a wrong account (401)', async () => {
      for (const account of SQL) {
        assertError(await postLogin(h, account, "' OR '1'='1"), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
      }
      const a = await makeAccount(h);
      assert.equal((await postLogin(h, a.account, a.password)).statusCode, 200, 'the accounts table is intact');
    });

    test('SQL and LIKE wildcards in a search match only literally', async () => {
      const a = await makeAccount(h, { name: '正常名字' });
      for (const q of [...SQL, '%', '_', '\\']) {
        const res = await admin.get(`/api/admin/accounts?q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200, q);
        assert.equal(res.json().total, 0, q);
      }
      assert.equal((await admin.get(`/api/admin/accounts?q=${a.account}`)).json().total, 1);
    });
  });

  describe('numbers beyond what the database holds', () => {
    test('an id or number too large for an integer column is 400, not a server error', async () => {
      const huge = '99999999999';
      const answers = [
        await admin.get(`/api/admin/accounts/${huge}`),
        await admin.get(`/api/admin/accounts?orgId=${huge}`),
        await admin.get(`/api/admin/login-records?accountId=${huge}`),
        await admin.patch(`/api/admin/orgs/${huge}`, { name: '不存在' }),
        await admin.post('/api/admin/accounts', { account: 'huge01', name: '大', orgId: Number(huge) }),
      ];
      for (const res of answers) assertError(res, 400, 'MENHU_ERR_VALIDATION');
    });
  });

  describe('unknown routes', () => {
    test('an unknown /api route is 404 with the error shape, for any method', async () => {
      assertError(await h.app.inject({ method: 'GET', url: '/api/nope' }), 404, 'MENHU_ERR_NOT_FOUND');
      assertError(await admin.post('/api/nope', {}), 404, 'MENHU_ERR_NOT_FOUND');
      assertError(await admin.delete('/api/admin/nothing/1'), 404, 'MENHU_ERR_NOT_FOUND');
    });

    test('a method a route does not have is 404 as well', async () => {
      assertError(await admin.delete('/api/me'), 404, 'MENHU_ERR_NOT_FOUND');
    });
  });

  describe('failures inside the server', () => {
    test('an unexpected error is 500 MENHU_ERR_INTERNAL with nothing of the error itself', async () => {
      /** A directory server that is down, as an AD/LDAP directory can be. */
      class UnreachableDirectory extends BuiltinDirectory {
        override async verifyPassword(): Promise<boolean> {
          throw new Error('connect ECONNREFUSED ldaps://dc01.internal:636 as cn=svc-menhu,pw=hunter2');
        }
      }
      const broken = new UnreachableDirectory(h.ctx.db);
      const app = await buildApp({ ctx: { ...h.ctx, directory: broken }, database: h.database });
      try {
        const a = await makeAccount(h);
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { origin: h.config.publicOrigin },
          payload: { account: a.account, password: a.password },
        });
        assertError(res, 500, 'MENHU_ERR_INTERNAL');
        assert.deepEqual(Object.keys(res.json().error).sort(), ['code', 'message']);
        assert.doesNotMatch(res.body, LEAK);
        assert.doesNotMatch(res.body, /ECONNREFUSED|ldaps|hunter2|dc01/u);
      } finally {
        await app.close();
      }
    });

    test('no error answer carries a stack trace or a source path', async () => {
      const answers = [
        await rawLogin('{"account":'),
        await rawLogin('{}'),
        await rawLogin(JSON.stringify({ account: 'a', password: 'x'.repeat(h.config.bodyLimit) })),
        await admin.get('/api/admin/accounts/abc'),
        await admin.get('/api/admin/accounts/99999999'),
        await h.app.inject({ method: 'GET', url: '/api/nope' }),
        await h.app.inject({ method: 'GET', url: '/api/me' }),
      ];
      for (const res of answers) {
        assert.ok(res.statusCode >= 400, res.body);
        assert.doesNotMatch(res.body, LEAK);
      }
    });
  });

  describe('language', () => {
    test('messages are in Traditional Chinese by default', async () => {
      const res = await postLogin(h, 'nobody-here', 'x');
      assert.equal(res.json().error.message, '帳號或密碼錯誤');
    });

    test('Accept-Language: en gives English messages, with the same code', async () => {
      for (const lang of ['en', 'en-US,en;q=0.9', 'EN-gb']) {
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { origin: h.config.publicOrigin, 'accept-language': lang },
          payload: { account: 'nobody-here', password: 'x' },
        });
        assertError(res, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
        assert.equal(res.json().error.message, 'The account or password is incorrect.', lang);
      }
    });

    test('a Chinese-first Accept-Language stays Chinese', async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { 'accept-language': 'zh-TW,zh;q=0.9,en;q=0.8' },
      });
      assert.equal(res.json().error.message, '請先登入');
    });

    test('validation details stay attached in English', async () => {
      const res = await rawLogin('{}', { 'accept-language': 'en' });
      assert.equal(res.json().error.message, 'The request is not valid.');
      assert.equal(details(res).length, 2);
    });
  });
});
