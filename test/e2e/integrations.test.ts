/**
 * INT-1..4 應用系統服務介接管理 in a browser: a civil servant registers an application and sees
 * its APTOKEN once, requests 帳號驗證 and 單一登入; the system administrator approves one and
 * rejects the other with a reason; the applicant sees both decisions, the 審核紀錄, downloads
 * the guide, and the approved APTOKEN answers the verification API (counted in 統計).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, BASE_URL, DEMO_PASSWORD, launch, newContext, signIn } from './support.ts';

let browser: Browser;
let page: Page;
before(async () => {
  browser = await launch();
  page = await (await newContext(browser)).newPage();
});
after(() => browser.close());

const APP_NAME = `差勤管理系統 ${Date.now().toString(36)}`;
const CALLBACK = 'https://leave.example.gov.tw/oidc/callback?lang=zh';
const REJECT_REASON = '回應網址須為正式環境網域';
let apcode = '';
let aptoken = '';
let appPath = '';

async function noAxeViolations(where: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // The pointer left resting on a just-clicked button would be measured in its hover colours.
  await page.mouse.move(0, 0);
  // Text fading in or out (a dialog opening, a message leaving) is at partial opacity, which
  // axe would measure as low contrast: let messages go and animations finish.
  await page.waitForFunction(() => !document.querySelector('.ant-message-notice'));
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  assert.deepEqual(await axeViolations(page), [], `violations on ${where}`);
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: '登出' }).click();
  await page.waitForURL(/\/login/u);
}

const serviceRow = (service: string) => page.getByRole('row').filter({ hasText: service });

test('user01 reaches 應用系統服務介接管理 from the menu under 線上申請作業', async () => {
  await signIn(page, 'user01');
  const nav = page.getByRole('navigation', { name: '主選單' });
  await nav.getByText('線上申請作業').waitFor();
  await nav.getByText('應用系統服務介接管理').click();
  await page.waitForURL(/\/integrations$/u);
  await page.getByRole('heading', { level: 1, name: '應用系統服務介接管理' }).waitFor();
  await page.getByLabel('關鍵字').waitFor();
  await noAxeViolations('/integrations');
});

test('registering an application shows APCODE and the APTOKEN once', async () => {
  await page.getByRole('button', { name: '新增應用系統' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('介接機關/單位名稱').waitFor();
  await noAxeViolations('the 新增應用系統 form');
  await dialog.getByLabel('聯絡人 e-mail').fill('wang@example.gov.tw');
  await dialog.getByLabel('介接系統名稱').fill(APP_NAME);
  await dialog.getByLabel('介接系統網址').fill('https://leave.example.gov.tw/');
  await dialog.getByLabel('開發廠商名稱').fill('好系統資訊股份有限公司');
  await dialog.getByRole('button', { name: '新增', exact: true }).click();

  await dialog.getByText('APTOKEN 只顯示這一次，請妥善保存').waitFor();
  const codes = dialog.locator('.secret-value');
  apcode = ((await codes.nth(0).textContent()) ?? '').trim();
  aptoken = ((await codes.nth(1).textContent()) ?? '').trim();
  assert.match(apcode, /^[0-9a-f-]{18}$/u);
  assert.ok(aptoken.length >= 32, 'a long random APTOKEN');
  await dialog.getByRole('button', { name: '複製 APTOKEN' }).waitFor();
  await noAxeViolations('the shown-once APTOKEN');

  await dialog.getByRole('button', { name: '我已保存，前往應用系統' }).click();
  await page.waitForURL(/\/integrations\/\d+$/u);
  appPath = new URL(page.url()).pathname;
  await page.getByRole('heading', { level: 1, name: APP_NAME }).waitFor();
  await page.getByText(apcode).first().waitFor();
  assert.equal(await page.getByText(aptoken).count(), 0, 'the APTOKEN is not shown again');
  for (const service of ['單一登入', '帳號驗證', '轉登', '簡訊發送'])
    await serviceRow(service).getByText('尚未申請').waitFor();
  await noAxeViolations('the application page');
});

test('user01 requests 帳號驗證 with a description', async () => {
  await serviceRow('帳號驗證').getByRole('button', { name: '我要申請' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('服務介接申請資訊').first().waitFor();
  await dialog.getByLabel('申請說明').fill('差勤系統以公務帳號密碼登入');
  await dialog.getByRole('button', { name: '送出申請' }).click();
  await page.getByText(/已送出「帳號驗證」申請/u).waitFor();
  await serviceRow('帳號驗證').getByText('未審核').waitFor();
});

test('user01 requests 單一登入 with claims and a callback URL', async () => {
  await serviceRow('單一登入').getByRole('button', { name: '我要申請' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('group', { name: '所需回拋資料' }).waitFor();
  // Nothing ticked: the form says what is missing before asking the server.
  await dialog.getByRole('button', { name: '送出申請' }).click();
  await dialog.getByText('請至少勾選一項回拋資料').waitFor();
  await noAxeViolations('the 單一登入 request form');

  await dialog.getByRole('checkbox', { name: '姓名' }).check();
  await dialog.getByRole('checkbox', { name: '公務郵件' }).check();
  await dialog.getByRole('checkbox', { name: '機關代碼' }).check();
  await dialog.getByLabel('驗證處理常式含參數名稱(回應網址Callback URL)').fill(CALLBACK);
  await dialog.getByLabel('申請說明').fill('差勤系統改以單一登入');
  await dialog.getByRole('button', { name: '送出申請' }).click();
  await page.getByText(/已送出「單一登入」申請/u).waitFor();
  await serviceRow('單一登入').getByText('未審核').waitFor();
});

test('the system administrator approves 帳號驗證 and rejects 單一登入 with a reason', async () => {
  await signOut();
  await signIn(page, 'sysadmin');
  await page.getByRole('navigation', { name: '主選單' }).getByText('介接申請審核').click();
  await page.waitForURL(/\/admin\/integrations/u);
  await page.getByRole('heading', { level: 1, name: '介接申請審核' }).waitFor();
  await page.getByRole('row').filter({ hasText: APP_NAME }).first().waitFor();
  await noAxeViolations('/admin/integrations');

  const pending = (service: string) => page.getByRole('row').filter({ hasText: APP_NAME }).filter({ hasText: service });
  await pending('帳號驗證').getByRole('button', { name: '審核' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByText('差勤系統以公務帳號密碼登入').waitFor();
  await noAxeViolations('the review dialog');
  await dialog.getByRole('button', { name: '審核通過' }).click();
  await page.getByText('已審核通過').waitFor();
  await pending('帳號驗證').waitFor({ state: 'detached' });

  await pending('單一登入').getByRole('button', { name: '審核' }).click();
  dialog = page.getByRole('dialog');
  // Claims appear as their labels, the callback URL as asked.
  await dialog.getByText('公務郵件').waitFor();
  await dialog.getByText(CALLBACK).waitFor();
  await dialog.getByRole('button', { name: '駁回' }).click();
  await dialog.getByText('駁回時請填寫理由').waitFor();
  await dialog.getByLabel('理由').fill(REJECT_REASON);
  await dialog.getByRole('button', { name: '駁回' }).click();
  await page.getByText('已駁回', { exact: true }).waitFor();
  await pending('單一登入').waitFor({ state: 'detached' });
});

test('the system administrator sees the application among all applications', async () => {
  await page.getByRole('tab', { name: '應用系統清單' }).click();
  const row = page.getByRole('row').filter({ hasText: APP_NAME });
  await row.getByText('使用中').waitFor();
  await row.getByRole('button', { name: /^停權/u }).waitFor();
  await noAxeViolations('/admin/integrations?tab=apps');
});

test('back as user01: the statuses, the reason and the 審核紀錄', async () => {
  await signOut();
  await signIn(page, 'user01');
  await page.getByRole('navigation', { name: '主選單' }).waitFor();
  await page.goto(appPath);
  await serviceRow('帳號驗證').getByText('審核通過').waitFor();
  await serviceRow('單一登入').getByText('駁回', { exact: true }).waitFor();
  await serviceRow('單一登入').getByText(REJECT_REASON).waitFor();

  await serviceRow('單一登入').getByRole('button', { name: '審核紀錄' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(`理由：${REJECT_REASON}`).waitFor();
  await dialog.getByText('處理人：sysadmin').waitFor();
  await dialog.getByText(CALLBACK).waitFor();
  await noAxeViolations('the 審核紀錄 dialog');
  await dialog.getByRole('button', { name: '關閉' }).first().click();
  await dialog.waitFor({ state: 'hidden' });
});

test('user01 downloads the 帳號驗證 引用說明 written with the application’s APCODE', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    serviceRow('帳號驗證').getByRole('button', { name: /下載/u }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.md$/u);
  const file = await download.path();
  assert.ok(file, 'the download was saved');
  assert.ok(fs.readFileSync(file, 'utf8').includes(apcode), 'the guide names this application’s APCODE');
});

test('the approved APTOKEN answers the verification API and the call is counted in 統計', async () => {
  const res = await fetch(`${BASE_URL}/api/v1/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-apcode': apcode, 'x-aptoken': aptoken },
    body: JSON.stringify({ account: 'user01', password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(((await res.json()) as { valid: boolean }).valid, true);

  await serviceRow('帳號驗證').getByRole('link', { name: /統計/u }).click();
  await page.waitForURL(/\/stats\?service=verify/u);
  await page.getByRole('heading', { level: 1, name: /呼叫次數統計/u }).waitFor();
  await page.getByRole('img', { name: /共 1 次呼叫/u }).waitFor();
  await page.getByRole('row').filter({ hasText: '帳號驗證' }).first().waitFor();
  await noAxeViolations('the 呼叫次數統計 page');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '匯出呼叫次數統計' }).click(),
  ]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/u);
});

test('on a 360 px wide phone the application page fits the screen', async () => {
  const phone = await (await newContext(browser, { width: 360, height: 740 }, { isMobile: true })).newPage();
  await signIn(phone, 'user01');
  await phone.getByText('王小明').first().waitFor();
  await phone.goto(appPath);
  await phone.getByRole('heading', { level: 1, name: APP_NAME }).waitFor();
  await phone.getByRole('heading', { name: '介接服務狀態' }).waitFor();
  const widths = await phone.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.doc <= widths.view + 1, `page is ${widths.doc}px wide in a ${widths.view}px viewport`);
  await phone.close();
});
