/**
 * 行動自然人憑證 (SSO-5) as a civil servant meets it: user01 enters the demo ID number on the
 * login page, approves the request on the TW FidO simulator's phone page (a second page here,
 * scripts/twfido-sim.ts started by scripts/e2e.ts), and lands in the portal signed in; a refused
 * request is announced on the login page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launch, newContext } from './support.ts';

const SIM_URL = process.env.E2E_TWFIDO_SIM_URL ?? 'http://127.0.0.1:3900';
/** user01's published demo ID number (apps/server/src/modules/demo/seed.ts). */
const USER01_ID = 'A123456789';
const MASKED = 'A1*****789';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

async function requestPush(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByRole('tab', { name: '行動自然人憑證' }).click();
  await page.getByLabel('身分證統一編號').fill(USER01_ID.toLowerCase());
  await page.getByRole('button', { name: '送出登入請求' }).click();
  await page.getByText('請開啟行動自然人憑證 App 確認登入').waitFor();
}

/** The phone: the simulator's page, in its own browser context. */
async function onPhone(action: '同意' | '拒絕'): Promise<void> {
  const phone = await (await newContext(browser, { width: 390, height: 844 }, { isMobile: true })).newPage();
  await phone.goto(SIM_URL);
  await phone.getByText(`身分證統一編號：${MASKED}`).first().waitFor();
  assert.equal(await phone.getByText(USER01_ID).count(), 0, 'the phone page never shows the whole number');
  await phone
    .getByRole('button', { name: `${action}（${MASKED}）` })
    .last()
    .click();
  await phone.getByText(action === '同意' ? '已同意登入。' : '已拒絕登入。').waitFor();
  await phone.context().close();
}

describe('行動自然人憑證', () => {
  test('user01 approves on the phone and is signed in; the waiting screen passes axe', async () => {
    const page = await (await newContext(browser)).newPage();
    await requestPush(page);
    await page.getByText(/剩餘 \d+ 秒/u).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await onPhone('同意');
    await page.getByText('王小明').first().waitFor({ timeout: 20_000 });
    assert.doesNotMatch(page.url(), /\/login/u);
    await page.context().close();
  });

  test('a request refused on the phone is announced, and can be sent again', async () => {
    const page = await (await newContext(browser)).newPage();
    await requestPush(page);
    await onPhone('拒絕');
    await page.getByRole('alert').filter({ hasText: '您已在 App 中拒絕這次登入。' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: '重新送出' }).click();
    await page.getByLabel('身分證統一編號').waitFor();
    await page.context().close();
  });
});
