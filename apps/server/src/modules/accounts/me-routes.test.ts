import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount } from '../../test-support/factories.ts';
import { assertError, client, type Caller } from '../../test-support/http.ts';
import { auditRows, readXlsx } from '../../test-support/inspect.ts';

/** A valid 1×1 PNG, built chunk by chunk. */
function tinyPng(rgba: [number, number, number, number] = [200, 30, 30, 255]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, ...rgba]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('one’s own account (ACC-3)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  const signedIn = async (name = '測試人員'): Promise<{ api: Caller; id: number; account: string }> => {
    const a = await makeAccount(h, { name });
    return { api: client(h, await login(h, a)), id: a.id, account: a.account };
  };

  describe('the profile', () => {
    test('an update changes the allowed fields and is audited with before and after', async () => {
      const { api, id } = await signedIn();
      const res = await api.put('/api/me/profile', {
        title: '技士',
        officePhone: '(06) 299-1234 #12',
        birthday: '1990-02-28',
      });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().title, '技士');
      assert.equal((await api.get('/api/me/account')).json().officePhone, '(06) 299-1234 #12');
      const [event] = await auditRows(h, { action: 'profile.update', targetId: id });
      assert.deepEqual(event?.before, { title: null, officePhone: null, birthday: null });
      assert.deepEqual(event?.after, { title: '技士', officePhone: '(06) 299-1234 #12', birthday: '1990-02-28' });
    });

    test('fields reserved for administrators cannot be set through it', async () => {
      const { api } = await signedIn('原本的名字');
      const before = (await api.get('/api/me/account')).json();
      const res = await api.put('/api/me/profile', {
        name: '冒名',
        email: 'me@evil.example',
        orgId: 1,
        roles: ['system_admin'],
        status: 'active',
        idNumber: 'A123456789',
        title: '科員',
      });
      assert.equal(res.statusCode, 200);
      const after = (await api.get('/api/me/account')).json();
      assert.deepEqual({ ...after, title: before.title }, before);
      assert.equal(after.title, '科員');
    });

    test('a malformed phone number or date is 400 naming the field', async () => {
      const { api } = await signedIn();
      const phone = await api.put('/api/me/profile', { officePhone: 'call me' });
      assertError(phone, 400, 'MENHU_ERR_VALIDATION');
      assert.equal(phone.json().error.details[0].path, 'body.officePhone');
      const date = await api.put('/api/me/profile', { birthday: '28/02/1990' });
      assert.equal(date.json().error.details[0].path, 'body.birthday');
    });

    test('SQL in profile fields is stored and returned literally', async () => {
      const { api } = await signedIn();
      const hostile = {
        title: "' OR 1=1 --",
        homeAddress: "Robert'); DROP TABLE accounts;--",
        workAddress: '1; DELETE FROM sessions',
      };
      const res = await api.put('/api/me/profile', hostile);
      assert.equal(res.statusCode, 200);
      const stored = (await api.get('/api/me/account')).json();
      assert.deepEqual([stored.title, stored.homeAddress, stored.workAddress], Object.values(hostile));
      assert.equal((await api.get('/api/me')).statusCode, 200, 'sessions and accounts are intact');
      assert.ok((await makeAccount(h)).id > 0);
    });

    test('markup in profile fields comes back as a literal JSON string', async () => {
      const { api } = await signedIn();
      const hostile = { title: '<script>alert(1)</script>', homeAddress: '"><img src=x onerror=alert(1)>' };
      await api.put('/api/me/profile', hostile);
      const res = await api.get('/api/me/account');
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.json().title, hostile.title);
      assert.equal(res.json().homeAddress, hostile.homeAddress);
      assert.ok(res.body.includes(JSON.stringify(hostile.homeAddress)), 'the quote is escaped inside the JSON string');
    });

    test('a formula in a profile field is exported as text, not as a formula', async () => {
      const { api, account } = await signedIn();
      const formula = '=HYPERLINK("https://evil.example","點我")';
      await api.put('/api/me/profile', { title: formula });
      const admin = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
      const rows = await readXlsx((await admin.get(`/api/admin/accounts/export?q=${account}`)).rawPayload);
      assert.equal(rows[1]?.[2], formula);
    });
  });

  describe('the avatar', () => {
    const putAvatar = (api: Caller, body: Buffer | string, type: string) =>
      api.put('/api/me/avatar', body, { 'content-type': type });

    test('a real PNG is stored and served back as image/png', async () => {
      const { api, id } = await signedIn();
      const png = tinyPng();
      const res = await putAvatar(api, png, 'image/png');
      assert.equal(res.statusCode, 200);
      const got = await api.get('/api/me/avatar');
      assert.equal(got.statusCode, 200);
      assert.equal(got.headers['content-type'], 'image/png');
      assert.equal(got.headers['x-content-type-options'], 'nosniff');
      assert.ok(got.rawPayload.equals(png));
      assert.equal((await api.get('/api/me')).json().hasAvatar, true);
      const [event] = await auditRows(h, { action: 'profile.avatar', targetId: id });
      assert.deepEqual(event?.after, { mime: 'image/png', bytes: png.length });
    });

    test('the type is taken from the bytes, not from the Content-Type', async () => {
      const { api } = await signedIn();
      await putAvatar(api, tinyPng(), 'image/jpeg');
      assert.equal((await api.get('/api/me/avatar')).headers['content-type'], 'image/png');
    });

    test('a text file sent as image/png is 415 MENHU_ERR_FILE_TYPE', async () => {
      const { api } = await signedIn();
      assertError(await putAvatar(api, Buffer.from('just some text\n'), 'image/png'), 415, 'MENHU_ERR_FILE_TYPE');
      assertError(await api.get('/api/me/avatar'), 404, 'MENHU_ERR_NOT_FOUND');
    });

    test('HTML or SVG dressed up as an image is refused', async () => {
      const { api } = await signedIn();
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>';
      assertError(await putAvatar(api, Buffer.from(svg), 'image/png'), 415, 'MENHU_ERR_FILE_TYPE');
      assertError(
        await putAvatar(api, Buffer.from('<html><script>alert(1)</script>'), 'image/webp'),
        415,
        'MENHU_ERR_FILE_TYPE',
      );
    });

    test('a body that is not an image upload at all is refused', async () => {
      const { api } = await signedIn();
      assertError(await putAvatar(api, 'hello', 'text/plain'), 415, 'MENHU_ERR_FILE_TYPE');
      assertError(await api.put('/api/me/avatar', { image: 'x' }), 415, 'MENHU_ERR_FILE_TYPE');
      assertError(await putAvatar(api, '<svg/>', 'image/svg+xml'), 415, 'MENHU_ERR_UNSUPPORTED_MEDIA');
    });

    test('an image over 1 MiB is 413', async () => {
      const { api } = await signedIn();
      const big = Buffer.concat([tinyPng(), Buffer.alloc(1_048_577)]);
      assertError(await putAvatar(api, big, 'image/png'), 413, 'MENHU_ERR_BODY_TOO_LARGE');
    });

    test('a new upload replaces the old one', async () => {
      const { api } = await signedIn();
      await putAvatar(api, tinyPng([1, 2, 3, 255]), 'image/png');
      const second = tinyPng([9, 8, 7, 255]);
      await putAvatar(api, second, 'image/png');
      assert.ok((await api.get('/api/me/avatar')).rawPayload.equals(second));
    });
  });
});
