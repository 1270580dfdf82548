/**
 * SSO-8 password policy as pure rules, shared by the server (which enforces it) and the
 * web (which shows a live checklist). History and expiry need stored data and live in
 * the server's credentials module.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 15;
export const PASSWORD_HISTORY = 3;

export type PasswordRule = 'length' | 'classes' | 'accountName';

export interface PasswordCheck {
  rule: PasswordRule;
  ok: boolean;
}

const CLASS_TESTS = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

export function characterClassCount(password: string): number {
  return CLASS_TESTS.filter((re) => re.test(password)).length;
}

/** True when the password contains 3 or more consecutive characters of the account name (case-insensitive). */
export function containsAccountNameRun(password: string, account: string): boolean {
  const p = password.toLowerCase();
  const a = account.toLowerCase();
  for (let i = 0; i + 3 <= a.length; i++) {
    if (p.includes(a.slice(i, i + 3))) return true;
  }
  return false;
}

export function checkPassword(password: string, account: string): PasswordCheck[] {
  return [
    {
      rule: 'length',
      ok: [...password].length >= PASSWORD_MIN_LENGTH && [...password].length <= PASSWORD_MAX_LENGTH,
    },
    { rule: 'classes', ok: characterClassCount(password) >= 3 },
    { rule: 'accountName', ok: !containsAccountNameRun(password, account) },
  ];
}

export function passwordMeetsPolicy(password: string, account: string): boolean {
  return checkPassword(password, account).every((c) => c.ok);
}

export const PASSWORD_RULE_TEXT: Record<PasswordRule, { zh: string; en: string }> = {
  length: { zh: '長度 8 至 15 個字元', en: '8 to 15 characters' },
  classes: {
    zh: '包含大寫字母、小寫字母、數字、符號其中 3 種',
    en: 'At least 3 of: upper case, lower case, digit, symbol',
  },
  accountName: {
    zh: '不可包含帳號中連續 3 個以上的字元',
    en: 'Must not contain 3 or more consecutive characters of the account name',
  },
};
