import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { freshAddress, login, makeAccount, postLogin } from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';

const MINUTE = 60_000;
const WRONG = 'Wrong-pass1';

describe('lockout after repeated failures (SSO-7)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  /** Each test signs in from its own address so the per-address throttle never interferes. */
  const from = () => {
    const remoteAddress = freshAddress();
    return (account: string, password: string) => postLogin(h, account, password, { remoteAddress });
  };

  test('four wrong passwords are refused with 401 and the fifth locks the account with 423', async () => {
    const a = await makeAccount(h);
    const attempt = from();
    for (let i = 1; i <= 4; i++) assertError(await attempt(a.account, WRONG), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    const fifth = await attempt(a.account, WRONG);
    assertError(fifth, 423, 'MENHU_ERR_ACCOUNT_LOCKED');
    assert.equal(fifth.json().error.details.lockedUntil, new Date(h.clock.now().getTime() + 15 * MINUTE).toISOString());
  });

  test('a locked account refuses the right password with exactly the answer a wrong one gets', async () => {
    const rightAfterLock = await makeAccount(h);
    const wrongAfterLock = await makeAccount(h);
    const attemptRight = from();
    const attemptWrong = from();
    for (let i = 0; i < 5; i++) {
      await attemptRight(rightAfterLock.account, WRONG);
      await attemptWrong(wrongAfterLock.account, WRONG);
    }
    const right = await attemptRight(rightAfterLock.account, rightAfterLock.password);
    const wrong = await attemptWrong(wrongAfterLock.account, WRONG);
    assertError(right, 423, 'MENHU_ERR_ACCOUNT_LOCKED');
    assert.equal(right.statusCode, wrong.statusCode);
    assert.equal(right.body, wrong.body);
    assert.equal(right.headers['set-cookie'], undefined);
  });

  test('an unknown account name gives the same status and body as an existing one at every step', async () => {
    const real = await makeAccount(h);
    const ghost = `ghost${real.account}`.slice(0, 20);
    const attemptReal = from();
    const attemptGhost = from();
    for (let i = 1; i <= 6; i++) {
      const password = i === 6 ? real.password : WRONG;
      const r = await attemptReal(real.account, password);
      const g = await attemptGhost(ghost, password);
      assert.equal(g.statusCode, r.statusCode, `attempt ${i}`);
      assert.equal(g.body, r.body, `attempt ${i}`);
      assert.equal(r.statusCode, i < 5 ? 401 : 423, `attempt ${i}`);
    }
  });

  test('an unknown account and a wrong password give byte-identical 401 answers', async () => {
    const a = await makeAccount(h);
    const attempt = from();
    const wrongPassword = await attempt(a.account, WRONG);
    const unknownName = await attempt(`nobody${a.account}`.slice(0, 20), WRONG);
    assert.equal(wrongPassword.statusCode, 401);
    assert.equal(unknownName.statusCode, 401);
    assert.equal(unknownName.rawPayload.equals(wrongPassword.rawPayload), true);
    assert.equal(unknownName.headers['content-type'], wrongPassword.headers['content-type']);
  });

  test('failures on different spellings of one account name count together', async () => {
    const a = await makeAccount(h);
    const attempt = from();
    const spellings = [a.account, a.account.toUpperCase(), ` ${a.account} `, a.account.toUpperCase(), a.account];
    const answers = [];
    for (const s of spellings) answers.push((await attempt(s, WRONG)).statusCode);
    assert.deepEqual(answers, [401, 401, 401, 401, 423]);
    assertError(await attempt(a.account, a.password), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
  });

  test('the lock ends after 15 minutes and the right password then signs in', async () => {
    const a = await makeAccount(h);
    const attempt = from();
    for (let i = 0; i < 5; i++) await attempt(a.account, WRONG);
    h.clock.advance(15 * MINUTE - 1000);
    assertError(await attempt(a.account, a.password), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
    h.clock.advance(2000);
    assert.equal((await attempt(a.account, a.password)).statusCode, 200);
  });

  test('after the lock ends the count starts afresh', async () => {
    const a = await makeAccount(h);
    const attempt = from();
    for (let i = 0; i < 5; i++) await attempt(a.account, WRONG);
    h.clock.advance(15 * MINUTE + 1000);
    for (let i = 0; i < 4; i++) assertError(await attempt(a.account, WRONG), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    assertError(await attempt(a.account, WRONG), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
  });

  test('a successful sign-in resets the failure count', async () => {
    const a = await makeAccount(h);
    const attempt = from();
    for (let i = 0; i < 4; i++) await attempt(a.account, WRONG);
    assert.equal((await attempt(a.account, a.password)).statusCode, 200);
    for (let i = 0; i < 4; i++) assertError(await attempt(a.account, WRONG), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    assert.equal((await attempt(a.account, a.password)).statusCode, 200);
  });

  test('the lock shows in the admin console and an unlock lets the right password in at once', async () => {
    const admin = await makeAccount(h, { roles: ['agency_admin'] });
    const a = await makeAccount(h, { orgId: admin.orgId });
    const attempt = from();
    for (let i = 0; i < 5; i++) await attempt(a.account, WRONG);
    const api = client(h, await login(h, admin));

    const locked = await api.get(`/api/admin/accounts/${a.id}`);
    assert.equal(locked.json().locked, true);
    assert.ok(locked.json().lockedUntil);

    const res = await api.post(`/api/admin/accounts/${a.id}/unlock`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().locked, false);
    assert.equal(res.json().lockedUntil, null);
    assert.equal((await attempt(a.account, a.password)).statusCode, 200);
  });

  test('an unlock is audited with who did it and to whom', async () => {
    const admin = await makeAccount(h, { roles: ['agency_admin'] });
    const a = await makeAccount(h, { orgId: admin.orgId });
    const attempt = from();
    for (let i = 0; i < 5; i++) await attempt(a.account, WRONG);
    await client(h, await login(h, admin)).post(`/api/admin/accounts/${a.id}/unlock`);
    const [event] = await auditRows(h, { action: 'account.unlock', targetId: a.id });
    assert.ok(event);
    assert.equal(event.actorId, admin.id);
    assert.equal(event.targetLabel, a.account);
    assert.deepEqual(event.before, { locked: true });
    assert.deepEqual(event.after, { locked: false });
  });

  test('the lock and its reason are audited', async () => {
    const a = await makeAccount(h);
    const attempt = from();
    for (let i = 0; i < 6; i++) await attempt(a.account, WRONG);
    const failures = await auditRows(h, { action: 'login.failure', targetId: a.id });
    assert.deepEqual(
      failures.map((e) => (e.after as { reason: string }).reason),
      [
        'invalid_credentials',
        'invalid_credentials',
        'invalid_credentials',
        'invalid_credentials',
        'invalid_credentials',
        'locked',
      ],
    );
    const locks = await auditRows(h, { action: 'login.locked', targetId: a.id });
    assert.equal(locks.length, 1);
    assert.equal(locks[0]!.result, 'failure');
  });

  test('ten parallel wrong attempts never let more than the threshold through as open', async () => {
    const a = await makeAccount(h);
    const attempt = from();
    const answers = await Promise.all(Array.from({ length: 10 }, () => attempt(a.account, WRONG)));
    const statuses = answers.map((r) => r.statusCode);
    assert.ok(
      statuses.every((s) => s === 401 || s === 423),
      String(statuses),
    );
    // Attempts 1–4 may be told "wrong password"; the 5th is the one that locks.
    assert.ok(statuses.filter((s) => s === 401).length <= 4, String(statuses));
    assertError(await attempt(a.account, a.password), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
  });

  test('parallel attempts with the right password among them let no wrong guess past the fifth', async () => {
    const a = await makeAccount(h);
    const attempt = from();
    for (let i = 0; i < 4; i++) await attempt(a.account, WRONG);
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, () => attempt(a.account, WRONG)),
      attempt(a.account, a.password),
    ]);
    const statuses = answers.map((r) => r.statusCode);
    // Only one attempt can take the 5th place: a wrong one locks (423), the right one signs in.
    assert.ok(statuses.filter((s) => s === 200).length <= 1, String(statuses));
    assert.ok(
      statuses.every((s) => s === 200 || s === 423),
      String(statuses),
    );
    if (!statuses.includes(200)) assertError(await attempt(a.account, a.password), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
  });

  test('guessing the current password on the change-password form counts toward the same lock', async () => {
    const a = await makeAccount(h);
    const remoteAddress = freshAddress();
    const s = await login(h, a, { remoteAddress });
    const change = () =>
      h.app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers: s.headers,
        remoteAddress,
        payload: { currentPassword: WRONG, newPassword: 'N3w-secret!' },
      });
    for (let i = 0; i < 5; i++) assertError(await change(), 422, 'MENHU_ERR_CURRENT_PASSWORD');
    assertError(await change(), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
    assertError(await postLogin(h, a.account, a.password, { remoteAddress }), 423, 'MENHU_ERR_ACCOUNT_LOCKED');
  });
});
