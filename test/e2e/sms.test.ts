/**
 * 簡訊 (SSO-5) as a civil servant meets it, with the development `log` provider: user01 binds a
 * mobile number in 個人帳號管理 › 登入安全, signs out, and signs in with 簡訊 (account + code);
 * the codes are read where a developer reads them — sysadmin's 管理主控台 › 簡訊發送紀錄. An
 * unknown account gets the same notice and no message. Finally the number is removed with the
 * password. sysadmin, whose second step is the authenticator app, binds a number too and completes
 * a sign-in with 改用簡訊驗證碼.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, DEMO_PASSWORD, launch, newContext, signIn } from './support.ts';

const TYPED = '+886 912 345 678';
const MASKED = '0912-***-678';
const LOGIN_NOTICE = '若此帳號已綁定手機號碼，簡訊驗證碼已傳送，5 分鐘內有效。';

let browser: Browser;
/** sysadmin, signed in once, reading 簡訊發送紀錄. */
let admin: Page;
const seen = new Set<string>();

before(async () => {
  browser = await launch();
  admin = await (await newContext(browser)).newPage();
  await signIn(admin, 'sysadmin');
  await admin.getByText('系統管理者').first().waitFor();
});
after(() => browser.close());

/** The newest row of 簡訊發送紀錄 (its text), after the table has loaded. */
async function newestRow(): Promise<string> {
  await admin.goto('/admin/sms-messages');
  const first = admin.locator('tbody tr.ant-table-row').first();
  await first.waitFor();
  return first.innerText();
}

/** The code of the newest message to `to` (masked) for `purpose` not read before. */
async function nextCode(purpose: string, to = MASKED): Promise<string> {
  for (let i = 0; i < 40; i++) {
    await admin.goto('/admin/sms-messages');
    const rows = admin.locator('tbody tr.ant-table-row').filter({ hasText: to }).filter({ hasText: purpose });
    await admin.locator('tbody tr.ant-table-row').first().waitFor();
    if ((await rows.count()) > 0) {
      const code = /驗證碼 (\d{6})/u.exec(await rows.first().innerText())?.[1];
      if (code && !seen.has(code)) {
        seen.add(code);
        return code;
      }
    }
    await sleep(250);
  }
  throw new Error(`no new ${purpose} message to ${to}`);
}

