/**
 * The example applications (examples/) against the real portal, as an integrator would try
 * them: single sign-on with OpenID Connect (with refresh, logout and back-channel logout),
 * account verification on the system's own form, and transfer login from the launcher.
 * scripts/e2e.ts registers them through `menhu apps add` and starts them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD, launch, newContext } from './support.ts';

const OIDC_APP = process.env.E2E_EXAMPLE_OIDC_URL ?? '';
const VERIFY_APP = process.env.E2E_EXAMPLE_VERIFY_URL ?? '';
const TRANSFER_APP = process.env.E2E_EXAMPLE_TRANSFER_URL ?? '';

let browser: Browser;
before(async () => {
  assert.ok(OIDC_APP && VERIFY_APP && TRANSFER_APP, 'scripts/e2e.ts starts the examples');
  browser = await launch();
});
after(() => browser.close());

const freshPage = async (): Promise<Page> => (await newContext(browser)).newPage();

/** The example's main area shows the person's 姓名 in its data table. */
async function showsUser01(page: Page): Promise<void> {
  await page.getByText('已登入', { exact: true }).waitFor();
  const row = page.getByRole('row', { name: /姓名/u });
  assert.match(await row.innerText(), /王小明/u);
}

/** Reloads `url` until `text` shows (a state reached asynchronously, e.g. by back-channel logout). */
async function reloadUntil(page: Page, url: string, text: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(url);
    if (await page.getByText(text, { exact: true }).isVisible()) return;
    if (Date.now() > until) assert.fail(`${url} did not show ${text} within ${timeoutMs} ms`);
    await page.waitForTimeout(500);
  }
}

async function signInToOidcExample(page: Page): Promise<void> {
  await page.goto(`${OIDC_APP}/`);
  await page.getByText('未登入', { exact: true }).waitFor();
  await page.getByRole('link', { name: '登入' }).click();
  await page.waitForURL((u) => u.toString().startsWith(`${BASE_URL}/login?return=`));
  await page.getByLabel('帳號').fill('user01');
  await page.getByLabel('密碼', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登入' }).click();
  await page.waitForURL(`${OIDC_APP}/`);
  await showsUser01(page);
}

describe('範例 OIDC 應用系統 (single sign-on)', () => {
  let page: Page;
  before(async () => {
    page = await freshPage();
  });

  test('登入 leads to the portal login page and back, showing the person’s data', async () => {
    await signInToOidcExample(page);
    await page.getByRole('row', { name: /機關代碼/u }).waitFor();
  });

  test('更新權杖 gets new tokens with the refresh token and reads the data again', async () => {
    await page.getByRole('button', { name: '更新權杖' }).click();
    await page.getByText(/^權杖已更新/u).waitFor();
    await showsUser01(page);
  });

  test('登出 goes through the portal’s logout and back to the example, signed out', async () => {
    await page.getByRole('button', { name: '登出' }).click();
    // The portal asks for confirmation (RP-initiated logout); its form posts logout=yes.
    await page.waitForURL((u) => u.toString().startsWith(`${BASE_URL}/oidc/session/end`));
    await page.locator('button[name="logout"][value="yes"]').click();
    await page.waitForURL(`${OIDC_APP}/`);
    await page.getByText('未登入', { exact: true }).waitFor();
  });

  test('logging out of the portal ends the example’s session (back-channel logout)', async () => {
    const person = await freshPage();
    await signInToOidcExample(person);
    await person.goto(`${BASE_URL}/`);
    await person.getByRole('button', { name: '登出' }).click();
    await person.waitForURL(`${BASE_URL}/login`);
    // Delivery goes through the outbox, retried with backoff: allow for a retry or two.
    await reloadUntil(person, `${OIDC_APP}/`, '未登入', 30_000);
  });
});

describe('範例帳號驗證系統 (account verification)', () => {
  let page: Page;
  before(async () => {
    page = await freshPage();
  });

  test('a wrong password on the example’s own form is refused with a message', async () => {
    await page.goto(`${VERIFY_APP}/`);
    await page.getByLabel('帳號').fill('user01');
    await page.getByLabel('密碼').fill('Not-the-password1');
    await page.getByRole('button', { name: '登入' }).click();
    await page.getByRole('alert').getByText('帳號或密碼錯誤').waitFor();
    await page.getByText('未登入', { exact: true }).waitFor();
  });

  test('the portal password on the example’s own form signs the person in and shows their data', async () => {
    await page.goto(`${VERIFY_APP}/`);
    await page.getByLabel('帳號').fill('user01');
    await page.getByLabel('密碼').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登入' }).click();
    await showsUser01(page);
    await page.getByRole('button', { name: '登出' }).click();
    await page.getByText('未登入', { exact: true }).waitFor();
  });
});

/** A portal session outside the browser, for the system administrator's set-up calls. */
describe('範例轉登系統 (transfer login)', () => {
  test('an entry URL with a ticket Menhu does not know explains that the link is not valid', async () => {
    const page = await freshPage();
    await page.goto(`${TRANSFER_APP}/entry?ticket=not-a-real-ticket`);
    // This message comes from MENHU_ERR_TICKET_INVALID: the example's APCODE/APTOKEN were accepted.
    await page
      .getByRole('alert')
      .getByText(/^登入連結無效/u)
      .waitFor();
    await page.getByText('未登入', { exact: true }).waitFor();
  });

  test('after signing in to the OIDC example, the 範例轉登系統 tile in 系統列表 opens it signed in, no password asked', async () => {
    // One browser: sign in once (through the OIDC example), then everything else is single sign-on.
    const page = await freshPage();
    await signInToOidcExample(page);
    await page.goto(`${BASE_URL}/systems`);
    await page.getByLabel('系統搜尋').fill('範例');
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: /^範例轉登系統/u }).click(),
    ]);
    await tab.waitForURL(`${TRANSFER_APP}/`);
    await showsUser01(tab);
    await tab.close();

    // The OIDC example's tile uses third-party-initiated login: no prompt either.
    const [oidcTab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: /^範例 OIDC 應用系統/u }).click(),
    ]);
    await oidcTab.waitForURL(`${OIDC_APP}/`);
    await showsUser01(oidcTab);
  });
});
