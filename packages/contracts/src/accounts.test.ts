import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AccountName, isValidTaiwanId, NationalId } from './accounts.ts';

describe('Taiwanese national ID numbers (身分證統一編號)', () => {
  const valid = [
    ['A123456789', 'a male citizen'],
    ['F131104093', 'a citizen registered in 新北'],
    ['A223456781', 'a female citizen'],
    ['A800000014', 'a new-style resident certificate (8)'],
    ['A900000016', 'a new-style resident certificate (9)'],
    ['AC01234567', 'an old-style resident certificate (letter)'],
  ];
  for (const [id, what] of valid) {
    test(`${id}, ${what}, is valid`, () => {
      assert.equal(isValidTaiwanId(id!), true);
    });
  }

  test('a wrong check digit is refused', () => {
    assert.equal(isValidTaiwanId('A123456788'), false);
    assert.equal(isValidTaiwanId('A223456782'), false);
  });

  test('a wrong shape is refused', () => {
    for (const id of ['', 'A12345678', 'A1234567890', '1123456789', 'A323456789', 'AE01234567', 'A12345678X']) {
      assert.equal(isValidTaiwanId(id), false, id);
    }
  });

  test('the check function itself does not accept lower case', () => {
    assert.equal(isValidTaiwanId('a123456789'), false);
  });

  test('the NationalId schema trims and upper-cases before checking', () => {
    assert.equal(NationalId.parse(' a123456789 '), 'A123456789');
    assert.equal(NationalId.parse('ac01234567'), 'AC01234567');
  });

  test('the NationalId schema refuses a wrong checksum with a message', () => {
    const r = NationalId.safeParse('A123456788');
    assert.equal(r.success, false);
    assert.match(r.error!.issues[0]!.message, /檢查碼/u);
  });
});

describe('account names', () => {
  test('are trimmed and lower-cased', () => {
    assert.equal(AccountName.parse('  Wang.Xm-01 '), 'wang.xm-01');
  });

  test('must be 3 to 32 characters starting with a letter or digit', () => {
    assert.equal(AccountName.safeParse('ab').success, false);
    assert.equal(AccountName.safeParse('abc').success, true);
    assert.equal(AccountName.safeParse('a'.repeat(32)).success, true);
    assert.equal(AccountName.safeParse('a'.repeat(33)).success, false);
    assert.equal(AccountName.safeParse('.abc').success, false);
  });

  test('refuse quotes, spaces and markup', () => {
    for (const name of ["o'brien", 'a b c', '<script>', 'x;drop'])
      assert.equal(AccountName.safeParse(name).success, false);
  });
});
