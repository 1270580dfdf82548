import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { createHarness, type Harness, type RegisteredRoute } from '../../test-support/harness.ts';
import { login, makeAccount, type Session } from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { registerAccessControl } from './access.ts';
import { errorHandler } from './errors.ts';

const isDocs = (r: RegisteredRoute) => r.url === '/api/docs' || r.url.startsWith('/api/docs/');
const concrete = (r: RegisteredRoute, id: number | string) =>
  r.url.replace(':id', r.url.startsWith('/api/me/sessions') ? '00000000-0000-4000-8000-000000000000' : String(id));
/** Each (method, url) once; HEAD mirrors GET. */
const calls = (routes: RegisteredRoute[]) =>
  routes.flatMap((r) => r.methods.filter((m) => m !== 'HEAD').map((method) => ({ method, route: r })));

describe('access control (deny by default, ASVS V4)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  describe('route declarations', () => {
    test('every API route declares who may call it', () => {
      const api = h.routes.filter((r) => r.url.startsWith('/api/') && !isDocs(r));
      assert.ok(api.length >= 25, `only ${api.length} API routes seen`);
      assert.deepEqual(
        api.filter((r) => !r.access).map((r) => `${r.methods.join(',')} ${r.url}`),
        [],
      );
    });

    test('the only /api routes outside access control are the public API documentation pages', () => {
      const undeclared = h.routes.filter((r) => r.url.startsWith('/api') && !r.access);
      assert.ok(undeclared.length > 0);
      assert.ok(undeclared.every(isDocs), undeclared.map((r) => r.url).join(', '));
    });

    test('only sign-in, activation and recovery, the methods on offer, 機關管理員查詢 and the single-sign-on interaction (which reads the session itself) are public', () => {
      const open = h.routes.filter((r) => r.access === 'public').map((r) => r.url);
      assert.deepEqual([...new Set(open)].sort(), [
        '/api/auth/login',
        '/api/auth/login/moica',
        '/api/auth/login/passkey',
        '/api/auth/login/qr',
        '/api/auth/login/sms',
        '/api/auth/login/temp-password',
        '/api/auth/login/totp',
        '/api/auth/methods',
        '/api/auth/mobile-moica',
        '/api/auth/mobile-moica/:id',
        '/api/auth/moica/challenge',
        '/api/auth/moica/config',
        '/api/auth/passkey/options',
        '/api/auth/qr',
        '/api/auth/qr/:id',
        '/api/auth/qr/:id/approve',
        '/api/auth/qr/:id/events',
        '/api/auth/qr/:id/info',
        '/api/auth/recovery/code',
        '/api/auth/recovery/mobile-moica',
        '/api/auth/recovery/mobile-moica/:id',
        '/api/auth/recovery/password',
        '/api/auth/recovery/verify',
        '/api/auth/sms',
        '/api/auth/temp-password',
        '/api/oidc/interaction/:uid',
        '/api/public/agency-admins',
        '/api/public/orgs',
        '/api/qr-devices/:id/unbind',
        // 手機掃碼登入: the phone removes its own binding with its device key.,
      ]);
    });

    test('every /api/admin route needs an administrator', () => {
      const admin = h.routes.filter((r) => r.url.startsWith('/api/admin/'));
      assert.ok(admin.length >= 15);
      for (const r of admin) assert.ok(r.access === 'agency_admin' || r.access === 'system_admin', r.url);
    });

    test('a route that declares nothing is refused', async () => {
      const app = Fastify();
      app.setErrorHandler(errorHandler);
      await app.register(async (api) => {
        registerAccessControl(api, h.ctx);
        api.get('/api/forgotten', async () => ({ secret: true }));
      });
      const res = await app.inject({ method: 'GET', url: '/api/forgotten' });
      assertError(res, 403, 'MENHU_ERR_FORBIDDEN');
      await app.close();
    });
  });

  describe('who reaches what', () => {
    test('an anonymous caller gets 401 from every route that is not public', async () => {
      const routes = h.routes.filter((r) => r.url.startsWith('/api/') && r.access && r.access !== 'public');
      for (const { method, route } of calls(routes)) {
        const res = await h.app.inject({
          method: method as 'GET',
          url: concrete(route, 1),
          headers: { origin: h.config.publicOrigin },
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
        });
        assertError(res, 401, route.access === 'app' ? 'MENHU_ERR_APP_UNAUTHORIZED' : 'MENHU_ERR_UNAUTHENTICATED');
      }
    });

    const everyAdminRoute = async (s: Session, which: (r: RegisteredRoute) => boolean, targetId: number) => {
      const refused: string[] = [];
      for (const { method, route } of calls(h.routes.filter(which))) {
        const res = await h.app.inject({
          method: method as 'GET',
          url: concrete(route, targetId),
          headers: s.headers,
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
        });
        assertError(res, 403, 'MENHU_ERR_FORBIDDEN');
        refused.push(`${method} ${route.url}`);
      }
      return refused;
    };

    test('a plain user gets 403 from every /api/admin route', async () => {
      const user = await makeAccount(h);
      const other = await makeAccount(h, { orgId: user.orgId });
      const refused = await everyAdminRoute(await login(h, user), (r) => r.url.startsWith('/api/admin/'), other.id);
      assert.ok(refused.length >= 18, refused.join('\n'));
    });

    test('an agency admin gets 403 from every system-admin route', async () => {
      const admin = await makeAccount(h, { roles: ['agency_admin'] });
      const refused = await everyAdminRoute(await login(h, admin), (r) => r.access === 'system_admin', 1);
      assert.ok(refused.includes('POST /api/admin/orgs'));
      assert.ok(refused.includes('PATCH /api/admin/orgs/:id'));
      assert.ok(refused.includes('POST /api/admin/orgs/import'));
      assert.ok(refused.includes('GET /api/admin/audit'));
      assert.ok(refused.includes('GET /api/admin/audit/export'));
    });

    test('a system admin reaches the organisation and audit consoles', async () => {
      const sys = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
      assert.equal((await sys.get('/api/admin/audit')).statusCode, 200);
      assert.equal((await sys.get('/api/admin/audit/export')).statusCode, 200);
      assert.equal((await sys.get('/api/admin/accounts')).statusCode, 200);
    });

    test('every signed-in user reads the organisation tree', async () => {
      const res = await client(h, await login(h, await makeAccount(h))).get('/api/orgs');
      assert.equal(res.statusCode, 200);
      assert.ok(res.json().items.length > 0);
    });
  });

  describe('CSRF', () => {
    let s: Session;
    let other: Session;
    let targetId: number;
    before(async () => {
      const admin = await makeAccount(h, { roles: ['system_admin'] });
      s = await login(h, admin);
      other = await login(h, await makeAccount(h, { roles: ['system_admin'] }));
      targetId = (await makeAccount(h)).id;
    });

    const writes = () =>
      [
        ['POST', '/api/me/password', { currentPassword: 'x', newPassword: 'y' }],
        ['PUT', '/api/me/profile', { title: '被竄改' }],
        ['PATCH', `/api/admin/accounts/${targetId}`, { title: '被竄改' }],
        ['DELETE', '/api/me/sessions/00000000-0000-4000-8000-000000000000', undefined],
        ['POST', '/api/auth/logout', undefined],
      ] as const;

    const send = (method: string, url: string, payload: object | undefined, headers: Record<string, string>) =>
      h.app.inject({ method: method as 'POST', url, headers, ...(payload ? { payload } : {}) });

    test('a signed-in write without X-CSRF-Token is refused with 403', async () => {
      for (const [method, url, payload] of writes()) {
        const { 'x-csrf-token': _dropped, ...headers } = s.headers;
        assertError(await send(method, url, payload, headers), 403, 'MENHU_ERR_CSRF');
      }
    });

    test('a wrong X-CSRF-Token is refused with 403', async () => {
      for (const [method, url, payload] of writes()) {
        for (const token of ['', 'x', s.csrfToken.slice(0, -1), `${s.csrfToken}x`, s.csrfToken.toUpperCase()]) {
          assertError(await send(method, url, payload, { ...s.headers, 'x-csrf-token': token }), 403, 'MENHU_ERR_CSRF');
        }
      }
    });

    test('a token belonging to another session is refused with 403', async () => {
      for (const [method, url, payload] of writes()) {
        const res = await send(method, url, payload, { ...s.headers, 'x-csrf-token': other.csrfToken });
        assertError(res, 403, 'MENHU_ERR_CSRF');
      }
    });

    test('a foreign, look-alike, null or missing Origin is refused with 403 even with the right token', async () => {
      const origins = ['https://evil.example', 'http://localhost:3000.evil.example', 'http://localhost:3001', 'null'];
      for (const [method, url, payload] of writes()) {
        for (const origin of origins)
          assertError(await send(method, url, payload, { ...s.headers, origin }), 403, 'MENHU_ERR_CSRF');
        const { origin: _dropped, ...headers } = s.headers;
        assertError(await send(method, url, payload, headers), 403, 'MENHU_ERR_CSRF');
      }
    });

    test('a refused write changes nothing', async () => {
      const { 'x-csrf-token': _dropped, ...headers } = s.headers;
      await send('PATCH', `/api/admin/accounts/${targetId}`, { title: '被竄改' }, headers);
      await send('POST', '/api/auth/logout', undefined, headers);
      await send('PUT', '/api/me/profile', { title: '被竄改' }, { ...s.headers, origin: 'https://evil.example' });
      const api = client(h, s);
      assert.notEqual((await api.get(`/api/admin/accounts/${targetId}`)).json().title, '被竄改');
      assert.notEqual((await api.get('/api/me/account')).json().title, '被竄改');
      assert.equal((await api.get('/api/me')).statusCode, 200, 'the session survived the refused logout');
    });

    test('the right token and Origin are accepted', async () => {
      const res = await client(h, s).put('/api/me/profile', { title: '科長' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().title, '科長');
    });

    test('reads need neither a token nor an Origin', async () => {
      for (const url of ['/api/me', '/api/me/account', '/api/me/sessions', '/api/orgs', '/api/admin/accounts']) {
        const res = await h.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
        assert.equal(res.statusCode, 200, url);
      }
    });

    test('the token is the one the sign-in and /api/me hand out', async () => {
      const me = await client(h, s).get('/api/me');
      assert.equal(me.json().csrfToken, s.csrfToken);
    });
  });
});
