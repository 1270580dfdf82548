/**
 * The agency administrator's morning: sign in, find a locked account in the agency, unlock it,
 * change one's own password, sign out (issue: Foundation, e2e).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD, launch, newContext, signIn } from './support.ts';

let browser: Browser;
let page: Page;
before(async () => {
  browser = await launch();
  page = await (await newContext(browser)).newPage();
});
after(() => browser.close());

const LOCKED = 'jh1003'; // an account of 資訊中心, the demo agency admin's agency
const NEW_PASSWORD = 'Gov#Portal2026';

async function apiLogin(account: string, password: string): Promise<number> {
  const res = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE_URL },
    body: JSON.stringify({ account, password }),
  });
  return res.status;
}

test('five wrong passwords lock an account of the agency', async () => {
  const answers: number[] = [];
  for (let i = 0; i < 5; i++) answers.push(await apiLogin(LOCKED, 'Wrong#pass1'));
  assert.deepEqual(answers, [401, 401, 401, 401, 423]);
  assert.equal(await apiLogin(LOCKED, DEMO_PASSWORD), 423);
});

test('a wrong password on the login page shows a clear message', async () => {
  await signIn(page, 'agencyadmin', 'Not-the-password1');
  await page.getByText('帳號或密碼錯誤').waitFor();
});

test('the agency admin signs in and sees the admin console', async () => {
  await signIn(page, 'agencyadmin');
  await page.getByRole('navigation').getByText('帳號管理').first().waitFor();
  await page.getByText('林資管').first().waitFor();
});

test('the account list is paged by the server and counts only the agency’s accounts', async () => {
  await page.goto('/admin/accounts');
  const total = await page
    .getByText(/^共 \d+ 筆$/u)
    .first()
    .textContent();
  const n = Number(/\d+/u.exec(total ?? '')?.[0]);
  assert.ok(n > 5 && n < 60, `資訊中心 has a handful of accounts, not the whole city (${n})`);
});

test('the agency admin finds the locked account and unlocks it', async () => {
  await page.goto('/admin/accounts');
  await page.getByLabel('關鍵字').fill(LOCKED);
  await page.getByRole('button', { name: '查詢' }).click();
  const row = page.getByRole('row').filter({ hasText: LOCKED });
  await row.getByText('鎖定').waitFor();
  await row.getByText(LOCKED).first().click();
  await page.getByRole('button', { name: '解鎖' }).click();
  const confirm = page.getByRole('button', { name: '確定' });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await page.getByRole('button', { name: '解鎖' }).waitFor({ state: 'detached' });
  assert.equal(await apiLogin(LOCKED, DEMO_PASSWORD), 200);
});

test('the agency admin exports the account list as xlsx (匯出)', async () => {
  await page.goto('/admin/accounts');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '匯出' }).first().click(),
  ]);
  assert.match(download.suggestedFilename(), /\.xlsx$/u);
  const file = await download.path();
  assert.ok(file, 'the download was saved');
});

test('the agency admin changes their own password', async () => {
  await page.goto('/me');
  await page.getByRole('tab', { name: '變更密碼' }).click();
  await page.getByLabel('目前密碼').fill(DEMO_PASSWORD);
  await page.getByLabel('新密碼', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('確認新密碼').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: '儲存' }).click();
  await page
    .getByText(/密碼已變更|已變更密碼|變更成功/u)
    .first()
    .waitFor();
  assert.equal(await apiLogin('agencyadmin', NEW_PASSWORD), 200);
});

test('signing out returns to the login page and ends the session', async () => {
  const signOut = page.getByRole('button', { name: '登出' });
  await signOut.click();
  await page.waitForURL(/\/login/u);
  const me = await page.evaluate(async () => (await fetch('/api/me')).status);
  assert.equal(me, 401);
});
