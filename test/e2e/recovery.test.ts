/**
 * 開通帳號 and 忘記密碼 (SSO-9) in Chromium: sysadmin creates an account with the person's own
 * mailbox (未啟用, no password handed over); the person activates it from the login page with the
 * code mailed there and a password of their own, signs in; later forgets it and sets a new one the
 * same way, and the old password stops working; then forgets it again and proves who they are
 * with 行動自然人憑證 instead (approving on the TW FidO simulator's phone page). Every new screen
 * passes axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { isValidTaiwanId } from '@menhu/contracts';
import { mailsTo, nextCode } from './mail.ts';
import { axeViolations, launch, newContext, signIn } from './support.ts';

const ACCOUNT = `newhire${Date.now().toString(36).slice(-5)}`;
const MAILBOX = `${ACCOUNT}@example.com`;
const FIRST_PASSWORD = 'Hs!7q#Wm4%z';
const SECOND_PASSWORD = 'Rt@9v#Kp3&y';
const THIRD_PASSWORD = 'Jc#4w!Dn8$x';
const SIM_URL = process.env.E2E_TWFIDO_SIM_URL ?? 'http://127.0.0.1:3900';
/** The person's ID number: letter Z, which the demo seed never draws, and digits unique to the run. */
const PERSON_ID = (() => {
  const body = `Z1${Date.now().toString().slice(-7)}`;
  for (let check = 0; check < 10; check++) if (isValidTaiwanId(body + check)) return body + check;
  throw new Error(`no check digit for ${body}`);
})();
const MASKED = `${PERSON_ID.slice(0, 2)}*****${PERSON_ID.slice(-3)}`;

let browser: Browser;

/** axe with the pointer parked away: a primary button under a hovering pointer is lighter by design. */
async function axe(page: Page): Promise<string[]> {
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle');
  return axeViolations(page);
}
before(async () => {
  browser = await launch();
});
after(() => browser.close());

/** From the login page's link through 身分驗證 and 設定密碼 to 完成. */
async function recover(page: Page, link: '開通帳號' | '忘記密碼', password: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('link', { name: link }).click();
  await page.getByRole('heading', { name: link, level: 1 }).waitFor();
  assert.deepEqual(await axe(page), []);
  await page.getByLabel('帳號', { exact: true }).fill(ACCOUNT);
  await page.getByRole('textbox', { name: '備用信箱' }).fill(MAILBOX);
  const seen = mailsTo(MAILBOX).length;
  await page.getByRole('button', { name: '寄送驗證碼' }).click();
  await page.getByText('若帳號與備用信箱相符，驗證碼已寄出').waitFor();
  const code = await nextCode(MAILBOX, seen);
  // A wrong code first: refused, announced, nothing lost.
  await page.getByLabel('驗證碼', { exact: true }).fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('alert').waitFor();
  await page.getByLabel('驗證碼', { exact: true }).fill(code);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('heading', { name: '設定密碼', level: 2 }).waitFor();
  assert.deepEqual(await axe(page), []);
  await page.getByLabel('新密碼', { exact: true }).fill(password);
  await page.getByLabel('確認新密碼').fill(password);
  await page.getByRole('button', { name: '完成', exact: true }).click();
  await page.getByText(link === '開通帳號' ? '帳號已開通' : '密碼已重設').waitFor();
  assert.deepEqual(await axe(page), []);
}

async function passwordSignIn(page: Page, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('帳號', { exact: true }).fill(ACCOUNT);
  await page.getByLabel('密碼', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登入', exact: true }).click();
}

describe('開通帳號 and 忘記密碼', () => {
  test('sysadmin creates an account with the personal mailbox; it waits 未啟用 with no password shown', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'sysadmin');
    await page.getByRole('button', { name: '登出' }).waitFor();
    await page.goto('/admin/accounts');
    await page.getByRole('button', { name: '新增帳號' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('帳號', { exact: true }).fill(ACCOUNT);
    await dialog.getByLabel('姓名').fill('林新進');
    await dialog.getByLabel('身分證號').fill(PERSON_ID);
    await dialog.getByLabel('備用信箱（開通帳號用）').fill(MAILBOX);
    await dialog.getByRole('button', { name: '新增', exact: true }).click();
    await dialog.getByText(`帳號 ${ACCOUNT}（林新進）已建立，狀態為未啟用。`, { exact: false }).waitFor();
    await page.context().close();
  });

  test('the person activates it from the login page and signs in with their own password', async () => {
    const page = await (await newContext(browser)).newPage();
    await recover(page, '開通帳號', FIRST_PASSWORD);
    await page.getByRole('link', { name: '前往登入' }).click();
    await passwordSignIn(page, FIRST_PASSWORD);
    await page.getByText('林新進').first().waitFor();
    await page.context().close();
  });

  test('忘記密碼 on a phone: a new password; the old one no longer works', async () => {
    const page = await (await newContext(browser, { width: 360, height: 740 }, { isMobile: true })).newPage();
    await recover(page, '忘記密碼', SECOND_PASSWORD);
    await passwordSignIn(page, FIRST_PASSWORD);
    await page.getByRole('alert').waitFor();
    await passwordSignIn(page, SECOND_PASSWORD);
    await page.getByText('林新進').first().waitFor();
    await page.context().close();
  });

  test('忘記密碼 by 行動自然人憑證: approved on the phone, then a new password', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto('/forgot-password');
    await page.getByRole('heading', { name: '忘記密碼', level: 1 }).waitFor();
    // antd's button-style radios hide the input: choose by the visible label, as launcher.test.ts does.
    await page.getByRole('radiogroup', { name: '身分驗證方式' }).getByText('行動自然人憑證').click();
    assert.equal(await page.getByRole('radio', { name: '行動自然人憑證' }).isChecked(), true);
    await page.getByLabel('帳號', { exact: true }).fill(ACCOUNT);
    await page.getByLabel('身分證統一編號').fill(PERSON_ID.toLowerCase());
    assert.deepEqual(await axe(page), []);
    await page.getByRole('button', { name: '送出驗證請求' }).click();
    await page.getByText('請開啟行動自然人憑證 App 確認身分').waitFor();
    await page.getByText(/剩餘 \d+ 秒/u).waitFor();
    assert.deepEqual(await axe(page), []);

    const phone = await (await newContext(browser, { width: 390, height: 844 }, { isMobile: true })).newPage();
    await phone.goto(SIM_URL);
    await phone.getByText(`身分證統一編號：${MASKED}`).first().waitFor();
    await phone
      .getByRole('button', { name: `同意（${MASKED}）` })
      .last()
      .click();
    await phone.getByText('已同意登入。').waitFor();
    await phone.context().close();

    await page.getByRole('heading', { name: '設定密碼', level: 2 }).waitFor({ timeout: 20_000 });
    await page.getByLabel('新密碼', { exact: true }).fill(THIRD_PASSWORD);
    await page.getByLabel('確認新密碼').fill(THIRD_PASSWORD);
    await page.getByRole('button', { name: '完成', exact: true }).click();
    await page.getByText('密碼已重設').waitFor();
    await passwordSignIn(page, SECOND_PASSWORD);
    await page.getByRole('alert').waitFor();
    await passwordSignIn(page, THIRD_PASSWORD);
    await page.getByText('林新進').first().waitFor();
    await page.context().close();
  });
});
