/**
 * SSO-5 行動自然人憑證 sign-in through HTTP against the TW FidO simulator: approve → session,
 * reject, expire (ours and TW FidO's), the same answer for an unknown ID number and for a refused
 * push, disabled accounts, single use, someone else's transaction, throttling, zones.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { cookieFrom, disableAccount, freshAddress, makeAccount, taiwanId } from '../../test-support/factories.ts';
import { assertError } from '../../test-support/http.ts';
import { loginRecords } from '../../platform/db/schema.ts';
import { runHousekeeping } from '../../platform/housekeeping.ts';
import { startTwFidoSim, type TwFidoSim } from './simulator.ts';
import { PUSHES_PER_ID, settlePushes, TWFIDO_POLL_INTERVAL_MS } from './service.ts';
import { listFactors } from '../factors/service.ts';

const mobileFactor = async (h: Harness, accountId: number) =>
  (await listFactors(h.ctx, accountId)).find((f) => f.kind === 'mobile_moica');

const KEY = crypto.randomBytes(32).toString('base64');
const UNREGISTERED = taiwanId('K');

describe('行動自然人憑證 sign-in (TW FidO)', () => {
  let h: Harness;
  let sim: TwFidoSim;

  before(async () => {
    sim = await startTwFidoSim({ serviceId: 'menhu-test', key: KEY, unregistered: [UNREGISTERED] });
    h = await createHarness({
      TWFIDO_URL: sim.url,
      TWFIDO_SP_SERVICE_ID: 'menhu-test',
      TWFIDO_SP_KEY: KEY,
      LOGIN_METHODS: 'password,mobile_moica',
      // Administrators need two factors: the mobile certificate is two by itself.
      MFA_REQUIRED_ROLES: 'system_admin',
    });
  });
  after(async () => {
    await h.close();
    await sim.close();
  });

  interface Browser {
    id: string;
    binding: string;
    started: LightMyRequestResponse;
    ip: string;
  }

  async function start(idNumber: string, ip = freshAddress()): Promise<Browser> {
    const started = await h.app.inject({
      method: 'POST',
      url: '/api/auth/mobile-moica',
      headers: { origin: h.config.publicOrigin },
      payload: { idNumber },
      remoteAddress: ip,
    });
    assert.equal(started.statusCode, 200, started.body);
    await settlePushes();
    return { id: started.json().id, binding: cookieFrom(started.headers['set-cookie'], 'menhu_mmca'), started, ip };
  }

  const poll = (b: Pick<Browser, 'id' | 'ip'> & { binding: string | null }) =>
    h.app.inject({
      method: 'GET',
      url: `/api/auth/mobile-moica/${b.id}`,
      headers: b.binding ? { cookie: b.binding } : {},
      remoteAddress: b.ip,
    });

  const pendingOnPhone = async () =>
    (
      (await (await fetch(`${sim.url}/phone/pending`)).json()) as {
        items: { sp_ticket_id: string; masked_id: string }[];
      }
    ).items;
  const masked = (id: string) => `${id.slice(0, 2)}*****${id.slice(-3)}`;
  async function phone(idNumber: string, action: 'approve' | 'reject' | 'expire') {
    const item = (await pendingOnPhone()).filter((i) => i.masked_id === masked(idNumber)).at(-1);
    assert.ok(item, `a push for ${masked(idNumber)} is on the phone`);
    const res = await fetch(`${sim.url}/phone/${item.sp_ticket_id}/${action}`, { method: 'POST' });
    assert.equal(res.status, 200);
  }
  const records = (accountId: number) =>
    h.ctx.db.select().from(loginRecords).where(eq(loginRecords.accountId, accountId));

  test('approve on the phone → a full session (two factors alone, even for an administrator)', async () => {
    const idNumber = taiwanId();
    const a = await makeAccount(h, { idNumber, roles: ['system_admin'] });
    const b = await start(idNumber.toLowerCase());
    assert.equal((await poll(b)).json().status, 'pending');
    await phone(idNumber, 'approve');
    // TW FidO was just asked: the portal waits out its interval before asking again.
    const early = await poll(b);
    assert.equal(early.json().status, 'pending');
    h.clock.advance(TWFIDO_POLL_INTERVAL_MS);
    const done = await poll(b);
    assert.equal(done.statusCode, 200, done.body);
    const body = done.json();
    assert.equal(body.status, 'approved');
    assert.equal(body.session.account, a.account);
    assert.equal(body.session.mfaRequired, undefined, 'no second step');
    const cookie = cookieFrom(done.headers['set-cookie'], h.config.sessionCookie);
    const me = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().account, a.account);
    const sessions = await h.app.inject({ method: 'GET', url: '/api/me/sessions', headers: { cookie } });
    assert.equal(sessions.json().items[0].method, 'mobile_moica');
    const rows = await records(a.id);
    assert.ok(rows.some((r) => r.success && r.method === 'mobile_moica'));
    // 登入安全 lists it once used, as a way to satisfy the second-factor rule.
    const summary = await mobileFactor(h, a.id);
    assert.equal(summary?.boundAt, null);
    assert.ok(summary?.lastUsedAt);
    assert.equal(summary?.secondFactor, true);

    // Single use: the finished transaction is gone, for this browser as for any other.
    assertError(await poll(b), 404, 'MENHU_ERR_NOT_FOUND');
  });

  test('reject on the phone → rejected, recorded, no session', async () => {
    const idNumber = taiwanId();
    const a = await makeAccount(h, { idNumber });
    const b = await start(idNumber);
    await phone(idNumber, 'reject');
    const res = await poll(b);
    assert.equal(res.json().status, 'rejected');
    assert.equal(res.headers['set-cookie'], undefined);
    h.clock.advance(TWFIDO_POLL_INTERVAL_MS);
    assert.equal((await poll(b)).json().status, 'rejected', 'stays refused');
    assert.ok((await records(a.id)).some((r) => !r.success && r.reason === 'rejected'));
    assert.equal(await mobileFactor(h, a.id), undefined);
  });

  test('expiry: TW FidO saying expire, and our own time limit', async () => {
    const idNumber = taiwanId();
    const a = await makeAccount(h, { idNumber });
    const b1 = await start(idNumber);
    await phone(idNumber, 'expire');
    assert.equal((await poll(b1)).json().status, 'expired');

    const b2 = await start(idNumber);
    h.clock.advance(61_000);
    assert.equal((await poll(b2)).json().status, 'expired');
    // Approving on the phone afterwards changes nothing.
    await phone(idNumber, 'approve');
    h.clock.advance(TWFIDO_POLL_INTERVAL_MS);
    const late = await poll(b2);
    assert.equal(late.json().status, 'expired');
    assert.equal(late.headers['set-cookie'], undefined);
    assert.equal((await records(a.id)).filter((r) => !r.success && r.reason === 'expired').length, 2);
  });

  test('an unknown ID number gets the same answer, no push, and simply expires', async () => {
    const known = taiwanId();
    await makeAccount(h, { idNumber: known });
    const unknown = taiwanId();
    const before = (await pendingOnPhone()).length;
    const k = await start(known);
    const u = await start(unknown);
    const shape = (r: LightMyRequestResponse) => {
      const j = r.json();
      return { keys: Object.keys(j).sort(), interval: j.pollIntervalMs, expiresAt: j.expiresAt, idLength: j.id.length };
    };
    assert.deepEqual(shape(u.started), shape(k.started));
    assert.equal((await pendingOnPhone()).length, before + 1, 'only the known number was pushed');
    assert.deepEqual((await poll(u)).json(), (await poll(k)).json());
    h.clock.advance(TWFIDO_POLL_INTERVAL_MS);
    assert.equal((await poll(u)).json().status, 'pending');
    h.clock.advance(61_000);
    assert.equal((await poll(u)).json().status, 'expired');
  });

  test('a push TW FidO refuses (no App bound) looks like an unknown number to the browser', async () => {
    const a = await makeAccount(h, { idNumber: UNREGISTERED });
    const b = await start(UNREGISTERED);
    assert.equal((await poll(b)).json().status, 'pending');
    h.clock.advance(61_000);
    assert.equal((await poll(b)).json().status, 'expired');
    const rows = await records(a.id);
    assert.ok(
      rows.some((r) => r.reason === 'twfido_push_api_error_20001'),
      'operators see why',
    );
  });

  test('a disabled account is refused after approval, with no session', async () => {
    const idNumber = taiwanId();
    const a = await makeAccount(h, { idNumber });
    await disableAccount(h, a.id);
    const b = await start(idNumber);
    await phone(idNumber, 'approve');
    const res = await poll(b);
    assertError(res, 403, 'MENHU_ERR_ACCOUNT_DISABLED');
    assert.equal(res.headers['set-cookie'], undefined);
    assertError(await poll(b), 404, 'MENHU_ERR_NOT_FOUND');
  });

  test("someone else's transaction id is not found, with or without their own binding", async () => {
    const idNumber = taiwanId();
    await makeAccount(h, { idNumber });
    const victim = await start(idNumber);
    const attacker = await start(taiwanId());
    await phone(idNumber, 'approve');
    assertError(await poll({ ...victim, binding: null }), 404, 'MENHU_ERR_NOT_FOUND');
    assertError(await poll({ ...victim, binding: attacker.binding }), 404, 'MENHU_ERR_NOT_FOUND');
    assertError(
      await poll({ ...attacker, id: crypto.randomBytes(32).toString('base64url') }),
      404,
      'MENHU_ERR_NOT_FOUND',
    );
    // The rightful browser still completes.
    assert.equal((await poll(victim)).json().status, 'approved');
  });

  test('bad ID numbers are refused before anything happens', async () => {
    for (const idNumber of ['A123456788', 'A12345678', '', 'ZZ']) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/mobile-moica',
        headers: { origin: h.config.publicOrigin },
        payload: { idNumber },
      });
      assertError(res, 400, 'MENHU_ERR_VALIDATION');
    }
  });

  test('pushes are throttled per ID number and per address', async () => {
    const idNumber = taiwanId();
    await makeAccount(h, { idNumber });
    for (let i = 0; i < PUSHES_PER_ID; i++) await start(idNumber);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/mobile-moica',
      headers: { origin: h.config.publicOrigin },
      payload: { idNumber },
      remoteAddress: freshAddress(),
    });
    assertError(res, 429, 'MENHU_ERR_THROTTLED');

    const ip = freshAddress();
    let last: LightMyRequestResponse | null = null;
    for (let i = 0; i < 25; i++) {
      last = await h.app.inject({
        method: 'POST',
        url: '/api/auth/mobile-moica',
        headers: { origin: h.config.publicOrigin },
        payload: { idNumber: taiwanId() },
        remoteAddress: ip,
      });
      if (last.statusCode !== 200) break;
    }
    assertError(last!, 429, 'MENHU_ERR_THROTTLED');
    await settlePushes();
  });

  test('housekeeping purges transactions a day after they end', async () => {
    const b = await start(taiwanId());
    h.clock.advance(61_000);
    assert.equal((await poll(b)).json().status, 'expired', 'the outcome stays readable for a while');
    h.clock.advance(25 * 3_600_000);
    await runHousekeeping(h.ctx);
    assertError(await poll(b), 404, 'MENHU_ERR_NOT_FOUND');
  });

  test('a login from another site is refused (login CSRF)', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/mobile-moica',
      headers: { origin: 'https://evil.example' },
      payload: { idNumber: taiwanId() },
    });
    assert.equal(res.statusCode, 403);
  });
});

describe('行動自然人憑證 where the deployment does not offer it', () => {
  test('403 MENHU_ERR_METHOD_NOT_ALLOWED, and config refuses it without TW FidO settings', async () => {
    const h = await createHarness({
      TWFIDO_URL: 'http://127.0.0.1:9',
      TWFIDO_SP_SERVICE_ID: 'x',
      TWFIDO_SP_KEY: KEY,
      LOGIN_METHODS: 'password',
    });
    try {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/mobile-moica',
        headers: { origin: h.config.publicOrigin },
        payload: { idNumber: taiwanId() },
      });
      assertError(res, 403, 'MENHU_ERR_METHOD_NOT_ALLOWED');
    } finally {
      await h.close();
    }
    const { loadConfig } = await import('../../config.ts');
    assert.throws(() => loadConfig({ LOGIN_METHODS: 'password,mobile_moica' }), /TWFIDO_URL/u);
    assert.throws(() => loadConfig({ TWFIDO_URL: 'http://x' }), /set together/u);
    assert.ok(
      loadConfig({ TWFIDO_URL: 'http://x', TWFIDO_SP_SERVICE_ID: 'a', TWFIDO_SP_KEY: KEY }).loginMethods.includes(
        'mobile_moica',
      ),
      'offered by default once configured',
    );
  });
});
