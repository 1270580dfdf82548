/**
 * 通行金鑰 (passkeys) as a civil servant meets them, with Chromium's virtual authenticator
 * (DevTools WebAuthn domain: a CTAP2 platform authenticator with resident keys and user
 * verification): user01 signs in with the password, adds a named passkey in 登入安全, signs out,
 * signs in from the 通行金鑰 tab without typing the account, sees that session, and removes the
 * passkey with the password. The new screens pass axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, DEMO_PASSWORD, launch, mfaHeading, newContext, signIn } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

/** axe on the page once it is still: no pointer hover, no message fading, no dialog animating. */
async function noAxeViolations(page: Page, where: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => !document.querySelector('.ant-message-notice'));
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  assert.deepEqual(await axeViolations(page), [], `violations on ${where}`);
}

describe('通行金鑰', () => {
  test('user01 adds a passkey, signs in with it without the account name, and removes it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await signIn(page, 'user01');
    await page.getByText('王小明').first().waitFor();
    await page.goto('/me?tab=security');
    const card = page.getByRole('region', { name: '通行金鑰' });
    await card.getByText('尚未新增通行金鑰').waitFor();
    await noAxeViolations(page, '登入安全');

    await card.getByRole('button', { name: '新增通行金鑰' }).click();
    const add = page.getByRole('dialog', { name: '新增通行金鑰' });
    await add.getByLabel('名稱').fill('E2E 筆電');
    await noAxeViolations(page, '新增通行金鑰 dialog');
    // A wrong password is refused before the device is asked.
    await add.getByLabel('目前密碼').fill('not-the-password');
    await add.getByRole('button', { name: '下一步' }).click();
    await add.getByRole('alert').getByText('目前密碼錯誤').waitFor();
    await add.getByLabel('目前密碼').fill(DEMO_PASSWORD);
    await add.getByRole('button', { name: '下一步' }).click();
    await card.getByText('E2E 筆電').waitFor();
    await card.getByText('尚未使用').waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0]!.isResidentCredential, true, 'a discoverable credential');
    assert.equal(credentials[0]!.rpId, 'localhost');
    await noAxeViolations(page, 'the listed passkey');

    await page.getByRole('button', { name: '登出' }).click();
    await page.getByRole('heading', { name: '個人帳號登入' }).waitFor();
    await page.getByRole('tab', { name: '通行金鑰' }).click();
    await page.getByRole('button', { name: '使用通行金鑰登入' }).waitFor();
    await noAxeViolations(page, 'the 通行金鑰 tab');
    // No account typed: the authenticator offers the discoverable credential.
    await page.getByRole('button', { name: '使用通行金鑰登入' }).click();
    await page.getByText('王小明').first().waitFor();

    await page.goto('/me?tab=sessions');
    await page.getByRole('cell', { name: '通行金鑰', exact: true }).first().waitFor();

    await page.goto('/me?tab=security');
    await card.getByText(/最近使用/u).waitFor();
    await card.getByRole('button', { name: '移除 E2E 筆電' }).click();
    const remove = page.getByRole('dialog', { name: '移除通行金鑰' });
    await remove.getByLabel('目前密碼').fill(DEMO_PASSWORD);
    await noAxeViolations(page, '移除通行金鑰 dialog');
    await remove.getByRole('button', { name: '移除' }).click();
    await card.getByText('尚未新增通行金鑰').waitFor();
    await context.close();
  });

  test('on a 360 px phone the 通行金鑰 tab fits and a cancelled prompt is announced', async () => {
    const context = await newContext(browser, { width: 360, height: 740 }, { isMobile: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    // A device that cannot verify its user: the browser refuses a user-verification-required request.
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: false,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto('/login');
    await page.getByRole('tab', { name: '通行金鑰' }).click();
    await page.getByRole('button', { name: '使用通行金鑰登入' }).click();
    await page.getByRole('alert').getByText('已取消或逾時，未完成通行金鑰操作。請再試一次。').waitFor();
    const w = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(w.doc <= w.view + 1, `page is ${w.doc}px wide in a ${w.view}px viewport`);
    await noAxeViolations(page, 'the phone login page');
    await context.close();
  });

  test('sysadmin (second factor required) uses a passkey as the second step after the password', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    // Password + 動態驗證碼 (support.ts), then a passkey is added beside the authenticator app.
    await signIn(page, 'sysadmin');
    await page.goto('/me?tab=security');
    const card = page.getByRole('region', { name: '通行金鑰' });
    await card.getByRole('button', { name: '新增通行金鑰' }).click();
    const add = page.getByRole('dialog', { name: '新增通行金鑰' });
    await add.getByLabel('名稱').fill('管理者金鑰');
    await add.getByLabel('目前密碼').fill(DEMO_PASSWORD);
    await add.getByRole('button', { name: '下一步' }).click();
    await card.getByText('管理者金鑰').waitFor();
    await page.getByRole('button', { name: '登出' }).click();
    await page.getByRole('heading', { name: '個人帳號登入' }).waitFor();

    await page.getByLabel('帳號').fill('sysadmin');
    await page.getByLabel('密碼', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登入' }).click();
    await mfaHeading(page).waitFor();
    await page.getByRole('button', { name: '改用通行金鑰' }).click();
    await noAxeViolations(page, 'the second step with a passkey');
    await page.getByRole('button', { name: '使用通行金鑰驗證' }).click();
    await mfaHeading(page).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '登出' }).waitFor();
    await page.goto('/me?tab=sessions');
    await page.getByRole('cell', { name: '一般登入 + 通行金鑰' }).first().waitFor();

    // The authenticator app remains, so the passkey may go.
    await page.goto('/me?tab=security');
    await card.getByRole('button', { name: '移除 管理者金鑰' }).click();
    const remove = page.getByRole('dialog', { name: '移除通行金鑰' });
    await remove.getByLabel('目前密碼').fill(DEMO_PASSWORD);
    await remove.getByRole('button', { name: '移除' }).click();
    await card.getByText('尚未新增通行金鑰').waitFor();
    await context.close();
  });
});
