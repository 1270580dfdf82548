/**
 * SSO-5 動態驗證碼 and SSO-10 second factor through HTTP: binding with a confirming code and
 * recovery codes, TOTP as a sign-in method of its own, the MFA step after a password (the first
 * step's cookie is not a session), enrolment at first sign-in, one use per code, recovery codes,
 * unbinding with the password, network zones, and amr/acr for OIDC clients.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import {
  cookieFrom,
  login,
  makeAccount,
  postLogin,
  type Session,
  type TestAccount,
} from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { base32Decode, codeAt, stepAt } from './totp.ts';

const ADMIN_MFA = { MFA_REQUIRED_ROLES: 'system_admin', MFA_REQUIRED_OUTSIDE_INTRANET: 'false' };

describe('動態驗證碼 and the second factor (SSO-5, SSO-10)', () => {
  let h: Harness;
  const codeFor = (secret: string, offsetSteps = 0) =>
    codeAt(base32Decode(secret), stepAt(h.clock.now().getTime()) + offsetSteps);
  const nextStep = () => h.clock.advance(30_000);

  before(async () => {
    h = await createHarness(ADMIN_MFA);
  });
  after(() => h.close());

  /** Binds an authenticator app for `who` (signed in as `s`); returns its secret and recovery codes. */
  async function bind(s: Session) {
    const begun = await client(h, s).post('/api/me/totp');
    assert.equal(begun.statusCode, 200, begun.body);
    const { secret, otpauthUri } = begun.json() as { secret: string; otpauthUri: string };
    assert.ok(otpauthUri.startsWith('otpauth://totp/Menhu:'));
    const confirmed = await client(h, s).post('/api/me/totp/confirm', { code: codeFor(secret) });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    return { secret, recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes };
  }

  const totpLogin = (account: string, code: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/login/totp',
      headers: { origin: h.config.publicOrigin },
      payload: { account, code },
    });

  test('binding: a wrong confirming code binds nothing; the right one gives ten single-use recovery codes', async () => {
    const person = await makeAccount(h);
    const s = await login(h, person);
    const { secret } = (await client(h, s).post('/api/me/totp')).json() as { secret: string };
    assertError(await client(h, s).post('/api/me/totp/confirm', { code: '000000' }), 401, 'MENHU_ERR_INVALID_CODE');
    assert.equal((await client(h, s).get('/api/me/totp')).json().bound, false);
    const ok = await client(h, s).post('/api/me/totp/confirm', { code: codeFor(secret) });
    const codes = ok.json().recoveryCodes as string[];
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    assert.match(codes[0]!, /^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/u);
    const status = (await client(h, s).get('/api/me/totp')).json();
    assert.equal(status.bound, true);
    assert.equal(status.recoveryCodesLeft, 10);
    assertError(await client(h, s).post('/api/me/totp'), 409, 'MENHU_ERR_CONFLICT');
    assert.ok((await auditRows(h, { action: 'totp.bind' })).some((r) => r.actorId === person.id));
  });

  test('TOTP sign-in: account + current code; the same code again is refused; wrong codes lock like passwords', async () => {
    const person = await makeAccount(h);
    const { secret } = await bind(await login(h, person));
    nextStep();
    const code = codeFor(secret);
    const first = await totpLogin(person.account, code);
    assert.equal(first.statusCode, 200, first.body);
    assert.ok(first.json().csrfToken);
    const me = await h.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: cookieFrom(first.headers['set-cookie']) },
    });
    assert.equal(me.statusCode, 200);
    assertError(await totpLogin(person.account, code), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    // An unknown account answers exactly like a wrong code.
    const unknown = await totpLogin('nobody-here', '123456');
    assertError(unknown, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    const victim = await makeAccount(h);
    await bind(await login(h, victim));
    for (let i = 0; i < 5; i++) await totpLogin(victim.account, String(100000 + i));
    assertError(await totpLogin(victim.account, '999999'), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
  });

  test('an administrator: the password step answers mfaRequired; that cookie is not a session until the code', async () => {
    const admin = await makeAccount(h, { roles: ['system_admin'] });
    const plain = await login(h, admin);
    // With no factor yet the first step says so: enrolment is required.
    // (login() accepts any 200; this session is MFA-pending.)
    assertError(await client(h, plain).get('/api/me'), 401, 'MENHU_ERR_MFA_REQUIRED');
    const begun = (await client(h, plain).post('/api/me/totp')).json() as { secret: string };
    const enrolled = await client(h, plain).post('/api/me/totp/confirm', { code: codeFor(begun.secret) });
    assert.equal(enrolled.statusCode, 200, enrolled.body);
    assert.deepEqual(enrolled.json().session.roles, ['user', 'system_admin']);
    const upgraded = cookieFrom(enrolled.headers['set-cookie']);
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: upgraded } })).statusCode,
      200,
      'binding completed the sign-in',
    );
    assertError(await client(h, plain).get('/api/me'), 401, 'MENHU_ERR_UNAUTHENTICATED');

    // Next time: password, then the code.
    nextStep();
    const step1 = await postLogin(h, admin.account, admin.password);
    assert.equal(step1.statusCode, 200);
    assert.deepEqual(step1.json(), {
      mfaRequired: true,
      methods: ['totp', 'recovery'],
      enrolRequired: false,
      account: admin.account,
      name: '測試人員',
      csrfToken: step1.json().csrfToken,
    });
    const pending: Session = {
      cookie: cookieFrom(step1.headers['set-cookie']),
      csrfToken: step1.json().csrfToken,
      headers: {},
    };
    pending.headers = { cookie: pending.cookie, origin: h.config.publicOrigin, 'x-csrf-token': pending.csrfToken };
    assertError(await client(h, pending).get('/api/me'), 401, 'MENHU_ERR_MFA_REQUIRED');
    assertError(await client(h, pending).get('/api/admin/accounts'), 401, 'MENHU_ERR_MFA_REQUIRED');
    assertError(
      await client(h, pending).post('/api/auth/mfa/totp', { code: '000000' }),
      401,
      'MENHU_ERR_INVALID_CREDENTIALS',
    );
    const done = await client(h, pending).post('/api/auth/mfa/totp', { code: codeFor(begun.secret) });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json().roles, ['user', 'system_admin']);
    const full = cookieFrom(done.headers['set-cookie']);
    assert.notEqual(full, pending.cookie, 'a new session token');
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: full } })).statusCode, 200);
    assertError(await client(h, pending).get('/api/me'), 401, 'MENHU_ERR_UNAUTHENTICATED');
  });

  test('a recovery code completes the second step once', async () => {
    const admin = await makeAccount(h, { roles: ['system_admin'] });
    const pendingFirst = await login(h, admin);
    const { secret } = (await client(h, pendingFirst).post('/api/me/totp')).json() as { secret: string };
    const { recoveryCodes } = (
      await client(h, pendingFirst).post('/api/me/totp/confirm', { code: codeFor(secret) })
    ).json();
    const second = async () => {
      const step1 = await postLogin(h, admin.account, admin.password);
      const cookie = cookieFrom(step1.headers['set-cookie']);
      return client(h, {
        cookie,
        csrfToken: step1.json().csrfToken,
        headers: { cookie, origin: h.config.publicOrigin, 'x-csrf-token': step1.json().csrfToken },
      }).post('/api/auth/mfa/recovery', { code: recoveryCodes[3].toLowerCase() });
    };
    assert.equal((await second()).statusCode, 200);
    assertError(await second(), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
  });

  test('a lost phone: an administrator resets the app; the account is signed out and binds again next time', async () => {
    const person = await makeAccount(h, { roles: ['system_admin'] });
    const pending = await login(h, person);
    const { secret } = (await client(h, pending).post('/api/me/totp')).json() as { secret: string };
    const done = await client(h, pending).post('/api/me/totp/confirm', { code: codeFor(secret) });
    const cookie = cookieFrom(done.headers['set-cookie']);
    const helper = await login(h, await makeAccount(h, { roles: ['agency_admin'] }));
    // An agency admin outside the account's agency, or changing a system admin: not theirs.
    assertError(
      await client(h, helper).post(`/api/admin/accounts/${person.id}/reset-totp`),
      404,
      'MENHU_ERR_NOT_FOUND',
    );
    const admin2 = await makeAccount(h, { roles: ['system_admin'] });
    const a2 = await login(h, admin2);
    const a2pending = (await client(h, a2).post('/api/me/totp')).json() as { secret: string };
    const a2done = await client(h, a2).post('/api/me/totp/confirm', { code: codeFor(a2pending.secret) });
    const a2cookie = cookieFrom(a2done.headers['set-cookie']);
    const a2csrf = a2done.json().session.csrfToken as string;
    const reset = await h.app.inject({
      method: 'POST',
      url: `/api/admin/accounts/${person.id}/reset-totp`,
      headers: { cookie: a2cookie, origin: h.config.publicOrigin, 'x-csrf-token': a2csrf },
    });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode,
      401,
      'signed out everywhere',
    );
    const again = await postLogin(h, person.account, person.password);
    assert.equal(again.json().enrolRequired, true);
    assert.ok((await auditRows(h, { action: 'totp.reset' })).length >= 1);
  });

  test('unbinding needs the password, and is refused while the role requires a second factor', async () => {
    const person = await makeAccount(h);
    const s = await login(h, person);
    await bind(s);
    const del = (password: string) =>
      h.app.inject({ method: 'DELETE', url: '/api/me/totp', headers: s.headers, payload: { password } });
    assertError(await del('wrong-password'), 422, 'MENHU_ERR_CURRENT_PASSWORD');
    assert.equal((await del(person.password)).statusCode, 200);
    assert.equal((await client(h, s).get('/api/me/totp')).json().bound, false);

    const admin = await makeAccount(h, { roles: ['system_admin'] });
    const pa = await login(h, admin);
    const { secret } = (await client(h, pa).post('/api/me/totp')).json() as { secret: string };
    const done = await client(h, pa).post('/api/me/totp/confirm', { code: codeFor(secret) });
    const cookie = cookieFrom(done.headers['set-cookie']);
    const csrf = done.json().session.csrfToken as string;
    const refused = await h.app.inject({
      method: 'DELETE',
      url: '/api/me/totp',
      headers: { cookie, origin: h.config.publicOrigin, 'x-csrf-token': csrf },
      payload: { password: admin.password },
    });
    assertError(refused, 409, 'MENHU_ERR_LAST_FACTOR');
    // 登入安全 lists what is bound, and says the last second factor is required.
    const overview = await h.app.inject({ method: 'GET', url: '/api/me/factors', headers: { cookie } });
    assert.equal(overview.statusCode, 200, overview.body);
    const { items, secondFactorRequired } = overview.json() as {
      items: { kind: string; secondFactor: boolean; boundAt: string | null; lastUsedAt: string | null }[];
      secondFactorRequired: boolean;
    };
    assert.equal(secondFactorRequired, true);
    assert.deepEqual(
      items.map((f) => [f.kind, f.secondFactor]),
      [
        ['password', false],
        ['totp', true],
      ],
    );
    // The password was last used at the sign-in above.
    assert.ok(items[0]!.lastUsedAt);
    assert.ok(items[1]!.boundAt);
  });
});

