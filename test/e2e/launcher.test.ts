/**
 * PORTAL-3 系統列表 in the browser: user01 searches, stars systems into 常用系統, reorders them
 * by keyboard, opens one in a new tab, and finds them on the home page; the system admin's
 * 系統列表管理. Every page is checked with axe (WCAG 2.1 AA), on a desktop and a 360 px phone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launch, newContext, signIn } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

/** The demo systems live at fictional *.example.gov.tw addresses: answer them inside the browser. */
async function withFictionalSystems(context: BrowserContext): Promise<void> {
  await context.route('https://*.example.gov.tw/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>demo system</title>' }),
  );
}

const favourites = (page: Page) => page.getByRole('list', { name: '常用系統' });
/** A tile's own button: its name starts with the system's (the star and move buttons' start with a verb). */
const tile = (name: string) => ({ name: new RegExp(`^${name}`, 'u') });
const favouriteNames = async (page: Page) =>
  (await favourites(page).locator('.system-tile-name').allTextContents()).map((s) => s.trim());

describe('a civil servant’s 系統列表', () => {
  let page: Page;
  before(async () => {
    const context = await newContext(browser);
    await withFictionalSystems(context);
    page = await context.newPage();
    await signIn(page, 'user01');
    await page.getByText('王小明').first().waitFor();
    // Start without favourites, whatever an earlier run left.
    await page.goto('/systems');
    await page.getByRole('heading', { level: 2, name: '常用系統' }).waitFor();
    const remove = page.getByRole('button', { name: /^刪除常用系統：/u });
    while ((await remove.count()) > 0) {
      const before = await remove.count();
      await remove.first().click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('button[aria-label^="刪除常用系統："]').length < n,
        before,
      );
    }
    await page.goto('/');
  });

  test('opens from the menu and lists the systems of the information centre by category', async () => {
    await page.getByRole('navigation').getByRole('menuitem', { name: '系統列表' }).click();
    await page.getByRole('heading', { level: 1, name: '系統列表' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '行政作業' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 2, name: '機關內網' }).count(), 1);
    assert.equal(await page.getByRole('button', tile('資訊中心內部網站')).count(), 1);
    assert.equal(await page.getByRole('button', tile('衛生局防疫系統')).count(), 0);
  });

  test('系統搜尋 narrows the list; 分類項目 shows one category', async () => {
    const search = page.getByLabel('系統搜尋');
    await search.fill('停車');
    await page.getByRole('status').filter({ hasText: '共 1 個系統' }).waitFor();
    assert.equal(await page.locator('.system-tile-name', { hasText: '停車管理系統' }).count(), 1);
    await search.fill('');
    await page.getByRole('radiogroup', { name: '分類項目' }).getByText('財務地政').click();
    await page.getByRole('heading', { level: 2, name: '財務地政' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 2, name: '行政作業' }).count(), 0);
    await page.getByRole('radiogroup', { name: '分類項目' }).getByText('全部').click();
  });

  test('the star adds a system to 常用系統, and a second one goes after it', async () => {
    await page.getByLabel('系統搜尋').fill('停車');
    await page.getByRole('button', { name: '新增常用系統：停車管理系統' }).click();
    await favourites(page).getByText('停車管理系統').waitFor();
    await page.getByLabel('系統搜尋').fill('公文');
    await page.getByRole('button', { name: '新增常用系統：公文管理系統' }).click();
    await favourites(page).getByText('公文管理系統').waitFor();
    assert.deepEqual(await favouriteNames(page), ['停車管理系統', '公文管理系統']);
    await page.getByLabel('系統搜尋').fill('');
  });

  test('常用系統 are reordered by keyboard and the order is kept', async () => {
    const down = favourites(page).getByRole('button', { name: '下移 停車管理系統' });
    await down.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        document.querySelector('[aria-labelledby="favourites-title"] .system-tile-name')?.textContent ===
        '公文管理系統',
    );
    // It is now last, so 下移 is disabled: focus moved to its 上移, still on the same system.
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    assert.equal(focused, '上移 停車管理系統');
    await page.waitForLoadState('networkidle');
    await page.reload();
    await favourites(page).waitFor();
    assert.deepEqual(await favouriteNames(page), ['公文管理系統', '停車管理系統']);
  });

  test('a tile opens its system in a new tab', async () => {
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      favourites(page).getByRole('button', tile('停車管理系統')).click(),
    ]);
    await tab.waitForURL('https://parking.example.gov.tw/');
    assert.equal(await tab.evaluate(() => window.opener), null);
    await tab.close();
  });

  test('the system list has no WCAG 2.1 AA violations', async () => {
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await axeViolations(page), []);
  });

  test('常用系統 are on the home page too', async () => {
    await page.goto('/');
    const home = page.getByRole('list', { name: '常用系統' });
    await home.getByText('公文管理系統').waitFor();
    assert.deepEqual(
      (await home.locator('.system-tile-name').allTextContents()).map((s) => s.trim()),
      ['公文管理系統', '停車管理系統'],
    );
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await axeViolations(page), []);
  });

  test('the star removes a system from 常用系統', async () => {
    await page.goto('/systems');
    for (const name of ['停車管理系統', '公文管理系統'])
      await favourites(page)
        .getByRole('button', { name: `刪除常用系統：${name}` })
        .click();
    await page.getByText('尚未設定常用系統').waitFor();
    await page.waitForLoadState('networkidle');
  });
});

