/**
 * SSO-5 簡訊 through HTTP with the development `log` provider (codes read from the message
 * rows administrators see in 簡訊發送紀錄): binding a number, changing and removing it with the
 * password, 簡訊登入, SMS as the second step, and the attacks — a code used twice, brute force
 * (the code dies, the account locks), expiry, an unknown account or one without a number
 * (the same answer, nothing sent), and throttled sends.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import type { Role } from '@menhu/contracts';
import { loadConfig } from '../../config.ts';
import { smsCodes, smsMessages, loginRecords } from '../../platform/db/schema.ts';
import { runHousekeeping } from '../../platform/housekeeping.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import {
  cookieFrom,
  freshAddress,
  login,
  makeAccount,
  postLogin,
  SYSTEM,
  type Session,
  type TestAccount,
} from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { changeRole } from '../accounts/service.ts';
import { base32Decode, codeAt, stepAt } from '../totp/totp.ts';
import { smsBackgroundSettled } from './service.ts';

const ROOT = { accountId: 0, orgPath: '/', roles: ['user', 'system_admin'] as Role[] };

/** The newest message to an account (of a purpose), as the table holds it. */
async function lastMessage(h: Harness, accountId: number, purpose?: string) {
  await smsBackgroundSettled();
  const rows = await h.ctx.db
    .select()
    .from(smsMessages)
    .where(
      purpose
        ? and(eq(smsMessages.accountId, accountId), eq(smsMessages.purpose, purpose))
        : eq(smsMessages.accountId, accountId),
    )
    .orderBy(desc(smsMessages.id))
    .limit(1);
  return rows[0];
}
async function messageCount(h: Harness, accountId: number) {
  await smsBackgroundSettled();
  return (await h.ctx.db.select().from(smsMessages).where(eq(smsMessages.accountId, accountId))).length;
}
/** The 6-digit code in the newest message (the log provider keeps the body readable). */
async function codeFor(h: Harness, accountId: number, purpose?: string): Promise<string> {
  const m = await lastMessage(h, accountId, purpose);
  const code = /\b(\d{6})\b/u.exec(m?.body ?? '')?.[1];
  if (!code) throw new Error(`no code for account ${accountId}`);
  return code;
}
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

function del(h: Harness, s: Session, url: string, payload: unknown) {
  return h.app.inject({ method: 'DELETE', url, headers: s.headers, payload: payload as object });
}

async function bindNumber(h: Harness, s: Session, accountId: number, phone: string, password?: string) {
  const sent = await client(h, s).post('/api/me/sms', { phone, ...(password ? { password } : {}) });
  assert.equal(sent.statusCode, 200, sent.body);
  const ok = await client(h, s).post('/api/me/sms/confirm', { code: await codeFor(h, accountId, 'bind') });
  assert.equal(ok.statusCode, 200, ok.body);
}

