/**
 * 通行金鑰 (passkeys) through HTTP with a software authenticator producing real WebAuthn
 * responses: adding (re-authentication, options, several per account, names), renaming,
 * removing (never the last factor a role requires), discoverable sign-in, and the attacks —
 * wrong origin, wrong RP ID, replayed challenge, missing user verification, unknown credential,
 * disabled account, counter regression (possible clone).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { changeRole } from '../accounts/service.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import {
  freshAddress,
  cookieFrom,
  disableAccount,
  login,
  makeAccount,
  SYSTEM,
  type Session,
  type TestAccount,
} from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { SoftAuthenticator, type Bend } from '../../test-support/soft-authenticator.ts';
import { OPTIONS_PER_WINDOW } from './service.ts';
import { runHousekeeping } from '../../platform/housekeeping.ts';
import { passkeyChallenges } from '../../platform/db/schema.ts';
import { base32Decode, codeAt, stepAt } from '../totp/totp.ts';
import { ConfigError, loadConfig } from '../../config.ts';

const ROOT = { accountId: 0, orgPath: '/', roles: ['user', 'system_admin'] as ('user' | 'system_admin')[] };

describe('通行金鑰 (passkeys, WebAuthn)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ MFA_REQUIRED_ROLES: 'system_admin', MFA_REQUIRED_OUTSIDE_INTRANET: 'false' });
  });
  after(() => h.close());

  const soft = (counting = true) => new SoftAuthenticator({ origin: h.config.publicOrigin, counting });

  /** Adds a passkey for the signed-in `s` with `auth`; returns the raw answer of the final step. */
  async function register(s: Session, who: TestAccount, auth: SoftAuthenticator, name?: string, bend: Bend = {}) {
    const options = await client(h, s).post('/api/me/passkeys/options', { password: who.password });
    assert.equal(options.statusCode, 200, options.body);
    const response = auth.create(options.json(), bend);
    return client(h, s).post('/api/me/passkeys', { ...(name === undefined ? {} : { name }), response });
  }

  /** The sign-in page: options (with their challenge cookie) then the assertion. */
  async function passkeyLogin(auth: SoftAuthenticator, bend: Bend = {}, opts: { reuse?: Reused } = {}) {
    const begun = opts.reuse ?? (await loginOptions());
    const response = auth.get(begun.options, bend);
    const res = await postAssertion(begun.cookie, response);
    return { res, response, begun };
  }
  interface Reused {
    options: Record<string, unknown>;
    cookie: string;
  }
  async function loginOptions(): Promise<Reused> {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/passkey/options',
      headers: { origin: h.config.publicOrigin },
    });
    assert.equal(res.statusCode, 200, res.body);
    return { options: res.json(), cookie: cookieFrom(res.headers['set-cookie'], 'menhu-passkey') };
  }
  const postAssertion = (cookie: string | null, response: unknown) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/login/passkey',
      headers: { origin: h.config.publicOrigin, ...(cookie ? { cookie } : {}) },
      payload: { response },
    });

  test('adding: the password again, options for a discoverable user-verified key, several per account, names', async () => {
    const who = await makeAccount(h);
    const s = await login(h, who);
    assertError(
      await client(h, s).post('/api/me/passkeys/options', { password: 'wrong-Pa55!' }),
      422,
      'MENHU_ERR_CURRENT_PASSWORD',
    );
    const first = await client(h, s).post('/api/me/passkeys/options', { password: who.password });
    const options = first.json();
    assert.equal(options.rp.id, 'localhost');
    assert.equal(options.rp.name, '門戶');
    assert.equal(options.authenticatorSelection.residentKey, 'required');
    assert.equal(options.authenticatorSelection.userVerification, 'required');
    assert.equal(options.attestation, 'none');
    assert.deepEqual(options.excludeCredentials, []);
    // The user handle is opaque: neither the account id nor its name.
    const handle = Buffer.from(options.user.id as string, 'base64url');
    assert.equal(handle.length, 32);
    assert.ok(!handle.toString('utf8').includes(who.account));
    assert.notEqual(handle.toString('utf8'), String(who.id));

    const auth = soft();
    const added = await client(h, s).post('/api/me/passkeys', { name: '我的筆電', response: auth.create(options) });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(added.json().name, '我的筆電');
    assert.equal(added.json().deviceType, 'singleDevice');

    // A second one, unnamed: a name is made up; the first is excluded and the handle is the same.
    const again = (await client(h, s).post('/api/me/passkeys/options', { password: who.password })).json();
    assert.deepEqual(
      again.excludeCredentials.map((c: { id: string }) => c.id),
      [auth.credentials[0]!.id.toString('base64url')],
    );
    assert.equal(again.user.id, options.user.id);
    const synced = soft(false);
    const second = await client(h, s).post(
      '/api/me/passkeys',
      { response: synced.create(again) },
      {
        'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)',
      },
    );
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().name, 'iPhone 通行金鑰');
    assert.equal(second.json().deviceType, 'multiDevice');
    assert.equal(second.json().backedUp, true);

    const list = (await client(h, s).get('/api/me/passkeys')).json().items as { id: number; name: string }[];
    assert.deepEqual(
      list.map((p) => p.name),
      ['我的筆電', 'iPhone 通行金鑰'],
    );
    // 登入安全's list of every factor shows each passkey by its name, as a second factor.
    const factors = (await client(h, s).get('/api/me/factors')).json().items as {
      kind: string;
      label: string;
      lastUsedAt: string | null;
      secondFactor: boolean;
    }[];
    assert.deepEqual(
      factors.filter((f) => f.kind === 'passkey').map((f) => [f.label, f.lastUsedAt, f.secondFactor]),
      [
        ['我的筆電', null, true],
        ['iPhone 通行金鑰', null, true],
      ],
    );
    assert.ok((await auditRows(h, { action: 'passkey.register', targetId: who.id })).length === 2);

    // Rename, and someone else's passkey is not found.
    const renamed = await client(h, s).patch(`/api/me/passkeys/${list[0]!.id}`, { name: '辦公室電腦' });
    assert.equal(renamed.json().name, '辦公室電腦');
    const other = await makeAccount(h);
    const os = await login(h, other);
    assertError(
      await client(h, os).patch(`/api/me/passkeys/${list[0]!.id}`, { name: 'mine now' }),
      404,
      'MENHU_ERR_NOT_FOUND',
    );
    const steal = await h.app.inject({
      method: 'DELETE',
      url: `/api/me/passkeys/${list[0]!.id}`,
      headers: os.headers,
      payload: { password: other.password },
    });
    assertError(steal, 404, 'MENHU_ERR_NOT_FOUND');
    assert.equal((await client(h, s).get('/api/me/passkeys')).json().items.length, 2);
  });

  test('adding: the challenge is this session’s, single use, 5 minutes; origin and user verification are checked', async () => {
    const who = await makeAccount(h);
    const s = await login(h, who);
    const auth = soft();
    const options = (await client(h, s).post('/api/me/passkeys/options', { password: who.password })).json();
    const response = auth.create(options);
    // Another session of the same person cannot use this session's challenge.
    const s2 = await login(h, who);
    assertError(await client(h, s2).post('/api/me/passkeys', { response }), 400, 'MENHU_ERR_PASSKEY_CHALLENGE');
    assert.equal((await client(h, s).post('/api/me/passkeys', { response })).statusCode, 200);
    assertError(await client(h, s).post('/api/me/passkeys', { response }), 400, 'MENHU_ERR_PASSKEY_CHALLENGE');

    assertError(await register(s, who, soft(), undefined, { noUv: true }), 400, 'MENHU_ERR_PASSKEY_REJECTED');
    assertError(
      await register(s, who, soft(), undefined, { origin: 'https://evil.example' }),
      400,
      'MENHU_ERR_PASSKEY_REJECTED',
    );
    assertError(await register(s, who, soft(), undefined, { rpId: 'evil.example' }), 400, 'MENHU_ERR_PASSKEY_REJECTED');

    const late = (await client(h, s).post('/api/me/passkeys/options', { password: who.password })).json();
    h.clock.advance(5 * 60_000 + 1);
    assertError(
      await client(h, s).post('/api/me/passkeys', { response: soft().create(late) }),
      400,
      'MENHU_ERR_PASSKEY_CHALLENGE',
    );
    assert.equal((await client(h, s).get('/api/me/passkeys')).json().items.length, 1);
  });

  test('sign-in without typing the account: a full session (two factors alone), records and last use', async () => {
    const who = await makeAccount(h);
    const auth = soft();
    assert.equal((await register(await login(h, who), who, auth, '鑰匙')).statusCode, 200);
    const begun = await loginOptions();
    assert.deepEqual(begun.options.allowCredentials ?? [], []);
    assert.equal(begun.options.userVerification, 'required');
    const { res } = await passkeyLogin(auth, {}, { reuse: begun });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().account, who.account);
    assert.ok(!('mfaRequired' in res.json()));
    const cookie = cookieFrom(res.headers['set-cookie'], h.config.sessionCookie);
    const s: Session = {
      cookie,
      csrfToken: res.json().csrfToken,
      headers: { cookie, origin: h.config.publicOrigin, 'x-csrf-token': res.json().csrfToken },
    };
    const sessions = (await client(h, s).get('/api/me/sessions')).json().items as {
      method: string;
      current: boolean;
    }[];
    assert.equal(sessions.find((x) => x.current)?.method, 'passkey');
    const records = (await client(h, s).get('/api/me/login-records')).json().items as { method: string }[];
    assert.equal(records[0]?.method, 'passkey');
    assert.ok((await client(h, s).get('/api/me/passkeys')).json().items[0].lastUsedAt);
    // The challenge cookie was used up: the same assertion again is refused.
    assertError(await postAssertion(begun.cookie, auth.get(begun.options)), 400, 'MENHU_ERR_PASSKEY_CHALLENGE');
    assertError(await postAssertion(null, auth.get(begun.options)), 400, 'MENHU_ERR_PASSKEY_CHALLENGE');
  });

  test('an administrator who must use two factors signs in with a passkey alone', async () => {
    const who = await makeAccount(h);
    const auth = soft();
    assert.equal((await register(await login(h, who), who, auth)).statusCode, 200);
    await changeRole(h.ctx, ROOT, who.id, 'system_admin', true, SYSTEM);
    const { res } = await passkeyLogin(auth);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().roles, ['user', 'system_admin']);
  });

  test('attacks: wrong origin, wrong RP ID, no user verification, replay, unknown key — all refused alike', async () => {
    const who = await makeAccount(h);
    const auth = soft();
    assert.equal((await register(await login(h, who), who, auth)).statusCode, 200);

    for (const bend of [{ origin: 'https://phish.example' }, { rpId: 'phish.example' }, { noUv: true }] as Bend[]) {
      const { res } = await passkeyLogin(auth, bend);
      assertError(res, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    }
    // A captured assertion replayed with a fresh challenge cookie: its signed challenge is the old one.
    const { res: ok, response } = await passkeyLogin(auth);
    assert.equal(ok.statusCode, 200);
    const fresh = await loginOptions();
    assertError(await postAssertion(fresh.cookie, response), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    // Signed for another challenge than the one issued.
    const { res: other } = await passkeyLogin(auth, { challenge: Buffer.from('x'.repeat(32)).toString('base64url') });
    assertError(other, 401, 'MENHU_ERR_INVALID_CREDENTIALS');

    // A key the portal never saw answers exactly like a bad signature.
    const stranger = soft();
    stranger.create({ rp: { id: 'localhost' }, user: { id: 'AAAA' }, challenge: 'AAAA' });
    const { res: unknown } = await passkeyLogin(stranger);
    const { res: bad } = await passkeyLogin(auth, { noUv: true });
    assert.equal(unknown.statusCode, bad.statusCode);
    assert.deepEqual(unknown.json(), bad.json());
    const failures = await auditRows(h, { action: 'login.failure', targetId: who.id });
    assert.ok(failures.length >= 4);
    assert.ok(failures.every((f) => (f.after as { method: string }).method === 'passkey'));
  });

  test('wrong assertions count against the account like wrong passwords (lockout)', async () => {
    const who = await makeAccount(h);
    const auth = soft();
    assert.equal((await register(await login(h, who), who, auth)).statusCode, 200);
    for (let i = 0; i < 5; i++) await passkeyLogin(auth, { noUv: true });
    const { res } = await passkeyLogin(auth);
    assertError(res, 423, 'MENHU_ERR_ACCOUNT_LOCKED');
  });

  test('a disabled account’s passkey: refused, and said so only because the key was genuine', async () => {
    const who = await makeAccount(h);
    const auth = soft();
    assert.equal((await register(await login(h, who), who, auth)).statusCode, 200);
    await disableAccount(h, who.id);
    assertError((await passkeyLogin(auth, { noUv: true })).res, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    assertError((await passkeyLogin(auth)).res, 403, 'MENHU_ERR_ACCOUNT_DISABLED');
  });

  test('a counter that goes back is refused and audited as a possible clone; counter-less keys are fine', async () => {
    const who = await makeAccount(h);
    const auth = soft();
    assert.equal((await register(await login(h, who), who, auth)).statusCode, 200);
    assert.equal((await passkeyLogin(auth, { counter: 7 })).res.statusCode, 200);
    assertError((await passkeyLogin(auth, { counter: 7 })).res, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    assertError((await passkeyLogin(auth, { counter: 3 })).res, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    const alarms = await auditRows(h, { action: 'passkey.clone_suspected', targetId: who.id });
    assert.equal(alarms.length, 2);
    assert.deepEqual((alarms[1]!.after as { storedCounter: number; counter: number }).counter, 3);
    assert.equal((await passkeyLogin(auth, { counter: 8 })).res.statusCode, 200);

    // A synced passkey keeps no counter (always 0): every use is accepted.
    const synced = soft(false);
    const other = await makeAccount(h);
    assert.equal((await register(await login(h, other), other, synced)).statusCode, 200);
    assert.equal((await passkeyLogin(synced)).res.statusCode, 200);
    assert.equal((await passkeyLogin(synced)).res.statusCode, 200);
  });

  test('removing: the password again; never the last second factor of a role that requires one', async () => {
    const who = await makeAccount(h);
    const a1 = soft();
    const a2 = soft();
    const s = await login(h, who);
    assert.equal((await register(s, who, a1)).statusCode, 200);
    assert.equal((await register(s, who, a2)).statusCode, 200);
    await changeRole(h.ctx, ROOT, who.id, 'system_admin', true, SYSTEM);
    const signedIn = (await passkeyLogin(a1)).res;
    const cookie = cookieFrom(signedIn.headers['set-cookie'], h.config.sessionCookie);
    const admin: Session = {
      cookie,
      csrfToken: signedIn.json().csrfToken,
      headers: { cookie, origin: h.config.publicOrigin, 'x-csrf-token': signedIn.json().csrfToken },
    };
    const [k1, k2] = (await client(h, admin).get('/api/me/passkeys')).json().items as { id: number }[];
    const del = (id: number, password: string) =>
      h.app.inject({ method: 'DELETE', url: `/api/me/passkeys/${id}`, headers: admin.headers, payload: { password } });
    assertError(await del(k1!.id, 'wrong-Pa55!'), 422, 'MENHU_ERR_CURRENT_PASSWORD');
    assert.equal((await del(k1!.id, who.password)).statusCode, 200);
    assertError(await del(k2!.id, who.password), 409, 'MENHU_ERR_LAST_FACTOR');
    assert.equal((await client(h, admin).get('/api/me/passkeys')).json().items.length, 1);
    assert.equal((await auditRows(h, { action: 'passkey.remove', targetId: who.id })).length, 1);
    // The removed key no longer signs in.
    assertError((await passkeyLogin(a1)).res, 401, 'MENHU_ERR_INVALID_CREDENTIALS');

    // A person whose role asks for nothing may remove the last one.
    const plain = await makeAccount(h);
    const ps = await login(h, plain);
    assert.equal((await register(ps, plain, soft())).statusCode, 200);
    const [only] = (await client(h, ps).get('/api/me/passkeys')).json().items as { id: number }[];
    const gone = await h.app.inject({
      method: 'DELETE',
      url: `/api/me/passkeys/${only!.id}`,
      headers: ps.headers,
      payload: { password: plain.password },
    });
    assert.equal(gone.statusCode, 200, gone.body);
  });

  test('expired challenges are purged by housekeeping; an expired sign-in challenge is refused', async () => {
    const who = await makeAccount(h);
    const auth = soft();
    assert.equal((await register(await login(h, who), who, auth)).statusCode, 200);
    const begun = await loginOptions();
    h.clock.advance(5 * 60_000 + 1);
    assertError((await passkeyLogin(auth, {}, { reuse: begun })).res, 400, 'MENHU_ERR_PASSKEY_CHALLENGE');
    await loginOptions();
    h.clock.advance(5 * 60_000 + 1);
    await runHousekeeping(h.ctx);
    assert.equal((await h.ctx.db.select().from(passkeyChallenges)).length, 0);
  });
});

describe('通行金鑰 configuration (WEBAUTHN_RP_ID, WEBAUTHN_ORIGINS)', () => {
  const base = { NODE_ENV: 'test', PUBLIC_URL: 'https://login.city.gov.tw' };
  test('by default the RP ID is PUBLIC_URL’s host and its origin the only one accepted', () => {
    assert.deepEqual(loadConfig(base).webauthn, {
      rpId: 'login.city.gov.tw',
      rpName: '門戶',
      origins: ['https://login.city.gov.tw'],
    });
  });
  test('a parent domain may be the RP ID; origins outside it, or an unrelated RP ID, stop the start', () => {
    const c = loadConfig({ ...base, WEBAUTHN_RP_ID: 'city.gov.tw', WEBAUTHN_ORIGINS: 'https://portal.city.gov.tw' });
    assert.equal(c.webauthn.rpId, 'city.gov.tw');
    assert.deepEqual(c.webauthn.origins, ['https://login.city.gov.tw', 'https://portal.city.gov.tw']);
    assert.throws(() => loadConfig({ ...base, WEBAUTHN_RP_ID: 'evil.example' }), ConfigError);
    assert.throws(() => loadConfig({ ...base, WEBAUTHN_RP_ID: 'gov.tw.evil' }), ConfigError);
    assert.throws(() => loadConfig({ ...base, WEBAUTHN_ORIGINS: 'https://evil.example' }), ConfigError);
  });
  test('passkeys are on by default, from anywhere', () => {
    const c = loadConfig(base);
    assert.ok(c.loginMethods.includes('passkey'));
    assert.ok(c.loginMethodsOutsideIntranet.includes('passkey'));
  });
});

describe('通行金鑰 as the second step after a password (SSO-10)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ MFA_REQUIRED_ROLES: 'system_admin', MFA_REQUIRED_OUTSIDE_INTRANET: 'false' });
  });
  after(() => h.close());

  const sessionOf = (res: LightMyRequestResponse): Session => {
    const cookie = cookieFrom(res.headers['set-cookie'], h.config.sessionCookie);
    const { csrfToken } = res.json() as { csrfToken: string };
    return { cookie, csrfToken, headers: { cookie, origin: h.config.publicOrigin, 'x-csrf-token': csrfToken } };
  };

  /** An administrator (second factor required) with one passkey added while still a plain user. */
  async function adminWithPasskey() {
    const who = await makeAccount(h);
    const auth = new SoftAuthenticator({ origin: h.config.publicOrigin });
    const s = await login(h, who);
    const options = (await client(h, s).post('/api/me/passkeys/options', { password: who.password })).json();
    assert.equal((await client(h, s).post('/api/me/passkeys', { response: auth.create(options) })).statusCode, 200);
    await changeRole(h.ctx, ROOT, who.id, 'system_admin', true, SYSTEM);
    return { who, auth };
  }

  async function passwordStep(who: TestAccount) {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: h.config.publicOrigin },
      payload: { account: who.account, password: who.password },
    });
    assert.equal(res.statusCode, 200, res.body);
    return { body: res.json(), pending: sessionOf(res) };
  }

  test('password, then the passkey: one full session recorded as password+passkey; no enrolment asked', async () => {
    const { who, auth } = await adminWithPasskey();
    const { body, pending } = await passwordStep(who);
    assert.equal(body.mfaRequired, true);
    assert.deepEqual(body.methods, ['passkey']);
    assert.equal(body.enrolRequired, false);
    const options = await client(h, pending).post('/api/auth/mfa/passkey/options');
    assert.equal(options.statusCode, 200, options.body);
    assert.deepEqual(
      options.json().allowCredentials.map((c: { id: string }) => c.id),
      [auth.credentials[0]!.id.toString('base64url')],
    );
    const response = auth.get(options.json());
    const done = await client(h, pending).post('/api/auth/mfa/passkey', { response });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json().roles, ['user', 'system_admin']);
    const full = sessionOf(done);
    const sessions = (await client(h, full).get('/api/me/sessions')).json().items as {
      method: string;
      current: boolean;
    }[];
    assert.equal(sessions.find((x) => x.current)?.method, 'password+passkey');

    // The same assertion again, from a new pending session: its challenge is used up.
    const again = await passwordStep(who);
    assertError(
      await client(h, again.pending).post('/api/auth/mfa/passkey', { response }),
      401,
      'MENHU_ERR_INVALID_CREDENTIALS',
    );
  });

  test('a challenge issued to another account, or none, does not complete the step', async () => {
    const a = await adminWithPasskey();
    const b = await adminWithPasskey();
    const pa = (await passwordStep(a.who)).pending;
    const pb = (await passwordStep(b.who)).pending;
    const optionsB = (await client(h, pb).post('/api/auth/mfa/passkey/options')).json();
    // a's key signing b's challenge, sent on a's pending session.
    assertError(
      await client(h, pa).post('/api/auth/mfa/passkey', { response: a.auth.get(optionsB) }),
      401,
      'MENHU_ERR_INVALID_CREDENTIALS',
    );
    // A self-made challenge the server never issued.
    const forged = a.auth.get({ rpId: 'localhost', challenge: Buffer.from('made-up-challenge').toString('base64url') });
    assertError(
      await client(h, pa).post('/api/auth/mfa/passkey', { response: forged }),
      401,
      'MENHU_ERR_INVALID_CREDENTIALS',
    );
    // A full session has no second step to take.
    const full = sessionOf(await passkeyLoginAs(a.auth));
    assertError(await client(h, full).post('/api/auth/mfa/passkey/options'), 400, 'MENHU_ERR_VALIDATION');
  });

  async function passkeyLoginAs(auth: SoftAuthenticator) {
    const begun = await h.app.inject({
      method: 'POST',
      url: '/api/auth/passkey/options',
      headers: { origin: h.config.publicOrigin },
    });
    const cookie = cookieFrom(begun.headers['set-cookie'], 'menhu-passkey');
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login/passkey',
      headers: { origin: h.config.publicOrigin, cookie },
      payload: { response: auth.get(begun.json()) },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res;
  }

  test('one rule for every factor: with a passkey the authenticator app may go, then the passkey may not', async () => {
    const { who, auth } = await adminWithPasskey();
    const admin = sessionOf(await passkeyLoginAs(auth));
    const { secret } = (await client(h, admin).post('/api/me/totp')).json() as { secret: string };
    const code = codeAt(base32Decode(secret), stepAt(h.clock.now().getTime()));
    assert.equal((await client(h, admin).post('/api/me/totp/confirm', { code })).statusCode, 200);
    const unbind = await h.app.inject({
      method: 'DELETE',
      url: '/api/me/totp',
      headers: admin.headers,
      payload: { password: who.password },
    });
    assert.equal(unbind.statusCode, 200, unbind.body);
    const [key] = (await client(h, admin).get('/api/me/passkeys')).json().items as { id: number }[];
    const remove = await h.app.inject({
      method: 'DELETE',
      url: `/api/me/passkeys/${key!.id}`,
      headers: admin.headers,
      payload: { password: who.password },
    });
    assertError(remove, 409, 'MENHU_ERR_LAST_FACTOR');
  });

  test('public sign-in options are bounded per client address (each one stores a challenge)', async () => {
    const ip = freshAddress();
    const ask = () =>
      h.app.inject({
        method: 'POST',
        url: '/api/auth/passkey/options',
        headers: { origin: h.config.publicOrigin },
        remoteAddress: ip,
      });
    for (let i = 0; i < OPTIONS_PER_WINDOW; i++) assert.equal((await ask()).statusCode, 200);
    const refused = await ask();
    assertError(refused, 429, 'MENHU_ERR_THROTTLED');
    assert.ok(Number(refused.headers['retry-after']) > 0);
    // Another address is not affected.
    const other = await h.app.inject({
      method: 'POST',
      url: '/api/auth/passkey/options',
      headers: { origin: h.config.publicOrigin },
      remoteAddress: freshAddress(),
    });
    assert.equal(other.statusCode, 200);
  });
});
