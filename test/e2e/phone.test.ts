/** A civil servant on a phone (390×844): signs in, reaches the menu and 個人帳號管理, nothing overflows. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, newContext, signIn } from './support.ts';

let browser: Browser;
let page: Page;
before(async () => {
  browser = await launch();
  page = await (await newContext(browser, { width: 390, height: 844 }, { isMobile: true })).newPage();
});
after(() => browser.close());

async function noHorizontalOverflow(): Promise<void> {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.doc <= widths.view + 1, `page is ${widths.doc}px wide in a ${widths.view}px viewport`);
}

test('user01 signs in on a phone and sees the home page', async () => {
  await signIn(page, 'user01');
  await page.getByText('王小明').first().waitFor();
  await noHorizontalOverflow();
});

test('the menu opens on a phone and leads to 個人帳號管理', async () => {
  await page
    .getByRole('button', { name: /選單|menu/iu })
    .first()
    .click();
  await page.getByText('個人帳號管理').first().click();
  await page.waitForURL(/\/me/u);
  await page.getByText('user01').first().waitFor();
  await noHorizontalOverflow();
});

test('a plain user sees no admin console', async () => {
  await page.goto('/');
  await page.getByText('王小明').first().waitFor();
  assert.equal(await page.getByText('管理主控台').count(), 0);
});
