/**
 * SSO-5 實體自然人憑證 through HTTP: challenges (single use, 5 minutes, per purpose and account),
 * binding (the account's ID number must end with the certificate's four digits; one certificate
 * binds one account), sign-in (a full session by itself, same 401 for every refusal, lockout),
 * fail-closed revocation, unbinding with the password, and the zone/device rule.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { cookieFrom, freshAddress, login, makeAccount, taiwanId, type Session } from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { TestPki, type CardOptions, type Issued } from '../../test-support/moica-pki.ts';
import { accountRoles, accounts, loginRecords, moicaChallenges, sessions } from '../../platform/db/schema.ts';
import { runHousekeeping } from '../../platform/housekeeping.ts';
import { LOA2, acrOf, amrOf } from '../auth/mfa-policy.ts';
import { CHALLENGES_PER_WINDOW, factorSummary, moicaRuntime } from './service.ts';

describe('實體自然人憑證 (SSO-5 moica)', () => {
  let h: Harness;
  let pki: TestPki;

  before(async () => {
    const anchors = fs.mkdtempSync(path.join(os.tmpdir(), 'moica-anchors-'));
    h = await createHarness({ LOGIN_METHODS: 'password,totp,moica', MOICA_TRUST_ANCHORS: anchors });
    pki = await TestPki.create(() => h.clock.now());
    pki.writeAnchors(undefined, anchors);
  });
  after(async () => {
    await h.close();
    await pki.close();
  });
  beforeEach(() => {
    moicaRuntime(h.ctx).cache.clear();
    pki.ocspDown = false;
    pki.crlDown = false;
  });

  /** A person with an ID number on file, signed in, and a card issued for them. */
  async function person(card: CardOptions = {}) {
    const idNumber = taiwanId();
    const a = await makeAccount(h, { idNumber, name: '王小明' });
    const s = await login(h, a, { remoteAddress: freshAddress() });
    const c = await pki.issueCard({ idTail: idNumber.slice(-4), ...card });
    return { a, s, card: c, idNumber };
  }

  async function bindChallenge(s: Session) {
    const res = await client(h, s).post('/api/me/moica/challenge');
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { challengeId: string; challenge: string };
  }

  async function bind(s: Session, card: Issued) {
    const ch = await bindChallenge(s);
    const signature = await pki.sign(card, { challenge: ch.challenge, cardSerial: 'TP03000000012345' });
    return client(h, s).post('/api/me/moica', { challengeId: ch.challengeId, signature });
  }

  const anon = (ip: string, ua = 'Mozilla/5.0 (X11; Linux x86_64)') => ({
    origin: h.config.publicOrigin,
    'user-agent': ua,
    _ip: ip,
  });

  async function loginChallenge(ip: string, ua?: string) {
    const { _ip, ...headers } = anon(ip, ua);
    return h.app.inject({ method: 'POST', url: '/api/auth/moica/challenge', headers, remoteAddress: _ip });
  }

  function postSignature(ip: string, body: { challengeId: string; signature: string }, ua?: string) {
    const { _ip, ...headers } = anon(ip, ua);
    return h.app.inject({ method: 'POST', url: '/api/auth/login/moica', headers, remoteAddress: _ip, payload: body });
  }

  async function cardLogin(card: Issued, ip = freshAddress(), sign: Parameters<TestPki['sign']>[1] | object = {}) {
    const ch = (await loginChallenge(ip)).json() as { challengeId: string; challenge: string };
    const signature = await pki.sign(card, { challenge: ch.challenge, ...sign });
    return { res: await postSignature(ip, { challengeId: ch.challengeId, signature }), ch, signature, ip };
  }

  test('the login page learns where HiPKI is', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/auth/moica/config' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { hipkiUrl: 'http://localhost:61161' });
    // The HiPKI popup must keep window.opener to answer: popups we open are not severed.
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin-allow-popups');
  });

  test('bind, then sign in with the card alone — a full session (two factors), from the internet too', async () => {
    const p = await person();
    const bound = await bind(p.s, p.card);
    assert.equal(bound.statusCode, 200, bound.body);
    assert.equal(bound.json().subjectCn, '王小明');
    assert.equal(bound.json().cardSerial, 'TP03********2345');
    const list = (await client(h, p.s).get('/api/me/moica')).json().items;
    assert.equal(list.length, 1);
    assert.ok((await auditRows(h, { action: 'moica.bind' })).some((r) => r.actorId === p.a.id));

    // From an internet address, where a second factor is required: the card is enough.
    const { res } = await cardLogin(p.card, '203.0.113.7');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.account, p.a.account);
    assert.equal(body.mfaRequired, undefined);
    const cookie = cookieFrom(res.headers['set-cookie'], h.config.sessionCookie);
    const me = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie }, remoteAddress: '203.0.113.7' });
    assert.equal(me.statusCode, 200, me.body);
    const all = await h.ctx.db.select().from(sessions).where(eq(sessions.accountId, p.a.id));
    const session = all.find((x) => x.method === 'moica');
    assert.ok(session, 'a session signed in by card');
    assert.equal(session.restriction, null);
    // OIDC sees a citizen-certificate sign-in of two factors.
    assert.deepEqual(amrOf(session.method), ['mca']);
    assert.equal(acrOf(session.method), LOA2);
    const rows = await h.ctx.db.select().from(loginRecords).where(eq(loginRecords.accountId, p.a.id));
    assert.ok(rows.some((r) => r.method === 'moica' && r.success));
    const after = (await client(h, p.s).get('/api/me/moica')).json().items[0];
    assert.ok(after.lastUsedAt);
    // The unified factor list (登入安全) sees it too.
    const [summary] = await factorSummary(h.ctx, p.a.id);
    assert.deepEqual(summary, {
      kind: 'moica',
      id: String(after.id),
      label: '王小明 TP03********2345',
      boundAt: after.boundAt,
      lastUsedAt: after.lastUsedAt,
      secondFactor: true,
    });
  });

  test('a challenge is single use, expires after 5 minutes, and serves only its purpose', async () => {
    const p = await person();
    assert.equal((await bind(p.s, p.card)).statusCode, 200);
    const first = await cardLogin(p.card);
    assert.equal(first.res.statusCode, 200, first.res.body);
    // Replay of the same challenge and signature.
    assertError(
      await postSignature(first.ip, { challengeId: first.ch.challengeId, signature: first.signature }),
      400,
      'MENHU_ERR_MOICA_CHALLENGE',
    );
    // Expired.
    const ip = freshAddress();
    const ch = (await loginChallenge(ip)).json();
    h.clock.advance(5 * 60_000 + 1);
    const late = await pki.sign(p.card, { challenge: ch.challenge });
    assertError(
      await postSignature(ip, { challengeId: ch.challengeId, signature: late }),
      400,
      'MENHU_ERR_MOICA_CHALLENGE',
    );
    // A login challenge cannot bind, and one person's binding challenge is not another's.
    const loginCh = (await loginChallenge(ip)).json();
    const sig = await pki.sign(p.card, { challenge: loginCh.challenge });
    assertError(
      await client(h, p.s).post('/api/me/moica', { challengeId: loginCh.challengeId, signature: sig }),
      400,
      'MENHU_ERR_MOICA_CHALLENGE',
    );
    const other = await person();
    const hers = await bindChallenge(other.s);
    const sig2 = await pki.sign(p.card, { challenge: hers.challenge });
    assertError(
      await client(h, p.s).post('/api/me/moica', { challengeId: hers.challengeId, signature: sig2 }),
      400,
      'MENHU_ERR_MOICA_CHALLENGE',
    );
  });

  test('a signature over another challenge than the one named is refused', async () => {
    const p = await person();
    assert.equal((await bind(p.s, p.card)).statusCode, 200);
    const ip = freshAddress();
    const a = (await loginChallenge(ip)).json();
    const b = (await loginChallenge(ip)).json();
    const signature = await pki.sign(p.card, { challenge: b.challenge });
    assertError(
      await postSignature(ip, { challengeId: a.challengeId, signature }),
      401,
      'MENHU_ERR_INVALID_CREDENTIALS',
    );
  });

  test('a certificate of another person cannot be bound (ID tail mismatch), and is audited', async () => {
    const p = await person();
    const stranger = await pki.issueCard({ name: '陳大文', idTail: p.idNumber.slice(-4) === '9999' ? '8888' : '9999' });
    assertError(await bind(p.s, stranger), 422, 'MENHU_ERR_MOICA_ID_MISMATCH');
    const refused = await auditRows(h, { action: 'moica.bind_refused' });
    assert.ok(refused.some((r) => r.actorId === p.a.id && (r.after as { reason: string }).reason === 'id_mismatch'));
    assert.equal((await client(h, p.s).get('/api/me/moica')).json().items.length, 0);
    // A card without the ID attribute cannot be bound either.
    assertError(await bind(p.s, await pki.issueCard({ idTail: null })), 422, 'MENHU_ERR_MOICA_ID_MISMATCH');
  });

  test('binding refuses invalid certificates with the reason, and one certificate binds one account', async () => {
    const p = await person();
    const rogue = await pki.issueCard({ ca: 'rogue', idTail: p.idNumber.slice(-4) });
    const res = await bind(p.s, rogue);
    assertError(res, 422, 'MENHU_ERR_MOICA_INVALID');
    assert.deepEqual(res.json().error.details, { reason: 'untrusted' });
    assert.equal((await bind(p.s, p.card)).statusCode, 200);
    assertError(await bind(p.s, p.card), 409, 'MENHU_ERR_CONFLICT');
  });

  test('an unbound certificate and a bad signature get the same 401, audited with their reasons', async () => {
    const p = await person();
    assert.equal((await bind(p.s, p.card)).statusCode, 200);
    const unbound = await pki.issueCard({ idTail: '1234' });
    const a = await cardLogin(unbound);
    const other = await pki.issueCard();
    const b = await cardLogin(p.card, freshAddress(), { signWith: other.key });
    for (const r of [a.res, b.res]) assertError(r, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    assert.equal(a.res.json().error.message, b.res.json().error.message);
    const failures = (await auditRows(h, { action: 'login.failure' })).map((r) => r.after as { moica?: string });
    assert.ok(failures.some((f) => f.moica === 'unbound'));
    assert.ok(failures.some((f) => f.moica === 'signature'));
  });

  test('wrong signatures for a bound card count towards its account’s lock', async () => {
    const p = await person();
    assert.equal((await bind(p.s, p.card)).statusCode, 200);
    const other = await pki.issueCard();
    for (let i = 0; i < h.config.lockout.threshold - 1; i++)
      assertError(
        (await cardLogin(p.card, freshAddress(), { signWith: other.key })).res,
        401,
        'MENHU_ERR_INVALID_CREDENTIALS',
      );
    assertError(
      (await cardLogin(p.card, freshAddress(), { signWith: other.key })).res,
      423,
      'MENHU_ERR_ACCOUNT_LOCKED',
    );
    // Locked: even the right signature waits.
    assertError((await cardLogin(p.card)).res, 423, 'MENHU_ERR_ACCOUNT_LOCKED');
  });

  test('revoked (OCSP, or the CRL when OCSP is down) → 401; neither answering → 503, fail closed', async () => {
    const p = await person();
    const q = await pki.issueCard({ idTail: p.idNumber.slice(-4) });
    assert.equal((await bind(p.s, p.card)).statusCode, 200);
    assert.equal((await bind(p.s, q)).statusCode, 200);
    pki.revoke(p.card.cert, 'ocsp');
    moicaRuntime(h.ctx).cache.clear(); // binding cached a 'good' answer (for MOICA_OCSP_CACHE_SECONDS)
    assertError((await cardLogin(p.card)).res, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    pki.ocspDown = true;
    pki.revoke(q.cert, 'crl');
    moicaRuntime(h.ctx).cache.clear();
    assertError((await cardLogin(q)).res, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    const reasons = (await auditRows(h, { action: 'login.failure' })).map((r) => (r.after as { moica?: string }).moica);
    assert.equal(reasons.filter((x) => x === 'revoked').length, 2);
    const fine = await person();
    assert.equal((await bind(fine.s, fine.card)).statusCode, 200); // CRL: not listed
    moicaRuntime(h.ctx).cache.clear();
    pki.crlDown = true;
    assertError((await cardLogin(fine.card)).res, 503, 'MENHU_ERR_MOICA_UNAVAILABLE');
    assertError(
      await bind(fine.s, await pki.issueCard({ idTail: fine.idNumber.slice(-4) })),
      503,
      'MENHU_ERR_MOICA_UNAVAILABLE',
    );
  });

  test('a disabled account cannot sign in with its card', async () => {
    const p = await person();
    assert.equal((await bind(p.s, p.card)).statusCode, 200);
    await h.ctx.db.update(accounts).set({ status: 'disabled' }).where(eq(accounts.id, p.a.id));
    assertError((await cardLogin(p.card)).res, 403, 'MENHU_ERR_ACCOUNT_DISABLED');
  });

  test('unbinding needs the password; afterwards the card no longer signs in', async () => {
    const p = await person();
    const id = ((await bind(p.s, p.card)).json() as { id: number }).id;
    const del = (password: string) =>
      h.app.inject({ method: 'DELETE', url: `/api/me/moica/${id}`, headers: p.s.headers, payload: { password } });
    assertError(await del('wrong-password'), 422, 'MENHU_ERR_CURRENT_PASSWORD');
    const ok = await del(p.a.password);
    assert.equal(ok.statusCode, 200, ok.body);
    assertError(await del(p.a.password), 404, 'MENHU_ERR_NOT_FOUND');
    assert.ok((await auditRows(h, { action: 'moica.unbind' })).some((r) => r.actorId === p.a.id));
    assertError((await cardLogin(p.card)).res, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
  });

  test('challenges are rationed per client address', async () => {
    const ip = freshAddress();
    for (let i = 0; i < CHALLENGES_PER_WINDOW; i++) assert.equal((await loginChallenge(ip)).statusCode, 200);
    assertError(await loginChallenge(ip), 429, 'MENHU_ERR_THROTTLED');
    assert.equal((await loginChallenge(freshAddress())).statusCode, 200);
  });

  test('an administrator whose role requires a second factor keeps the last card', async () => {
    const main = h;
    const admin = await createHarness({
      LOGIN_METHODS: 'password,totp,moica',
      MOICA_TRUST_ANCHORS: main.config.moica.trustAnchors.join(','),
      MFA_REQUIRED_ROLES: 'system_admin',
      MFA_REQUIRED_OUTSIDE_INTRANET: 'false',
    });
    h = admin; // the helpers above speak to `h`
    try {
      const p = await person(); // a plain user binds a card, then becomes a system administrator
      assert.equal((await bind(p.s, p.card)).statusCode, 200);
      await h.ctx.db.insert(accountRoles).values({ accountId: p.a.id, role: 'system_admin' });
      const { res } = await cardLogin(p.card);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().mfaRequired, undefined, 'the card is enough for an administrator');
      const cookie = cookieFrom(res.headers['set-cookie'], h.config.sessionCookie);
      const s: Session = {
        cookie,
        csrfToken: res.json().csrfToken,
        headers: { cookie, origin: h.config.publicOrigin, 'x-csrf-token': res.json().csrfToken },
      };
      const [first] = (await client(h, s).get('/api/me/moica')).json().items as { id: number }[];
      const del = (id: number) =>
        h.app.inject({
          method: 'DELETE',
          url: `/api/me/moica/${id}`,
          headers: s.headers,
          payload: { password: p.a.password },
        });
      assertError(await del(first!.id), 409, 'MENHU_ERR_LAST_FACTOR');
      // With a second card bound, the first may go.
      const second = await pki.issueCard({ idTail: p.idNumber.slice(-4) });
      assert.equal((await bind(s, second)).statusCode, 200);
      assert.equal((await del(first!.id)).statusCode, 200);
    } finally {
      h = main;
      await admin.close();
    }
  });

  test('not on a phone; signing in needs no session but binding does', async () => {
    const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)';
    assertError(await loginChallenge(freshAddress(), iphone), 403, 'MENHU_ERR_METHOD_NOT_ALLOWED');
    assertError(
      await postSignature(freshAddress(), { challengeId: 'x'.repeat(43), signature: 'y'.repeat(40) }, iphone),
      403,
      'MENHU_ERR_METHOD_NOT_ALLOWED',
    );
    assertError(await client(h, null).post('/api/me/moica/challenge'), 401, 'MENHU_ERR_UNAUTHENTICATED');
  });

  test('housekeeping purges challenges a day after they expired', async () => {
    await loginChallenge(freshAddress());
    const before = await h.ctx.db.select().from(moicaChallenges);
    assert.ok(before.length > 0);
    h.clock.advance(2 * 86_400_000);
    await runHousekeeping(h.ctx);
    assert.deepEqual(await h.ctx.db.select().from(moicaChallenges), []);
  });
});
