import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, makeOrg, postLogin } from '../../test-support/factories.ts';
import { assertError, client, type Caller } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';

describe('what an administrator may manage (ACC-4, LC-4, LC-5)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  /**
   * A city with agency A (and its unit A1) and a sibling agency B. A has an agency admin and a
   * user; A1 and B have a user each.
   */
  const city = async () => {
    const root = await makeOrg(h, { name: '嘉禾市政府' });
    const agencyA = await makeOrg(h, { parentId: root.id, name: '甲局' });
    const unitA1 = await makeOrg(h, { parentId: agencyA.id, name: '甲局一科' });
    const agencyB = await makeOrg(h, { parentId: root.id, name: '乙局' });
    const [adminA, userA, userA1, userB] = await Promise.all([
      makeAccount(h, { orgId: agencyA.id, roles: ['agency_admin'] }),
      makeAccount(h, { orgId: agencyA.id }),
      makeAccount(h, { orgId: unitA1.id }),
      makeAccount(h, { orgId: agencyB.id }),
    ]);
    const api = client(h, await login(h, adminA!));
    return { root, agencyA, unitA1, agencyB, adminA: adminA!, userA: userA!, userA1: userA1!, userB: userB!, api };
  };

  const listed = async (api: Caller, query = '') => {
    const res = await api.get(`/api/admin/accounts?pageSize=200${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().items as { account: string }[]).map((x) => x.account).sort();
  };

  describe('an agency admin', () => {
    test('lists only the accounts in their agency and its units', async () => {
      const c = await city();
      assert.deepEqual(await listed(c.api), [c.adminA.account, c.userA.account, c.userA1.account].sort());
    });

    test('gets nothing when filtering by another agency, and only their part when filtering by a parent', async () => {
      const c = await city();
      assert.deepEqual(await listed(c.api, `&orgId=${c.agencyB.id}`), []);
      assert.deepEqual(await listed(c.api, `&orgId=${c.agencyB.id}&includeSubOrgs=false`), []);
      assert.deepEqual(
        await listed(c.api, `&orgId=${c.root.id}`),
        [c.adminA.account, c.userA.account, c.userA1.account].sort(),
      );
      assert.deepEqual(await listed(c.api, `&q=${c.userB.account}`), []);
    });

    test('gets 404 for another agency’s account on every action, and nothing changes', async () => {
      const c = await city();
      const id = c.userB.id;
      const attempts = [
        () => c.api.get(`/api/admin/accounts/${id}`),
        () => c.api.patch(`/api/admin/accounts/${id}`, { title: '被改' }),
        () => c.api.post(`/api/admin/accounts/${id}/unlock`),
        () => c.api.post(`/api/admin/accounts/${id}/status`, { status: 'disabled' }),
        () => c.api.post(`/api/admin/accounts/${id}/reset-password`),
        () => c.api.post(`/api/admin/accounts/${id}/force-password-change`),
        () => c.api.post(`/api/admin/accounts/${id}/roles`, { role: 'agency_admin', granted: true }),
        () => c.api.post(`/api/admin/accounts/${id}/revoke-sessions`),
      ];
      for (const attempt of attempts) assertError(await attempt(), 404, 'MENHU_ERR_NOT_FOUND');
      const res = await postLogin(h, c.userB.account, c.userB.password);
      assert.equal(res.statusCode, 200, 'B’s account still active with its own password');
      assert.equal(res.json().passwordChangeRequired, null);
      assert.deepEqual(res.json().roles, ['user']);
    });

    test('gets the same 404 for another agency’s account as for an id that does not exist', async () => {
      const c = await city();
      const foreign = await c.api.get(`/api/admin/accounts/${c.userB.id}`);
      const missing = await c.api.get(`/api/admin/accounts/99999999`);
      assert.equal(foreign.body, missing.body);
    });

    test('manages accounts in their units', async () => {
      const c = await city();
      const res = await c.api.patch(`/api/admin/accounts/${c.userA1.id}`, { title: '科員' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().title, '科員');
    });

    test('cannot create an account in, or move one to, another agency', async () => {
      const c = await city();
      const created = await c.api.post('/api/admin/accounts', {
        account: 'intruder01',
        name: '外人',
        orgId: c.agencyB.id,
      });
      assertError(created, 400, 'MENHU_ERR_VALIDATION');
      const moved = await c.api.patch(`/api/admin/accounts/${c.userA.id}`, { orgId: c.agencyB.id });
      assertError(moved, 400, 'MENHU_ERR_VALIDATION');
      assert.deepEqual(await listed(c.api, `&q=${c.userA.account}`), [c.userA.account]);
    });

    test('cannot grant system_admin, even within their agency', async () => {
      const c = await city();
      const res = await c.api.post(`/api/admin/accounts/${c.userA.id}/roles`, { role: 'system_admin', granted: true });
      assertError(res, 403, 'MENHU_ERR_FORBIDDEN');
      const self = await c.api.post(`/api/admin/accounts/${c.adminA.id}/roles`, {
        role: 'system_admin',
        granted: true,
      });
      assertError(self, 403, 'MENHU_ERR_FORBIDDEN');
      assert.deepEqual((await postLogin(h, c.adminA.account, c.adminA.password)).json().roles, [
        'user',
        'agency_admin',
      ]);
    });

    test('can grant agency_admin within their agency, and it is audited', async () => {
      const c = await city();
      const res = await c.api.post(`/api/admin/accounts/${c.userA1.id}/roles`, { role: 'agency_admin', granted: true });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().roles, ['user', 'agency_admin']);
      const [event] = await auditRows(h, { action: 'account.role', targetId: c.userA1.id });
      assert.equal(event?.actorId, c.adminA.id);
      assert.deepEqual(event?.after, { role: 'agency_admin', granted: true });
    });

    test('cannot take over a system administrator who sits in their agency', async () => {
      const c = await city();
      const sys = await makeAccount(h, { orgId: c.agencyA.id, roles: ['system_admin'] });
      const attempts = [
        () => c.api.post(`/api/admin/accounts/${sys.id}/reset-password`),
        () => c.api.patch(`/api/admin/accounts/${sys.id}`, { email: 'attacker@evil.example' }),
        () => c.api.post(`/api/admin/accounts/${sys.id}/status`, { status: 'disabled' }),
        () => c.api.post(`/api/admin/accounts/${sys.id}/force-password-change`),
        () => c.api.post(`/api/admin/accounts/${sys.id}/revoke-sessions`),
        () => c.api.post(`/api/admin/accounts/${sys.id}/roles`, { role: 'system_admin', granted: false }),
      ];
      for (const attempt of attempts) assertError(await attempt(), 403, 'MENHU_ERR_FORBIDDEN');
      const still = await postLogin(h, sys.account, sys.password);
      assert.equal(still.statusCode, 200);
      assert.deepEqual(still.json().roles, ['user', 'system_admin']);
      assert.equal(still.json().passwordChangeRequired, null);
      assert.equal((await c.api.get(`/api/admin/accounts/${sys.id}`)).statusCode, 200, 'still visible');
    });

    test('cannot act on their own account', async () => {
      const c = await city();
      const me = c.adminA.id;
      assertError(
        await c.api.post(`/api/admin/accounts/${me}/status`, { status: 'disabled' }),
        422,
        'MENHU_ERR_SELF_ACTION',
      );
      assertError(await c.api.post(`/api/admin/accounts/${me}/reset-password`), 422, 'MENHU_ERR_SELF_ACTION');
      const second = await makeAccount(h, { orgId: c.agencyA.id, roles: ['agency_admin'] });
      assert.ok(second);
      assertError(
        await c.api.post(`/api/admin/accounts/${me}/roles`, { role: 'agency_admin', granted: false }),
        422,
        'MENHU_ERR_SELF_ACTION',
      );
    });
  });

  describe('a change of rights', () => {
    test('takes effect on the next request of a session already open', async () => {
      const c = await city();
      await makeAccount(h, { orgId: c.agencyA.id, roles: ['agency_admin'] });
      assert.equal((await c.api.get('/api/admin/accounts')).statusCode, 200);
      const sys = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
      const res = await sys.post(`/api/admin/accounts/${c.adminA.id}/roles`, { role: 'agency_admin', granted: false });
      assert.equal(res.statusCode, 200);
      assertError(await c.api.get('/api/admin/accounts'), 403, 'MENHU_ERR_FORBIDDEN');
      assertError(await c.api.get(`/api/admin/accounts/${c.userA.id}`), 403, 'MENHU_ERR_FORBIDDEN');
    });

    test('a move to another agency signs the admin out, and the next session has the new scope', async () => {
      const c = await city();
      const sys = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
      await makeAccount(h, { orgId: c.agencyA.id, roles: ['agency_admin'] });
      await sys.patch(`/api/admin/accounts/${c.adminA.id}`, { orgId: c.agencyB.id });
      // SSO-11: a transferred account is signed out everywhere.
      assertError(await c.api.get(`/api/admin/accounts/${c.userA.id}`), 401, 'MENHU_ERR_UNAUTHENTICATED');
      const again = client(h, await login(h, c.adminA));
      assertError(await again.get(`/api/admin/accounts/${c.userA.id}`), 403, 'MENHU_ERR_FORBIDDEN');
    });
  });

  describe('the last agency admin of an agency', () => {
    /** A unit of agency A with exactly one agency admin of its own. */
    const soleAdminOfUnit = async () => {
      const c = await city();
      const sole = await makeAccount(h, { orgId: c.unitA1.id, roles: ['agency_admin'] });
      return { ...c, sole };
    };

    test('cannot be disabled', async () => {
      const c = await soleAdminOfUnit();
      const res = await c.api.post(`/api/admin/accounts/${c.sole.id}/status`, { status: 'disabled' });
      assertError(res, 422, 'MENHU_ERR_LAST_ADMIN');
      assert.equal((await postLogin(h, c.sole.account, c.sole.password)).statusCode, 200);
    });

    test('cannot lose the role', async () => {
      const c = await soleAdminOfUnit();
      const res = await c.api.post(`/api/admin/accounts/${c.sole.id}/roles`, { role: 'agency_admin', granted: false });
      assertError(res, 422, 'MENHU_ERR_LAST_ADMIN');
    });

    test('is protected from a system admin too', async () => {
      const c = await soleAdminOfUnit();
      const sys = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
      const res = await sys.post(`/api/admin/accounts/${c.sole.id}/status`, { status: 'disabled' });
      assertError(res, 422, 'MENHU_ERR_LAST_ADMIN');
    });

    test('may be disabled once a second agency admin exists', async () => {
      const c = await soleAdminOfUnit();
      await makeAccount(h, { orgId: c.unitA1.id, roles: ['agency_admin'] });
      const res = await c.api.post(`/api/admin/accounts/${c.sole.id}/status`, { status: 'disabled' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().status, 'disabled');
    });
  });

  describe('a system admin', () => {
    test('sees and manages every agency', async () => {
      const c = await city();
      const sys = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
      const all = await listed(sys, `&orgId=${c.root.id}`);
      assert.deepEqual(all, [c.adminA.account, c.userA.account, c.userA1.account, c.userB.account].sort());
      const res = await sys.patch(`/api/admin/accounts/${c.userB.id}`, { title: '股長' });
      assert.equal(res.json().title, '股長');
    });

    test('may reset another system admin’s password', async () => {
      const sys = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
      const peer = await makeAccount(h, { roles: ['system_admin'] });
      const res = await sys.post(`/api/admin/accounts/${peer.id}/reset-password`);
      assert.equal(res.statusCode, 200);
      assert.equal(
        (await postLogin(h, peer.account, res.json().temporaryPassword)).json().passwordChangeRequired,
        'forced',
      );
    });

    test('may grant system_admin', async () => {
      const c = await city();
      const sys = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
      const res = await sys.post(`/api/admin/accounts/${c.userB.id}/roles`, { role: 'system_admin', granted: true });
      assert.deepEqual(res.json().roles, ['user', 'system_admin']);
    });
  });

  describe('login records', () => {
    test('an agency admin sees only the records of their agency’s accounts', async () => {
      const c = await city();
      await postLogin(h, c.userA1.account, c.userA1.password);
      await postLogin(h, c.userB.account, c.userB.password);
      const res = await c.api.get('/api/admin/login-records?pageSize=200');
      assert.equal(res.statusCode, 200);
      const names = new Set((res.json().items as { account: string }[]).map((r) => r.account));
      assert.ok(names.has(c.userA1.account));
      assert.ok(!names.has(c.userB.account));
      const asked = await c.api.get(`/api/admin/login-records?accountId=${c.userB.id}`);
      assert.deepEqual(asked.json().items, []);
    });
  });
});
