/**
 * 手機掃碼登入 (SSO-5) with two browser contexts, a phone and a desktop: on the phone sysadmin
 * signs in with two factors and binds the phone (a WebCrypto device key kept in IndexedDB); the
 * desktop's login page shows a QR code for its challenge (and the same link written out); the
 * phone opens it, sees which browser and network ask, rejects once, then — after 重新產生 —
 * allows, and the desktop lands signed in within seconds. The phone is unbound from the
 * desktop's 登入安全 with the password. Every new screen passes axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, BASE_URL, DEMO_PASSWORD, launch, newContext, signIn } from './support.ts';

const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

let browser: Browser;
let phoneContext: BrowserContext;
let phone: Page;
let desktop: Page;
/** Status polls by the desktop: none while server-sent events work. */
const polls: string[] = [];

before(async () => {
  browser = await launch();
  phoneContext = await browser.newContext({
    baseURL: BASE_URL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    userAgent: PHONE_UA,
    locale: 'zh-TW',
    timezoneId: 'Asia/Taipei',
  });
  phone = await phoneContext.newPage();
  desktop = await (await newContext(browser)).newPage();
  desktop.on('request', (r) => {
    if (r.method() === 'GET' && /^\/api\/auth\/qr\/[^/]+$/u.test(new URL(r.url()).pathname)) polls.push(r.url());
  });
});
after(() => browser.close());

/** The link the desktop's QR code holds, as written out under it. */
async function challengeLink(): Promise<string> {
  const link = desktop.locator('a.qr-challenge-link');
  await link.waitFor();
  const href = await link.getAttribute('href');
  assert.ok(href, 'the challenge link has an address');
  assert.match(href, /\/m\/approve#[A-Za-z0-9_-]{20,}$/u);
  return href;
}

describe('手機掃碼登入', () => {
  test('a phone signed in with a password alone is asked for two factors before binding', async () => {
    const context = await browser.newContext({
      baseURL: BASE_URL,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      userAgent: PHONE_UA,
      locale: 'zh-TW',
      timezoneId: 'Asia/Taipei',
    });
    const page = await context.newPage();
    // The login page on a phone offers no 手機掃碼 tab (a phone cannot scan its own screen).
    await page.goto('/login');
    await page.getByRole('tab', { name: '一般登入' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: '手機掃碼' }).count(), 0);
    await signIn(page, 'user01');
    await page.getByText('王小明').first().waitFor();
    await page.goto('/m/device');
    await page.getByRole('alert').filter({ hasText: '綁定手機前，請先在此手機上以兩階段驗證' }).waitFor();
    await page.getByRole('button', { name: '以兩階段驗證重新登入' }).waitFor();
    assert.equal(await page.getByRole('button', { name: '綁定此手機' }).count(), 0);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test('on the phone, sysadmin signs in with two factors and binds the phone; the page passes axe', async () => {
    await signIn(phone, 'sysadmin');
    await phone.getByText('系統管理者').first().waitFor();
    await phone.goto('/m/device');
    await phone.getByRole('heading', { name: '綁定手機（手機掃碼登入）' }).waitFor();
    const name = phone.getByLabel('裝置名稱');
    assert.equal(await name.inputValue(), 'Chrome · Android');
    assert.deepEqual(await axeViolations(phone), []);
    await name.fill('E2E 公務手機');
    await phone.getByRole('button', { name: '綁定此手機' }).click();
    await phone.getByText('此手機已綁定帳號 sysadmin（E2E 公務手機）。').waitFor();
  });

  test('the desktop shows a QR code with a countdown; the phone sees who asks and rejects', async () => {
    await desktop.goto('/login');
    await desktop.getByRole('tab', { name: '手機掃碼' }).click();
    await desktop.getByRole('img', { name: '手機掃碼登入用 QR Code' }).waitFor();
    await desktop.getByText(/QR Code 將於 \d+ 秒後失效/u).waitFor();
    await desktop.getByText('等待手機確認中…').waitFor();
    assert.deepEqual(await axeViolations(desktop), []);

    await phone.goto(await challengeLink());
    await phone.getByRole('heading', { name: '是否允許此瀏覽器登入？' }).waitFor();
    await phone.getByText('府內網路').waitFor();
    await phone.getByText('Chrome', { exact: true }).waitFor();
    await phone.getByText('登入帳號：sysadmin').waitFor();
    assert.deepEqual(await axeViolations(phone), []);
    await phone.getByRole('button', { name: '拒絕' }).click();
    await phone.getByText('已拒絕此次登入。').waitFor();
    await desktop.getByText('此次登入已在手機上被拒絕。').waitFor({ timeout: 5000 });
  });

  test('after 重新產生, the phone allows and the desktop is signed in within seconds', async () => {
    const old = await challengeLink();
    await desktop.getByRole('button', { name: '重新產生' }).click();
    await desktop.waitForFunction(
      (prev) => document.querySelector('a.qr-challenge-link')?.getAttribute('href') !== prev,
      old,
    );
    await phone.goto(await challengeLink());
    await phone.getByRole('button', { name: '允許' }).click();
    await phone.getByText('已允許，電腦將自動登入。').waitFor();
    await desktop.getByText('系統管理者').first().waitFor({ timeout: 5000 });
    assert.equal(new URL(desktop.url()).pathname, '/');
    assert.deepEqual(polls, [], 'the desktop followed the challenge by server-sent events');
    // An approval page opened again for the used challenge says so.
    await phone.reload();
    await phone.getByRole('alert').filter({ hasText: '無效或已使用' }).waitFor();
  });

  test('the desktop lists the phone in 登入安全 and unbinds it with the password', async () => {
    await desktop.goto('/me?tab=security');
    const card = desktop.getByRole('region', { name: '手機掃碼登入' });
    await card.getByRole('cell', { name: 'E2E 公務手機', exact: true }).first().waitFor();
    assert.deepEqual(await axeViolations(desktop), []);
    await card.getByRole('button', { name: '綁定手機' }).click();
    await card.getByRole('img', { name: '手機綁定頁面 QR Code' }).waitFor();
    await card.getByRole('button', { name: '解除綁定 E2E 公務手機' }).click();
    const dialog = desktop.getByRole('dialog', { name: '解除手機綁定' });
    await dialog.getByLabel('目前密碼').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: '解除綁定' }).click();
    await desktop.getByText('已解除手機綁定').waitFor();
    await card.getByText('尚未綁定任何手機。').waitFor();
    // The phone's page offers binding again: its stored key is no longer known to the server.
    await phone.goto('/m/device');
    await phone.getByRole('button', { name: '綁定此手機' }).waitFor();
  });
});
