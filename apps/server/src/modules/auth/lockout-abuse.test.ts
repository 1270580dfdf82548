import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { freshAddress, login, makeAccount, makeOrg, postLogin } from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { unlockAccountByName } from '../accounts/service.ts';

describe('abuse of the lockout (SSO-7)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ IP_THROTTLE_MAX_FAILURES: '8' });
  });
  after(() => h.close());

  test('refusals of a locked name count against the address, so a flood of them is throttled', async () => {
    const ip = freshAddress();
    for (let i = 0; i < 5; i++) await postLogin(h, 'flood-name', 'x', { remoteAddress: ip });
    for (let i = 0; i < 3; i++)
      assertError(await postLogin(h, 'flood-name', 'x', { remoteAddress: ip }), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
    const res = await postLogin(h, 'flood-name', 'x', { remoteAddress: ip });
    assertError(res, 429, 'MENHU_ERR_THROTTLED');
    assert.ok(Number(res.headers['retry-after']) > 0);
  });

  test('failed sign-ins under an unknown name never appear in the history of an account', async () => {
    const sysadmin = await makeAccount(h, { roles: ['system_admin'] });
    const victim = await makeAccount(h);
    const ip = freshAddress();
    for (let i = 0; i < 6; i++) await postLogin(h, String(victim.id), 'x', { remoteAddress: ip });
    const s = await login(h, sysadmin, { remoteAddress: freshAddress() });
    const history = await client(h, s).get(`/api/admin/accounts/${victim.id}/history`);
    assert.equal(history.statusCode, 200);
    const actions = history.json().items.map((e: { action: string }) => e.action);
    assert.ok(!actions.includes('login.failure') && !actions.includes('login.locked'), actions.join());
    const byName = await auditRows(h, { targetType: 'account_name', targetId: String(victim.id) });
    assert.ok(byName.some((e) => e.action === 'login.failure'));
    assert.ok(byName.some((e) => e.action === 'login.locked'));
  });

  test('an operator can unlock any name, such as the last system administrator, and it is audited', async () => {
    const agency = await makeOrg(h);
    const admin = await makeAccount(h, { orgId: agency.id, roles: ['system_admin'] });
    const ip = freshAddress();
    for (let i = 0; i < 5; i++) await postLogin(h, admin.account, 'Wrong#pass1', { remoteAddress: ip });
    assertError(
      await postLogin(h, admin.account, admin.password, { remoteAddress: ip }),
      423,
      'MENHU_ERR_ACCOUNT_LOCKED',
    );
    await unlockAccountByName(h.ctx, ` ${admin.account.toUpperCase()} `, {
      accountId: null,
      account: 'cli',
      ip: null,
      userAgent: 'menhu-cli',
    });
    assert.equal(
      (await postLogin(h, admin.account, admin.password, { remoteAddress: freshAddress() })).statusCode,
      200,
    );
    assert.equal((await auditRows(h, { action: 'account.unlock', targetLabel: admin.account })).length, 1);
  });
});
