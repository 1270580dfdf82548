/** WCAG 2.1 AA checks with axe-core on the main pages, in both languages' default (zh-TW). */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launch, newContext, signIn } from './support.ts';

let browser: Browser;
let page: Page;
const cspViolations: string[] = [];
before(async () => {
  browser = await launch();
  page = await (await newContext(browser)).newPage();
  page.on('console', (msg) => {
    if (/Content Security Policy/iu.test(msg.text())) cspViolations.push(msg.text());
  });
});
after(() => browser.close());

test('the login page has no WCAG 2.1 AA violations and declares its language', async () => {
  await page.goto('/login');
  await page.getByLabel('帳號').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.match((await page.getAttribute('html', 'lang')) ?? '', /^zh/u);
});

test('the pages of a system administrator have no WCAG 2.1 AA violations', async () => {
  await signIn(page, 'sysadmin');
  await page.getByText('系統管理者').first().waitFor();
  for (const path of ['/', '/me', '/admin/accounts', '/admin/orgs', '/admin/audit']) {
    await page.goto(path);
    await page.getByRole('main').waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await axeViolations(page), [], `violations on ${path}`);
  }
});

test('no page broke the Content Security Policy', () => {
  assert.deepEqual(cspViolations, []);
});
