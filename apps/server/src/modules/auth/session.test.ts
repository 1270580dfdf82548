import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { cookieFrom, login, makeAccount, postLogin } from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';

const MINUTE = 60_000;

describe('sessions (ASVS V3)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  const me = (cookie: string) => h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

  describe('the cookie', () => {
    test('is HttpOnly, SameSite=Lax, Path=/, lives 12 hours and is not Secure on plain http', async () => {
      const a = await makeAccount(h);
      const res = await postLogin(h, a.account, a.password);
      const raw = String(res.headers['set-cookie']);
      const attrs = raw.split(/;\s*/u).slice(1);
      assert.match(raw, /^menhu=[A-Za-z0-9_-]{43};/u);
      assert.ok(attrs.includes('HttpOnly'), raw);
      assert.ok(attrs.includes('SameSite=Lax'), raw);
      assert.ok(attrs.includes('Path=/'), raw);
      assert.ok(attrs.includes('Max-Age=43200'), raw);
      assert.ok(!attrs.includes('Secure'), raw);
      assert.ok(!attrs.some((x) => /^Domain=/iu.test(x)), raw);
    });

    test('holds a random token that is stored only as a hash', async () => {
      const a = await makeAccount(h);
      const s = await login(h, a);
      const token = s.cookie.split('=')[1]!;
      const rows = await h.database.withSession((q) => q(`select id, token_hash from sessions`));
      assert.ok(rows.length > 0);
      assert.ok(rows.every((r) => r.token_hash !== token && r.id !== token));
      const hash = crypto.createHash('sha256').update(token).digest('base64url');
      assert.equal(rows.filter((r) => r.token_hash === hash).length, 1);
    });

    test('a made-up, empty or oversized cookie value is 401', async () => {
      for (const value of [crypto.randomBytes(32).toString('base64url'), '', 'x'.repeat(5000), "' OR 1=1 --"]) {
        assertError(await me(`menhu=${encodeURIComponent(value)}`), 401, 'MENHU_ERR_UNAUTHENTICATED');
      }
    });

    test('signing out ends the session and clears the cookie', async () => {
      const a = await makeAccount(h);
      const s = await login(h, a);
      const out = await client(h, s).post('/api/auth/logout');
      assert.equal(out.statusCode, 200);
      assert.match(String(out.headers['set-cookie']), /^menhu=;.*Expires=Thu, 01 Jan 1970/u);
      assertError(await me(s.cookie), 401, 'MENHU_ERR_UNAUTHENTICATED');
      assertError(await client(h, s).post('/api/auth/logout'), 401, 'MENHU_ERR_UNAUTHENTICATED');
    });
  });

  describe('fixation', () => {
    test('a sign-in sent with a session cookie gets a new token and the old one stops working', async () => {
      const a = await makeAccount(h);
      const first = await login(h, a);
      const res = await postLogin(h, a.account, a.password, { cookie: first.cookie });
      assert.equal(res.statusCode, 200);
      const second = cookieFrom(res.headers['set-cookie']);
      assert.notEqual(second, first.cookie);
      assertError(await me(first.cookie), 401, 'MENHU_ERR_UNAUTHENTICATED');
      assert.equal((await me(second)).statusCode, 200);
    });

    test('a token planted by another person never becomes the victim’s session', async () => {
      const attacker = await makeAccount(h);
      const victim = await makeAccount(h, { name: '受害者' });
      const planted = await login(h, attacker);
      const res = await postLogin(h, victim.account, victim.password, { cookie: planted.cookie });
      const issued = cookieFrom(res.headers['set-cookie']);
      assert.notEqual(issued, planted.cookie);
      assertError(await me(planted.cookie), 401, 'MENHU_ERR_UNAUTHENTICATED');
      assert.equal((await me(issued)).json().name, '受害者');
    });

    test('a failed sign-in does not end or change the session the browser holds', async () => {
      const a = await makeAccount(h);
      const s = await login(h, a);
      const res = await postLogin(h, a.account, 'Wrong-pass1', { cookie: s.cookie });
      assert.equal(res.statusCode, 401);
      assert.equal(res.headers['set-cookie'], undefined);
      assert.equal((await me(s.cookie)).statusCode, 200);
    });
  });

  describe('lifetime', () => {
    test('a session idle for 31 minutes has ended', async () => {
      const a = await makeAccount(h);
      const s = await login(h, a);
      h.clock.advance(31 * MINUTE);
      assertError(await me(s.cookie), 401, 'MENHU_ERR_UNAUTHENTICATED');
    });

    test('a session idle for 29 minutes is still alive', async () => {
      const a = await makeAccount(h);
      const s = await login(h, a);
      h.clock.advance(29 * MINUTE);
      assert.equal((await me(s.cookie)).statusCode, 200);
    });

    test('activity within each 30 minutes keeps a session alive past 30 minutes', async () => {
      const a = await makeAccount(h);
      const s = await login(h, a);
      for (let i = 0; i < 4; i++) {
        h.clock.advance(20 * MINUTE);
        assert.equal((await me(s.cookie)).statusCode, 200, `after ${(i + 1) * 20} minutes`);
      }
      h.clock.advance(31 * MINUTE);
      assertError(await me(s.cookie), 401, 'MENHU_ERR_UNAUTHENTICATED');
    });

    test('a session ends 12 hours after sign-in however active it is', async () => {
      const a = await makeAccount(h);
      const signedInAt = h.clock.now().getTime();
      const s = await login(h, a);
      for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
        h.clock.advance(25 * MINUTE);
        assert.equal((await me(s.cookie)).statusCode, 200, `after ${minutes} minutes`);
      }
      h.clock.set(new Date(signedInAt + 12 * 60 * MINUTE - 1000));
      assert.equal((await me(s.cookie)).statusCode, 200);
      h.clock.set(new Date(signedInAt + 12 * 60 * MINUTE));
      assertError(await me(s.cookie), 401, 'MENHU_ERR_UNAUTHENTICATED');
    });
  });

  describe('one’s own sessions', () => {
    test('are listed with the current one marked', async () => {
      const a = await makeAccount(h);
      await login(h, a);
      const s = await login(h, a);
      const res = await client(h, s).get('/api/me/sessions');
      assert.equal(res.statusCode, 200);
      const items = res.json().items as { id: string; current: boolean; method: string; userAgent: string }[];
      assert.equal(items.length, 2);
      assert.equal(items.filter((x) => x.current).length, 1);
      assert.ok(items.every((x) => x.method === 'password' && x.userAgent === 'lightMyRequest'));
      assert.ok(!res.body.includes(s.cookie.split('=')[1]!), 'the listing never shows a token');
    });

    test('another of them can be ended, and it stops working at once', async () => {
      const a = await makeAccount(h);
      const other = await login(h, a);
      const api = client(h, await login(h, a));
      const otherId = (await api.get('/api/me/sessions')).json().items.find((x: { current: boolean }) => !x.current).id;
      const res = await api.delete(`/api/me/sessions/${otherId}`);
      assert.equal(res.statusCode, 200);
      assertError(await me(other.cookie), 401, 'MENHU_ERR_UNAUTHENTICATED');
      assert.equal((await api.get('/api/me/sessions')).json().items.length, 1);
      const [event] = await auditRows(h, { action: 'session.revoke', targetId: otherId });
      assert.equal(event?.actorId, a.id);
    });

    test('ending another person’s session is 404 and leaves it working', async () => {
      const a = await makeAccount(h);
      const b = await makeAccount(h);
      const bs = await login(h, b);
      const bId = (await client(h, bs).get('/api/me/sessions')).json().items[0].id;
      const res = await client(h, await login(h, a)).delete(`/api/me/sessions/${bId}`);
      assertError(res, 404, 'MENHU_ERR_NOT_FOUND');
      assert.equal((await me(bs.cookie)).statusCode, 200);
    });

    test('a session id that is not a UUID is a validation error', async () => {
      const a = await makeAccount(h);
      const res = await client(h, await login(h, a)).delete(`/api/me/sessions/1%20or%201=1`);
      assertError(res, 400, 'MENHU_ERR_VALIDATION');
    });

    test('sessions that have idled out are not listed', async () => {
      const a = await makeAccount(h);
      await login(h, a);
      h.clock.advance(31 * MINUTE);
      const s = await login(h, a);
      assert.equal((await client(h, s).get('/api/me/sessions')).json().items.length, 1);
    });
  });

  describe('ended by an administrator', () => {
    test('revoke-sessions ends every session of the account and is audited', async () => {
      const admin = await makeAccount(h, { roles: ['agency_admin'] });
      const a = await makeAccount(h, { orgId: admin.orgId });
      const s1 = await login(h, a);
      const s2 = await login(h, a);
      const res = await client(h, await login(h, admin)).post(`/api/admin/accounts/${a.id}/revoke-sessions`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { ok: true, revoked: 2 });
      assertError(await me(s1.cookie), 401, 'MENHU_ERR_UNAUTHENTICATED');
      assertError(await me(s2.cookie), 401, 'MENHU_ERR_UNAUTHENTICATED');
      const [event] = await auditRows(h, { action: 'session.revoke_all', targetId: a.id });
      assert.equal(event?.actorId, admin.id);
      assert.deepEqual(event?.after, { revoked: 2 });
      assert.equal((await postLogin(h, a.account, a.password)).statusCode, 200, 'the person may sign in again');
    });

    test('disabling an account ends its sessions at once', async () => {
      const admin = await makeAccount(h, { roles: ['agency_admin'] });
      const a = await makeAccount(h, { orgId: admin.orgId });
      const s = await login(h, a);
      const api = client(h, await login(h, admin));
      const res = await api.post(`/api/admin/accounts/${a.id}/status`, { status: 'disabled' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().status, 'disabled');
      assertError(await me(s.cookie), 401, 'MENHU_ERR_UNAUTHENTICATED');
    });

    test('a disabled account is told so only when the password is right', async () => {
      const admin = await makeAccount(h, { roles: ['agency_admin'] });
      const a = await makeAccount(h, { orgId: admin.orgId });
      await client(h, await login(h, admin)).post(`/api/admin/accounts/${a.id}/status`, { status: 'disabled' });
      assertError(await postLogin(h, a.account, a.password), 403, 'MENHU_ERR_ACCOUNT_DISABLED');
      assertError(await postLogin(h, a.account, 'Wrong-pass1'), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    });

    test('a re-enabled account signs in again', async () => {
      const admin = await makeAccount(h, { roles: ['agency_admin'] });
      const a = await makeAccount(h, { orgId: admin.orgId });
      const api = client(h, await login(h, admin));
      await api.post(`/api/admin/accounts/${a.id}/status`, { status: 'disabled' });
      const res = await api.post(`/api/admin/accounts/${a.id}/status`, { status: 'active' });
      assert.equal(res.json().status, 'active');
      assert.equal((await postLogin(h, a.account, a.password)).statusCode, 200);
      const events = await auditRows(h, { action: 'account.status', targetId: a.id });
      assert.deepEqual(
        events.map((e) => e.after),
        [{ status: 'disabled' }, { status: 'active' }],
      );
    });
  });
});