describe('the system list on a 360 px phone', () => {
  test('fits the screen and has no WCAG 2.1 AA violations', async () => {
    const context = await newContext(browser, { width: 360, height: 780 }, { isMobile: true });
    const page = await context.newPage();
    await signIn(page, 'user01');
    await page.getByText('王小明').first().waitFor();
    await page.goto('/systems');
    await page.getByRole('heading', { level: 2, name: '行政作業' }).waitFor();
    await page.waitForLoadState('networkidle');
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(widths.doc <= widths.view + 1, `page is ${widths.doc}px wide in a ${widths.view}px viewport`);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
});

describe('系統列表管理 (system administrator)', () => {
  test('adds a system limited to one agency, sees it listed, and the page has no WCAG 2.1 AA violations', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'sysadmin');
    await page.getByText('系統管理者').first().waitFor();
    await page.getByRole('navigation').getByRole('menuitem', { name: '系統列表管理' }).click();
    await page.getByRole('heading', { level: 1, name: '系統列表管理' }).waitFor();
    await page.getByRole('cell', { name: /^公文管理系統/u }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await axeViolations(page), [], 'systems tab');

    const name = `E2E 測試系統 ${Date.now()}`;
    await page.getByRole('button', { name: '新增系統' }).click();
    const dialog = page.getByRole('dialog', { name: '新增系統' });
    await dialog.getByLabel('系統名稱').fill(name);
    await dialog.getByLabel('分類項目').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('資訊服務', { exact: true }).click();
    await dialog.getByLabel('系統網址').fill('https://e2e.example.gov.tw/');
    await dialog.getByLabel('可見機關').click();
    await page.keyboard.type('資訊中心');
    await page
      .locator('.ant-select-dropdown:visible')
      .getByTitle(/^嘉禾市政府資訊中心（/u)
      .click();
    // Close the tree's drop-down (not the dialog) before checking the dialog at rest.
    await dialog.getByText('新增系統', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    assert.deepEqual(await axeViolations(page), [], 'system dialog');
    await dialog.getByRole('button', { name: '儲存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: new RegExp(name, 'u') });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /資訊中心/u);

    await row.getByRole('button', { name: `刪除 ${name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: '刪除' }).click();
    await row.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: '分類項目' }).click();
    await page.getByRole('cell', { name: '行政作業', exact: true }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'categories tab');
    await context.close();
  });
});
