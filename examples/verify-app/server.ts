/**
 * 範例帳號驗證系統 — an example system that keeps its own login form and asks Menhu whether the
 * account and password are right (帳號驗證, POST /api/v1/verify). See README.md.
 *
 *   MENHU_URL=http://localhost:3000 PORT=3102 APCODE=… APTOKEN=… node examples/verify-app/server.ts
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PortalPerson } from '../shared/app-api.ts';
import { errorBox, escapeHtml, page, personPage, statusPage } from '../shared/html.ts';
import { commonSettings, fromOwnPage, readForm, redirect, sendPage, serve, setting } from '../shared/http.ts';
import { SessionStore } from '../shared/session.ts';
import { verifyCredentials } from './verify.ts';

const { port, appUrl, menhuUrl, secureCookies } = commonSettings(3102);
const credentials = { menhuUrl, apcode: setting('APCODE'), aptoken: setting('APTOKEN') };
const SYSTEM = { name: '範例帳號驗證系統', en: 'Example system: account verification' };

/** What this system remembers about a signed-in person: who they are, as Menhu said. */
const sessions = new SessionStore<PortalPerson>({ cookieName: 'menhu_example_verify', secure: secureCookies });

function loginForm(res: ServerResponse, status: number, error?: string, account = ''): void {
  const form = `<p>請以公務入口網的帳號與密碼登入本系統。<span lang="en">Sign in with your portal account.</span></p>
<form class="stack" method="post" action="/login">
  <label for="account">帳號</label>
  <input id="account" name="account" autocomplete="username" required value="${escapeHtml(account)}">
  <label for="password">密碼</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <div><button type="submit">登入</button></div>
</form>`;
  sendPage(res, status, statusPage(SYSTEM, false, form, error));
}

async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req);
  const account = (form.get('account') ?? '').trim();
  const password = form.get('password') ?? '';
  if (!account || !password) return loginForm(res, 400, '請輸入帳號與密碼。', account);
  const outcome = await verifyCredentials(credentials, account, password);
  if (!outcome.signedIn) return loginForm(res, 401, outcome.message, account);
  // A new session (and cookie) for the person just verified.
  sessions.start(req, res, { sub: outcome.sub, account: outcome.account, claims: outcome.claims });
  redirect(res, '/');
}

serve(SYSTEM.name, port, appUrl, async (req, res) => {
  const path = new URL(req.url ?? '/', appUrl).pathname;
  if (req.method === 'GET' && path === '/') {
    const session = sessions.read(req);
    return session ? sendPage(res, 200, personPage(SYSTEM, session.data)) : loginForm(res, 200);
  }
  if (req.method === 'POST' && !fromOwnPage(req, appUrl))
    return sendPage(res, 403, page(SYSTEM, errorBox('拒絕跨站請求。')));
  if (req.method === 'POST' && path === '/login') return signIn(req, res);
  if (req.method === 'POST' && path === '/logout') {
    sessions.end(req, res);
    return redirect(res, '/');
  }
  sendPage(res, 404, page(SYSTEM, errorBox('找不到此頁。')));
});
