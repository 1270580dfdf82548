/**
 * SSO-5 備用信箱 and 臨時密碼 through HTTP, with mail sent over real SMTP to a local sink:
 * binding by a mailed code, refusing the official mailbox, 臨時密碼 sign-in with address + code,
 * the same answer for an unbound address, one use per code, throttling and brute-force limits.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { cookieFrom, freshAddress, login, makeAccount, type Session } from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { codeIn, startSmtpSink } from '../../test-support/smtp-sink.ts';

describe('備用信箱 and 臨時密碼 (SSO-5)', () => {
  let h: Harness;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;

  before(async () => {
    sink = await startSmtpSink();
    h = await createHarness({ SMTP_URL: sink.url, OFFICIAL_MAIL_DOMAINS: 'mail.city.example.gov.tw' });
  });
  after(async () => {
    await h.close();
    await sink.stop();
  });

  /** The newest mail to `to` after the first `skip` ones (mail is sent in the background). */
  const lastMailTo = async (to: string, skip = 0) => {
    for (let i = 0; i < 100; i++) {
      const mine = sink.mails.filter((x) => x.to.includes(to));
      if (mine.length > skip) return mine.at(-1)!;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no mail to ${to}`);
  };
  const mailsTo = (to: string) => sink.mails.filter((x) => x.to.includes(to)).length;
  const request = (email: string, remoteAddress = freshAddress()) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/temp-password',
      headers: { origin: h.config.publicOrigin },
      payload: { email },
      remoteAddress,
    });
  const signIn = (email: string, code: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/login/temp-password',
      headers: { origin: h.config.publicOrigin },
      payload: { email, code },
      remoteAddress: freshAddress(),
    });

  async function bind(s: Session, email: string) {
    assert.equal((await client(h, s).post('/api/me/backup-email', { email })).statusCode, 200);
    const code = codeIn(await lastMailTo(email));
    const ok = await client(h, s).post('/api/me/backup-email/confirm', { code });
    assert.equal(ok.statusCode, 200, ok.body);
  }

  test('binding: a code by mail binds the address; the official mailbox is refused', async () => {
    const person = await makeAccount(h);
    const s = await login(h, person);
    assertError(
      await client(h, s).post('/api/me/backup-email', { email: 'me@mail.city.example.gov.tw' }),
      400,
      'MENHU_ERR_VALIDATION',
    );
    await client(h, s).post('/api/me/backup-email', { email: 'chen.backup@example.com' });
    assertError(
      await client(h, s).post('/api/me/backup-email/confirm', { code: '000000' }),
      401,
      'MENHU_ERR_INVALID_CODE',
    );
    const code = codeIn(await lastMailTo('chen.backup@example.com'));
    assert.equal((await client(h, s).post('/api/me/backup-email/confirm', { code })).statusCode, 200);
    const status = (await client(h, s).get('/api/me/backup-email')).json();
    assert.equal(status.email, 'ch***@example.com');
    assert.ok((await auditRows(h, { action: 'backup_email.bind' })).some((r) => r.actorId === person.id));
  });

  test('臨時密碼: address + mailed code signs in once; an unbound address gets the same answer and no mail', async () => {
    const person = await makeAccount(h);
    await bind(await login(h, person), 'wang.home@example.com');
    const before = mailsTo('wang.home@example.com');
    const asked = await request('WANG.home@example.com');
    const unbound = await request('nobody@example.com');
    assert.equal(asked.statusCode, 200);
    assert.equal(unbound.statusCode, 200);
    assert.deepEqual(Object.keys(asked.json()), Object.keys(unbound.json()));
    const code = codeIn(await lastMailTo('wang.home@example.com', before));
    assert.equal(
      sink.mails.some((m) => m.to.includes('nobody@example.com')),
      false,
    );
    const ok = await signIn('wang.home@example.com', code);
    assert.equal(ok.statusCode, 200, ok.body);
    const me = await h.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: cookieFrom(ok.headers['set-cookie']) },
    });
    assert.equal(me.json().account, person.account);
    assertError(await signIn('wang.home@example.com', code), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    assertError(await signIn('nobody@example.com', '123456'), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
  });

  test('a code dies after 5 wrong tries; requests for one address are throttled', async () => {
    const person = await makeAccount(h);
    await bind(await login(h, person), 'lin.home@example.com');
    const before = mailsTo('lin.home@example.com');
    await request('lin.home@example.com');
    const code = codeIn(await lastMailTo('lin.home@example.com', before));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await signIn('lin.home@example.com', wrong);
    const after5 = await signIn('lin.home@example.com', code);
    assert.notEqual(after5.statusCode, 200, 'the right code no longer works');
    for (let i = 0; i < 4; i++) await request('lin.home@example.com');
    assertError(await request('lin.home@example.com'), 429, 'MENHU_ERR_THROTTLED');
  });

  test('outside the intranet 臨時密碼 is not offered (403)', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/temp-password',
      headers: { origin: h.config.publicOrigin },
      payload: { email: 'x@example.com' },
      remoteAddress: '203.0.113.7',
    });
    assertError(res, 403, 'MENHU_ERR_METHOD_NOT_ALLOWED');
  });
});
