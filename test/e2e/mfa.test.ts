/**
 * 動態驗證碼 and 第二階段驗證 (SSO-5, SSO-10) as people meet them: a system administrator binds an
 * authenticator app at the first sign-in and later signs in with a code or a recovery code; a
 * civil servant binds one in 個人帳號管理 and signs in with 帳號 + 動態驗證碼. Runs first in a
 * full e2e run (scripts/e2e.ts), since only the first sign-in of sysadmin shows the binding screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  axeViolations,
  confirmBinding,
  DEMO_PASSWORD,
  enrolHeading,
  launch,
  mfaHeading,
  newContext,
  nextTotpCode,
} from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

async function passwordStep(page: Page, account: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('帳號').fill(account);
  await page.getByLabel('密碼', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登入' }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '登出' }).click();
  await page.getByRole('heading', { name: '個人帳號登入' }).waitFor();
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const w = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(w.doc <= w.view + 1, `page is ${w.doc}px wide in a ${w.view}px viewport`);
}

describe('a system administrator', () => {
  let page: Page;
  let recoveryCode = '';
  before(async () => {
    page = await (await newContext(browser)).newPage();
  });

  test('is asked to bind an authenticator app at the first sign-in, and the screen passes axe', async () => {
    await passwordStep(page, 'sysadmin');
    await enrolHeading(page).waitFor();
    // Focus moved to the new step's heading, so a screen reader announces it.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '綁定動態驗證碼');
    await page.getByRole('img', { name: /QR Code/u }).waitFor();
    await page.getByText('無法掃描？請手動輸入金鑰').waitFor();
    assert.deepEqual(await axeViolations(page), []);
  });

  test('a wrong code is refused and announced', async () => {
    await page.getByLabel('動態驗證碼', { exact: true }).fill('000000');
    await page.getByRole('button', { name: '確認綁定' }).click();
    await page.getByRole('alert').filter({ hasText: '驗證碼錯誤或已使用' }).waitFor();
  });

  test('confirms with the current code, sees ten recovery codes once, and lands signed in', async () => {
    await confirmBinding(page, 'sysadmin');
    await page.getByRole('heading', { name: '備用復原碼' }).waitFor();
    await page.getByText('請妥善保存，每組僅能使用一次').waitFor();
    const codes = await page.locator('.recovery-codes li').allInnerTexts();
    assert.equal(codes.length, 10);
    recoveryCode = codes[0]!.trim();
    assert.match(recoveryCode, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/u);
    await page.getByRole('button', { name: '我已妥善保存，繼續' }).click();
    await page.getByText('系統管理者').first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
  });

  test('signs in again with the password and a fresh code at 第二階段驗證, which passes axe', async () => {
    await signOut(page);
    await passwordStep(page, 'sysadmin');
    await mfaHeading(page).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel('動態驗證碼', { exact: true }).fill(await nextTotpCode('sysadmin'));
    await page.getByRole('button', { name: '驗證', exact: true }).click();
    await page.getByText('系統管理者').first().waitFor();
  });

  test('can use a recovery code instead, once', async () => {
    await signOut(page);
    await passwordStep(page, 'sysadmin');
    await page.getByRole('button', { name: '使用備用復原碼' }).click();
    await page.getByLabel('備用復原碼').fill(recoveryCode);
    await page.getByRole('button', { name: '驗證', exact: true }).click();
    await page.getByText('系統管理者').first().waitFor();
    await page.goto('/me?tab=security');
    await page.getByText('9 組').waitFor();
  });

  test('cannot remove the last second factor, and is told why', async () => {
    await page.getByRole('button', { name: '解除綁定' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('目前密碼').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: '解除綁定' }).click();
    await dialog.getByRole('alert').filter({ hasText: '無法移除最後一項驗證方式' }).waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
  });

  test('取消 at the second step ends the pending sign-in', async () => {
    await signOut(page);
    await passwordStep(page, 'sysadmin');
    await mfaHeading(page).waitFor();
    await page.getByRole('button', { name: '取消' }).click();
    await page.getByRole('heading', { name: '個人帳號登入' }).waitFor();
    await page.goto('/me');
    await page.getByRole('heading', { name: '個人帳號登入' }).waitFor();
  });
});

describe('a civil servant', () => {
  let page: Page;
  before(async () => {
    page = await (await newContext(browser, { width: 360, height: 740 }, { isMobile: true })).newPage();
  });

  test('binds an authenticator app in 個人帳號管理 on a 360 px phone; the screen passes axe', async () => {
    await passwordStep(page, 'user01');
    await page.getByText('王小明').first().waitFor();
    await page.goto('/me?tab=security');
    await page.getByText('未綁定', { exact: true }).waitFor();
    await page.getByRole('button', { name: '綁定', exact: true }).click();
    await page.getByRole('heading', { name: '設定驗證器 App' }).waitFor();
    await page.getByRole('img', { name: /QR Code/u }).waitFor();
    await noHorizontalOverflow(page);
    assert.deepEqual(await axeViolations(page), []);
    await confirmBinding(page, 'user01');
    await page.getByRole('heading', { name: '備用復原碼' }).waitFor();
    await noHorizontalOverflow(page);
    await page.getByRole('button', { name: '我已妥善保存，繼續' }).click();
    await page.getByText('已綁定', { exact: true }).waitFor();
    await page.getByText('10 組').waitFor();
  });

  test('signs in with the 動態驗證碼 tab: 帳號 + code, no password', async () => {
    await page.context().clearCookies();
    await page.goto('/login');
    await page.getByRole('tab', { name: '動態驗證碼' }).click();
    await page.getByLabel('帳號').fill('user01');
    await page.getByRole('textbox', { name: '動態驗證碼' }).fill(await nextTotpCode('user01'));
    await page.getByRole('button', { name: '登入' }).click();
    await page.getByText('王小明').first().waitFor();
    await noHorizontalOverflow(page);
  });

  test('unbinds after re-entering the password; a wrong one is refused', async () => {
    await page.goto('/me?tab=security');
    await page.getByRole('button', { name: '解除綁定' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('目前密碼').fill('Not-the-password1');
    await dialog.getByRole('button', { name: '解除綁定' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('目前密碼').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: '解除綁定' }).click();
    await page.getByText('未綁定', { exact: true }).waitFor();
  });
});
