/**
 * 實體自然人憑證 (SSO-5) as a civil servant meets it, with the HiPKI simulator
 * (scripts/hipki-sim.ts) standing in for the local HiPKI service: user01 binds a card in
 * 個人帳號管理 › 登入安全 through the popup protocol, a wrong PIN is explained, signs out and signs
 * in with the card alone, then removes it with the password. The screens pass axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { axeViolations, DEMO_PASSWORD, launch, newContext, signIn } from './support.ts';

const PIN = '123456';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

/** Types the PIN, presses `button`, and signs in the simulator's popup as 王小明 with `idTail`. */
async function signWithCard(
  context: BrowserContext,
  scope: Page | Locator,
  button: string,
  opts: { pin?: string; idTail: string; simulate?: string },
): Promise<void> {
  await scope.getByLabel('自然人憑證 PIN 碼').fill(opts.pin ?? PIN);
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    scope.getByRole('button', { name: button }).click(),
  ]);
  await popup.getByRole('button', { name: '簽章' }).waitFor();
  await popup.getByLabel('身分證末四碼').fill(opts.idTail);
  if (opts.simulate) await popup.getByLabel('模擬狀況').selectOption({ label: opts.simulate });
  await Promise.all([popup.waitForEvent('close'), popup.getByRole('button', { name: '簽章' }).click()]);
}

describe('實體自然人憑證', () => {
  test('user01 binds a card, signs in with it alone, and removes it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'user01');
    await page.getByText('王小明').first().waitFor();
    const account = (await page.evaluate(async () => (await fetch('/api/me/account')).json())) as {
      idNumberMasked: string;
    };
    const idTail = account.idNumberMasked.slice(-4);

    await page.goto('/me?tab=security');
    const card = page.getByRole('region', { name: '自然人憑證' });
    await card.getByText('尚未綁定', { exact: true }).waitFor();
    await card.getByRole('button', { name: '綁定自然人憑證' }).click();
    await card.getByLabel('自然人憑證 PIN 碼').waitFor();
    await page.mouse.move(0, 0); // no hover colours in the contrast check
    assert.deepEqual(await axeViolations(page), []);

    // A wrong PIN: the simulator answers like HiPKI (last_error 0xa0), the page says what to do.
    await signWithCard(context, card, '讀取憑證並綁定', { pin: '000000', idTail });
    await card
      .getByRole('alert')
      .getByText(/PIN 碼錯誤/u)
      .waitFor();
    // No card in the reader (ret_code 0x76000006).
    await signWithCard(context, card, '讀取憑證並綁定', { idTail, simulate: '沒有卡片' });
    await card
      .getByRole('alert')
      .getByText(/讀卡機中沒有自然人憑證/u)
      .waitFor();
    // Another person's card (other ID digits) is refused by the server.
    await signWithCard(context, card, '讀取憑證並綁定', { idTail: idTail === '9999' ? '8888' : '9999' });
    await card
      .getByRole('alert')
      .getByText(/不屬於本帳號持有人/u)
      .waitFor();
    // Their own card binds.
    await signWithCard(context, card, '讀取憑證並綁定', { idTail });
    await page.getByText('已綁定自然人憑證').waitFor();
    await card.getByText(/王小明（TP03/u).waitFor();
    await page.getByText('已綁定自然人憑證').waitFor({ state: 'hidden' }); // the toast fades in and out
    await page.mouse.move(0, 0);
    assert.deepEqual(await axeViolations(page), [], 'the bound card listed');

    // Signed out, the card alone signs in (no second step).
    await page.getByRole('button', { name: '登出' }).click();
    await page.waitForURL(/\/login/u);
    await page.getByRole('tab', { name: '自然人憑證', exact: true }).click();
    await page.getByLabel('自然人憑證 PIN 碼').waitFor();
    await page.mouse.move(0, 0); // no hover colours in the contrast check
    assert.deepEqual(await axeViolations(page), []);
    await signWithCard(context, page, '以自然人憑證登入', { idTail });
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const me = (await page.evaluate(async () => (await fetch('/api/me')).json())) as { account: string };
    assert.equal(me.account, 'user01');

    // Removal asks for the password.
    await page.goto('/me?tab=security');
    await card.getByRole('button', { name: '解除自然人憑證' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('目前密碼').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: '解除' }).click();
    await page.getByText('已解除自然人憑證').waitFor();
    await card.getByText('尚未綁定', { exact: true }).waitFor();
    await context.close();
  });
});
