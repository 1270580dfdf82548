/**
 * SSO-2 帳號驗證 through HTTP: application authentication, the answers, lockout shared with the
 * portal, no account enumeration, rate limit, records and statistics.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import {
  SYSTEM,
  login,
  makeAccount,
  makeIntegrationApp,
  postLogin,
  type TestAccount,
  type TestApp,
  disableAccount,
} from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { updateAccountRow } from '../accounts/store.ts';
import { setAppStatus } from './apps-service.ts';

describe('POST /api/v1/verify (SSO-2)', () => {
  let h: Harness;
  let owner: TestAccount;
  let person: TestAccount;
  let app: TestApp;

  const verify = (headers: Record<string, string>, account: string, password: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/verify', headers, payload: { account, password } });

  before(async () => {
    h = await createHarness({ INTEGRATION_RATE_PER_SECOND: '5', INTEGRATION_RATE_BURST: '40' });
    owner = await makeAccount(h);
    person = await makeAccount(h, { name: '陳驗證' });
    app = await makeIntegrationApp(h, owner, { verify: { claims: ['name', 'org_code'], description: '差勤系統登入' } });
  });
  after(() => h.close());

  test('right password → valid with exactly the approved claims; no session, no cookie', async () => {
    const res = await verify(app.headers, person.account.toUpperCase(), person.password);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.valid, true);
    assert.equal(body.sub, String(person.id));
    assert.equal(body.account, person.account);
    assert.deepEqual(Object.keys(body.claims).sort(), ['name', 'org_code']);
    assert.equal(body.claims.name, '陳驗證');
    assert.equal(res.headers['set-cookie'], undefined);
    const rows = await auditRows(h, { action: 'verify.success' });
    assert.ok(rows.some((r) => r.actorId === person.id && (r.after as { app: string }).app === app.apcode));
  });

  test('an unknown account and a wrong password get the same answer', async () => {
    const unknown = await verify(app.headers, 'nobody-here', 'Whatever1!');
    const wrong = await verify(app.headers, person.account, 'Wrong-pass1!');
    assert.equal(unknown.statusCode, 200);
    assert.deepEqual(unknown.json(), { valid: false, reason: 'invalid_credentials' });
    assert.deepEqual(wrong.json(), unknown.json());
    const fails = await auditRows(h, { action: 'verify.failure' });
    assert.ok(fails.length >= 2);
  });

  test('five wrong passwords lock the account for the portal too, and the right one is then refused', async () => {
    const victim = await makeAccount(h);
    for (let i = 0; i < 5; i++) await verify(app.headers, victim.account, `Wrong-${i}-pass!`);
    assert.deepEqual((await verify(app.headers, victim.account, victim.password)).json(), {
      valid: false,
      reason: 'locked',
    });
    assertError(await postLogin(h, victim.account, victim.password), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
  });

  test('a disabled account is refused (after a right password only)', async () => {
    const gone = await makeAccount(h);
    await disableAccount(h, gone.id);
    assert.deepEqual((await verify(app.headers, gone.account, gone.password)).json(), {
      valid: false,
      reason: 'disabled',
    });
  });

  test('an expired password must first be changed on the portal', async () => {
    const old = await makeAccount(h);
    await updateAccountRow(h.ctx.db, old.id, {
      passwordChangedAt: new Date(h.clock.now().getTime() - 91 * 86_400_000),
    });
    assert.deepEqual((await verify(app.headers, old.account, old.password)).json(), {
      valid: false,
      reason: 'password_change_required',
    });
  });

  test('an account whose role requires a second factor is refused (mfa_required)', async () => {
    const h2 = await createHarness({ MFA_REQUIRED_ROLES: 'system_admin' });
    try {
      const owner2 = await makeAccount(h2);
      const admin = await makeAccount(h2, { roles: ['system_admin'] });
      const a2 = await makeIntegrationApp(h2, owner2, { verify: { description: 'x' } });
      const res = await h2.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: a2.headers,
        payload: { account: admin.account, password: admin.password },
      });
      assert.deepEqual(res.json(), { valid: false, reason: 'mfa_required' });
    } finally {
      await h2.close();
    }
  });

  test('failed verifications share one budget per application: past it, 429 (password spraying)', async () => {
    const h2 = await createHarness({ INTEGRATION_FAILURE_BUDGET: '3' });
    try {
      const owner2 = await makeAccount(h2);
      const a2 = await makeIntegrationApp(h2, owner2, { verify: { description: 'x' } });
      const call = (account: string) =>
        h2.app.inject({
          method: 'POST',
          url: '/api/v1/verify',
          headers: a2.headers,
          payload: { account, password: 'Spray-2026!' },
        });
      for (let i = 0; i < 3; i++) assert.equal((await call(`name${i}`)).json().valid, false);
      assertError(await call('name9'), 429, 'MENHU_ERR_RATE_LIMITED');
    } finally {
      await h2.close();
    }
  });

  test('missing, wrong or unknown application credentials → 401', async () => {
    assertError(await verify({}, person.account, person.password), 401, 'MENHU_ERR_APP_UNAUTHORIZED');
    assertError(
      await verify({ ...app.headers, 'x-aptoken': `${app.aptoken}x` }, person.account, person.password),
      401,
      'MENHU_ERR_APP_UNAUTHORIZED',
    );
    assertError(
      await verify({ 'x-apcode': 'no-such-code', 'x-aptoken': app.aptoken }, person.account, person.password),
      401,
      'MENHU_ERR_APP_UNAUTHORIZED',
    );
  });

  test('an application without an approved 帳號驗證 service → 403; pending is not approved', async () => {
    const other = await makeIntegrationApp(h, owner, { verify: { description: '待審' } }, { approve: false });
    assertError(await verify(other.headers, person.account, person.password), 403, 'MENHU_ERR_SERVICE_NOT_APPROVED');
    const ssoOnly = await makeIntegrationApp(h, owner, {
      sso: { claims: ['name'], redirectUris: ['https://rp.example.gov.tw/cb'], description: 'sso' },
    });
    assertError(await verify(ssoOnly.headers, person.account, person.password), 403, 'MENHU_ERR_SERVICE_NOT_APPROVED');
  });

  test('a suspended application → 401 until resumed', async () => {
    const s = await makeIntegrationApp(h, owner, { verify: { description: 'x' } });
    await setAppStatus(h.ctx, s.id, { status: 'suspended', reason: '資安事件' }, SYSTEM);
    assertError(await verify(s.headers, person.account, person.password), 401, 'MENHU_ERR_APP_UNAUTHORIZED');
    await setAppStatus(h.ctx, s.id, { status: 'active' }, SYSTEM);
    assert.equal((await verify(s.headers, person.account, person.password)).json().valid, true);
  });

  test('calls beyond the per-application burst → 429 with Retry-After; other applications unaffected', async () => {
    const busy = await makeIntegrationApp(h, owner, { verify: { description: 'busy' } });
    const answers = [];
    for (let i = 0; i < 45; i++) answers.push(await verify(busy.headers, 'nobody', 'x'));
    const limited = answers.filter((r) => r.statusCode === 429);
    assert.ok(limited.length >= 1, 'some calls are limited');
    assertError(limited[0]!, 429, 'MENHU_ERR_RATE_LIMITED');
    assert.ok(limited[0]!.headers['retry-after']);
    assert.equal((await verify(app.headers, person.account, person.password)).statusCode, 200);
  });

  test('calls and failures are counted per day and shown to the owner', async () => {
    const counted = await makeIntegrationApp(h, owner, { verify: { description: 'stats' } });
    await verify(counted.headers, person.account, person.password);
    await verify(counted.headers, person.account, 'bad-password-1');
    await verify(counted.headers, person.account, 'bad-password-2');
    const session = await login(h, owner);
    const stats = await client(h, session).get(`/api/integrations/apps/${counted.id}/stats`);
    assert.equal(stats.statusCode, 200, stats.body);
    const rows = stats.json().items as { service: string; calls: number; failures: number }[];
    assert.deepEqual(
      rows.map((r) => [r.service, r.calls, r.failures]),
      [['verify', 3, 2]],
    );
  });

  test('the verification API needs no Origin or CSRF token, and ignores a session cookie', async () => {
    const session = await login(h, person);
    const res = await verify(
      { ...app.headers, cookie: session.cookie, origin: 'https://evil.example' },
      person.account,
      person.password,
    );
    assert.equal(res.statusCode, 200);
  });
});