describe('簡訊 binding and sign-in', () => {
  test('user01 binds a mobile number with the code from 簡訊發送紀錄; both screens pass axe', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'user01');
    await page.getByText('王小明').first().waitFor();
    await page.goto('/me?tab=security');
    const card = page.getByRole('region', { name: '手機號碼' });
    await card.getByText('未設定', { exact: true }).waitFor();
    assert.deepEqual(await axeViolations(page), []);

    await card.getByRole('button', { name: '綁定手機號碼' }).click();
    await card.getByRole('heading', { name: '綁定手機號碼' }).waitFor();
    await card.getByLabel('手機號碼').fill(TYPED);
    await card.getByRole('button', { name: '傳送簡訊驗證碼' }).click();
    await card.getByText('簡訊驗證碼已傳送至', { exact: false }).waitFor();
    assert.deepEqual(await axeViolations(page), []);

    const code = await nextCode('綁定手機');
    assert.deepEqual(await axeViolations(admin), [], '簡訊發送紀錄');
    const wrong = code === '000000' ? '111111' : '000000';
    await card.getByLabel('簡訊驗證碼', { exact: true }).fill(wrong);
    await card.getByRole('button', { name: '完成綁定' }).click();
    await card.getByRole('alert').waitFor();
    await card.getByLabel('簡訊驗證碼', { exact: true }).fill(code);
    await card.getByRole('button', { name: '完成綁定' }).click();
    await card.getByText('綁定時間').waitFor();
    await card.getByText(MASKED).waitFor();
    await card.getByRole('button', { name: '變更手機號碼' }).waitFor();

    await page.getByRole('button', { name: '登出' }).click();
    await page.getByRole('heading', { name: '個人帳號登入' }).waitFor();
    await page.context().close();
  });

  test('signs in with 簡訊 on a 360 px phone: account + the code; the screen passes axe', async () => {
    const page = await (await newContext(browser, { width: 360, height: 740 }, { isMobile: true })).newPage();
    await page.goto('/login');
    await page.getByRole('tab', { name: '簡訊' }).click();
    await page.getByLabel('帳號').fill('user01');
    await page.getByRole('button', { name: '傳送簡訊驗證碼' }).click();
    await page.getByText(LOGIN_NOTICE).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.equal(await page.getByRole('button', { name: /重新傳送/u }).isDisabled(), true);
    const code = await nextCode('簡訊登入');
    await page.getByLabel('簡訊驗證碼', { exact: true }).fill(code);
    await page.getByRole('button', { name: '登入', exact: true }).click();
    await page.getByText('王小明').first().waitFor();
    const w = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(w.doc <= w.view + 1, `page is ${w.doc}px wide in a ${w.view}px viewport`);
    await page.context().close();
  });

  test('an unknown account gets the same notice and no message; its code is refused', async () => {
    const before = await newestRow();
    const page = await (await newContext(browser)).newPage();
    await page.goto('/login');
    await page.getByRole('tab', { name: '簡訊' }).click();
    await page.getByLabel('帳號').fill('nobody-here');
    await page.getByRole('button', { name: '傳送簡訊驗證碼' }).click();
    await page.getByText(LOGIN_NOTICE).waitFor();
    await page.getByLabel('簡訊驗證碼', { exact: true }).fill('123456');
    await page.getByRole('button', { name: '登入', exact: true }).click();
    await page.getByRole('alert').waitFor();
    // Whatever the server would have queued has had time to appear.
    await sleep(1500);
    assert.equal(await newestRow(), before);
    await page.context().close();
  });

  test('user01 removes the number after re-entering the password', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'user01');
    await page.getByText('王小明').first().waitFor();
    await page.goto('/me?tab=security');
    const card = page.getByRole('region', { name: '手機號碼' });
    await card.getByRole('button', { name: '解除手機號碼綁定' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('目前密碼').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: '解除綁定' }).click();
    await card.getByText('未設定', { exact: true }).waitFor();
    await page.context().close();
  });

  test('sysadmin completes the second step with a text-message code instead of the app', async () => {
    const ADMIN_TYPED = '0933222111';
    const ADMIN_MASKED = '0933-***-111';
    await admin.goto('/me?tab=security');
    const card = admin.getByRole('region', { name: '手機號碼' });
    await card.getByRole('button', { name: '綁定手機號碼' }).click();
    await card.getByLabel('手機號碼').fill(ADMIN_TYPED);
    await card.getByRole('button', { name: '傳送簡訊驗證碼' }).click();
    await card.getByText('簡訊驗證碼已傳送至', { exact: false }).waitFor();
    const bindCode = await nextCode('綁定手機', ADMIN_MASKED);
    await admin.goto('/me?tab=security');
    await card.getByRole('button', { name: '輸入驗證碼' }).click();
    await card.getByLabel('簡訊驗證碼', { exact: true }).fill(bindCode);
    await card.getByRole('button', { name: '完成綁定' }).click();
    await card.getByText(ADMIN_MASKED).waitFor();

    const page = await (await newContext(browser)).newPage();
    await page.goto('/login');
    await page.getByLabel('帳號').fill('sysadmin');
    await page.getByLabel('密碼', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登入' }).click();
    await page.getByRole('heading', { name: '第二階段驗證' }).waitFor();
    await page.getByRole('button', { name: '改用簡訊驗證碼' }).click();
    await page.getByRole('button', { name: '傳送簡訊驗證碼' }).click();
    await page.getByText(`簡訊驗證碼已傳送至 ${ADMIN_MASKED}`, { exact: false }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    const code = await nextCode('第二階段驗證', ADMIN_MASKED);
    await page.getByLabel('簡訊驗證碼', { exact: true }).fill(code);
    await page.getByRole('button', { name: '驗證', exact: true }).click();
    await page.getByText('系統管理者').first().waitFor();
    await page.goto('/me?tab=sessions');
    await page.getByText('一般登入 + 簡訊').first().waitFor();
    await page.context().close();

    // The authenticator app remains, so the number may go.
    await admin.goto('/me?tab=security');
    await card.getByRole('button', { name: '解除手機號碼綁定' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('目前密碼').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: '解除綁定' }).click();
    await card.getByText('未設定', { exact: true }).waitFor();
  });
});
