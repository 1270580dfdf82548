/**
 * SSO-9 開通帳號 and 忘記密碼 with 行動自然人憑證 through HTTP against the TW FidO simulator:
 * reset (sessions end) and activation by approving on the phone; no enumeration (unknown account,
 * another person's ID number, the wrong status: the same answers and no push); reject and expire
 * give no ticket; tickets are single use, bound and expiring; transactions answer only their own
 * browser and purpose; unavailable without TW FidO.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { cookieFrom, freshAddress, login, makeAccount, postLogin, taiwanId } from '../../test-support/factories.ts';
import { assertError } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { updateAccountRow } from '../accounts/store.ts';
import { CODE_TTL_MS } from '../backup-email/service.ts';
import { startTwFidoSim, type TwFidoSim } from '../mobile-moica/simulator.ts';
import { settlePushes, TWFIDO_POLL_INTERVAL_MS } from '../mobile-moica/service.ts';

const KEY = crypto.randomBytes(32).toString('base64');
const NEW_PASSWORD = 'Nw!8k#Tz5%m';

describe('開通帳號 and 忘記密碼 by 行動自然人憑證 (SSO-9)', () => {
  let h: Harness;
  let sim: TwFidoSim;

  before(async () => {
    sim = await startTwFidoSim({ serviceId: 'menhu-test', key: KEY });
    h = await createHarness({
      TWFIDO_URL: sim.url,
      TWFIDO_SP_SERVICE_ID: 'menhu-test',
      TWFIDO_SP_KEY: KEY,
      LOGIN_METHODS: 'password,mobile_moica',
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

  async function start(purpose: 'activate' | 'reset', account: string, idNumber: string): Promise<Browser> {
    const ip = freshAddress();
    const started = await h.app.inject({
      method: 'POST',
      url: '/api/auth/recovery/mobile-moica',
      headers: { origin: h.config.publicOrigin },
      payload: { purpose, account, idNumber },
      remoteAddress: ip,
    });
    assert.equal(started.statusCode, 200, started.body);
    await settlePushes();
    return { id: started.json().id, binding: cookieFrom(started.headers['set-cookie'], 'menhu_mmca'), started, ip };
  }
  const poll = (b: Pick<Browser, 'id' | 'ip'> & { binding: string | null }, url = '/api/auth/recovery/mobile-moica') =>
    h.app.inject({
      method: 'GET',
      url: `${url}/${b.id}`,
      headers: b.binding ? { cookie: b.binding } : {},
      remoteAddress: b.ip,
    });
  const complete = (ticket: string, newPassword = NEW_PASSWORD) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/recovery/password',
      headers: { origin: h.config.publicOrigin },
      payload: { ticket, newPassword },
      remoteAddress: freshAddress(),
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
  async function approvedTicket(purpose: 'activate' | 'reset', account: string, idNumber: string) {
    const b = await start(purpose, account, idNumber);
    await phone(idNumber, 'approve');
    const res = await poll(b);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'approved');
    assert.match(res.json().ticket, /^mm\./u);
    return { b, ticket: res.json().ticket as string };
  }

  test('忘記密碼: approve on the phone → ticket → new password; every session ends; the ticket is single use', async () => {
    const idNumber = taiwanId();
    const a = await makeAccount(h, { idNumber });
    const s = await login(h, a);
    const { b, ticket } = await approvedTicket('reset', a.account, idNumber);
    // No session from a recovery transaction.
    const me0 = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: b.binding } });
    assert.equal(me0.statusCode, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    // Asked again (a lost answer), the same browser gets the same ticket.
    assert.equal((await poll(b)).json().ticket, ticket);

    const done = await complete(ticket);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().account, a.account);
    const me = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: s.cookie } });
    assert.equal(me.statusCode, 401, 'the old session ended');
    assert.equal((await postLogin(h, a.account, NEW_PASSWORD, { remoteAddress: freshAddress() })).statusCode, 200);
    assertError(
      await postLogin(h, a.account, a.password, { remoteAddress: freshAddress() }),
      401,
      'MENHU_ERR_INVALID_CREDENTIALS',
    );

    // Single use: the ticket and the transaction are gone.
    assertError(await complete(ticket, 'Xq!7v#Lp3%z'), 410, 'MENHU_ERR_RECOVERY_EXPIRED');
    assertError(await poll(b), 404, 'MENHU_ERR_NOT_FOUND');

    const requested = await auditRows(h, { action: 'recovery.request', targetLabel: a.account });
    assert.equal((requested.at(-1)?.after as { via: string }).via, 'mobile_moica');
    const verified = await auditRows(h, { action: 'recovery.verify', targetLabel: a.account, result: 'success' });
    assert.equal((verified.at(-1)?.after as { via: string }).via, 'mobile_moica');
    const recovered = await auditRows(h, { action: 'password.recover', targetLabel: a.account });
    assert.deepEqual(recovered.at(-1)?.after, { via: 'mobile_moica', sessionsEnded: 1 });
  });

  test('開通帳號: a pending account is activated with the password the person chose', async () => {
    const idNumber = taiwanId('F', 2);
    const a = await makeAccount(h, { idNumber });
    await updateAccountRow(h.ctx.db, a.id, { status: 'pending' });
    assertError(
      await postLogin(h, a.account, a.password, { remoteAddress: freshAddress() }),
      403,
      'MENHU_ERR_ACCOUNT_NOT_ACTIVATED',
    );
    // The wrong purpose for a pending account: no push.
    const before = (await pendingOnPhone()).length;
    await start('reset', a.account, idNumber);
    assert.equal((await pendingOnPhone()).length, before);

    const { ticket } = await approvedTicket('activate', a.account.toUpperCase(), idNumber);
    const done = await complete(ticket);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal((await postLogin(h, a.account, NEW_PASSWORD, { remoteAddress: freshAddress() })).statusCode, 200);
    const activated = await auditRows(h, { action: 'account.activate', targetLabel: a.account });
    assert.equal((activated.at(-1)?.after as { via: string }).via, 'mobile_moica');
  });

  test('no enumeration: unknown account, another ID number, the wrong status answer like a match and never push', async () => {
    const idNumber = taiwanId();
    const a = await makeAccount(h, { idNumber });
    const other = taiwanId();
    await makeAccount(h, { idNumber: other });
    const before = (await pendingOnPhone()).length;
    const match = await start('reset', a.account, idNumber);
    assert.equal((await pendingOnPhone()).length, before + 1);
    const misses = [
      await start('reset', 'nobody-here', idNumber),
      await start('reset', a.account, other),
      await start('reset', a.account, taiwanId()),
      await start('activate', a.account, idNumber),
    ];
    assert.equal((await pendingOnPhone()).length, before + 1, 'only the match was pushed');
    const shape = (r: LightMyRequestResponse) => {
      const j = r.json();
      return { keys: Object.keys(j).sort(), interval: j.pollIntervalMs, expiresAt: j.expiresAt, idLength: j.id.length };
    };
    for (const m of misses) {
      assert.deepEqual(shape(m.started), shape(match.started));
      assert.deepEqual((await poll(m)).json(), (await poll(match)).json());
    }
    h.clock.advance(61_000);
    for (const m of misses)
      assert.deepEqual((await poll(m)).json(), { status: 'expired', expiresAt: null, ticket: null });
  });

  test('reject or expire on the phone: no ticket', async () => {
    for (const action of ['reject', 'expire'] as const) {
      const idNumber = taiwanId();
      const a = await makeAccount(h, { idNumber });
      const b = await start('reset', a.account, idNumber);
      await phone(idNumber, action);
      const res = await poll(b);
      assert.deepEqual(res.json(), {
        status: action === 'reject' ? 'rejected' : 'expired',
        expiresAt: null,
        ticket: null,
      });
      const failed = await auditRows(h, { action: 'recovery.verify', targetLabel: a.account, result: 'failure' });
      assert.equal((failed.at(-1)?.after as { via: string }).via, 'mobile_moica');
    }
  });

  test("someone else's transaction is 404; a recovery transaction is no sign-in, nor a sign-in one a recovery", async () => {
    const idNumber = taiwanId();
    const a = await makeAccount(h, { idNumber });
    const victim = await start('reset', a.account, idNumber);
    const attacker = await start('reset', 'nobody-here', taiwanId());
    await phone(idNumber, 'approve');
    assertError(await poll({ ...victim, binding: null }), 404, 'MENHU_ERR_NOT_FOUND');
    assertError(await poll({ ...victim, binding: attacker.binding }), 404, 'MENHU_ERR_NOT_FOUND');
    assertError(await poll(victim, '/api/auth/mobile-moica'), 404, 'MENHU_ERR_NOT_FOUND');

    const signIn = await h.app.inject({
      method: 'POST',
      url: '/api/auth/mobile-moica',
      headers: { origin: h.config.publicOrigin },
      payload: { idNumber },
      remoteAddress: freshAddress(),
    });
    const s = { id: signIn.json().id, binding: cookieFrom(signIn.headers['set-cookie'], 'menhu_mmca'), ip: '10.0.0.1' };
    assertError(await poll(s), 404, 'MENHU_ERR_NOT_FOUND');
    await settlePushes();

    // The rightful browser still gets its ticket.
    h.clock.advance(TWFIDO_POLL_INTERVAL_MS);
    assert.equal((await poll(victim)).json().status, 'approved');
  });

  test('tickets: forged, another kind, expired → MENHU_ERR_RECOVERY_EXPIRED', async () => {
    const idNumber = taiwanId();
    const a = await makeAccount(h, { idNumber });
    const { ticket } = await approvedTicket('reset', a.account, idNumber);
    const [, handle, mac] = ticket.split('.');
    assertError(await complete(`mm.${handle}.${mac!.slice(1)}x`), 410, 'MENHU_ERR_RECOVERY_EXPIRED');
    assertError(
      await complete(`mm.${crypto.randomBytes(32).toString('base64url')}.${mac}`),
      410,
      'MENHU_ERR_RECOVERY_EXPIRED',
    );
    assertError(await complete(`1.${mac}`), 410, 'MENHU_ERR_RECOVERY_EXPIRED');
    h.clock.advance(CODE_TTL_MS + 1000);
    assertError(await complete(ticket), 410, 'MENHU_ERR_RECOVERY_EXPIRED');
    assert.equal((await postLogin(h, a.account, a.password, { remoteAddress: freshAddress() })).statusCode, 200);
  });
});

describe('行動自然人憑證 recovery without TW FidO', () => {
  test('503 MENHU_ERR_MOBILE_MOICA_UNAVAILABLE', async () => {
    const h = await createHarness({});
    try {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/recovery/mobile-moica',
        headers: { origin: h.config.publicOrigin },
        payload: { purpose: 'reset', account: 'someone', idNumber: taiwanId() },
      });
      assertError(res, 503, 'MENHU_ERR_MOBILE_MOICA_UNAVAILABLE');
    } finally {
      await h.close();
    }
  });
});