describe('re-authentication before removing a factor (ASVS V2.2.1)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  test('guessing the current password from a session counts toward the sign-in lockout', async () => {
    const person = await makeAccount(h);
    const s = await login(h, person);
    const del = (password: string) =>
      h.app.inject({ method: 'DELETE', url: '/api/me/backup-email', headers: s.headers, payload: { password } });
    for (let i = 0; i < h.config.lockout.threshold - 1; i++)
      assertError(await del(`Wrong-guess-${i}`), 422, 'MENHU_ERR_CURRENT_PASSWORD');
    // The guess that reaches the threshold locks the name: sign-in and re-authentication alike.
    await del('Wrong-guess-last');
    assertError(await del(person.password), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
    assertError(await postLogin(h, person.account, person.password), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
  });
});

describe('network zones (SSO-6)', () => {
  let h: Harness;
  let person: TestAccount;
  before(async () => {
    h = await createHarness({ INTRANET_CIDRS: '10.0.0.0/8', MFA_REQUIRED_OUTSIDE_INTRANET: 'false' });
    person = await makeAccount(h);
  });
  after(() => h.close());

  test('the login page learns the zone and which methods are hidden there, and why', async () => {
    const inside = await h.app.inject({ method: 'GET', url: '/api/auth/methods', remoteAddress: '10.1.2.3' });
    assert.deepEqual(inside.json(), {
      zone: 'intranet',
      methods: [
        { method: 'password', unavailable: null },
        { method: 'totp', unavailable: null },
        { method: 'temp_password', unavailable: null },
        { method: 'sms', unavailable: null },
        { method: 'passkey', unavailable: null },
        { method: 'qr', unavailable: null },
      ],
    });
    const outside = await h.app.inject({ method: 'GET', url: '/api/auth/methods', remoteAddress: '203.0.113.9' });
    assert.equal(outside.json().zone, 'internet');
    assert.deepEqual(
      outside.json().methods.map((m: { unavailable: string | null }) => m.unavailable),
      ['intranet_only', 'intranet_only', 'intranet_only', 'intranet_only', null, null],
    );
  });

  test('a password sign-in from outside the intranet → 403 with the error shape; inside → 200', async () => {
    assertError(
      await postLogin(h, person.account, person.password, { remoteAddress: '203.0.113.9' }),
      403,
      'MENHU_ERR_METHOD_NOT_ALLOWED',
    );
    assert.equal((await postLogin(h, person.account, person.password, { remoteAddress: '10.9.9.9' })).statusCode, 200);
    assert.equal(
      (await postLogin(h, person.account, person.password, { remoteAddress: '::ffff:10.9.9.9' })).statusCode,
      200,
      'an IPv4-mapped address counts as IPv4',
    );
  });
});
