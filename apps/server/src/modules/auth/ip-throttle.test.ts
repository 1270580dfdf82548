import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { freshAddress, makeAccount, postLogin } from '../../test-support/factories.ts';
import { assertError } from '../../test-support/http.ts';

const MINUTE = 60_000;
const WRONG = 'Wrong-pass1';

describe('per-address throttling of password spraying (SSO-7)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ IP_THROTTLE_MAX_FAILURES: '3' });
  });
  after(() => h.close());

  /** Three failures from `ip`, each on a different account name (a password spray). */
  const spray = async (ip: string) => {
    for (let i = 0; i < 3; i++) {
      const res = await postLogin(h, `spray${i}${ip.replaceAll('.', '')}`, WRONG, { remoteAddress: ip });
      assertError(res, 401, 'MENHU_ERR_INVALID_CREDENTIALS');
    }
  };

  test('failures across different account names from one address reach 429 with Retry-After', async () => {
    const ip = freshAddress();
    await spray(ip);
    const res = await postLogin(h, 'someone-else', WRONG, { remoteAddress: ip });
    assertError(res, 429, 'MENHU_ERR_THROTTLED');
    assert.equal(res.headers['retry-after'], String(15 * 60));
  });

  test('a throttled address is refused even with the right password', async () => {
    const a = await makeAccount(h);
    const ip = freshAddress();
    await spray(ip);
    assertError(await postLogin(h, a.account, a.password, { remoteAddress: ip }), 429, 'MENHU_ERR_THROTTLED');
  });

  test('Retry-After counts down with the window', async () => {
    const ip = freshAddress();
    await spray(ip);
    h.clock.advance(5 * MINUTE);
    const res = await postLogin(h, 'anyone', WRONG, { remoteAddress: ip });
    assertError(res, 429, 'MENHU_ERR_THROTTLED');
    assert.equal(res.headers['retry-after'], String(10 * 60));
  });

  test('another address is not affected', async () => {
    const a = await makeAccount(h);
    await spray(freshAddress());
    assert.equal((await postLogin(h, a.account, a.password, { remoteAddress: freshAddress() })).statusCode, 200);
  });

  test('the address may try again once the window has passed', async () => {
    const a = await makeAccount(h);
    const ip = freshAddress();
    await spray(ip);
    h.clock.advance(15 * MINUTE + 1000);
    assert.equal((await postLogin(h, a.account, a.password, { remoteAddress: ip })).statusCode, 200);
  });

  test('a forged X-Forwarded-For does not give a sprayer a new address', async () => {
    const ip = freshAddress();
    for (let i = 0; i < 4; i++) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        headers: { origin: h.config.publicOrigin, 'x-forwarded-for': `203.0.113.${i}` },
        payload: { account: `xff${i}${ip.replaceAll('.', '')}`, password: WRONG },
      });
      assert.equal(res.statusCode, i < 3 ? 401 : 429, `attempt ${i + 1}`);
    }
  });

  test('successful sign-ins from an address do not count toward its throttle', async () => {
    const a = await makeAccount(h);
    const ip = freshAddress();
    for (let i = 0; i < 5; i++)
      assert.equal((await postLogin(h, a.account, a.password, { remoteAddress: ip })).statusCode, 200);
  });
});