describe('簡訊 binding, sign-in and delivery (SSO-5)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  const sendLogin = (account: string, remoteAddress = freshAddress()) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/sms',
      headers: { origin: h.config.publicOrigin },
      payload: { account },
      remoteAddress,
    });
  const smsLogin = (account: string, code: string, remoteAddress = freshAddress()) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/login/sms',
      headers: { origin: h.config.publicOrigin },
      payload: { account, code },
      remoteAddress,
    });

  test('binding: +886 numbers are normalised, a wrong code binds nothing, the right one binds', async () => {
    const person = await makeAccount(h);
    const s = await login(h, person);
    assertError(await client(h, s).post('/api/me/sms', { phone: '02-2720-8889' }), 400, 'MENHU_ERR_VALIDATION');
    const sent = await client(h, s).post('/api/me/sms', { phone: '+886 912-345-678' });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal((await client(h, s).get('/api/me/sms')).json().pending, '0912-***-678');
    const message = (await lastMessage(h, person.id, 'bind'))!;
    assert.equal(message.phoneMasked, '0912-***-678');
    assert.ok(!message.phoneEnc.includes('912345678'), 'the number is encrypted');
    assertError(
      await client(h, s).post('/api/me/sms/confirm', { code: wrong(await codeFor(h, person.id)) }),
      401,
      'MENHU_ERR_INVALID_CODE',
    );
    assert.equal((await client(h, s).get('/api/me/sms')).json().phone, null);
    const code = await codeFor(h, person.id);
    assert.equal((await client(h, s).post('/api/me/sms/confirm', { code })).statusCode, 200);
    const status = (await client(h, s).get('/api/me/sms')).json();
    assert.equal(status.phone, '0912-***-678');
    assert.ok(status.boundAt);
    assertError(await client(h, s).post('/api/me/sms/confirm', { code }), 401, 'MENHU_ERR_INVALID_CODE');
    assert.ok((await auditRows(h, { action: 'sms.bind' })).some((r) => r.actorId === person.id));

    // The outbox worker sends it through the log provider (this drain, or the app's own poller).
    let delivered = (await lastMessage(h, person.id, 'bind'))!;
    for (let i = 0; i < 200 && delivered.status === 'queued'; i++) {
      await h.app.drainOutbox();
      await new Promise((r) => setTimeout(r, 10));
      delivered = (await lastMessage(h, person.id, 'bind'))!;
    }
    assert.equal(delivered.status, 'sent');
    assert.equal(delivered.providerMessageId, `log-${delivered.clientId}`);
  });

  test('changing the number asks for the password; removing it too', async () => {
    const person = await makeAccount(h);
    const s = await login(h, person);
    await bindNumber(h, s, person.id, '0911000111');
    assertError(await client(h, s).post('/api/me/sms', { phone: '0922000222' }), 422, 'MENHU_ERR_CURRENT_PASSWORD');
    assertError(
      await client(h, s).post('/api/me/sms', { phone: '0922000222', password: 'nope' }),
      422,
      'MENHU_ERR_CURRENT_PASSWORD',
    );
    await bindNumber(h, s, person.id, '0922000222', person.password);
    assert.equal((await client(h, s).get('/api/me/sms')).json().phone, '0922-***-222');
    assertError(await del(h, s, '/api/me/sms', { password: 'nope' }), 422, 'MENHU_ERR_CURRENT_PASSWORD');
    assert.equal((await del(h, s, '/api/me/sms', { password: person.password })).statusCode, 200);
    assert.equal((await client(h, s).get('/api/me/sms')).json().phone, null);
    assertError(await del(h, s, '/api/me/sms', { password: person.password }), 409, 'MENHU_ERR_SMS_NOT_BOUND');
    assert.ok((await auditRows(h, { action: 'sms.unbind' })).some((r) => r.actorId === person.id));
  });

  test('a code dies after 5 wrong tries, even before its right value is sent', async () => {
    const person = await makeAccount(h);
    const s = await login(h, person);
    await client(h, s).post('/api/me/sms', { phone: '0933000333' });
    const code = await codeFor(h, person.id);
    for (let i = 0; i < 5; i++)
      assertError(await client(h, s).post('/api/me/sms/confirm', { code: wrong(code) }), 401, 'MENHU_ERR_INVALID_CODE');
    assertError(await client(h, s).post('/api/me/sms/confirm', { code }), 401, 'MENHU_ERR_INVALID_CODE');
  });

  test('a code expires after 5 minutes', async () => {
    const person = await makeAccount(h);
    const s = await login(h, person);
    await client(h, s).post('/api/me/sms', { phone: '0944000444' });
    const code = await codeFor(h, person.id);
    h.clock.advance(5 * 60_000 + 1_000);
    assertError(await client(h, s).post('/api/me/sms/confirm', { code }), 401, 'MENHU_ERR_INVALID_CODE');
  });

  test('簡訊登入: account + code opens a session recorded as sms; the code works once', async () => {
    const person = await makeAccount(h);
    await bindNumber(h, await login(h, person), person.id, '0955000555');
    const asked = await sendLogin(person.account.toUpperCase());
    assert.equal(asked.statusCode, 200, asked.body);
    const code = await codeFor(h, person.id, 'login');
    const ok = await smsLogin(person.account, code);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.ok(ok.json().csrfToken);
    const cookie = cookieFrom(ok.headers['set-cookie'], h.config.sessionCookie);
    const me = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    assert.equal(me.statusCode, 200);
    const records = await h.ctx.db.select().from(loginRecords).where(eq(loginRecords.accountId, person.id));
    assert.ok(records.some((r) => r.method === 'sms' && r.success));
    assertError(await smsLogin(person.account, code), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    assert.ok((await client(h, await login(h, person)).get('/api/me/sms')).json().lastUsedAt);
  });

  test('an unknown account, or one without a number, gets the same answer and nothing is sent', async () => {
    const bare = await makeAccount(h);
    const known = await makeAccount(h);
    await bindNumber(h, await login(h, known), known.id, '0966000666');
    const before = await messageCount(h, known.id);
    const answers = [await sendLogin('nobody-here'), await sendLogin(bare.account), await sendLogin(known.account)];
    for (const a of answers) assert.equal(a.statusCode, 200);
    const shape = (b: string) => Object.keys(JSON.parse(b) as object).sort();
    assert.deepEqual(shape(answers[0]!.body), shape(answers[2]!.body));
    assert.deepEqual(shape(answers[1]!.body), shape(answers[2]!.body));
    assert.equal(await messageCount(h, bare.id), 0);
    assert.equal(await messageCount(h, known.id), before + 1);
    assertError(await smsLogin('nobody-here', '123456'), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    assertError(await smsLogin(bare.account, '123456'), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
  });

  test('brute force: wrong codes lock the account like wrong passwords; the code is dead too', async () => {
    const person = await makeAccount(h);
    await bindNumber(h, await login(h, person), person.id, '0977000777');
    await sendLogin(person.account);
    const code = await codeFor(h, person.id, 'login');
    let last = await smsLogin(person.account, wrong(code));
    for (let i = 1; i < h.config.lockout.threshold; i++) last = await smsLogin(person.account, wrong(code));
    assertError(last, 423, 'MENHU_ERR_ACCOUNT_LOCKED');
    assertError(await smsLogin(person.account, code), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
    h.clock.advance(h.config.lockout.durationMs + 1_000);
    // After the lock the code is expired and dead anyway.
    assertError(await smsLogin(person.account, code), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
  });

  test('sends are throttled per account name (known or not) and per number', async () => {
    const person = await makeAccount(h);
    await bindNumber(h, await login(h, person), person.id, '0988000888');
    for (let i = 0; i < 5; i++) assert.equal((await sendLogin(person.account)).statusCode, 200);
    assertError(await sendLogin(person.account), 429, 'MENHU_ERR_THROTTLED');
    for (let i = 0; i < 5; i++) assert.equal((await sendLogin('ghost-name')).statusCode, 200);
    assertError(await sendLogin('ghost-name'), 429, 'MENHU_ERR_THROTTLED');

    // Binding: per account; and a number cannot be flooded from many accounts.
    const victim = '0999000999';
    for (let i = 0; i < 5; i++) {
      const a = await makeAccount(h);
      assert.equal((await client(h, await login(h, a)).post('/api/me/sms', { phone: victim })).statusCode, 200);
    }
    const sixth = await makeAccount(h);
    assertError(
      await client(h, await login(h, sixth)).post('/api/me/sms', { phone: victim }),
      429,
      'MENHU_ERR_THROTTLED',
    );
  });

  test('the method obeys the zones: from outside the intranet 簡訊登入 is refused', async () => {
    assertError(await sendLogin('anyone', '203.0.113.7'), 403, 'MENHU_ERR_METHOD_NOT_ALLOWED');
    assertError(await smsLogin('anyone', '123456', '203.0.113.7'), 403, 'MENHU_ERR_METHOD_NOT_ALLOWED');
  });

  test('簡訊發送紀錄: system administrators read the messages; others may not', async () => {
    const admin = await makeAccount(h, { roles: ['system_admin'] });
    const person = await makeAccount(h);
    const ps = await login(h, person);
    await client(h, ps).post('/api/me/sms', { phone: '0910101010' });
    assertError(await client(h, ps).get('/api/admin/sms-messages'), 403, 'MENHU_ERR_FORBIDDEN');
    const list = await client(h, await login(h, admin)).get('/api/admin/sms-messages?pageSize=5');
    assert.equal(list.statusCode, 200, list.body);
    const mine = (list.json().items as { to: string; body: string; status: string; provider: string }[]).find(
      (m) => m.to === '0910-***-010',
    );
    assert.ok(mine);
    assert.match(mine.body, /綁定手機驗證碼 \d{6}/u);
    assert.equal(mine.provider, 'log');
  });
});

describe('簡訊 housekeeping', () => {
  test('codes go a day after they expire, messages after 90 days', async () => {
    const h = await createHarness();
    try {
      const person = await makeAccount(h);
      await client(h, await login(h, person)).post('/api/me/sms', { phone: '0920202020' });
      await smsBackgroundSettled();
      const codes = () => h.ctx.db.select().from(smsCodes).where(eq(smsCodes.accountId, person.id));
      h.clock.advance(5 * 60_000 + 23 * 3_600_000);
      await runHousekeeping(h.ctx);
      assert.equal((await codes()).length, 1, 'kept for a day after expiry');
      h.clock.advance(2 * 3_600_000);
      await runHousekeeping(h.ctx);
      assert.equal((await codes()).length, 0);
      assert.equal(await messageCount(h, person.id), 1);
      h.clock.advance(90 * 86_400_000);
      await runHousekeeping(h.ctx);
      assert.equal(await messageCount(h, person.id), 0);
    } finally {
      await h.close();
    }
  });
});

describe('簡訊 as the second step (SSO-10)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ MFA_REQUIRED_ROLES: 'system_admin', MFA_REQUIRED_OUTSIDE_INTRANET: 'false' });
  });
  after(() => h.close());

  /** A system administrator whose only second factor is a bound number. */
  async function adminWithNumber(phone: string): Promise<TestAccount> {
    const a = await makeAccount(h);
    await bindNumber(h, await login(h, a), a.id, phone);
    await changeRole(h.ctx, ROOT, a.id, 'system_admin', true, SYSTEM);
    return a;
  }
  async function pending(a: TestAccount): Promise<{ s: Session; methods: string[] }> {
    const res = await postLogin(h, a.account, a.password);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { mfaRequired?: boolean; methods: string[]; csrfToken: string };
    assert.equal(body.mfaRequired, true);
    const cookie = cookieFrom(res.headers['set-cookie'], h.config.sessionCookie);
    return {
      s: {
        cookie,
        csrfToken: body.csrfToken,
        headers: { cookie, origin: h.config.publicOrigin, 'x-csrf-token': body.csrfToken },
      },
      methods: body.methods,
    };
  }

  /** Password, then the SMS second step: a full session. */
  async function signedInWithSms(a: TestAccount): Promise<Session> {
    const { s } = await pending(a);
    await client(h, s).post('/api/auth/mfa/sms/send');
    const done = await client(h, s).post('/api/auth/mfa/sms', { code: await codeFor(h, a.id, 'mfa') });
    assert.equal(done.statusCode, 200, done.body);
    const cookie = cookieFrom(done.headers['set-cookie'], h.config.sessionCookie);
    const { csrfToken } = done.json() as { csrfToken: string };
    return { cookie, csrfToken, headers: { cookie, origin: h.config.publicOrigin, 'x-csrf-token': csrfToken } };
  }

  test('password, then a code sent on request: a full session with method password+sms', async () => {
    const a = await adminWithNumber('0912121212');
    const { s, methods } = await pending(a);
    assert.ok(methods.includes('sms'));
    assert.equal((await client(h, s).get('/api/me')).statusCode, 401);
    assertError(await client(h, s).post('/api/auth/mfa/sms', { code: '123456' }), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    const sent = await client(h, s).post('/api/auth/mfa/sms/send');
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal(sent.json().phone, '0912-***-212');
    const code = await codeFor(h, a.id, 'mfa');
    const done = await client(h, s).post('/api/auth/mfa/sms', { code });
    assert.equal(done.statusCode, 200, done.body);
    const cookie = cookieFrom(done.headers['set-cookie'], h.config.sessionCookie);
    const sessions = await h.app.inject({ method: 'GET', url: '/api/me/sessions', headers: { cookie } });
    assert.equal(sessions.statusCode, 200);
    assert.ok((sessions.json().items as { method: string }[]).some((x) => x.method === 'password+sms'));
  });

  test('a login code is no second-step code (purposes are separate); the send is throttled', async () => {
    const a = await adminWithNumber('0913131313');
    const { s } = await pending(a);
    // 簡訊登入 as the first step: the second must then be the password, never SMS again.
    await h.app.inject({
      method: 'POST',
      url: '/api/auth/sms',
      headers: { origin: h.config.publicOrigin },
      payload: { account: a.account },
    });
    const loginCode = await codeFor(h, a.id, 'login');
    assertError(
      await client(h, s).post('/api/auth/mfa/sms', { code: loginCode }),
      401,
      'MENHU_ERR_INVALID_CREDENTIALS',
    );
    const first = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login/sms',
      headers: { origin: h.config.publicOrigin },
      payload: { account: a.account, code: loginCode },
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json().methods, ['password']);

    const { s: s2 } = await pending(a);
    let last;
    for (let i = 0; i < 6; i++) last = await client(h, s2).post('/api/auth/mfa/sms/send');
    // 1 binding + 5 here over the account's budget of 5 per window.
    assertError(last!, 429, 'MENHU_ERR_THROTTLED');
  });

  test('an administrator without a number cannot ask for a code; the last required factor cannot be removed', async () => {
    const bare = await makeAccount(h, { roles: ['system_admin'] });
    const { s } = await pending(bare);
    assertError(await client(h, s).post('/api/auth/mfa/sms/send'), 409, 'MENHU_ERR_SMS_NOT_BOUND');

    const a = await adminWithNumber('0914141414');
    const full = await signedInWithSms(a);
    assertError(await del(h, full, '/api/me/sms', { password: a.password }), 409, 'MENHU_ERR_LAST_FACTOR');

    // One rule for every factor: with an authenticator app bound too, either may go, not both.
    const { secret } = (await client(h, full).post('/api/me/totp')).json() as { secret: string };
    const totp = codeAt(base32Decode(secret), stepAt(h.clock.now().getTime()));
    assert.equal((await client(h, full).post('/api/me/totp/confirm', { code: totp })).statusCode, 200);
    assert.equal((await del(h, full, '/api/me/sms', { password: a.password })).statusCode, 200);
    assertError(await del(h, full, '/api/me/totp', { password: a.password }), 409, 'MENHU_ERR_LAST_FACTOR');
  });

  test('TOTP can be removed while a bound number remains the second factor', async () => {
    const a = await adminWithNumber('0915151515');
    const full = await signedInWithSms(a);
    const { secret } = (await client(h, full).post('/api/me/totp')).json() as { secret: string };
    const totp = codeAt(base32Decode(secret), stepAt(h.clock.now().getTime()));
    assert.equal((await client(h, full).post('/api/me/totp/confirm', { code: totp })).statusCode, 200);
    assert.equal((await del(h, full, '/api/me/totp', { password: a.password })).statusCode, 200);
    assert.equal((await client(h, full).get('/api/me/sms')).json().phone, '0915-***-515');
  });
});

