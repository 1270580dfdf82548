import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  characterClassCount,
  checkPassword,
  containsAccountNameRun,
  passwordMeetsPolicy,
  type PasswordRule,
} from './password-policy.ts';

const failed = (password: string, account = 'wang') =>
  checkPassword(password, account)
    .filter((c) => !c.ok)
    .map((c) => c.rule);

describe('password policy (SSO-8)', () => {
  test('a password meeting every rule passes and reports every rule as ok', () => {
    assert.deepEqual(checkPassword('Pa55word!x', 'wang'), [
      { rule: 'length', ok: true },
      { rule: 'classes', ok: true },
      { rule: 'accountName', ok: true },
    ]);
    assert.equal(passwordMeetsPolicy('Pa55word!x', 'wang'), true);
  });

  describe('length 8 to 15 characters', () => {
    test('7 characters is too short', () => {
      assert.deepEqual(failed('Abc12!x'), ['length']);
    });
    test('8 characters is the shortest allowed', () => {
      assert.deepEqual(failed('Abc12!xy'), []);
    });
    test('15 characters is the longest allowed', () => {
      assert.deepEqual(failed('Abc12!xyzXYZ789'), []);
    });
    test('16 characters is too long', () => {
      assert.deepEqual(failed('Abc12!xyzXYZ7890'), ['length']);
    });
    test('length counts characters, not UTF-16 code units', () => {
      // 7 letters + one astral-plane emoji = 8 characters but 9 code units
      assert.deepEqual(failed('Abcde1f😀'), []);
      // 14 + emoji = 15 characters but 16 code units: still allowed
      assert.equal('Abcdefghijk123😀'.length, 16);
      assert.deepEqual(failed('Abcdefghijk123😀'), []);
    });
    test('an empty password fails the length and class rules', () => {
      assert.deepEqual(failed(''), ['length', 'classes']);
    });
  });

  describe('at least 3 of 4 character classes', () => {
    const cases: [string, number][] = [
      ['abcdefgh', 1],
      ['ABCDEFGH', 1],
      ['12345678', 1],
      ['!@#$%^&*', 1],
      ['abcdEFGH', 2],
      ['abcd1234', 2],
      ['abcd!@#$', 2],
      ['abcdEF12', 3],
      ['abcdEF!@', 3],
      ['ABCD12!@', 3],
      ['abcd12!@', 3],
      ['aB1!aB1!', 4],
    ];
    for (const [password, classes] of cases) {
      test(`"${password}" has ${classes} class(es) and ${classes >= 3 ? 'passes' : 'fails'}`, () => {
        assert.equal(characterClassCount(password), classes);
        assert.equal(failed(password, 'zzzz').includes('classes'), classes < 3);
      });
    }
    test('a space and non-ASCII characters count as symbols', () => {
      assert.equal(characterClassCount('ab CD'), 3);
      assert.equal(characterClassCount('abCD密碼'), 3);
    });
  });

  describe('no 3 or more consecutive characters of the account name', () => {
    test('any 3-character run of the account name is refused', () => {
      assert.deepEqual(failed('Xwan7!pqz', 'wang'), ['accountName']);
      assert.deepEqual(failed('Xang7!pqz', 'wang'), ['accountName']);
    });
    test('the comparison ignores case on both sides', () => {
      assert.equal(containsAccountNameRun('xxWANxx', 'wang'), true);
      assert.equal(containsAccountNameRun('xxwanxx', 'WANG'), true);
      assert.deepEqual(failed('P@ssWaNg1', 'wang01'), ['accountName']);
    });
    test('two consecutive characters of the account name are allowed', () => {
      assert.equal(containsAccountNameRun('Wa9!ng7Q', 'wang'), false);
      assert.deepEqual(failed('Wa9!ng7Q', 'wang'), []);
    });
    test('characters of the name that are not consecutive in the name are allowed', () => {
      assert.equal(containsAccountNameRun('gnaw', 'wang'), false);
    });
    test('an account name shorter than 3 characters never matches', () => {
      assert.equal(containsAccountNameRun('ab12AB!!', 'ab'), false);
    });
    test('digits in the account name count as well', () => {
      assert.equal(containsAccountNameRun('Xy!2026ab', 'chen2026'), true);
    });
  });

  test('every rule that fails is named, in order', () => {
    const rules: PasswordRule[] = failed('wang', 'wang');
    assert.deepEqual(rules, ['length', 'classes', 'accountName']);
    assert.equal(passwordMeetsPolicy('wang', 'wang'), false);
  });
});
