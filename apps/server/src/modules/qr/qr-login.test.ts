/**
 * SSO-5 手機掃碼登入 through HTTP, with a software device key made here (WebCrypto, as the
 * phone's browser makes it): binding only from a two-factor session, approval on the phone
 * signed by the device key, the desktop redeeming once with its own secret; and the attacks —
 * expiry, unbound or removed devices, wrong signatures, deciding or redeeming twice, another
 * browser redeeming, a disabled account, guessing ids (throttled).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { qrApprovalMessage, qrUnbindMessage, type QrDecision } from '@menhu/contracts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import {
  cookieFrom,
  disableAccount,
  freshAddress,
  login,
  makeAccount,
  type Session,
  type TestAccount,
} from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { runHousekeeping } from '../../platform/housekeeping.ts';
import { base32Decode, codeAt, stepAt } from '../totp/totp.ts';
import { CHALLENGES_PER_MINUTE } from './service.ts';
import { listFactors } from '../factors/service.ts';
import { DESKTOP_UA, makeDeviceKey, type DeviceKey } from '../../test-support/qr-device.ts';

describe('手機掃碼登入 (SSO-5 phone-as-key QR login)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ MFA_REQUIRED_OUTSIDE_INTRANET: 'false' });
  });
  after(() => h.close());

  /** Signs in on the "phone" with password + authenticator code (a step-up sign-in). */
  async function twoFactorSession(person: TestAccount): Promise<Session> {
    const first = await login(h, person);
    const { secret } = (await client(h, first).post('/api/me/totp')).json() as { secret: string };
    const code = () => codeAt(base32Decode(secret), stepAt(h.clock.now().getTime()));
    assert.equal((await client(h, first).post('/api/me/totp/confirm', { code: code() })).statusCode, 200);
    h.clock.advance(30_000);
    const pending = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: h.config.publicOrigin },
      payload: { account: person.account, password: person.password, stepUp: true },
    });
    assert.equal(pending.json().mfaRequired, true, pending.body);
    const cookie = cookieFrom(pending.headers['set-cookie'], h.config.sessionCookie);
    const headers = { cookie, origin: h.config.publicOrigin, 'x-csrf-token': pending.json().csrfToken as string };
    const done = await h.app.inject({ method: 'POST', url: '/api/auth/mfa/totp', headers, payload: { code: code() } });
    assert.equal(done.statusCode, 200, done.body);
    const full = cookieFrom(done.headers['set-cookie'], h.config.sessionCookie);
    const csrfToken = done.json().csrfToken as string;
    return {
      cookie: full,
      csrfToken,
      headers: { cookie: full, origin: h.config.publicOrigin, 'x-csrf-token': csrfToken },
    };
  }

  /** A person with a bound phone: the device id and its key. */
  async function boundPerson(name = 'iPhone 15') {
    const person = await makeAccount(h);
    const phone = await twoFactorSession(person);
    const key = await makeDeviceKey();
    const res = await client(h, phone).post('/api/me/qr-devices', { name, publicKey: key.publicJwk });
    assert.equal(res.statusCode, 200, res.body);
    return { person, phone, key, deviceId: res.json().id as string };
  }

  /** A desktop browser: its address, and the cookie it was given with each challenge. */
  function desktop(address = freshAddress()) {
    let qrCookie = '';
    let session = '';
    const cookies = () => [qrCookie, session].filter(Boolean).join('; ');
    return {
      address,
      get qrCookie() {
        return qrCookie;
      },
      set qrCookie(v: string) {
        qrCookie = v;
      },
      set session(v: string) {
        session = v;
      },
      async challenge() {
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/auth/qr',
          headers: { origin: h.config.publicOrigin, 'user-agent': DESKTOP_UA },
          remoteAddress: address,
        });
        assert.equal(res.statusCode, 200, res.body);
        qrCookie = cookieFrom(res.headers['set-cookie'], `${h.config.sessionCookie}_qr`);
        return res.json() as { challengeId: string; url: string; expiresAt: string };
      },
      status: (id: string) =>
        h.app.inject({
          method: 'GET',
          url: `/api/auth/qr/${id}`,
          headers: { cookie: cookies() },
          remoteAddress: address,
        }),
      events: (id: string) =>
        h.app.inject({
          method: 'GET',
          url: `/api/auth/qr/${id}/events`,
          headers: { cookie: cookies() },
          remoteAddress: address,
        }),
      redeem: (id: string, cookie = cookies()) =>
        h.app.inject({
          method: 'POST',
          url: '/api/auth/login/qr',
          headers: { origin: h.config.publicOrigin, 'user-agent': DESKTOP_UA, ...(cookie ? { cookie } : {}) },
          payload: { challengeId: id },
          remoteAddress: address,
        }),
    };
  }

  const info = (id: string) => h.app.inject({ method: 'GET', url: `/api/auth/qr/${id}/info` });
  async function approve(
    id: string,
    deviceId: string,
    key: DeviceKey,
    decision: QrDecision = 'approve',
    signed = decision,
  ) {
    const nonce = ((await info(id)).json() as { nonce?: string }).nonce ?? 'none';
    return h.app.inject({
      method: 'POST',
      url: `/api/auth/qr/${id}/approve`,
      headers: { origin: h.config.publicOrigin },
      payload: { deviceId, decision, signature: await key.sign(qrApprovalMessage(id, nonce, signed)) },
    });
  }

  test('binding needs a session with a second factor', async () => {
    const person = await makeAccount(h);
    const s = await login(h, person);
    const key = await makeDeviceKey();
    assertError(
      await client(h, s).post('/api/me/qr-devices', { name: 'Pixel', publicKey: key.publicJwk }),
      403,
      'MENHU_ERR_QR_SECOND_FACTOR_REQUIRED',
    );
    assert.deepEqual((await client(h, s).get('/api/me/qr-devices')).json(), { items: [], canBind: false });
    // A key that is not a P-256 public key is refused.
    const phone = await twoFactorSession(person);
    assertError(
      await client(h, phone).post('/api/me/qr-devices', { name: 'x', publicKey: { kty: 'RSA', n: 'a', e: 'AQAB' } }),
      400,
      'MENHU_ERR_VALIDATION',
    );
  });

  test('bind → desktop challenge → phone sees who asks and approves → desktop redeems once and is signed in', async () => {
    const { person, phone, key, deviceId } = await boundPerson();
    const list = (await client(h, phone).get('/api/me/qr-devices')).json().items;
    assert.equal(list.length, 1);
    assert.equal(list[0].name, 'iPhone 15');
    assert.equal(list[0].lastUsedAt, null);

    const d = desktop();
    const c = await d.challenge();
    assert.equal(c.url, `${h.config.publicUrl}/m/approve#${c.challengeId}`);
    assert.equal(new Date(c.expiresAt).getTime() - h.clock.now().getTime(), 120_000);
    assert.equal((await d.status(c.challengeId)).json().status, 'pending');
    assertError(await d.redeem(c.challengeId), 409, 'MENHU_ERR_QR_NOT_APPROVED');

    const seen = (await info(c.challengeId)).json();
    assert.equal(seen.browser, 'Chrome');
    assert.equal(seen.os, 'Windows');
    assert.equal(seen.ip, d.address);
    assert.equal(seen.zone, 'intranet');
    assert.ok(seen.nonce.length >= 16);

    const ok = await approve(c.challengeId, deviceId, key);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { decision: 'approve', account: person.account });
    assert.equal((await d.status(c.challengeId)).json().status, 'approved');
    const sse = await d.events(c.challengeId);
    assert.equal(sse.statusCode, 200);
    assert.match(String(sse.headers['content-type']), /^text\/event-stream/u);
    assert.match(sse.body, /event: status\ndata: \{"status":"approved"/u);

    const signedIn = await d.redeem(c.challengeId);
    assert.equal(signedIn.statusCode, 200, signedIn.body);
    assert.equal(signedIn.json().account, person.account);
    const session = cookieFrom(signedIn.headers['set-cookie'], h.config.sessionCookie);
    const me = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().account, person.account);
    const sessions = (
      await h.app.inject({ method: 'GET', url: '/api/me/sessions', headers: { cookie: session } })
    ).json();
    assert.equal(sessions.items.find((x: { current: boolean }) => x.current).method, 'qr');
    const records = (
      await h.app.inject({ method: 'GET', url: '/api/me/login-records', headers: { cookie: session } })
    ).json();
    assert.equal(records.items[0].method, 'qr');
    assert.equal(records.items[0].success, true);

    // Once only.
    assertError(await d.redeem(c.challengeId), 404, 'MENHU_ERR_QR_CHALLENGE_INVALID');
    assert.ok((await client(h, phone).get('/api/me/qr-devices')).json().items[0].lastUsedAt);
    assert.equal((await auditRows(h, { action: 'qr.approve', targetId: person.id })).length, 1);
    assert.deepEqual(
      (await listFactors(h.ctx, person.id))
        .filter((f) => f.kind === 'qr')
        .map((f) => [f.label, f.secondFactor, Boolean(f.lastUsedAt)]),
      [['iPhone 15', true, true]],
    );
  });

  test('a QR session satisfies a second-factor requirement alone (administrators)', async () => {
    const { person, key, deviceId } = await boundPerson();
    h.config.mfa.roles = ['user'];
    try {
      const d = desktop();
      const c = await d.challenge();
      assert.equal((await approve(c.challengeId, deviceId, key)).statusCode, 200);
      const res = await d.redeem(c.challengeId);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().mfaRequired, undefined);
      assert.equal(res.json().account, person.account);
    } finally {
      h.config.mfa.roles = [];
    }
  });

  test('the event stream reports the approval made while it is open (any node: it reads the row)', async () => {
    const { key, deviceId } = await boundPerson();
    const d = desktop();
    const c = await d.challenge();
    const stream = d.events(c.challengeId); // resolves when the server ends the stream
    assert.equal((await approve(c.challengeId, deviceId, key)).statusCode, 200);
    const res = await stream;
    const events = res.body
      .split('\n\n')
      .filter(Boolean)
      .map((e) => JSON.parse(e.split('\ndata: ')[1]!).status as string);
    // Usually ['pending', 'approved']; each change once, ending with the decision.
    assert.equal(events.at(-1), 'approved');
    assert.ok(events.length <= 2 && events.slice(0, -1).every((e) => e === 'pending'), events.join());
  });

  test('after expiry the phone cannot approve and the desktop cannot redeem', async () => {
    const { key, deviceId } = await boundPerson();
    const d = desktop();
    const c = await d.challenge();
    const nonce = (await info(c.challengeId)).json().nonce as string;
    h.clock.advance(120_001);
    assertError(await info(c.challengeId), 410, 'MENHU_ERR_QR_CHALLENGE_EXPIRED');
    const late = await h.app.inject({
      method: 'POST',
      url: `/api/auth/qr/${c.challengeId}/approve`,
      headers: { origin: h.config.publicOrigin },
      payload: {
        deviceId,
        decision: 'approve',
        signature: await key.sign(qrApprovalMessage(c.challengeId, nonce, 'approve')),
      },
    });
    assertError(late, 410, 'MENHU_ERR_QR_CHALLENGE_EXPIRED');
    assert.equal((await d.status(c.challengeId)).json().status, 'expired');
    assertError(await d.redeem(c.challengeId), 410, 'MENHU_ERR_QR_CHALLENGE_EXPIRED');
  });

  test('an approved challenge not redeemed in time is refused', async () => {
    const { key, deviceId } = await boundPerson();
    const d = desktop();
    const c = await d.challenge();
    assert.equal((await approve(c.challengeId, deviceId, key)).statusCode, 200);
    h.clock.advance(120_000 + 30_000);
    assertError(await d.redeem(c.challengeId), 410, 'MENHU_ERR_QR_CHALLENGE_EXPIRED');
  });

  test('an unbound device, a removed device and a wrong signature cannot approve', async () => {
    const { person, phone, key, deviceId } = await boundPerson();
    const d = desktop();
    const c = await d.challenge();
    // Never bound: a key the server does not know, under a made-up id.
    const stranger = await makeDeviceKey();
    assertError(await approve(c.challengeId, 'no-such-device', stranger), 401, 'MENHU_ERR_QR_DEVICE_INVALID');
    // A bound device id, signed by another key.
    assertError(await approve(c.challengeId, deviceId, stranger), 401, 'MENHU_ERR_QR_DEVICE_INVALID');
    // The right key signing another decision than the one sent.
    assertError(await approve(c.challengeId, deviceId, key, 'approve', 'reject'), 401, 'MENHU_ERR_QR_DEVICE_INVALID');
    assert.equal((await d.status(c.challengeId)).json().status, 'pending');
    assert.ok((await auditRows(h, { action: 'qr.approve', result: 'failure', targetId: person.id })).length >= 2);

    // Removed from 登入安全 (the password again; a wrong one removes nothing).
    const wrong = await h.app.inject({
      method: 'DELETE',
      url: `/api/me/qr-devices/${deviceId}`,
      headers: phone.headers,
      payload: { password: 'not-the-password' },
    });
    assertError(wrong, 422, 'MENHU_ERR_CURRENT_PASSWORD');
    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/me/qr-devices/${deviceId}`,
      headers: phone.headers,
      payload: { password: person.password },
    });
    assert.equal(removed.statusCode, 200, removed.body);
    assertError(await approve(c.challengeId, deviceId, key), 401, 'MENHU_ERR_QR_DEVICE_INVALID');
    assert.equal((await auditRows(h, { action: 'qr.device.unbind', targetId: person.id })).length, 1);
  });

  test('a device signs for its own account only: another account’s device id with this key is refused', async () => {
    const a = await boundPerson('A phone');
    const b = await boundPerson('B phone');
    const d = desktop();
    const c = await d.challenge();
    assertError(await approve(c.challengeId, b.deviceId, a.key), 401, 'MENHU_ERR_QR_DEVICE_INVALID');
    // Approved by A: whoever the desktop was before, it becomes A (and its old session ends).
    const before = await login(h, b.person, { remoteAddress: d.address });
    d.session = before.cookie;
    assert.equal((await approve(c.challengeId, a.deviceId, a.key)).statusCode, 200);
    const res = await d.redeem(c.challengeId);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().account, a.person.account);
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: before.cookie } })).statusCode,
      401,
    );
  });

  test('deciding twice: the second decision is refused; a rejected challenge cannot be redeemed', async () => {
    const { key, deviceId } = await boundPerson();
    const d = desktop();
    const c = await d.challenge();
    const nonce = (await info(c.challengeId)).json().nonce as string;
    const body = {
      deviceId,
      decision: 'reject',
      signature: await key.sign(qrApprovalMessage(c.challengeId, nonce, 'reject')),
    };
    const send = () =>
      h.app.inject({
        method: 'POST',
        url: `/api/auth/qr/${c.challengeId}/approve`,
        headers: { origin: h.config.publicOrigin },
        payload: body,
      });
    assert.equal((await send()).statusCode, 200);
    assertError(await send(), 404, 'MENHU_ERR_QR_CHALLENGE_INVALID');
    const approveAfter = await h.app.inject({
      method: 'POST',
      url: `/api/auth/qr/${c.challengeId}/approve`,
      headers: { origin: h.config.publicOrigin },
      payload: {
        deviceId,
        decision: 'approve',
        signature: await key.sign(qrApprovalMessage(c.challengeId, nonce, 'approve')),
      },
    });
    assertError(approveAfter, 404, 'MENHU_ERR_QR_CHALLENGE_INVALID');
    assert.equal((await d.status(c.challengeId)).json().status, 'rejected');
    assertError(await d.redeem(c.challengeId), 403, 'MENHU_ERR_QR_REJECTED');
  });

  test('only the browser that created the challenge can follow or redeem it', async () => {
    const { key, deviceId } = await boundPerson();
    const d = desktop();
    const c = await d.challenge();
    assert.equal((await approve(c.challengeId, deviceId, key)).statusCode, 200);
    const other = desktop();
    await other.challenge(); // it holds a secret too — of its own challenge
    assertError(await other.redeem(c.challengeId), 404, 'MENHU_ERR_QR_CHALLENGE_INVALID');
    assertError(await info('unknown-challenge'), 404, 'MENHU_ERR_QR_CHALLENGE_INVALID');
    assertError(await other.status(c.challengeId), 404, 'MENHU_ERR_QR_CHALLENGE_INVALID');
    assertError(await other.events(c.challengeId), 404, 'MENHU_ERR_QR_CHALLENGE_INVALID');
    assertError(await d.redeem(c.challengeId, ''), 404, 'MENHU_ERR_QR_CHALLENGE_INVALID');
    // Its own browser still can, once.
    assert.equal((await d.redeem(c.challengeId)).statusCode, 200);
  });

  test('a disabled account’s phone cannot approve', async () => {
    const { person, key, deviceId } = await boundPerson();
    await disableAccount(h, person.id);
    const d = desktop();
    const c = await d.challenge();
    assertError(await approve(c.challengeId, deviceId, key), 403, 'MENHU_ERR_ACCOUNT_DISABLED');
    assert.equal((await d.status(c.challengeId)).json().status, 'pending');
  });

  test('the phone renames and removes its own binding with its key; a wrong signature removes nothing', async () => {
    const { phone, key, deviceId } = await boundPerson();
    assert.equal(
      (await client(h, phone).patch(`/api/me/qr-devices/${deviceId}`, { name: '公務手機' })).statusCode,
      200,
    );
    assert.equal((await client(h, phone).get('/api/me/qr-devices')).json().items[0].name, '公務手機');
    const unbind = async (signer: DeviceKey) =>
      h.app.inject({
        method: 'POST',
        url: `/api/qr-devices/${deviceId}/unbind`,
        headers: { origin: h.config.publicOrigin },
        payload: { signature: await signer.sign(qrUnbindMessage(deviceId)) },
      });
    assertError(await unbind(await makeDeviceKey()), 401, 'MENHU_ERR_QR_DEVICE_INVALID');
    assert.equal((await client(h, phone).get('/api/me/qr-devices')).json().items.length, 1);
    assert.equal((await unbind(key)).statusCode, 200);
    assert.deepEqual((await client(h, phone).get('/api/me/qr-devices')).json(), { items: [], canBind: true });
    // Someone else's device cannot be renamed.
    const other = await boundPerson();
    assertError(
      await client(h, phone).patch(`/api/me/qr-devices/${other.deviceId}`, { name: 'mine' }),
      404,
      'MENHU_ERR_NOT_FOUND',
    );
  });

  test('challenges are throttled per address; guessing ids counts against the address', async () => {
    const d = desktop();
    for (let i = 0; i < CHALLENGES_PER_MINUTE; i++) await d.challenge();
    const over = await h.app.inject({
      method: 'POST',
      url: '/api/auth/qr',
      headers: { origin: h.config.publicOrigin },
      remoteAddress: d.address,
    });
    assertError(over, 429, 'MENHU_ERR_THROTTLED');
    const guesser = desktop();
    let last = await guesser.redeem('guess-0');
    for (let i = 1; i <= h.config.lockout.ipMaxFailures && last.statusCode !== 429; i++)
      last = await guesser.redeem(`guess-${i}`);
    assertError(last, 429, 'MENHU_ERR_THROTTLED');
  });

  test('QR login can be switched off; expired challenges are purged by housekeeping', async () => {
    const saved = h.config.loginMethods;
    h.config.loginMethods = saved.filter((m) => m !== 'qr');
    try {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/qr',
        headers: { origin: h.config.publicOrigin },
      });
      assertError(res, 403, 'MENHU_ERR_METHOD_NOT_ALLOWED');
    } finally {
      h.config.loginMethods = saved;
    }
    const d = desktop();
    const c = await d.challenge();
    await runHousekeeping(h.ctx);
    assert.equal((await d.status(c.challengeId)).statusCode, 200);
    h.clock.advance(120_000 + 11 * 60_000);
    await runHousekeeping(h.ctx);
    assertError(await d.status(c.challengeId), 404, 'MENHU_ERR_QR_CHALLENGE_INVALID');
  });
});