describe('簡訊 configuration', () => {
  const prod = { NODE_ENV: 'production', PUBLIC_URL: 'https://portal.example.gov.tw', SMTP_URL: 'smtp://mail:25' };
  test('production refuses the log provider when 簡訊登入 is on, and needs every Mitake setting', () => {
    assert.throws(() => loadConfig({ ...prod, LOGIN_METHODS: 'password,sms' }), /SMS_PROVIDER=mitake/u);
    assert.throws(() => loadConfig({ ...prod, SMS_PROVIDER: 'mitake', MITAKE_URL: 'https://sms.example' }), /MITAKE_/u);
    const off = loadConfig(prod);
    assert.ok(!off.loginMethods.includes('sms'), 'not on by default without a real provider');
    assert.equal(off.sms.enabled, false);
    const on = loadConfig({
      ...prod,
      SMS_PROVIDER: 'mitake',
      MITAKE_URL: 'https://smsapi.mitake.com.tw/',
      MITAKE_USERNAME: 'u',
      MITAKE_PASSWORD: 'p',
    });
    assert.ok(on.loginMethods.includes('sms'));
    assert.equal(on.sms.mitake?.url, 'https://smsapi.mitake.com.tw');
    const dev = loadConfig({});
    assert.equal(dev.sms.provider, 'log');
    assert.ok(dev.loginMethods.includes('sms'));
  });
});
