/**
 * 機關管理員查詢 (ACC-5) from the login page, on the intranet, without signing in: choose an
 * agency by its code and see its administrators' office contacts; the page passes axe.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, launch, newContext } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

test('from the login page: choose 資訊中心 (399010000A) and see who administers it', async () => {
  const page = await (await newContext(browser)).newPage();
  await page.goto('/login');
  await page.getByRole('link', { name: '機關管理員查詢' }).click();
  await page.getByRole('heading', { name: '機關管理員查詢', level: 1 }).waitFor();
  const select = page.getByLabel('機關／單位');
  await select.click();
  await select.fill('399010000A');
  await page.locator('.ant-select-item-option').first().click();
  const items = page.locator('.ant-list-item');
  await items.first().waitFor();
  assert.ok((await items.count()) >= 1);
  await items.first().getByText('公務電話').waitFor();
  // axe once the option list has closed (its closing animation leaves a nameless listbox behind).
  await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
  await page.mouse.move(0, 0);
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});
