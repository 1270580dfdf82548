import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import {
  freshAddress,
  login,
  makeAccount,
  otherPassword,
  postLogin,
  type TestAccount,
} from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';

const DAY = 86_400_000;
const NEW = otherPassword(1);
const [SECOND, THIRD, FOURTH] = [otherPassword(2), otherPassword(3), otherPassword(4)];

describe('passwords (SSO-8)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  /** Changes `a`'s password through the API from a fresh session, and remembers the new one. */
  const change = async (a: TestAccount, newPassword: string) => {
    const api = client(h, await login(h, a, { remoteAddress: freshAddress() }));
    const res = await api.post('/api/me/password', { currentPassword: a.password, newPassword });
    if (res.statusCode === 200) a.password = newPassword;
    return res;
  };

  describe('changing one’s own password', () => {
    test('a new password meeting the rules replaces the old one', async () => {
      const a = await makeAccount(h);
      const old = a.password;
      const res = await change(a, NEW);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { ok: true });
      assert.equal((await postLogin(h, a.account, NEW)).statusCode, 200);
      assertError(await postLogin(h, a.account, old), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    });

    const weak: [string, string, string[]][] = [
      // No three letters or digits in a row, so none can share a run with the account name.
      ['too short', 'A!b1#c$', ['length']],
      ['too long', 'A!b1#C@d2$E%f3^g', ['length']],
      ['only two character classes', 'a!b@c#d$e', ['classes']],
      ['one character class and too short', 'a!b', ['length', 'classes']],
    ];
    for (const [why, password, rules] of weak) {
      test(`a password that is ${why} is refused with 422 naming ${rules.join(' and ')}`, async () => {
        const a = await makeAccount(h);
        const res = await change(a, password);
        assertError(res, 422, 'MENHU_ERR_PASSWORD_POLICY');
        assert.deepEqual(res.json().error.details, { failed: rules });
      });
    }

    test('a password holding three consecutive characters of the account name, in any case, is refused', async () => {
      const a = await makeAccount(h, { account: `chen${Date.now().toString(36)}`.slice(0, 16) });
      const res = await change(a, 'X9!CHEn#q');
      assertError(res, 422, 'MENHU_ERR_PASSWORD_POLICY');
      assert.deepEqual(res.json().error.details, { failed: ['accountName'] });
    });

    test('a refused password leaves the current one working', async () => {
      const a = await makeAccount(h);
      await change(a, 'weak');
      assert.equal((await postLogin(h, a.account, a.password)).statusCode, 200);
    });

    test('a wrong current password is refused with 422 and changes nothing', async () => {
      const a = await makeAccount(h);
      const api = client(h, await login(h, a));
      const res = await api.post('/api/me/password', { currentPassword: 'Not-it-1!', newPassword: NEW });
      assertError(res, 422, 'MENHU_ERR_CURRENT_PASSWORD');
      assert.equal((await postLogin(h, a.account, a.password)).statusCode, 200);
      assertError(await postLogin(h, a.account, NEW), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    });

    test('each of the last three passwords is refused as reused', async () => {
      const a = await makeAccount(h);
      const first = a.password;
      assert.equal((await change(a, SECOND)).statusCode, 200);
      assert.equal((await change(a, THIRD)).statusCode, 200);
      for (const reused of [first, SECOND, THIRD]) {
        assertError(await change(a, reused), 422, 'MENHU_ERR_PASSWORD_REUSED');
      }
    });

    test('the fourth-oldest password may be used again', async () => {
      const a = await makeAccount(h);
      const first = a.password;
      for (const next of [SECOND, THIRD, FOURTH]) assert.equal((await change(a, next)).statusCode, 200);
      assert.equal((await change(a, first)).statusCode, 200);
      assert.equal((await postLogin(h, a.account, first)).statusCode, 200);
    });

    test('changing the password ends the other sessions but keeps the current one', async () => {
      const a = await makeAccount(h);
      const other = await login(h, a);
      const current = await login(h, a);
      const api = client(h, current);
      const res = await api.post('/api/me/password', { currentPassword: a.password, newPassword: NEW });
      assert.equal(res.statusCode, 200);
      assertError(await client(h, other).get('/api/me'), 401, 'MENHU_ERR_UNAUTHENTICATED');
      assert.equal((await api.get('/api/me')).statusCode, 200);
      assert.equal((await api.get('/api/me/sessions')).json().items.length, 1);
    });

    test('a change and a failed attempt are both audited, without the passwords', async () => {
      const a = await makeAccount(h);
      const api = client(h, await login(h, a));
      await api.post('/api/me/password', { currentPassword: 'Not-it-1!', newPassword: NEW });
      await api.post('/api/me/password', { currentPassword: a.password, newPassword: NEW });
      const events = await auditRows(h, { action: 'password.change', targetId: a.id });
      assert.deepEqual(
        events.map((e) => [e.result, e.actorId]),
        [
          ['failure', a.id],
          ['success', a.id],
        ],
      );
      assert.deepEqual(events[0]!.after, { reason: 'current_password' });
      assert.doesNotMatch(JSON.stringify(events), new RegExp(`${NEW}|Not-it-1!`, 'u'));
    });
  });

  describe('expiry after 90 days', () => {
    test('75 days after a change there is no warning yet', async () => {
      const a = await makeAccount(h);
      h.clock.advance(75 * DAY);
      const res = await postLogin(h, a.account, a.password);
      assert.equal(res.json().passwordExpiresInDays, null);
      assert.equal(res.json().passwordChangeRequired, null);
    });

    test('76 days after a change, sign-in and /api/me warn that it expires in 14 days', async () => {
      const a = await makeAccount(h);
      h.clock.advance(76 * DAY);
      const res = await postLogin(h, a.account, a.password);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().passwordExpiresInDays, 14);
      assert.equal(res.json().passwordChangeRequired, null);
      const me = await client(h, await login(h, a)).get('/api/me');
      assert.equal(me.json().passwordExpiresInDays, 14);
      assert.equal(me.json().passwordChangeRequired, null);
    });

    test('the warning counts down day by day', async () => {
      const a = await makeAccount(h);
      h.clock.advance(89 * DAY);
      assert.equal((await postLogin(h, a.account, a.password)).json().passwordExpiresInDays, 1);
    });

    test('after 90 days sign-in succeeds but the session may only change the password', async () => {
      const a = await makeAccount(h);
      h.clock.advance(90 * DAY);
      const res = await postLogin(h, a.account, a.password);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().passwordChangeRequired, 'expired');
      const api = client(h, await login(h, a));
      assertError(await api.get('/api/me/account'), 403, 'MENHU_ERR_PASSWORD_CHANGE_REQUIRED');
      assertError(await api.get('/api/me/sessions'), 403, 'MENHU_ERR_PASSWORD_CHANGE_REQUIRED');
      assertError(await api.put('/api/me/profile', { title: '科員' }), 403, 'MENHU_ERR_PASSWORD_CHANGE_REQUIRED');
      const me = await api.get('/api/me');
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().passwordChangeRequired, 'expired');
    });

    test('an expired session is freed by changing the password', async () => {
      const a = await makeAccount(h);
      h.clock.advance(91 * DAY);
      const api = client(h, await login(h, a));
      const res = await api.post('/api/me/password', { currentPassword: a.password, newPassword: NEW });
      assert.equal(res.statusCode, 200);
      assert.equal((await api.get('/api/me/account')).statusCode, 200);
      assert.equal((await api.get('/api/me')).json().passwordChangeRequired, null);
      const next = await postLogin(h, a.account, NEW);
      assert.equal(next.json().passwordChangeRequired, null);
      assert.equal(next.json().passwordExpiresInDays, null);
    });

    test('an expired administrator cannot reach the admin console before changing the password', async () => {
      const admin = await makeAccount(h, { roles: ['system_admin'] });
      h.clock.advance(90 * DAY);
      const api = client(h, await login(h, admin));
      assertError(await api.get('/api/admin/accounts'), 403, 'MENHU_ERR_PASSWORD_CHANGE_REQUIRED');
      assertError(await api.get('/api/admin/audit'), 403, 'MENHU_ERR_PASSWORD_CHANGE_REQUIRED');
    });

    test('a restricted session may still sign out', async () => {
      const a = await makeAccount(h);
      h.clock.advance(90 * DAY);
      const s = await login(h, a);
      assert.equal((await client(h, s).post('/api/auth/logout')).statusCode, 200);
      assertError(await client(h, s).get('/api/me'), 401, 'MENHU_ERR_UNAUTHENTICATED');
    });
  });

  describe('a change forced by an administrator', () => {
    test('the next sign-in is limited with reason "forced", and existing sessions end', async () => {
      const admin = await makeAccount(h, { roles: ['agency_admin'] });
      const a = await makeAccount(h, { orgId: admin.orgId });
      const before = await login(h, a);
      const res = await client(h, await login(h, admin)).post(`/api/admin/accounts/${a.id}/force-password-change`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().mustChangePassword, true);
      assertError(await client(h, before).get('/api/me'), 401, 'MENHU_ERR_UNAUTHENTICATED');

      const next = await postLogin(h, a.account, a.password);
      assert.equal(next.statusCode, 200);
      assert.equal(next.json().passwordChangeRequired, 'forced');
      const api = client(h, await login(h, a));
      assert.equal((await api.get('/api/me')).json().passwordChangeRequired, 'forced');
      assertError(await api.get('/api/me/account'), 403, 'MENHU_ERR_PASSWORD_CHANGE_REQUIRED');
    });

    test('once changed, sign-in is no longer limited', async () => {
      const admin = await makeAccount(h, { roles: ['agency_admin'] });
      const a = await makeAccount(h, { orgId: admin.orgId });
      await client(h, await login(h, admin)).post(`/api/admin/accounts/${a.id}/force-password-change`);
      assert.equal((await change(a, NEW)).statusCode, 200);
      assert.equal((await postLogin(h, a.account, a.password)).json().passwordChangeRequired, null);
    });

    test('the forced change is audited', async () => {
      const admin = await makeAccount(h, { roles: ['agency_admin'] });
      const a = await makeAccount(h, { orgId: admin.orgId });
      await client(h, await login(h, admin)).post(`/api/admin/accounts/${a.id}/force-password-change`);
      const [event] = await auditRows(h, { action: 'password.force_change', targetId: a.id });
      assert.equal(event?.actorId, admin.id);
      assert.deepEqual(event?.after, { mustChangePassword: true });
    });
  });
});
