/**
 * 備用電子郵件 and 臨時密碼 (SSO-5) as a civil servant meets them: user01 binds a personal
 * address in 個人帳號管理 › 登入安全 with the code mailed to it, signs out, and signs in with
 * 臨時密碼 (address + the newest mailed code). An address bound to no account gets the same
 * notice and no mail. The mails are read from the run's SMTP sink (scripts/mail-sink.ts).
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { mailsTo, nextCode } from './mail.ts';
import { axeViolations, DEMO_PASSWORD, launch, newContext, signIn } from './support.ts';

const BACKUP = 'user01.backup@example.com';
const UNBOUND = 'nobody.here@example.com';
const SENT_NOTICE = '若此信箱已綁定帳號，驗證碼已寄出，10 分鐘內有效。';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

async function noHorizontalOverflow(page: Page): Promise<void> {
  const w = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(w.doc <= w.view + 1, `page is ${w.doc}px wide in a ${w.view}px viewport`);
}

/** The 臨時密碼 tab up to the code step, for `address`. */
async function requestCode(page: Page, address: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('tab', { name: '臨時密碼' }).click();
  await page.getByLabel('備用信箱').fill(address);
  await page.getByRole('button', { name: '寄送驗證碼' }).click();
  await page.getByText(SENT_NOTICE).waitFor();
}

describe('備用電子郵件 and 臨時密碼', () => {
  test('user01 binds a backup address in 登入安全 with the mailed code; the screen passes axe', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'user01');
    await page.getByText('王小明').first().waitFor();
    await page.goto('/me?tab=security');
    const card = page.getByRole('region', { name: '備用電子郵件' });
    await card.getByText('未設定', { exact: true }).waitFor();
    await card.getByText(/非公務信箱/u).waitFor();
    assert.deepEqual(await axeViolations(page), []);

    await card.getByRole('button', { name: '綁定備用信箱' }).click();
    // Focus moves to the step's heading.
    await card.getByRole('heading', { name: '綁定備用信箱' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '綁定備用信箱');
    const seen = mailsTo(BACKUP).length;
    await card.getByLabel('備用信箱').fill(BACKUP);
    await card.getByRole('button', { name: '寄送驗證碼' }).click();
    await card.getByText(`驗證碼已寄至 ${BACKUP}`, { exact: false }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    const code = await nextCode(BACKUP, seen);

    // A wrong code is refused and announced.
    const wrong = code === '000000' ? '111111' : '000000';
    await card.getByLabel('驗證碼', { exact: true }).fill(wrong);
    await card.getByRole('button', { name: '完成綁定' }).click();
    await card.getByRole('alert').waitFor();

    await card.getByLabel('驗證碼', { exact: true }).fill(code);
    await card.getByRole('button', { name: '完成綁定' }).click();
    await card.getByText('綁定時間').waitFor();
    // The address is shown masked, never in full.
    const shown = await card.locator('.backup-address').innerText();
    assert.match(shown, /@example\.com$/u);
    assert.notEqual(shown, BACKUP);
    await card.getByRole('button', { name: '變更備用信箱' }).waitFor();

    await page.getByRole('button', { name: '登出' }).click();
    await page.getByRole('heading', { name: '個人帳號登入' }).waitFor();
    await page.context().close();
  });

  test('signs in with 臨時密碼 on a 360 px phone: address + the newest mailed code; the screen passes axe', async () => {
    const page = await (await newContext(browser, { width: 360, height: 740 }, { isMobile: true })).newPage();
    const seen = mailsTo(BACKUP).length;
    await requestCode(page, BACKUP);
    await noHorizontalOverflow(page);
    assert.deepEqual(await axeViolations(page), []);
    // 重新寄送 waits a little, so a code is not asked for twice by a double tap.
    assert.equal(await page.getByRole('button', { name: /重新寄送/u }).isDisabled(), true);
    const code = await nextCode(BACKUP, seen);
    await page.getByLabel('驗證碼', { exact: true }).fill(code);
    await page.getByRole('button', { name: '登入', exact: true }).click();
    await page.getByText('王小明').first().waitFor();
    await noHorizontalOverflow(page);
    await page.context().close();
  });

  test('an address bound to no account gets the same notice, no mail, and its code is refused', async () => {
    const page = await (await newContext(browser)).newPage();
    await requestCode(page, UNBOUND);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel('驗證碼', { exact: true }).fill('123456');
    await page.getByRole('button', { name: '登入', exact: true }).click();
    await page.getByRole('alert').waitFor();
    // Whatever the server would have sent has had time to arrive.
    await sleep(1500);
    assert.equal(mailsTo(UNBOUND).length, 0);
    await page.context().close();
  });

  test('user01 unbinds the backup address after re-entering the password', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, 'user01');
    await page.getByText('王小明').first().waitFor();
    await page.goto('/me?tab=security');
    const card = page.getByRole('region', { name: '備用電子郵件' });
    await card.getByRole('button', { name: '解除備用信箱綁定' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('目前密碼').fill('Not-the-password1');
    await dialog.getByRole('button', { name: '解除綁定' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('目前密碼').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: '解除綁定' }).click();
    await card.getByText('未設定', { exact: true }).waitFor();
    await page.context().close();
  });
});
