/**
 * SSO-9 開通帳號 and 忘記密碼 through HTTP, mail over real SMTP to a local sink: an administrator
 * creates an account with the person's own mailbox (未開通, no password anyone knows); the person
 * proves the mailbox with a code and sets a password; a forgotten password is reset the same way,
 * ending every session. Attacks: enumeration (same answers), wrong and reused codes, forged and
 * replayed tickets, the wrong purpose for the account's status, the password policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { freshAddress, login, makeAccount, makeOrg, postLogin } from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { codeIn, startSmtpSink } from '../../test-support/smtp-sink.ts';

const NEW_PASSWORD = 'Nw!8k#Tz5%m';

describe('開通帳號 and 忘記密碼 (SSO-9)', () => {
  let h: Harness;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let admin: Awaited<ReturnType<typeof makeAccount>>;

  before(async () => {
    sink = await startSmtpSink();
    h = await createHarness({ SMTP_URL: sink.url, OFFICIAL_MAIL_DOMAINS: 'mail.city.example.gov.tw' });
    admin = await makeAccount(h, { roles: ['system_admin'] });
  });
  after(async () => {
    await h.close();
    await sink.stop();
  });

  const mailsTo = (to: string) => sink.mails.filter((x) => x.to.includes(to));
  const waitMail = async (to: string, count: number) => {
    for (let i = 0; i < 150; i++) {
      if (mailsTo(to).length >= count) return mailsTo(to)[count - 1]!;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no mail #${count} to ${to}`);
  };
  const post = (url: string, payload: Record<string, unknown>, remoteAddress = freshAddress()) =>
    h.app.inject({ method: 'POST', url, headers: { origin: h.config.publicOrigin }, payload, remoteAddress });

  async function createPending(email: string) {
    const s = await login(h, admin);
    const org = await makeOrg(h);
    const account = `p${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`.slice(0, 20);
    const res = await client(h, s).post('/api/admin/accounts', {
      account,
      name: '新進人員',
      orgId: org.id,
      backupEmail: email,
    });
    assert.equal(res.statusCode, 200, res.body);
    return {
      account,
      body: res.json() as { account: { id: number; status: string }; temporaryPassword: string | null },
    };
  }

  async function ticketFor(purpose: 'activate' | 'reset', account: string, email: string) {
    const before = mailsTo(email).length;
    assert.equal((await post('/api/auth/recovery/code', { purpose, account, email })).statusCode, 200);
    const code = codeIn(await waitMail(email, before + 1));
    const res = await post('/api/auth/recovery/verify', { purpose, account, email, code });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { ticket: string }).ticket;
  }

  test('開通帳號: created 未開通 with the personal mailbox, activated by its code and a new password', async () => {
    const email = 'newcomer@example.com';
    const { account, body } = await createPending(email);
    assert.equal(body.temporaryPassword, null);
    assert.equal(body.account.status, 'pending');
    // Not usable before activation, whatever password is tried.
    assertError(
      await postLogin(h, account, NEW_PASSWORD, { remoteAddress: freshAddress() }),
      401,
      'MENHU_ERR_INVALID_CREDENTIALS',
    );

    const ticket = await ticketFor('activate', account, email);
    // The policy applies (an account name inside the password, too short …).
    assertError(
      await post('/api/auth/recovery/password', { ticket, newPassword: 'short' }),
      422,
      'MENHU_ERR_PASSWORD_POLICY',
    );
    const done = await post('/api/auth/recovery/password', { ticket, newPassword: NEW_PASSWORD });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().account, account);
    // The ticket is spent.
    assertError(
      await post('/api/auth/recovery/password', { ticket, newPassword: `${NEW_PASSWORD}x` }),
      410,
      'MENHU_ERR_RECOVERY_EXPIRED',
    );
    const res = await postLogin(h, account, NEW_PASSWORD, { remoteAddress: freshAddress() });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().passwordChangeRequired, null);
    assert.ok((await auditRows(h, { action: 'account.activate' })).some((r) => r.targetLabel === account));
    // The person is told by mail.
    assert.match((await waitMail(email, 2)).raw, /activated/u);
    // Activating again is not possible: the account is no longer pending, so no code goes out.
    assert.equal((await post('/api/auth/recovery/code', { purpose: 'activate', account, email })).statusCode, 200);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(mailsTo(email).length, 2);
  });

  test('the official mailbox cannot be the one that activates an account', async () => {
    const s = await login(h, admin);
    const org = await makeOrg(h);
    assertError(
      await client(h, s).post('/api/admin/accounts', {
        account: `q${Date.now().toString(36)}`,
        name: '新進人員',
        orgId: org.id,
        backupEmail: 'someone@mail.city.example.gov.tw',
      }),
      400,
      'MENHU_ERR_VALIDATION',
    );
  });

  test('忘記密碼: a code to the backup address, a new password, every session ended, a lock lifted', async () => {
    const person = await makeAccount(h);
    const email = `forgetful.${person.account}@example.org`;
    const s = await login(h, person);
    assert.equal((await client(h, s).post('/api/me/backup-email', { email })).statusCode, 200);
    const bindCode = codeIn(await waitMail(email, 1));
    assert.equal((await client(h, s).post('/api/me/backup-email/confirm', { code: bindCode })).statusCode, 200);
    // Locked out by wrong passwords.
    for (let i = 0; i < h.config.lockout.threshold; i++)
      await postLogin(h, person.account, 'Wrong-password-1', { remoteAddress: freshAddress() });
    assertError(
      await postLogin(h, person.account, person.password, { remoteAddress: freshAddress() }),
      423,
      'MENHU_ERR_ACCOUNT_LOCKED',
    );

    const ticket = await ticketFor('reset', person.account, email);
    // The last passwords may not come back.
    assertError(
      await post('/api/auth/recovery/password', { ticket, newPassword: person.password }),
      422,
      'MENHU_ERR_PASSWORD_REUSED',
    );
    assert.equal((await post('/api/auth/recovery/password', { ticket, newPassword: NEW_PASSWORD })).statusCode, 200);
    // The old session is over; the old password is refused; the new one works at once (unlocked).
    assert.equal((await client(h, s).get('/api/me')).statusCode, 401);
    assertError(
      await postLogin(h, person.account, person.password, { remoteAddress: freshAddress() }),
      401,
      'MENHU_ERR_INVALID_CREDENTIALS',
    );
    assert.equal((await postLogin(h, person.account, NEW_PASSWORD, { remoteAddress: freshAddress() })).statusCode, 200);
    assert.ok((await auditRows(h, { action: 'password.recover' })).some((r) => r.targetLabel === person.account));
  });

  test('no enumeration: unknown account, wrong address, wrong purpose all answer like a match, and send nothing', async () => {
    const person = await makeAccount(h);
    const email = `quiet.${person.account}@example.net`;
    const s = await login(h, person);
    await client(h, s).post('/api/me/backup-email', { email });
    await client(h, s).post('/api/me/backup-email/confirm', { code: codeIn(await waitMail(email, 1)) });

    const answers = await Promise.all([
      post('/api/auth/recovery/code', { purpose: 'reset', account: 'nobody-here', email }),
      post('/api/auth/recovery/code', { purpose: 'reset', account: person.account, email: 'other@example.net' }),
      post('/api/auth/recovery/code', { purpose: 'activate', account: person.account, email }),
    ]);
    for (const a of answers) {
      assert.equal(a.statusCode, 200);
      assert.deepEqual(Object.keys(a.json()).sort(), ['expiresAt', 'ok']);
    }
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(mailsTo(email).length, 1);
    // A verification attempt for any of them is the same 401.
    for (const body of [
      { purpose: 'reset', account: 'nobody-here', email, code: '123456' },
      { purpose: 'reset', account: person.account, email, code: '123456' },
      { purpose: 'activate', account: person.account, email, code: '123456' },
    ])
      assertError(await post('/api/auth/recovery/verify', body), 401, 'MENHU_ERR_INVALID_CODE');
  });

  test('brute force: a code dies after 5 wrong tries; code requests are throttled', async () => {
    const person = await makeAccount(h);
    const email = `guarded.${person.account}@example.com`;
    const s = await login(h, person);
    await client(h, s).post('/api/me/backup-email', { email });
    await client(h, s).post('/api/me/backup-email/confirm', { code: codeIn(await waitMail(email, 1)) });

    const ip = freshAddress();
    assert.equal(
      (await post('/api/auth/recovery/code', { purpose: 'reset', account: person.account, email }, ip)).statusCode,
      200,
    );
    const code = codeIn(await waitMail(email, 2));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      assertError(
        await post('/api/auth/recovery/verify', { purpose: 'reset', account: person.account, email, code: wrong }),
        401,
        'MENHU_ERR_INVALID_CODE',
      );
    // The right code no longer helps.
    assertError(
      await post('/api/auth/recovery/verify', { purpose: 'reset', account: person.account, email, code }),
      401,
      'MENHU_ERR_INVALID_CODE',
    );
    // Requests for the same account are throttled, from any address.
    let throttled = false;
    for (let i = 0; i < 8 && !throttled; i++)
      throttled =
        (await post('/api/auth/recovery/code', { purpose: 'reset', account: person.account, email })).statusCode ===
        429;
    assert.ok(throttled, 'code requests are throttled per account');
  });

  test('forged, altered and expired tickets are refused', async () => {
    const person = await makeAccount(h);
    const email = `tickets.${person.account}@example.com`;
    const s = await login(h, person);
    await client(h, s).post('/api/me/backup-email', { email });
    await client(h, s).post('/api/me/backup-email/confirm', { code: codeIn(await waitMail(email, 1)) });
    const ticket = await ticketFor('reset', person.account, email);
    const [id, mac] = ticket.split('.') as [string, string];
    for (const forged of [`${Number(id) + 1}.${mac}`, `${id}.${mac.slice(0, -2)}AA`, 'garbage', `${id}.`])
      assertError(
        await post('/api/auth/recovery/password', { ticket: forged, newPassword: NEW_PASSWORD }),
        410,
        'MENHU_ERR_RECOVERY_EXPIRED',
      );
    h.clock.advance(11 * 60_000);
    assertError(
      await post('/api/auth/recovery/password', { ticket, newPassword: NEW_PASSWORD }),
      410,
      'MENHU_ERR_RECOVERY_EXPIRED',
    );
    // Nothing changed: the old password still works.
    assert.equal(
      (await postLogin(h, person.account, person.password, { remoteAddress: freshAddress() })).statusCode,
      200,
    );
  });
});
