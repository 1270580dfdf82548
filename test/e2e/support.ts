/** Browser-test support: Debian's Chromium through playwright-core, and sign-in helpers. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { base32Decode, codeAt, STEP_SECONDS, stepAt } from '../../apps/server/src/modules/totp/totp.ts';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
export const DEMO_PASSWORD = 'Menhu@2026demo';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function newContext(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
  opts: { isMobile?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: BASE_URL,
    viewport,
    locale: 'zh-TW',
    timezoneId: 'Asia/Taipei',
    ...(opts.isMobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
}

/**
 * Accounts whose sign-in asks for a second factor on the e2e server: scripts/e2e.ts runs it with
 * MFA_REQUIRED_ROLES=system_admin, so `sysadmin` (the only demo system administrator) goes
 * through 第二階段驗證 while agencyadmin and user01 keep signing in with a password alone.
 */
export const MFA_ACCOUNTS = new Set(['sysadmin']);

/**
 * 帳號 + 密碼 on the login page. For an MFA account with the right password it also completes the
 * second step: it binds an authenticator app when the page asks for one (first sign-in) and
 * otherwise enters the next code from the secret recorded then, so every spec can sign in as
 * sysadmin whatever ran before it. (The mfa spec runs first in a full run; it checks the
 * binding screen itself.)
 */
export async function signIn(page: Page, account: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('帳號').fill(account);
  await page.getByLabel('密碼', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登入' }).click();
  if (MFA_ACCOUNTS.has(account) && password === DEMO_PASSWORD) await completeSecondStep(page, account);
}

export const mfaHeading = (page: Page) => page.getByRole('heading', { name: '第二階段驗證' });
export const enrolHeading = (page: Page) => page.getByRole('heading', { name: '綁定動態驗證碼' });

async function completeSecondStep(page: Page, account: string): Promise<void> {
  await mfaHeading(page).or(enrolHeading(page)).waitFor();
  if (await enrolHeading(page).isVisible()) {
    await confirmBinding(page, account);
    await page.getByRole('button', { name: '我已妥善保存，繼續' }).click();
    return;
  }
  await page.getByLabel('動態驗證碼', { exact: true }).fill(await nextTotpCode(account));
  await page.getByRole('button', { name: '驗證', exact: true }).click();
}

/**
 * On a binding screen (first sign-in or 個人帳號管理): reads the key shown for manual entry, as
 * a person would type it into an authenticator app, records it, and confirms with its code.
 */
export async function confirmBinding(page: Page, account: string): Promise<void> {
  const shown = await page.locator('.totp-secret code').innerText();
  rememberSecret(account, shown.replace(/\s/gu, ''));
  await page.getByLabel('動態驗證碼', { exact: true }).fill(await nextTotpCode(account));
  await page.getByRole('button', { name: '確認綁定' }).click();
}

/** Bound secrets, shared by the spec processes of one run through a file (scripts/e2e.ts sets the folder). */
interface TotpState {
  [account: string]: { secret: string; lastStep: number };
}
const stateFile = path.join(
  process.env.E2E_STATE_DIR ?? os.tmpdir(),
  `menhu-e2e-totp-${new URL(BASE_URL).port || 'default'}.json`,
);
const readState = (): TotpState =>
  fs.existsSync(stateFile) ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as TotpState) : {};
const writeState = (s: TotpState) => fs.writeFileSync(stateFile, JSON.stringify(s));

export function rememberSecret(account: string, secret: string): void {
  writeState({ ...readState(), [account]: { secret, lastStep: 0 } });
}

/**
 * The authenticator app's next code (RFC 6238). The server accepts the steps around its clock's
 * (±1) but each step only once and never an older one, so two sign-ins within one 30-second
 * step use the next step's code, and a third waits for the clock — the one wait that is
 * inherent to TOTP, not a guess at timing.
 */
export async function nextTotpCode(account: string): Promise<string> {
  const state = readState();
  const entry = state[account];
  if (!entry) throw new Error(`no authenticator secret recorded for ${account}`);
  const step = Math.max(stepAt(Date.now()), entry.lastStep + 1);
  while (step > stepAt(Date.now()) + 1) await sleep((stepAt(Date.now()) + 1) * STEP_SECONDS * 1000 - Date.now() + 50);
  writeState({ ...state, [account]: { ...entry, lastStep: step } });
  return codeAt(base32Decode(entry.secret), step);
}

/** WCAG 2.1 A/AA violations on the current page (axe-core). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
